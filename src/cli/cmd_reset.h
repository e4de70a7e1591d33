// SPDX-License-Identifier: MIT
// `quizdeck reset DECK [--card ID]`: forget progress. Cards go back to New; their reviews
// are kept, marked as reset, so nothing is destroyed by accident.
#pragma once

#include <optional>
#include <string>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct ResetOptions {
  std::string deck;
  std::optional<std::string> card;
  bool yes = false;
};

ExitCode run_reset(const StoreOptions& store, const ResetOptions& options, Streams& io);

}  // namespace quizdeck::cli
