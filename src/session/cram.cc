// SPDX-License-Identifier: MIT
// A cram: the chosen cards asked once each (the weakest first, or shuffled), the schedule
// left as it is.
#include <algorithm>
#include <set>

#include "session/card_state.h"
#include "session/session.h"

namespace quizdeck::session {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

}  // namespace

void Session::plan_cram(std::int64_t now) {
  std::set<std::pair<std::string, std::string>> missed;
  if (options_.wrong_days) {
    store::ReviewFilter filter;
    filter.since_ms = now - static_cast<std::int64_t>(*options_.wrong_days) * kDayMs;
    for (const auto& review : store_.reviews(filter)) {
      if (!review.correct) missed.insert({review.deck_id, review.card_id});
    }
  }
  struct Candidate {
    QueueEntry entry;
    double recall;
  };
  std::vector<Candidate> candidates;
  for (const auto& deck : decks_) {
    const auto& scheduler = schedulers_.at(deck.id);
    std::map<std::string, store::CardRecord> records;
    for (auto& record : store_.cards(deck.id)) records.emplace(record.card_id, std::move(record));
    for (std::size_t i = 0; i < deck.cards.size(); ++i) {
      if (!options_.filter.matches(deck.cards, i)) continue;
      const std::string id(deck.cards.id(i));
      if (options_.wrong_days && !missed.contains({deck.id, id})) continue;
      double recall = 0;
      if (const auto it = records.find(id); it != records.end()) {
        if (it->second.marks.suspended) continue;  // never asked, in a cram as in a drill
        recall = scheduler.retrievability(to_schedule(it->second), now);
      }
      candidates.push_back({{deck.id, id, now}, recall});
    }
  }
  if (options_.weakest) {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.recall < b.recall; });
    if (candidates.size() > static_cast<std::size_t>(*options_.weakest)) {
      candidates.resize(static_cast<std::size_t>(*options_.weakest));
    }
  } else {
    core::shuffle(candidates, random_);
  }
  if (options_.max && candidates.size() > static_cast<std::size_t>(*options_.max)) {
    candidates.resize(static_cast<std::size_t>(*options_.max));
  }
  std::vector<QueueEntry> entries;
  for (const auto& c : candidates) entries.push_back(c.entry);
  spread_apart(entries, [&](const QueueEntry& e) {
    const deck::Deck* deck = nullptr;
    return find_card(e, &deck);
  });
  for (auto& entry : entries) list_.push_back({std::move(entry), false, {}});
  planned_ = static_cast<int>(list_.size());
}

}  // namespace quizdeck::session
