// SPDX-License-Identifier: MIT
// One function per command file, each returning that command's row of the table.
#pragma once

#include "cli/command.h"

namespace quizdeck::cli {

Command check_command();
Command cards_command();
Command import_command();
Command export_command();
Command fsrs_command();
Command drill_command();
Command exam_command();
Command cram_command();
Command stats_command();
Command status_command();
Command today_command();
Command report_command();
Command store_command();
Command history_command();
Command optimize_command();
Command new_command();
Command print_command();
Command responses_command();
Command results_command();
Command analyze_command();
Command grades_command();
Command schema_command();
Command preview_command();
Command simulate_command();
Command plan_command();
Command reset_command();
Command sync_command();
Command relink_command();
Command suspend_command();
Command unsuspend_command();
Command bury_command();
Command flag_command();
Command config_command();
Command class_command();
Command completion_command();

}  // namespace quizdeck::cli
