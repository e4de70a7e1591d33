// SPDX-License-Identifier: MIT
#include "cli/commands.h"

namespace quizdeck::cli {

Command make_group(std::string name, std::string summary, std::vector<Command> subcommands) {
  Command group;
  group.name = std::move(name);
  group.summary = std::move(summary);
  group.declare = [](Declare&) {};
  group.needs = [] { return Needs{}; };
  group.subcommands = std::move(subcommands);
  return group;
}

std::vector<Command> command_table() {
  std::vector<Command> table;
  table.push_back(check_command());
  table.push_back(new_command());
  table.push_back(schema_command());
  table.push_back(cards_command());
  table.push_back(preview_command());
  table.push_back(print_command());
  table.push_back(analyze_command());
  table.push_back(grades_command());
  table.push_back(import_command());
  table.push_back(export_command());
  table.push_back(fsrs_command());
  table.push_back(optimize_command());
  table.push_back(simulate_command());
  table.push_back(plan_command());
  table.push_back(today_command());
  table.push_back(drill_command());
  table.push_back(exam_command());
  table.push_back(cram_command());
  table.push_back(stats_command());
  table.push_back(status_command());
  table.push_back(report_command());
  table.push_back(store_command());
  table.push_back(history_command());
  table.push_back(sync_command());
  table.push_back(responses_command());
  table.push_back(results_command());
  table.push_back(class_command());
  table.push_back(reset_command());
  table.push_back(relink_command());
  table.push_back(suspend_command());
  table.push_back(unsuspend_command());
  table.push_back(bury_command());
  table.push_back(flag_command());
  table.push_back(config_command());
  table.push_back(completion_command());
  return table;
}

}  // namespace quizdeck::cli
