// SPDX-License-Identifier: MIT
// `quizdeck store path|check|rebuild|prune`: where the store is, is it sound, recompute
// card states from the review log, remove cards that left their decks.
#pragma once

#include <string>
#include <vector>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct StorePruneOptions {
  std::vector<std::string> paths;  // deck files to compare with; default: where each was seen
  bool yes = false;
};

ExitCode run_store_path(const StoreOptions& store, Streams& io);
ExitCode run_store_check(const StoreOptions& store, Streams& io);
ExitCode run_store_rebuild(const StoreOptions& store, Streams& io);
ExitCode run_store_prune(const StoreOptions& store, const StorePruneOptions& options, Streams& io);

}  // namespace quizdeck::cli
