// SPDX-License-Identifier: MIT
// The order a drill asks cards in, as Anki does: cards due today (schedule/due.h: review
// cards due before the study day ends, up to the deck's daily review limit, and steps that
// have come), most overdue first; then new cards in deck order, up to the daily limit per
// deck; cards in (re)learning steps come back when their step is due, or, when nothing else
// is left, up to 20 minutes early (Anki's "learn ahead" limit). Suspended and buried cards
// are left out.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "deck/deck.h"
#include "schedule/due.h"
#include "session/today.h"
#include "store/store.h"

namespace quizdeck::session {

// Which cards of the decks a session may ask.
struct CardFilter {
  std::vector<std::string> tags;    // any of them (empty: all cards)
  std::optional<std::string> card;  // only this card id
  bool all() const { return tags.empty() && !card; }
  // Card `index` of `cards`, from its id and tags (no card is decoded).
  bool matches(const deck::CardList& cards, std::size_t index) const;
  // A card as the store knows it: its id and its tags, space-separated.
  bool matches(std::string_view card_id, std::string_view joined_tags) const;
};

struct QueueEntry {
  std::string deck_id;
  std::string card_id;
  std::int64_t due_ms = 0;
  std::optional<std::size_t> position = {};  // in its deck, when known (from the store)
};

// A card's tags as the store keeps them: space-separated.
std::string join_tags(const std::vector<std::string>& tags);

// Writes the deck's cards to the store (ids, prompts, tags, notes, order), unless the store
// synced these very bytes.
void sync_deck(store::Store& store, const deck::Deck& deck, std::int64_t now);

// Moves cards so that no two that give each other away are asked one after the other:
// siblings (the blanks of one cloze) and two cards one of which shows the other's typed
// answer (deck/give_away.h). Each card that would follow one it is related to swaps with the
// next card that is not; where nothing else is left (a list of siblings only), the order
// stays. `card_of` finds an entry's card (null: only the sibling rule applies to it).
// Exams, crams and printouts ask (or print) their cards in a list made so.
void spread_apart(std::vector<QueueEntry>& entries,
                  const std::function<const deck::Card*(const QueueEntry&)>& card_of);

class DrillQueue {
 public:
  // `fresh` are the new cards allowed today, in the order to introduce them; `learning`
  // are (re)learning cards whose step comes within the learn-ahead window.
  DrillQueue(std::vector<QueueEntry> due, std::vector<QueueEntry> fresh,
             std::vector<QueueEntry> learning = {});

  // The card to ask at `now`, or nothing when the session is done.
  std::optional<QueueEntry> next(std::int64_t now);
  // After an answer: a card whose new due time falls within the session (a learning
  // step) comes back then.
  void answered(const QueueEntry& entry, core::State new_state, std::int64_t new_due_ms);
  // Puts a card back at the front (after an undo).
  void push_front(const QueueEntry& entry);
  // Drops a card's pending learning step (its answer is being taken back or re-rated).
  void forget(const QueueEntry& entry);
  // Drops a card from the session wherever it waits (buried, suspended, set aside).
  void drop(const std::string& deck_id, const std::string& card_id);

  std::size_t remaining() const { return due_count() + new_count() + learning_.size(); }
  std::size_t due_count() const { return due_.size() - due_next_; }
  std::size_t new_count() const { return fresh_.size() - fresh_next_; }
  std::size_t learning_count() const { return learning_.size(); }

 private:
  std::vector<QueueEntry> due_;  // in order, front first
  std::vector<QueueEntry> fresh_;
  std::vector<QueueEntry> learning_;  // kept sorted by due time
  std::size_t due_next_ = 0;
  std::size_t fresh_next_ = 0;
};

// Builds a drill's queue from the store alone (synced with the decks): the selected cards
// due today (most overdue first), then as many new cards per deck as its day allows; `max`
// caps due plus new (nullopt: no cap).
// `before_queue` may reorder or add to the due cards before the queue is made (exam dates:
// session/exam_date.h).
DrillQueue plan_drill(store::Store& store, const std::vector<deck::Deck>& decks,
                      const CardFilter& filter, std::int64_t now,
                      const std::map<std::string, DeckDay>& days, std::optional<int> max,
                      const std::function<void(std::vector<QueueEntry>&)>& before_queue = {});

}  // namespace quizdeck::session
