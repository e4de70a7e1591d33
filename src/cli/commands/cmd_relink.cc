// SPDX-License-Identifier: MIT
// `quizdeck relink DECK OLD_ID NEW_ID`: moves a card's history to its new id after an edit.
#include <array>
#include <filesystem>

#include <fmt/format.h>

#include "cli/commands.h"

namespace quizdeck::cli {
namespace {

struct RelinkOptions {
  std::string deck;
  std::string old_id;
  std::string new_id;
};

void declare_relink(Declare& d, RelinkOptions& o) {
  d.positional("DECK", &o.deck, "a deck id or deck file").required().completes(Complete::kDeckOrId);
  d.positional("OLD_ID", &o.old_id, "the id the history is under").required();
  d.positional("NEW_ID", &o.new_id, "the card's id now").required();
}

core::Expected<void> validate(const RelinkOptions& o) {
  if (o.old_id == o.new_id) return core::fail(ExitCode::kUsage, "the old and new ids are the same");
  return {};
}

Needs needs(const RelinkOptions&) {
  Needs n;
  n.store = StoreNeed::kWriteExisting;
  return n;
}

// The new card's prompt: from the store if it has seen the card, else from the deck file.
std::optional<std::string> new_prompt(Context& context, const std::string& deck_id,
                                      const std::string& card_id) {
  if (const auto known = context.store().card(deck_id, card_id)) return known->prompt;
  const auto deck = context.store().deck(deck_id);
  std::error_code ec;
  if (!deck || !std::filesystem::exists(deck->path, ec)) return std::nullopt;
  const std::array<std::string, 1> paths{deck->path};
  const LoadedDecks loaded = load_decks(paths);
  for (const auto& d : loaded.decks) {
    for (const auto& card : d.cards) {
      if (card.id == card_id) return card.prompt;
    }
  }
  return std::nullopt;
}

core::Expected<ExitCode> run_relink(Context& context, const RelinkOptions& o) {
  auto deck_id = context.resolve_deck(o.deck);
  if (!deck_id) return deck_id.error();
  const auto prompt = new_prompt(context, *deck_id, o.new_id);
  if (!prompt) {
    return core::fail(
        ExitCode::kUsage,
        fmt::format("deck '{}' has no card '{}' (neither in the store nor in its deck file)",
                    *deck_id, o.new_id));
  }
  const auto counts = context.store().review_counts(*deck_id);
  const auto it = counts.find(o.old_id);
  context.store().relink(*deck_id, o.old_id, o.new_id, *prompt);
  const std::int64_t moved = it == counts.end() ? 0 : it->second;
  context.io.out << fmt::format("moved {} {} of '{}' to '{}' in deck '{}'\n", moved,
                                moved == 1 ? "review" : "reviews", o.old_id, o.new_id, *deck_id);
  return ExitCode::kOk;
}

}  // namespace

Command relink_command() {
  return make_command<RelinkOptions>("relink", "move a card's history to its new id after an edit",
                                     declare_relink, needs, run_relink, validate);
}

}  // namespace quizdeck::cli
