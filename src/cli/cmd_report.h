// SPDX-License-Identifier: MIT
// `quizdeck report [PATH...] -o FILE`: one self-contained HTML page (inline SVG charts and
// CSS, nothing fetched) with the stats figures, accuracy per tag and the cards missed most.
#pragma once

#include <string>
#include <vector>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct ReportOptions {
  std::vector<std::string> paths;
  std::string output = "quizdeck-report.html";
};

ExitCode run_report(const StoreOptions& store, const ReportOptions& options, Streams& io);

}  // namespace quizdeck::cli
