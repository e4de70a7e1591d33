// SPDX-License-Identifier: MIT
#include "session/orphans.h"

#include <algorithm>
#include <set>

#include "core/normalize.h"
#include "core/suggest.h"
#include "core/utf8.h"

namespace quizdeck::session {

double prompt_similarity(const std::string& a, const std::string& b) {
  const std::string x = core::normalize_text(a);
  const std::string y = core::normalize_text(b);
  const double longer =
      static_cast<double>(std::max(core::count_code_points(x), core::count_code_points(y)));
  if (longer == 0) return 1;
  const double shorter =
      static_cast<double>(std::min(core::count_code_points(x), core::count_code_points(y)));
  if (shorter / longer < kRelinkSimilarity) return shorter / longer;  // cannot be close
  return 1 - static_cast<double>(core::edit_distance(x, y)) / longer;
}

std::vector<Orphan> find_orphans(store::Store& store, const deck::Deck& deck) {
  std::set<std::string> in_deck;
  for (const auto& card : deck.cards) in_deck.insert(card.id);
  const auto counts = store.review_counts(deck.id);
  const auto reviews_of = [&](const std::string& id) -> std::int64_t {
    const auto it = counts.find(id);
    return it == counts.end() ? 0 : it->second;
  };
  std::vector<Orphan> orphans;
  for (const auto& card : store.cards(deck.id)) {
    if (in_deck.contains(card.card_id)) continue;
    orphans.push_back({card.card_id, card.prompt, reviews_of(card.card_id), std::nullopt});
  }
  if (orphans.empty()) return orphans;
  // Candidates: cards of the deck without history of their own.
  std::vector<const deck::Card*> fresh;
  for (const auto& card : deck.cards) {
    if (reviews_of(card.id) == 0) fresh.push_back(&card);
  }
  for (auto& orphan : orphans) {
    double best = kRelinkSimilarity;
    for (const deck::Card* card : fresh) {
      const double similarity = prompt_similarity(orphan.prompt, card->prompt);
      if (similarity >= best) {
        best = similarity;
        orphan.likely_new_id = card->id;
      }
    }
  }
  return orphans;
}

}  // namespace quizdeck::session
