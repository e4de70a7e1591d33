// SPDX-License-Identifier: MIT
// The review log: recording and taking back answers, reading the history.
#include "store/store.h"

#include <algorithm>

#include <fmt/format.h>

#include "store/rows.h"

namespace quizdeck::store {

namespace {

CardRecord current_card(Database& db, const std::string& deck_id, const std::string& card_id) {
  Statement& query = db.kept(
      fmt::format("SELECT {} FROM cards WHERE deck_id = ?1 AND card_id = ?2", kCardColumns));
  query.bind(1, deck_id).bind(2, card_id);
  if (!query.step()) {
    query.reset();
    throw StoreError(StoreError::Kind::kInvalid,
                     fmt::format("card '{}' of deck '{}' is not in the store", card_id, deck_id));
  }
  CardRecord card = read_card(query);
  query.reset();
  return card;
}

void set_buried(Database& db, const std::string& deck_id, const std::string& card_id,
                std::optional<std::int64_t> until) {
  Statement& update =
      db.kept("UPDATE cards SET buried_until_ms = ?3 WHERE deck_id = ?1 AND card_id = ?2");
  update.bind(1, deck_id).bind(2, card_id).bind(3, until).run();
}

// The shortest local day (a day that springs forward): a pause shorter than this holds no
// whole day.
constexpr std::int64_t kQuietMinimumMs = 23 * 3'600'000;

// A review of `deck_id` at `time_ms` is about to be written: if it ends a pause of the
// deck's study, the quiet spell the pause began with (schema.cc, version 11), read from
// the store before the review changes it.
void note_quiet_spell(Database& db, const std::string& deck_id, std::int64_t time_ms) {
  Statement& last = db.kept(
      "SELECT bucket FROM review_buckets WHERE deck_id = ?1 AND reviews > 0 ORDER BY bucket "
      "DESC LIMIT 1");
  last.bind(1, deck_id);
  // The pause began where the deck's last review's bucket ends; before its first review,
  // at the beginning.
  const std::int64_t since = last.step() ? (last.integer(0) + 1) * kReviewBucketMs : 0;
  last.reset();
  if (time_ms - since < kQuietMinimumMs) return;
  // When the first card came due: a buried card when its burial ends, a suspended one
  // never.
  Statement& first_due = db.kept(
      "SELECT min(max(due_ms, coalesce(buried_until_ms, due_ms))) FROM cards WHERE deck_id = "
      "?1 AND state != 0 AND suspended = 0");
  first_due.bind(1, deck_id);
  std::int64_t until = time_ms;
  if (first_due.step()) {
    if (const auto due = first_due.optional_integer(0)) until = std::min(until, *due);
  }
  first_due.reset();
  if (until <= since) return;
  Statement& insert = db.kept(
      "INSERT INTO quiet_spells (deck_id, since_ms, until_ms) VALUES (?1, ?2, ?3) ON CONFLICT "
      "DO NOTHING");
  insert.bind(1, deck_id).bind(2, since).bind(3, until).run();
}

}  // namespace

std::vector<ReviewRecord> schedule_history(Database& db, const std::string& deck_id,
                                           const std::string& card_id) {
  Statement& query = db.kept(
      fmt::format("SELECT {} FROM reviews WHERE deck_id = ?1 AND card_id = ?2 AND scheduled = 1 "
                  "AND reset_ms IS NULL ORDER BY time_ms, origin, seq",
                  kReviewColumns));
  query.bind(1, deck_id).bind(2, card_id);
  std::vector<ReviewRecord> history;
  while (query.step()) history.push_back(read_review(query));
  query.reset();
  return history;
}

Store::Recorded Store::record_review(const ReviewRecord& review, const NextState& next,
                                     std::optional<std::int64_t> bury_siblings_until) {
  // BEGIN IMMEDIATE: the card read here cannot change before the commit.
  Transaction transaction(db_);
  Recorded recorded;
  recorded.before = current_card(db_, review.deck_id, review.card_id);
  note_quiet_spell(db_, review.deck_id, review.time_ms);
  recorded.after = recorded.before;
  if (review.scheduled) {
    if (auto state = next(recorded.before)) {
      recorded.after = std::move(*state);
      recorded.scheduled = true;
    }
  }
  Statement& insert = db_.kept(
      "INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms, "
      "session_id, mode, scheduled, answer_form, shown, content, credit, question) VALUES (?1, "
      "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  insert.bind(1, review.time_ms)
      .bind(2, review.deck_id)
      .bind(3, review.card_id)
      .bind(4, static_cast<int>(review.rating))
      .bind(5, review.correct ? 1 : 0)
      .bind(6, review.answer)
      .bind(7, review.response_ms)
      .bind(8, review.session_id)
      .bind(9, core::mode_name(review.mode))
      .bind(10, recorded.scheduled ? 1 : 0)
      .bind(11, review.answer_form)
      .bind(12, review.shown)
      .bind(13, review.content)
      .bind(14, review.credit)
      .bind(15, review.question)
      .run();
  recorded.review_id = db_.last_insert_id();
  if (recorded.scheduled) update_card_state(db_, recorded.after);
  if (bury_siblings_until && !recorded.before.note.empty()) {
    // Its siblings that would come up before then: new, or due by then (learning steps
    // too, so two siblings are never studied on one day).
    Statement& siblings = db_.kept(
        "SELECT card_id, buried_until_ms FROM cards INDEXED BY cards_note WHERE deck_id = ?1 AND "
        "note = ?2 AND card_id != ?3 AND suspended = 0 AND (state = 0 OR due_ms < ?4) AND "
        "(buried_until_ms IS NULL OR buried_until_ms < ?4)");
    siblings.bind(1, review.deck_id).bind(2, recorded.before.note).bind(3, review.card_id);
    siblings.bind(4, *bury_siblings_until);
    while (siblings.step()) {
      recorded.buried.emplace_back(siblings.text(0), siblings.optional_integer(1));
    }
    siblings.reset();
    for (const auto& [card_id, was] : recorded.buried) {
      set_buried(db_, review.deck_id, card_id, bury_siblings_until);
    }
  }
  transaction.commit();
  return recorded;
}

void Store::undo_review(const Recorded& recorded, const Replay& replay) {
  Transaction transaction(db_);
  Statement& remove =
      db_.kept("DELETE FROM reviews WHERE id = ?1 RETURNING deck_id, card_id, scheduled");
  remove.bind(1, recorded.review_id);
  if (!remove.step()) {
    remove.reset();
    throw StoreError(StoreError::Kind::kInvalid,
                     fmt::format("review {} is not in the store", recorded.review_id));
  }
  const std::string deck_id = remove.text(0);
  const std::string card_id = remove.text(1);
  const bool scheduled = remove.integer(2) != 0;
  remove.run();
  if (scheduled) {
    const CardRecord current = current_card(db_, deck_id, card_id);
    if (current == recorded.after) {
      update_card_state(db_, recorded.before);
    } else {
      // Answered elsewhere since: only the log knows the state now.
      update_card_state(db_, replay(current, schedule_history(db_, deck_id, card_id)));
    }
  }
  for (const auto& [sibling, was] : recorded.buried) set_buried(db_, deck_id, sibling, was);
  transaction.commit();
}

std::vector<ReviewRecord> Store::reviews(const ReviewFilter& filter) {
  Statement query = db_.prepare(fmt::format(
      "SELECT {} FROM reviews WHERE (?1 IS NULL OR deck_id = ?1) AND (?2 IS NULL OR card_id = ?2) "
      "AND (?3 IS NULL OR time_ms >= ?3) AND (?4 = 0 OR (scheduled = 1 AND reset_ms IS NULL)) "
      "AND (?5 IS NULL OR session_id = ?5) ORDER BY time_ms, id",
      kReviewColumns));
  query.bind(1, filter.deck_id).bind(2, filter.card_id).bind(3, filter.since_ms);
  query.bind(4, filter.only_scheduled_and_kept ? 1 : 0).bind(5, filter.session_id);
  std::vector<ReviewRecord> out;
  while (query.step()) out.push_back(read_review(query));
  return out;
}

std::int64_t Store::review_count() {
  Statement query = db_.prepare("SELECT count(*) FROM reviews");
  query.step();
  return query.integer(0);
}

std::map<std::string, std::int64_t> Store::review_counts(const std::string& deck_id) {
  Statement query =
      db_.prepare("SELECT card_id, count(*) FROM reviews WHERE deck_id = ?1 GROUP BY card_id");
  query.bind(1, deck_id);
  std::map<std::string, std::int64_t> out;
  while (query.step()) out.emplace(query.text(0), query.integer(1));
  return out;
}

}  // namespace quizdeck::store
