// SPDX-License-Identifier: MIT
#include "cli/commands/paper_form.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "core/random.h"
#include "session/queue.h"
#include "session/session.h"

namespace quizdeck::cli {

std::vector<PaperQuestion> paper_form(const deck::Deck& deck, bool exam,
                                      std::optional<int> questions, std::uint64_t seed) {
  core::Random random(seed);
  std::vector<std::size_t> order(deck.cards.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (exam) {
    // Drawn at random, then asked in deck order, as an exam draws them.
    core::shuffle_indices(order, random);
    const int wanted =
        questions.value_or(deck.exam.questions.value_or(static_cast<int>(order.size())));
    if (deck.exam.blueprint.empty()) {
      order.resize(std::min(order.size(), static_cast<std::size_t>(wanted)));
    } else {
      // So many questions per tag, as the deck's blueprint says.
      order = deck::draw_by_blueprint(deck.exam.blueprint, wanted, order,
                                      [&](std::size_t i) { return deck.cards.tags(i); });
    }
    std::sort(order.begin(), order.end());
  }
  // No two cards that give each other away (the blanks of one cloze, a card whose text
  // shows another's answer) side by side: the rule exams and crams ask by.
  std::vector<session::QueueEntry> entries;
  std::unordered_map<std::string, std::size_t> by_id;
  for (const std::size_t i : order) {
    entries.push_back({deck.id, deck.cards[i].id});
    by_id.emplace(deck.cards[i].id, i);
  }
  session::spread_apart(
      entries, [&](const session::QueueEntry& e) { return &deck.cards[by_id.at(e.card_id)]; });
  std::vector<PaperQuestion> out;
  for (const auto& entry : entries) {
    const std::size_t i = by_id.at(entry.card_id);
    out.push_back({i, session::shown_order(deck.cards[i], random)});
  }
  return out;
}

}  // namespace quizdeck::cli
