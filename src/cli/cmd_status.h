// SPDX-License-Identifier: MIT
// `quizdeck status [PATH...]`: one short line per deck, for shell prompts and scripts
// ("crss: 12 due, 5 new, next in 3h"); the exit status says whether anything is due.
#pragma once

#include <string>
#include <vector>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct StatusOptions {
  std::vector<std::string> paths;
  int new_per_day = 20;
};

ExitCode run_status(const StoreOptions& store, const StatusOptions& options, Streams& io);

}  // namespace quizdeck::cli
