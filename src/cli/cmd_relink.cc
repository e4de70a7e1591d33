// SPDX-License-Identifier: MIT
#include "cli/cmd_relink.h"

#include <array>
#include <filesystem>

#include <fmt/format.h>

#include "cli/deck_files.h"

namespace quizdeck::cli {

ExitCode run_relink(const StoreOptions& store_options, const RelinkOptions& options, Streams& io) {
  auto store = open_store(store_options, false, io);
  if (!store) return ExitCode::kIoError;
  try {
    const auto deck_id = resolve_deck(*store, options.deck, io);
    if (!deck_id) return ExitCode::kUsage;
    if (options.old_id == options.new_id) {
      io.err << "quizdeck: error: the old and new ids are the same\n";
      return ExitCode::kUsage;
    }
    // The new card's prompt: from the store if it has seen the card, else from the deck.
    std::string prompt;
    bool found = false;
    if (const auto known = store->card(*deck_id, options.new_id)) {
      prompt = known->prompt;
      found = true;
    } else if (const auto deck = store->deck(*deck_id)) {
      std::error_code ec;
      if (std::filesystem::exists(deck->path, ec)) {
        const std::array<std::string, 1> paths{deck->path};
        const LoadedDecks loaded = load_decks(paths);
        for (const auto& d : loaded.decks) {
          for (const auto& card : d.cards) {
            if (card.id == options.new_id) {
              prompt = card.prompt;
              found = true;
            }
          }
        }
      }
    }
    if (!found) {
      io.err << fmt::format(
          "quizdeck: error: deck '{}' has no card '{}' (neither in the store nor "
          "in its deck file)\n",
          *deck_id, options.new_id);
      return ExitCode::kUsage;
    }
    const auto counts = store->review_counts(*deck_id);
    const auto it = counts.find(options.old_id);
    store->relink(*deck_id, options.old_id, options.new_id, prompt);
    const std::int64_t moved = it == counts.end() ? 0 : it->second;
    io.out << fmt::format("moved {} {} of '{}' to '{}' in deck '{}'\n", moved,
                          moved == 1 ? "review" : "reviews", options.old_id, options.new_id,
                          *deck_id);
    return ExitCode::kOk;
  } catch (const store::StoreError& error) {
    return report_store_error(error, io);
  }
}

}  // namespace quizdeck::cli
