// SPDX-License-Identifier: MIT
// What stats, status and report share: the decks (the given files, else every deck the
// store has seen, from where it was seen), the store's rows, and the local calendar.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/store_access.h"
#include "cli/streams.h"
#include "core/exit_code.h"
#include "deck/deck.h"
#include "deck/deck_codec.h"
#include "stats/stats.h"

namespace quizdeck::cli {

struct ProgressData {
  std::vector<deck::Deck> decks;
  std::vector<std::string> deck_ids;
  std::map<std::string, schedule::Scheduler> schedulers;
  stats::Input input;
  stats::Stats stats;
  std::optional<store::Store> store;  // still open, for a command's own queries
};

// Loads everything, or prints why not and returns the exit code in `failure`. The decks
// have the detail asked for: an outline is enough for the figures.
std::optional<ProgressData> load_progress(const StoreOptions& store_options,
                                          const std::vector<std::string>& paths, Streams& io,
                                          ExitCode& failure,
                                          deck::Detail detail = deck::Detail::kOutline);

// Whether the locale speaks UTF-8 (LC_ALL, else LC_CTYPE, else LANG).
bool utf8_locale();

}  // namespace quizdeck::cli
