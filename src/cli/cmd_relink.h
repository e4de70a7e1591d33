// SPDX-License-Identifier: MIT
// `quizdeck relink DECK OLD_ID NEW_ID`: move a card's history to its new id after an edit
// changed the id (a reworded question without an explicit id).
#pragma once

#include <string>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"

namespace quizdeck::cli {

struct RelinkOptions {
  std::string deck;
  std::string old_id;
  std::string new_id;
};

ExitCode run_relink(const StoreOptions& store, const RelinkOptions& options, Streams& io);

}  // namespace quizdeck::cli
