// SPDX-License-Identifier: MIT
#include "session/queue.h"

#include "deck/card_id.h"
#include "deck/give_away.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace quizdeck::session {

bool CardFilter::matches(const deck::CardList& cards, std::size_t index) const {
  if (card && cards.id(index) != *card) return false;
  if (tags.empty()) return true;
  const auto card_tags = cards.tags(index);
  return std::any_of(tags.begin(), tags.end(), [&](const std::string& tag) {
    return std::find(card_tags.begin(), card_tags.end(), tag) != card_tags.end();
  });
}

bool CardFilter::matches(std::string_view card_id, std::string_view joined_tags) const {
  if (card && card_id != *card) return false;
  if (tags.empty()) return true;
  std::size_t start = 0;
  while (start <= joined_tags.size()) {
    const std::size_t space = joined_tags.find(' ', start);
    const std::string_view tag = joined_tags.substr(
        start, space == std::string_view::npos ? std::string_view::npos : space - start);
    if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) != tags.end()) return true;
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  return false;
}

void spread_apart(std::vector<QueueEntry>& entries,
                  const std::function<const deck::Card*(const QueueEntry&)>& card_of) {
  // The relations are found once, by the entries' first positions; `at` follows the swaps.
  std::vector<const deck::Card*> cards;
  std::vector<std::size_t> at;
  const deck::Card kNone;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const deck::Card* card = card_of(entries[i]);
    cards.push_back(card != nullptr ? card : &kNone);
    at.push_back(i);
  }
  const deck::GiveAways give_aways(cards);
  const auto siblings = [&](std::size_t a, std::size_t b) {
    const std::string_view note = deck::sibling_key(entries[a].card_id);
    return !note.empty() && entries[a].deck_id == entries[b].deck_id &&
           note == deck::sibling_key(entries[b].card_id);
  };
  const auto related = [&](std::size_t a, std::size_t b) {
    return siblings(a, b) || give_aways.related(at[a], at[b]);
  };
  for (std::size_t i = 1; i < entries.size(); ++i) {
    if (!related(i - 1, i)) continue;
    for (std::size_t j = i + 1; j < entries.size(); ++j) {
      if (!related(i - 1, j)) {
        std::swap(entries[i], entries[j]);
        std::swap(at[i], at[j]);
        break;
      }
    }
  }
}

std::string join_tags(const std::vector<std::string>& tags) {
  std::string joined;
  for (const auto& tag : tags) joined += (joined.empty() ? "" : " ") + tag;
  return joined;
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
  if (!learning_.empty() && learning_.front().due_ms <= now + schedule::kLearnAheadMs) {
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

void DrillQueue::drop(const std::string& deck_id, const std::string& card_id) {
  const auto is = [&](const QueueEntry& e) { return e.deck_id == deck_id && e.card_id == card_id; };
  due_.erase(std::remove_if(due_.begin() + static_cast<std::ptrdiff_t>(due_next_), due_.end(), is),
             due_.end());
  fresh_.erase(
      std::remove_if(fresh_.begin() + static_cast<std::ptrdiff_t>(fresh_next_), fresh_.end(), is),
      fresh_.end());
  learning_.erase(std::remove_if(learning_.begin(), learning_.end(), is), learning_.end());
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
                      const CardFilter& filter, std::int64_t now,
                      const std::map<std::string, DeckDay>& days, std::optional<int> max,
                      const std::function<void(std::vector<QueueEntry>&)>& before_queue) {
  std::vector<std::string> deck_ids;
  std::int64_t until = now + schedule::kLearnAheadMs;
  for (const auto& deck : decks) {
    deck_ids.push_back(deck.id);
    until = std::max(until, days.at(deck.id).end_ms - 1);
  }
  const int cap = max.value_or(1'000'000'000);
  std::vector<QueueEntry> due;
  std::vector<QueueEntry> learning;  // steps coming within the learn-ahead window
  std::map<std::string, int> reviews_taken;
  store.each_due(deck_ids, now, until, [&](const store::Store::DueView& entry) {
    const DeckDay& day = days.at(std::string(entry.deck_id));
    if (!schedule::is_due(entry.state, entry.due_ms, now, day.end_ms)) return true;
    if (!filter.matches(entry.card_id, entry.tags)) return true;
    const auto position = static_cast<std::size_t>(entry.position);
    if (core::in_steps(entry.state) && entry.due_ms > now) {
      learning.push_back(
          {std::string(entry.deck_id), std::string(entry.card_id), entry.due_ms, position});
      return true;
    }
    if (entry.state == core::State::kReview && day.reviews_left &&
        reviews_taken[std::string(entry.deck_id)]++ >= *day.reviews_left) {
      return true;  // past the deck's daily review limit
    }
    due.push_back({std::string(entry.deck_id), std::string(entry.card_id), entry.due_ms, position});
    return true;
  });
  if (before_queue) before_queue(due);
  if (static_cast<int>(due.size()) > cap) due.resize(static_cast<std::size_t>(cap));
  // New cards in deck order (the store keeps each card's place), as many as the day
  // allows: read one by one from the store's index, never the whole deck.
  std::vector<QueueEntry> fresh;
  for (const auto& deck : decks) {
    std::int64_t allowed = days.at(deck.id).new_left;
    store.for_each_new_card(
        deck.id, now, [&](std::string_view card_id, std::int64_t position, std::string_view tags) {
          if (allowed <= 0 || static_cast<int>(due.size() + fresh.size()) >= cap) return false;
          if (filter.matches(card_id, tags)) {
            fresh.push_back(
                {deck.id, std::string(card_id), now, static_cast<std::size_t>(position)});
            --allowed;
          }
          return true;
        });
  }
  return DrillQueue(std::move(due), std::move(fresh), std::move(learning));
}

void sync_deck(store::Store& store, const deck::Deck& deck, std::int64_t now) {
  store::DeckRecord record{deck.id, deck.title, deck.path, now, deck.content_hash};
  const auto known = store.deck(deck.id);
  // An unchanged deck's cards are as the store last saw them: nothing to read or write
  // for them (what keeps start-up independent of the deck's size).
  if (known && known->synced_hash && !deck.content_hash.empty() &&
      *known->synced_hash == deck.content_hash) {
    store.note_deck(record);
    return;
  }
  std::vector<store::CardSeen> seen;
  seen.reserve(deck.cards.size());
  for (const auto& card : deck.cards) {
    seen.push_back(
        {card.id, card.prompt, join_tags(card.tags), std::string(deck::sibling_key(card.id))});
  }
  if (deck.content_hash.empty()) record.synced_hash.reset();
  store.sync_deck(record, seen, now);
}

}  // namespace quizdeck::session
