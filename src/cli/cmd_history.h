// SPDX-License-Identifier: MIT
// `quizdeck history [DECK] [--card ID] [--since DATE] [--json|--csv]`: the review log.
#pragma once

#include <optional>
#include <string>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct HistoryOptions {
  std::optional<std::string> deck;
  std::optional<std::string> card;
  std::optional<std::string> since;
  bool json = false;
  bool csv = false;
};

ExitCode run_history(const StoreOptions& store, const HistoryOptions& options, Streams& io);

}  // namespace quizdeck::cli
