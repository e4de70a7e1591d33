// SPDX-License-Identifier: MIT
// From command-line paths to parsed decks: a directory means every .yaml/.yml file below
// it (hidden entries skipped, sorted by path), each its own deck; two decks may not share
// an id. I/O problems are diagnostics too, flagged so the caller can exit with kIoError.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "deck/deck.h"
#include "deck/deck_codec.h"
#include "store/deck_cache.h"

namespace quizdeck::cli {

// Decks larger than this are refused before they are read.
inline constexpr std::uintmax_t kMaxDeckBytes = 64ULL * 1024 * 1024;

struct LoadedDecks {
  std::vector<deck::Deck> decks;              // the valid ones
  std::vector<deck::Deck> rejected;           // the others, as far as they could be read
                                              // (deck::DeckParse::rejected), for `check`
  std::vector<core::Diagnostic> diagnostics;  // sorted by file, line, column
  std::size_t files = 0;                      // deck files found
  bool io_error = false;                      // some path could not be read
  bool has_errors() const;
  std::size_t count(core::Severity severity) const;
};

// With a cache, a deck file it holds is not parsed again (see store/deck_cache.h): the deck
// comes with its cards read from the cache as they are asked for; one it does not hold is
// parsed and, when valid, added. Either way the deck carries the content hash of its file.
LoadedDecks load_decks(std::span<const std::string> paths,
                       const std::shared_ptr<store::DeckCache>& cache = nullptr);

}  // namespace quizdeck::cli
