// SPDX-License-Identifier: MIT
// `quizdeck stats [PATH...]`: progress figures and charts in the terminal, or --json.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct StatsOptions {
  std::vector<std::string> paths;  // default: every deck the store has seen
  int days = 365;                  // history the heatmap shows
  bool json = false;
  std::string color = "auto";
  std::optional<int> width;  // default: the terminal's
};

ExitCode run_stats(const StoreOptions& store, const StatsOptions& options, Streams& io);

}  // namespace quizdeck::cli
