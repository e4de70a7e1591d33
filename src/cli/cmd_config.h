// SPDX-License-Identifier: MIT
// `quizdeck config [--deck DECK] [KEY [VALUE]]`: the scheduler settings the store keeps,
// globally or for one deck (a deck's setting wins over the global one).
#pragma once

#include <optional>
#include <string>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct ConfigOptions {
  std::optional<std::string> deck;
  std::optional<std::string> key;
  std::optional<std::string> value;
  bool unset = false;
};

ExitCode run_config(const StoreOptions& store, const ConfigOptions& options, Streams& io);

}  // namespace quizdeck::cli
