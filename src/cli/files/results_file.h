// SPDX-License-Identifier: MIT
// Reading one learner's results file (quizdeck(1), RESULTS FORMAT) line by line, for
// `analyze` and `grades`: a header first (a byte order mark before it is skipped), then
// each exam sitting and answer handed on as read. An error names the file and the line.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analysis/results.h"
#include "core/expected.h"

namespace quizdeck::cli {

// `on_header` gets the header before any record; `take` gets each sitting and answer.
// Gives back the header.
core::Expected<analysis::ResultsHeader> read_results_file(
    const std::string& path, const std::function<void(const analysis::ResultsHeader&)>& on_header,
    const std::function<void(const analysis::ResultsRecord&)>& take);

// The same, each line read into the record `place` gives (its strings keep their memory
// from line to line when it is the same record each time), which `keep` is then given:
// the header first, then each sitting and answer. A line found wrong is not kept.
core::Expected<analysis::ResultsHeader> read_results_file_into(
    const std::string& path, const std::function<analysis::ResultsRecord&()>& place,
    const std::function<void(analysis::ResultsRecord&)>& keep);

// The files to read for these arguments: a directory stands for the results files in it
// (its regular files named *.jsonl, by name, as `responses -o DIR` writes them); an
// error for a directory with none.
core::Expected<std::vector<std::string>> results_paths(const std::vector<std::string>& args);

}  // namespace quizdeck::cli
