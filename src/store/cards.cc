// SPDX-License-Identifier: MIT
// Decks and cards: syncing what a deck holds, card records, the due queue.
#include "store/store.h"

#include <algorithm>

#include <fmt/format.h>

#include "store/rows.h"

namespace quizdeck::store {

void Store::sync_deck(const DeckRecord& deck, const std::vector<CardSeen>& cards,
                      std::int64_t now) {
  // Only what changed is written: the deck's cards, by id, are walked beside the store's
  // (both sorted), so an unchanged deck of 10,000 cards costs one read and no copies.
  std::vector<const CardSeen*> sorted;
  sorted.reserve(cards.size());
  for (const auto& card : cards) sorted.push_back(&card);
  std::sort(sorted.begin(), sorted.end(),
            [](const CardSeen* a, const CardSeen* b) { return a->card_id < b->card_id; });
  std::vector<const CardSeen*> changed;
  {
    Statement existing =
        db_.prepare("SELECT card_id, prompt FROM cards WHERE deck_id = ?1 ORDER BY card_id");
    existing.bind(1, deck.id);
    auto next = sorted.begin();
    while (existing.step() && next != sorted.end()) {
      const std::string_view id = existing.text_view(0);
      while (next != sorted.end() && (*next)->card_id < id) changed.push_back(*next++);
      if (next != sorted.end() && (*next)->card_id == id) {
        if ((*next)->prompt != existing.text_view(1)) changed.push_back(*next);
        ++next;
      }
    }
    changed.insert(changed.end(), next, sorted.end());
  }
  Transaction transaction(db_);
  Statement upsert = db_.prepare(
      "INSERT INTO decks (id, title, path, seen_ms) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (id) DO UPDATE SET title = ?2, path = ?3, seen_ms = ?4");
  upsert.bind(1, deck.id).bind(2, deck.title).bind(3, deck.path).bind(4, now).run();
  Statement insert = db_.prepare(
      "INSERT INTO cards (deck_id, card_id, prompt, created_ms, state, due_ms, stability, "
      "difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses) "
      "VALUES (?1, ?2, ?3, ?4, 0, ?4, 0, 0, 0, 0, 0, 0, 0) "
      "ON CONFLICT (deck_id, card_id) DO UPDATE SET prompt = ?3 WHERE prompt != ?3");
  for (const CardSeen* card : changed) {
    insert.bind(1, deck.id).bind(2, card->card_id).bind(3, card->prompt).bind(4, now).run();
    insert.reset();
  }
  transaction.commit();
}

std::vector<DeckRecord> Store::decks() {
  std::vector<DeckRecord> out;
  Statement query = db_.prepare("SELECT id, title, path, seen_ms FROM decks ORDER BY id");
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), query.integer(3)});
  }
  return out;
}

std::optional<DeckRecord> Store::deck(const std::string& deck_id) {
  Statement query = db_.prepare("SELECT id, title, path, seen_ms FROM decks WHERE id = ?1");
  query.bind(1, deck_id);
  if (!query.step()) return std::nullopt;
  return DeckRecord{query.text(0), query.text(1), query.text(2), query.integer(3)};
}

std::optional<CardRecord> Store::card(const std::string& deck_id, const std::string& card_id) {
  Statement query = db_.prepare(
      fmt::format("SELECT {} FROM cards WHERE deck_id = ?1 AND card_id = ?2", kCardColumns));
  query.bind(1, deck_id).bind(2, card_id);
  if (!query.step()) return std::nullopt;
  return read_card(query);
}

std::vector<CardRecord> Store::cards(const std::optional<std::string>& deck_id) {
  Statement query = db_.prepare(
      fmt::format("SELECT {} FROM cards WHERE ?1 IS NULL OR deck_id = ?1 ORDER BY deck_id, card_id",
                  kCardColumns));
  query.bind(1, deck_id);
  std::vector<CardRecord> out;
  while (query.step()) out.push_back(read_card(query));
  return out;
}

std::vector<CardRecord> Store::due_cards(const std::vector<std::string>& deck_ids, std::int64_t now,
                                         int limit) {
  Statement query = db_.prepare(
      fmt::format("SELECT {} FROM cards INDEXED BY cards_due WHERE state != 0 AND due_ms <= ?1 "
                  "AND deck_id IN ({}) ORDER BY due_ms, deck_id, card_id LIMIT ?2",
                  kCardColumns, in_list(deck_ids.size(), 3)));
  query.bind(1, now).bind(2, limit);
  for (std::size_t i = 0; i < deck_ids.size(); ++i)
    query.bind(static_cast<int>(i) + 3, deck_ids[i]);
  std::vector<CardRecord> out;
  while (query.step()) out.push_back(read_card(query));
  return out;
}

std::vector<Store::DueEntry> Store::due_queue(const std::vector<std::string>& deck_ids,
                                              std::int64_t now, int limit) {
  Statement query = db_.prepare(fmt::format(
      "SELECT deck_id, card_id, due_ms, state FROM cards INDEXED BY cards_due WHERE state != 0 AND "
      "due_ms <= ?1 AND deck_id IN ({}) ORDER BY due_ms, deck_id, card_id LIMIT ?2",
      in_list(deck_ids.size(), 3)));
  query.bind(1, now).bind(2, limit);
  for (std::size_t i = 0; i < deck_ids.size(); ++i)
    query.bind(static_cast<int>(i) + 3, deck_ids[i]);
  std::vector<DueEntry> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.integer(2), state_column(query, 3)});
  }
  return out;
}

std::int64_t Store::cards_started_since(const std::string& deck_id, std::int64_t since) {
  // A card started since `since` has its latest scheduled review then (last_review_ms)
  // and none before. Only the cards reviewed since are looked at, each through the
  // (deck, card, time) index: no scan of the review history.
  Statement query = db_.prepare(
      "SELECT count(*) FROM cards c WHERE c.deck_id = ?1 AND c.last_review_ms >= ?2 AND NOT "
      "EXISTS (SELECT 1 FROM reviews r WHERE r.deck_id = c.deck_id AND r.card_id = c.card_id "
      "AND r.time_ms < ?2 AND r.scheduled = 1 AND r.reset_ms IS NULL)");
  query.bind(1, deck_id).bind(2, since);
  query.step();
  return query.integer(0);
}

std::vector<std::string> Store::new_card_ids(const std::string& deck_id) {
  std::vector<std::string> ids;
  Statement query = db_.prepare("SELECT card_id FROM cards WHERE deck_id = ?1 AND state = 0");
  query.bind(1, deck_id);
  while (query.step()) ids.push_back(query.text(0));
  return ids;
}

std::optional<std::int64_t> Store::next_due(const std::vector<std::string>& deck_ids,
                                            std::int64_t now) {
  Statement query = db_.prepare(fmt::format(
      "SELECT min(due_ms) FROM cards INDEXED BY cards_due WHERE state != 0 AND due_ms > ?1 "
      "AND deck_id IN ({})",
      in_list(deck_ids.size(), 2)));
  query.bind(1, now);
  for (std::size_t i = 0; i < deck_ids.size(); ++i)
    query.bind(static_cast<int>(i) + 2, deck_ids[i]);
  query.step();
  return query.optional_integer(0);
}

}  // namespace quizdeck::store
