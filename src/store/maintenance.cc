// SPDX-License-Identifier: MIT
// Writes to much of the store at once: rebuild, relink, prune, reset.
#include "store/store.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "store/rows.h"
#include "store/schema.h"

namespace quizdeck::store {

std::size_t Store::rebuild(const Replay& replay) {
  Transaction transaction(db_);
  std::vector<CardRecord> all = cards();
  for (const auto& card : all) {
    update_card_state(db_, replay(card, schedule_history(db_, card.deck_id, card.card_id)));
  }
  fill_summaries(db_);  // a repair too, should they ever disagree with the log
  transaction.commit();
  return all.size();
}

std::size_t Store::import_reviews(const std::vector<ReviewRecord>& reviews, const Replay& replay) {
  Transaction transaction(db_);
  std::set<std::pair<std::string, std::string>> touched;
  std::size_t added = 0;
  Statement exists = db_.prepare(
      "SELECT 1 FROM reviews WHERE deck_id = ?1 AND card_id = ?2 AND time_ms = ?3 LIMIT 1");
  Statement insert = db_.prepare(
      "INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms, "
      "session_id, mode, scheduled, answer_form, shown, reset_ms) VALUES (?1, ?2, ?3, ?4, ?5, "
      "?6, ?7, NULL, ?8, ?9, ?10, NULL, ?11)");
  const auto write = [&](const std::vector<const ReviewRecord*>& batch) {
    for (const ReviewRecord* review : batch) {
      exists.bind(1, review->deck_id).bind(2, review->card_id).bind(3, review->time_ms);
      const bool known = exists.step();
      exists.reset();
      if (known) continue;
      insert.bind(1, review->time_ms)
          .bind(2, review->deck_id)
          .bind(3, review->card_id)
          .bind(4, static_cast<int>(review->rating))
          .bind(5, review->correct ? 1 : 0)
          .bind(6, review->answer)
          .bind(7, review->response_ms)
          .bind(8, core::mode_name(review->mode))
          .bind(9, review->scheduled ? 1 : 0)
          .bind(10, review->answer_form)
          .bind(11, review->reset_ms)
          .run();
      ++added;
      touched.emplace(review->deck_id, review->card_id);
    }
  };
  // Deck by deck, so a large log is written with the summary triggers off.
  std::map<std::string, std::vector<const ReviewRecord*>> by_deck;
  for (const auto& review : reviews) {
    if (!card(review.deck_id, review.card_id)) {
      throw StoreError(StoreError::Kind::kInvalid,
                       fmt::format("card '{}' of deck '{}' is not in the store", review.card_id,
                                   review.deck_id));
    }
    by_deck[review.deck_id].push_back(&review);
  }
  for (const auto& deck : by_deck) {
    // (A structured binding cannot be captured by a lambda before C++20's fix in clang.)
    const std::vector<const ReviewRecord*>& batch = deck.second;
    if (worth_bulk_write(deck.first, static_cast<std::int64_t>(batch.size()))) {
      bulk_write(deck.first, [&] { write(batch); });
    } else {
      write(batch);
    }
  }
  for (const auto& [deck_id, card_id] : touched) {
    const auto current = card(deck_id, card_id);
    update_card_state(db_, replay(*current, schedule_history(db_, deck_id, card_id)));
  }
  transaction.commit();
  return added;
}

void Store::relink(const std::string& deck_id, const std::string& old_id, const std::string& new_id,
                   const std::string& new_prompt) {
  Transaction transaction(db_);
  const auto old_card = card(deck_id, old_id);
  if (!old_card) {
    throw StoreError(StoreError::Kind::kInvalid,
                     fmt::format("deck '{}' has no card '{}' in the store", deck_id, old_id));
  }
  Statement count = db_.prepare("SELECT count(*) FROM reviews WHERE deck_id = ?1 AND card_id = ?2");
  count.bind(1, deck_id).bind(2, new_id);
  count.step();
  if (count.integer(0) > 0) {
    throw StoreError(StoreError::Kind::kInvalid,
                     fmt::format("card '{}' already has reviews of its own; relink moves history "
                                 "only to a card without any",
                                 new_id));
  }
  db_.exec("PRAGMA defer_foreign_keys = ON");
  // The history moves; the place and tags are the new card's (the old one left its deck).
  Statement place =
      db_.prepare("SELECT position, tags FROM cards WHERE deck_id = ?1 AND card_id = ?2");
  place.bind(1, deck_id).bind(2, new_id);
  std::optional<std::int64_t> position;
  std::string tags;
  if (place.step()) {
    position = place.optional_integer(0);
    tags = place.text(1);
  }
  place.reset();
  Statement drop = db_.prepare("DELETE FROM cards WHERE deck_id = ?1 AND card_id = ?2");
  drop.bind(1, deck_id).bind(2, new_id).run();
  Statement move_card = db_.prepare(
      "UPDATE cards SET card_id = ?3, prompt = ?4, position = ?5, tags = ?6 WHERE deck_id = ?1 "
      "AND card_id = ?2");
  move_card.bind(1, deck_id).bind(2, old_id).bind(3, new_id).bind(4, new_prompt);
  move_card.bind(5, position).bind(6, tags).run();
  // Should the new card not have been synced yet, the next session syncs the deck again.
  if (!position) {
    Statement resync = db_.prepare("UPDATE decks SET synced_hash = NULL WHERE id = ?1");
    resync.bind(1, deck_id).run();
  }
  Statement move_reviews =
      db_.prepare("UPDATE reviews SET card_id = ?3 WHERE deck_id = ?1 AND card_id = ?2");
  move_reviews.bind(1, deck_id).bind(2, old_id).bind(3, new_id).run();
  transaction.commit();
}

void Store::bulk_write(const std::string& deck_id, const std::function<void()>& write) {
  // Inside the caller's transaction: the triggers are off while `write` runs, and the
  // deck's summaries are then read again from its log.
  Statement pause = db_.prepare("INSERT INTO bulk_write (deck_id) VALUES (?1)");
  pause.bind(1, deck_id).run();
  write();
  db_.exec("DELETE FROM bulk_write");
  fill_summaries(db_, deck_id);
}

std::int64_t Store::prune(const std::string& deck_id, const std::vector<std::string>& card_ids) {
  Transaction transaction(db_);
  std::int64_t removed = 0;
  Statement count = db_.prepare("SELECT count(*) FROM reviews WHERE deck_id = ?1 AND card_id = ?2");
  std::int64_t rows = 0;
  for (const auto& card_id : card_ids) {
    count.bind(1, deck_id).bind(2, card_id);
    count.step();
    rows += count.integer(0);
    count.reset();
  }
  const auto remove = [&] {
    Statement reviews_out = db_.prepare("DELETE FROM reviews WHERE deck_id = ?1 AND card_id = ?2");
    Statement card_out = db_.prepare("DELETE FROM cards WHERE deck_id = ?1 AND card_id = ?2");
    for (const auto& card_id : card_ids) {
      reviews_out.bind(1, deck_id).bind(2, card_id).run();
      removed += db_.changes();
      reviews_out.reset();
      card_out.bind(1, deck_id).bind(2, card_id).run();
      card_out.reset();
    }
  };
  if (worth_bulk_write(deck_id, rows)) {
    bulk_write(deck_id, remove);
  } else {
    remove();
  }
  transaction.commit();
  return removed;
}

std::int64_t Store::reset(const std::string& deck_id, const std::optional<std::string>& card_id,
                          std::int64_t now) {
  Transaction transaction(db_);
  std::int64_t marked = 0;
  const auto mark = [&] {
    Statement update = db_.prepare(
        "UPDATE reviews SET reset_ms = ?3 WHERE deck_id = ?1 AND (?2 IS NULL OR card_id = ?2) "
        "AND reset_ms IS NULL");
    update.bind(1, deck_id).bind(2, card_id).bind(3, now).run();
    marked = db_.changes();
  };
  if (!card_id) {
    bulk_write(deck_id, mark);  // every review of the deck
  } else {
    mark();
  }
  // A fresh start: no leech mark or burial either (a suspension or a flag is the learner's,
  // and stays).
  Statement fresh = db_.prepare(
      "UPDATE cards SET state = 0, due_ms = ?3, stability = 0, difficulty = 0, elapsed_days = 0, "
      "scheduled_days = 0, learning_steps = 0, reps = 0, lapses = 0, last_review_ms = NULL, "
      "leech = 0, buried_until_ms = NULL WHERE deck_id = ?1 AND (?2 IS NULL OR card_id = ?2)");
  fresh.bind(1, deck_id).bind(2, card_id).bind(3, now).run();
  transaction.commit();
  return marked;
}

bool Store::worth_bulk_write(const std::string& deck_id, std::int64_t rows) {
  // The triggers cost about ten times what a refill spends per review of the deck.
  if (rows < 1000) return false;
  Statement count = db_.prepare("SELECT count(*) FROM reviews WHERE deck_id = ?1");
  count.bind(1, deck_id);
  count.step();
  return rows * 10 > count.integer(0);
}

}  // namespace quizdeck::store
