// SPDX-License-Identifier: MIT
#include "cli/commands/card_marks.h"

#include <fmt/format.h>

#include "cli/selection.h"
#include "session/queue.h"

namespace quizdeck::cli {

void declare_mark_target(Declare& d, MarkOptions& o, bool by_tag) {
  d.positional("DECK", &o.deck, "the deck file, or a deck id the store knows")
      .required()
      .completes(Complete::kDeckOrId);
  d.option("--card", &o.card, "ID", "this card");
  if (by_tag) d.option("--tag", &o.tags, "TAG", "the cards with this tag (repeatable)");
}

Needs mark_needs(const MarkOptions& o) {
  Needs n;
  n.clock = true;
  n.decks = true;
  n.deck_paths = {o.deck};
  n.store = StoreNeed::kWrite;
  return n;
}

core::Expected<MarkTarget> mark_target(Context& context, const MarkOptions& o) {
  const auto& decks = context.decks.decks;
  if (decks.size() != 1) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("'{}' holds {} decks; name one deck", o.deck, decks.size()));
  }
  if (!o.card && o.tags.empty()) {
    return core::fail(ExitCode::kUsage, "name the cards: --card ID or --tag TAG");
  }
  if (o.card && !o.tags.empty()) {
    return core::fail(ExitCode::kUsage, "--card and --tag do not go together");
  }
  if (auto checked = check_selection(decks, o.card, o.tags); !checked) return checked.error();
  const deck::Deck& deck = decks.front();
  session::sync_deck(context.store(), deck, context.now);
  return MarkTarget{deck.id, selected_cards(deck, o.card, o.tags)};
}

std::string cards_count(std::size_t n) {
  return fmt::format("{} card{}", n, n == 1 ? "" : "s");
}

}  // namespace quizdeck::cli
