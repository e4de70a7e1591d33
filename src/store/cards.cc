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
  // (both sorted), comparing prompt and place.
  std::vector<std::size_t> sorted(cards.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
  std::sort(sorted.begin(), sorted.end(),
            [&](std::size_t a, std::size_t b) { return cards[a].card_id < cards[b].card_id; });
  std::vector<std::size_t> changed;
  std::vector<std::string> left;  // in the store with a place, no longer in the deck
  {
    Statement existing = db_.prepare(
        "SELECT card_id, prompt, position, tags, coalesce(note, '') FROM cards WHERE deck_id = "
        "?1 ORDER BY card_id");
    existing.bind(1, deck.id);
    auto next = sorted.begin();
    while (existing.step()) {
      const std::string_view id = existing.text_view(0);
      while (next != sorted.end() && cards[*next].card_id < id) changed.push_back(*next++);
      if (next != sorted.end() && cards[*next].card_id == id) {
        const auto place = existing.optional_integer(2);
        if (cards[*next].prompt != existing.text_view(1) ||
            place != static_cast<std::int64_t>(*next) ||
            cards[*next].tags != existing.text_view(3) ||
            cards[*next].note != existing.text_view(4)) {
          changed.push_back(*next);
        }
        ++next;
      } else if (!existing.is_null(2)) {
        left.emplace_back(id);
      }
    }
    changed.insert(changed.end(), next, sorted.end());
  }
  Transaction transaction(db_);
  Statement upsert = db_.prepare(
      "INSERT INTO decks (id, title, path, seen_ms, synced_hash) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (id) DO UPDATE SET title = ?2, path = ?3, seen_ms = ?4, synced_hash = ?5");
  upsert.bind(1, deck.id).bind(2, deck.title).bind(3, deck.path).bind(4, now);
  upsert.bind(5, deck.synced_hash).run();
  Statement insert = db_.prepare(
      "INSERT INTO cards (deck_id, card_id, prompt, created_ms, state, due_ms, stability, "
      "difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, position, tags, "
      "note) VALUES (?1, ?2, ?3, ?4, 0, ?4, 0, 0, 0, 0, 0, 0, 0, ?5, ?6, nullif(?7, '')) "
      "ON CONFLICT (deck_id, card_id) DO UPDATE SET prompt = ?3, position = ?5, tags = ?6, "
      "note = nullif(?7, '')");
  for (const std::size_t i : changed) {
    insert.bind(1, deck.id).bind(2, cards[i].card_id).bind(3, cards[i].prompt).bind(4, now);
    insert.bind(5, static_cast<std::int64_t>(i)).bind(6, cards[i].tags);
    insert.bind(7, cards[i].note).run();
    insert.reset();
  }
  Statement unplace =
      db_.prepare("UPDATE cards SET position = NULL WHERE deck_id = ?1 AND card_id = ?2");
  for (const auto& id : left) {
    unplace.bind(1, deck.id).bind(2, id).run();
    unplace.reset();
  }
  transaction.commit();
}

void Store::note_deck(const DeckRecord& deck) {
  Transaction transaction(db_);
  Statement update = db_.prepare(
      "UPDATE decks SET title = ?2, path = ?3, seen_ms = ?4 WHERE id = ?1 AND (title != ?2 OR "
      "path != ?3 OR seen_ms != ?4)");
  update.bind(1, deck.id).bind(2, deck.title).bind(3, deck.path).bind(4, deck.seen_ms).run();
  transaction.commit();
}

namespace {

DeckRecord read_deck(const Statement& row) {
  DeckRecord deck{row.text(0), row.text(1), row.text(2), row.integer(3), std::nullopt};
  if (!row.is_null(4)) deck.synced_hash = row.text(4);
  return deck;
}

}  // namespace

std::vector<DeckRecord> Store::decks() {
  std::vector<DeckRecord> out;
  Statement query =
      db_.prepare("SELECT id, title, path, seen_ms, synced_hash FROM decks ORDER BY id");
  while (query.step()) out.push_back(read_deck(query));
  return out;
}

std::optional<DeckRecord> Store::deck(const std::string& deck_id) {
  Statement query =
      db_.prepare("SELECT id, title, path, seen_ms, synced_hash FROM decks WHERE id = ?1");
  query.bind(1, deck_id);
  if (!query.step()) return std::nullopt;
  return read_deck(query);
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
  Statement query = db_.prepare(fmt::format(
      "SELECT {} FROM cards INDEXED BY cards_due WHERE state != 0 AND suspended = 0 AND due_ms "
      "<= ?1 AND (buried_until_ms IS NULL OR buried_until_ms <= ?1) AND deck_id IN ({}) ORDER "
      "BY due_ms, deck_id, card_id LIMIT ?2",
      kCardColumns, in_list(deck_ids.size(), 3)));
  query.bind(1, now).bind(2, limit);
  for (std::size_t i = 0; i < deck_ids.size(); ++i)
    query.bind(static_cast<int>(i) + 3, deck_ids[i]);
  std::vector<CardRecord> out;
  while (query.step()) out.push_back(read_card(query));
  return out;
}

void Store::each_due(const std::vector<std::string>& deck_ids, std::int64_t now, std::int64_t until,
                     const std::function<bool(const DueView&)>& take) {
  Statement query = db_.prepare(fmt::format(
      "SELECT deck_id, card_id, due_ms, state, position, tags FROM cards INDEXED BY cards_due "
      "WHERE state != 0 AND suspended = 0 AND due_ms <= ?1 AND position IS NOT NULL AND "
      "(buried_until_ms IS NULL OR buried_until_ms <= ?2) AND deck_id IN ({}) ORDER BY due_ms, "
      "deck_id, card_id",
      in_list(deck_ids.size(), 3)));
  query.bind(1, until).bind(2, now);
  for (std::size_t i = 0; i < deck_ids.size(); ++i)
    query.bind(static_cast<int>(i) + 3, deck_ids[i]);
  while (query.step()) {
    const DueView view{query.text_view(0),     query.text_view(1), query.integer(2),
                       state_column(query, 3), query.integer(4),   query.text_view(5)};
    if (!take(view)) break;
  }
}

std::vector<Store::DueEntry> Store::due_queue(const std::vector<std::string>& deck_ids,
                                              std::int64_t now, std::int64_t until, int limit) {
  std::vector<DueEntry> out;
  each_due(deck_ids, now, until, [&out, limit](const DueView& due) {
    if (static_cast<int>(out.size()) >= limit) return false;
    out.push_back({std::string(due.deck_id), std::string(due.card_id), due.due_ms, due.state,
                   due.position, std::string(due.tags)});
    return true;
  });
  return out;
}

std::int64_t Store::cards_started_since(const std::string& deck_id, std::int64_t since) {
  // A card started since `since` has its latest scheduled review then (last_review_ms)
  // and none before. Only the cards reviewed since are looked at (the cards_reviewed
  // index), each through the (deck, card, time) index: no scan of the deck or the log.
  Statement query = db_.prepare(
      "SELECT count(*) FROM cards c INDEXED BY cards_reviewed WHERE c.deck_id = ?1 AND "
      "c.last_review_ms >= ?2 AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.deck_id = "
      "c.deck_id AND r.card_id = c.card_id AND r.time_ms < ?2 AND r.scheduled = 1 AND "
      "r.reset_ms IS NULL)");
  query.bind(1, deck_id).bind(2, since);
  query.step();
  return query.integer(0);
}

std::int64_t Store::cards_reviewed_since(const std::string& deck_id, std::int64_t since) {
  Statement query = db_.prepare(
      "SELECT count(*) FROM cards INDEXED BY cards_reviewed WHERE deck_id = ?1 AND "
      "last_review_ms >= ?2");
  query.bind(1, deck_id).bind(2, since);
  query.step();
  return query.integer(0);
}

void Store::for_each_new_card(
    const std::string& deck_id, std::int64_t now,
    const std::function<bool(std::string_view card_id, std::int64_t position,
                             std::string_view tags)>& take) {
  Statement query = db_.prepare(
      "SELECT card_id, position, tags FROM cards INDEXED BY cards_fresh WHERE deck_id = ?1 AND "
      "state = 0 AND suspended = 0 AND position IS NOT NULL AND (buried_until_ms IS NULL OR "
      "buried_until_ms <= ?2) ORDER BY position");
  query.bind(1, deck_id).bind(2, now);
  while (query.step()) {
    if (!take(query.text_view(0), query.integer(1), query.text_view(2))) break;
  }
}

void Store::for_each_placed_card(
    const std::string& deck_id,
    const std::function<void(std::string_view card_id, std::int64_t position,
                             std::string_view tags)>& take) {
  Statement query = db_.prepare(
      "SELECT card_id, position, tags FROM cards WHERE deck_id = ?1 AND position IS NOT NULL "
      "ORDER BY position");
  query.bind(1, deck_id);
  while (query.step()) take(query.text_view(0), query.integer(1), query.text_view(2));
}

std::optional<std::int64_t> Store::next_due(const std::vector<std::string>& deck_ids,
                                            std::int64_t now) {
  // A buried card comes back when it is due and no longer buried.
  Statement query = db_.prepare(fmt::format(
      "SELECT min(max(due_ms, coalesce(buried_until_ms, 0))) FROM cards INDEXED BY cards_due "
      "WHERE state != 0 AND suspended = 0 AND max(due_ms, coalesce(buried_until_ms, 0)) > ?1 "
      "AND deck_id IN ({})",
      in_list(deck_ids.size(), 2)));
  query.bind(1, now);
  for (std::size_t i = 0; i < deck_ids.size(); ++i)
    query.bind(static_cast<int>(i) + 2, deck_ids[i]);
  query.step();
  return query.optional_integer(0);
}

}  // namespace quizdeck::store
