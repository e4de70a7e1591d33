// SPDX-License-Identifier: MIT
// `quizdeck cards DECK`: list a deck's cards (id, type, tags, first line of the prompt).
#pragma once

#include <string>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct CardsOptions {
  std::string path;
  bool json = false;
  StoreOptions store;  // for the deck cache beside it
};

ExitCode run_cards(const CardsOptions& options, Streams& io);

}  // namespace quizdeck::cli
