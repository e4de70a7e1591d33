// SPDX-License-Identifier: MIT
#include "session/queue.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace quizdeck::session {

bool CardFilter::matches(const deck::Card& card_to_check) const {
  if (card && card_to_check.id != *card) return false;
  if (tags.empty()) return true;
  return std::any_of(tags.begin(), tags.end(), [&](const std::string& tag) {
    return std::find(card_to_check.tags.begin(), card_to_check.tags.end(), tag) !=
           card_to_check.tags.end();
  });
}

DrillQueue::DrillQueue(std::vector<QueueEntry> due, std::vector<QueueEntry> fresh,
                       std::vector<QueueEntry> learning)
    : due_(std::move(due)), fresh_(std::move(fresh)), learning_(std::move(learning)) {
  // Cards whose step has already come are in `due_`, ordered by due time with the rest.
  std::stable_sort(learning_.begin(), learning_.end(),
                   [](const QueueEntry& a, const QueueEntry& b) { return a.due_ms < b.due_ms; });
}

std::optional<QueueEntry> DrillQueue::next(std::int64_t now) {
  // A learning card whose step has come goes first: it is the most overdue.
  if (!learning_.empty() && learning_.front().due_ms <= now) {
    QueueEntry entry = learning_.front();
    learning_.erase(learning_.begin());
    return entry;
  }
  if (due_next_ < due_.size()) return due_[due_next_++];
  if (fresh_next_ < fresh_.size()) return fresh_[fresh_next_++];
  if (!learning_.empty() && learning_.front().due_ms <= now + kLearnAheadMs) {
    QueueEntry entry = learning_.front();
    learning_.erase(learning_.begin());
    return entry;
  }
  return std::nullopt;
}

void DrillQueue::answered(const QueueEntry& entry, core::State new_state, std::int64_t new_due_ms) {
  // Learning or relearning steps shorter than a day come back in this session.
  if (!core::in_steps(new_state)) return;
  QueueEntry again = entry;
  again.due_ms = new_due_ms;
  const auto at = std::upper_bound(
      learning_.begin(), learning_.end(), again,
      [](const QueueEntry& a, const QueueEntry& b) { return a.due_ms < b.due_ms; });
  learning_.insert(at, again);
}

void DrillQueue::forget(const QueueEntry& entry) {
  learning_.erase(std::remove_if(learning_.begin(), learning_.end(),
                                 [&](const QueueEntry& e) {
                                   return e.deck_id == entry.deck_id && e.card_id == entry.card_id;
                                 }),
                  learning_.end());
}

void DrillQueue::push_front(const QueueEntry& entry) {
  forget(entry);  // the undone answer may have put it in the learning list
  if (due_next_ > 0) {
    due_[--due_next_] = entry;
  } else if (fresh_next_ > 0) {
    fresh_[--fresh_next_] = entry;
  } else {
    due_.insert(due_.begin(), entry);
  }
}

DrillQueue plan_drill(store::Store& store, const std::vector<deck::Deck>& decks,
                      const CardFilter& filter, std::int64_t now, std::int64_t day_start,
                      int new_per_day, std::optional<int> max) {
  std::vector<std::string> deck_ids;
  // The cards the filter lets through, by deck id then card id (views into the decks).
  std::unordered_map<std::string_view, std::unordered_set<std::string_view>> selected;
  const auto is_selected = [&selected](std::string_view deck_id, std::string_view card_id) {
    const auto deck = selected.find(deck_id);
    return deck != selected.end() && deck->second.contains(card_id);
  };
  for (const auto& deck : decks) {
    deck_ids.push_back(deck.id);
    for (const auto& card : deck.cards) {
      if (filter.matches(card)) selected[deck.id].insert(card.id);
    }
  }
  const int cap = max.value_or(1'000'000'000);
  std::vector<QueueEntry> due;
  std::vector<QueueEntry> learning;  // steps coming within the learn-ahead window
  for (auto& entry : store.due_queue(deck_ids, now + kLearnAheadMs, 1'000'000'000)) {
    if (!is_selected(entry.deck_id, entry.card_id)) continue;
    if (entry.due_ms > now) {
      if (core::in_steps(entry.state)) {
        learning.push_back({entry.deck_id, entry.card_id, entry.due_ms});
      }
      continue;
    }
    if (static_cast<int>(due.size()) >= cap) break;
    due.push_back({entry.deck_id, entry.card_id, entry.due_ms});
  }
  std::vector<QueueEntry> fresh;
  for (const auto& deck : decks) {
    std::int64_t allowed = new_per_day - store.cards_started_since(deck.id, day_start);
    if (allowed <= 0) continue;
    // Every card of the deck is in the store (the session synced it); new ones in deck order.
    const auto ids = store.new_card_ids(deck.id);
    const std::unordered_set<std::string_view> unstudied(ids.begin(), ids.end());
    for (const auto& card : deck.cards) {
      if (allowed <= 0 || static_cast<int>(due.size() + fresh.size()) >= cap) break;
      if (!unstudied.contains(card.id)) continue;
      if (!is_selected(deck.id, card.id)) continue;
      fresh.push_back({deck.id, card.id, now});
      --allowed;
    }
  }
  return DrillQueue(std::move(due), std::move(fresh), std::move(learning));
}

}  // namespace quizdeck::session
