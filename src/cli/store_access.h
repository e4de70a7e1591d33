// SPDX-License-Identifier: MIT
// What the store commands share: where the store is (--store, QUIZDECK_STORE,
// $XDG_DATA_HOME/quizdeck/quizdeck.db, ~/.local/share/quizdeck/quizdeck.db), opening it
// with errors turned into messages, times given on the command line, and confirmations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cli/streams.h"
#include "core/exit_code.h"
#include "core/time.h"
#include "store/deck_cache.h"
#include "store/store.h"

namespace quizdeck::cli {

using core::format_local_time;

// Options every store command takes.
struct StoreOptions {
  std::optional<std::string> path;  // --store
  std::optional<std::string> now;   // --now (else QUIZDECK_NOW, else the clock)
  bool no_cache = false;            // --no-cache: parse every deck file
};

// Empty when no location can be worked out (no HOME).
std::string store_path(const StoreOptions& options);

// The parsed-deck cache beside the store ("<store>.deck-cache"); nullopt with --no-cache
// or when there is no store location.
std::optional<store::DeckCache> deck_cache(const StoreOptions& options);

// Opens the store, or prints why not (and returns nothing). With `create` false a missing
// store is reported, not made.
std::optional<store::Store> open_store(const StoreOptions& options, bool create, Streams& io);

// Prints a store error; returns the exit code for it.
ExitCode report_store_error(const store::StoreError& error, Streams& io);

// Where the store last saw each of its decks, for commands given no paths. A deck whose
// file is gone gets a warning ending in `consequence` ("it is left out") and is skipped.
std::vector<std::string> last_seen_deck_paths(store::Store& store, std::string_view consequence,
                                              Streams& io);

// --now, QUIZDECK_NOW or the clock, in ms. Prints an error and returns nothing when the
// given time is not valid.
std::optional<std::int64_t> resolve_now(const StoreOptions& options, Streams& io);

// "2026-01-01", "2026-01-01T09:00" (local time) or with Z / +01:00.
std::optional<std::int64_t> parse_time_argument(const std::string& text);

// The deck a DECK argument names: a deck file (its id), or a deck id the store knows.
// Prints why not and returns nothing when neither.
std::optional<std::string> resolve_deck(store::Store& store, const std::string& argument,
                                        Streams& io);

// Asks on the terminal; without one, `yes` must be given. Returns false (after saying so)
// when the user declines or there is no one to ask.
bool confirm(const std::string& question, bool yes, Streams& io, bool& usage_error);

}  // namespace quizdeck::cli
