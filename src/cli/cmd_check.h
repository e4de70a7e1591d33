// SPDX-License-Identifier: MIT
// `quizdeck check PATH...`: lint decks like a compiler, every problem in one run.
#pragma once

#include <string>
#include <vector>

#include "cli/output.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";  // text | json
};

ExitCode run_check(const CheckOptions& options, Output& output);

}  // namespace quizdeck::cli
