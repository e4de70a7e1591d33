// SPDX-License-Identifier: MIT
// What a command runs with: the streams, the global options (--store, --now, --no-cache),
// and what its Needs asked for, provided once by app.cc in a fixed order: the clock, the
// decks named on the command line (a bad deck is refused before the store is touched),
// the store, the decks the store knows, their schedulers. Helpers for what commands share
// (naming a deck by file or id, asking for confirmation, warnings) live here too.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/deck_files.h"
#include "cli/declare.h"
#include "cli/files/output_guard.h"
#include "cli/streams.h"
#include "core/expected.h"
#include "schedule/fsrs.h"
#include "store/deck_cache.h"
#include "store/store.h"

namespace quizdeck::cli {

// Options every command takes, before or after its name.
struct GlobalOptions {
  std::optional<std::string> store;  // --store
  std::optional<std::string> now;    // --now (else QUIZDECK_NOW, else the clock)
  bool no_cache = false;             // --no-cache: parse every deck file
};

// --store, --now and --no-cache, declared once for the parser and the completion scripts.
void declare_global(Declare& d, GlobalOptions& options);

// Every store is checked for damage before a command uses it, and refused whole; readers
// open it read-only (so they work on a store in a read-only directory).
enum class StoreNeed {
  kNone,
  kReadIfExists,   // read: the store when there is one (no error when there is none)
  kRead,           // read: an existing store (a missing one is an error)
  kWriteExisting,  // write: an existing store
  kWrite,          // write: the store, created when missing
};

struct Needs {
  bool clock = false;  // Context::now, from --now, QUIZDECK_NOW or the clock
  StoreNeed store = StoreNeed::kNone;
  bool decks = false;                     // Context::decks (with the deck cache unless --no-cache)
  std::vector<std::string> deck_paths;    // deck files and directories from the command line
  bool decks_from_store = false;          // none given: every deck the store has seen
  bool new_decks_without_store = false;   // decks given but no store yet: an empty one in memory
  bool deck_problems_are_output = false;  // the command reports deck diagnostics itself
  bool schedulers = false;                // each deck's scheduler, from the store's settings
  // Cards the command selects (--card, --tag): checked against the decks named before the
  // store is created or written (cli/selection.h).
  std::optional<std::string> select_card;
  std::vector<std::string> select_tags;
};

// What a command needs that reads the decks named by file or by id and writes nothing
// (preview, print, analyze): the store when there is one, for deck ids.
Needs deck_reader_needs(std::vector<std::string> deck_paths);

// A StoreError as a failure: a request that does not fit the data is a usage error,
// anything else an I/O error.
core::Failure store_failure(const store::StoreError& error);

class Context {
 public:
  Context(Streams& streams, const GlobalOptions& options) : io(streams), global(options) {}

  Streams& io;
  const GlobalOptions& global;
  std::int64_t now = 0;       // with Needs::clock
  bool frozen_clock = false;  // --now or QUIZDECK_NOW given: time moves only when told
  LoadedDecks decks;          // with Needs::decks
  std::map<std::string, schedule::Scheduler> schedulers;  // with Needs::schedulers
  bool store_in_memory = false;  // decks given before any study: an empty store stands in
  // The files named on the command line but the outputs (set by app.cc from the
  // declarations: every file argument not marked as written).
  std::vector<std::string> named_inputs;

  // The guard every output of the command goes through (cli/files/output_file.h): the
  // store and its files, the files named on the command line, the decks loaded and the
  // media their cards name, and what the command read besides (`also`).
  OutputGuard output_guard(const std::vector<std::string>& also = {}) const;

  // Provides what `needs` asks for, printing deck diagnostics as it goes.
  core::Expected<void> provide(const Needs& needs);

  bool has_store() const { return store_.has_value(); }
  store::Store& store() { return *store_; }

  // Where the store is: --store, QUIZDECK_STORE, $XDG_DATA_HOME/quizdeck/quizdeck.db,
  // ~/.local/share/quizdeck/quizdeck.db; empty when none can be worked out (no HOME).
  std::string store_path() const;
  // The parsed-deck cache beside the store; null with --no-cache or without a store path.
  const std::shared_ptr<store::DeckCache>& cache();
  core::Expected<store::Store> open_store(StoreNeed need, bool migrate = true) const;

  // Prints a diagnostic (or a warning without a file: "quizdeck: warning: ...").
  void report(const core::Diagnostic& diagnostic);
  void warn(std::string message);

  // The deck a DECK argument names: a deck file (its id), or a deck id the store knows.
  core::Expected<std::string> resolve_deck(const std::string& argument);
  // Asks on the terminal; without one, `yes` must be given (else a usage failure).
  // False when the learner declines.
  core::Expected<bool> confirm(const std::string& question, bool yes);
  // Where the store last saw each of its decks. A deck whose file is gone gets a warning
  // ending in `consequence` ("it is left out") and is skipped.
  std::vector<std::string> last_seen_deck_paths(std::string_view consequence);
  // Deck arguments as paths to read: a file or directory as given; a name that is no file
  // (no '/', no .yaml) is a deck id, read from where the store last saw it. Unknown ids are
  // a usage error with "did you mean".
  core::Expected<std::vector<std::string>> deck_arguments(
      const std::vector<std::string>& arguments);

 private:
  // Where the store last saw a deck, if a deck file is still there (else a warning ending
  // in `consequence`).
  std::optional<std::string> remembered_path(const store::DeckRecord& deck,
                                             std::string_view consequence);
  core::Expected<void> load(const std::vector<std::string>& paths, const Needs& needs);
  bool cache_may_sit_beside(const std::string& store) const;
  std::optional<store::Store> store_;
  std::shared_ptr<store::DeckCache> cache_;
  bool cache_made_ = false;
  bool cache_refusal_told_ = false;
};

// "2026-01-01", "2026-01-01T09:00" (local time) or with Z / +01:00, in ms.
std::optional<std::int64_t> parse_time_argument(const std::string& text);

}  // namespace quizdeck::cli
