// SPDX-License-Identifier: MIT
// Many learners' results files read one after another on a second thread, while the
// caller takes their records on its own: reading and parsing the lines (half of the work
// of `analyze` over a class) runs beside what is done with them. The files, their order,
// what each one gives and every error are as read_results_file gives them one by one.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analysis/results.h"
#include "core/expected.h"

namespace quizdeck::cli {

// What the caller does with each file, on its own thread, in the order of `paths`:
// `header` before its records, `record` for each sitting and answer (which it may swap
// with a spent one of its own: the reader reads into it again), `end` after its last (an
// error from `end` stops the reading).
struct ResultsFileSink {
  std::function<void(const std::string& path, const analysis::ResultsHeader& header)> header;
  std::function<void(analysis::ResultsRecord& record)> record;
  std::function<core::Expected<void>(const std::string& path,
                                     const analysis::ResultsHeader& header)>
      end;
};

// Reads every file; the first error (a file's, or one `end` gives) ends the reading and
// is given back, with nothing after it taken.
core::Expected<void> read_results_files(const std::vector<std::string>& paths,
                                        const ResultsFileSink& sink);

}  // namespace quizdeck::cli
