// SPDX-License-Identifier: MIT
// `quizdeck check PATH...`: lint decks like a compiler, every problem in one run.
#pragma once

#include <string>
#include <vector>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";  // text | json
  bool compare_store = false;   // --store: also name cards that left their decks
  StoreOptions store;
};

ExitCode run_check(const CheckOptions& options, Streams& io);

}  // namespace quizdeck::cli
