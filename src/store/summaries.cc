// SPDX-License-Identifier: MIT
// What statistics read: card states with their review totals, and review buckets.
#include "store/store.h"

#include <algorithm>

#include "store/rows.h"

namespace quizdeck::store {

void Store::each_card_state(const std::vector<std::string>& deck_ids,
                            const std::function<void(const CardStateRow&)>& visit) {
  // Both in card id order: the studied cards (the cards_studied index alone) and the
  // per-card totals (reset cards have totals but no learning state) are merged in one walk.
  // New cards with a mark (suspended, buried, flagged) come from the small marked index.
  Statement cards = db_.prepare(
      "SELECT card_id, state, due_ms, stability, last_review_ms, position, tags, suspended, "
      "buried_until_ms, flag, leech FROM cards INDEXED BY cards_studied WHERE deck_id = ?1 AND "
      "state != 0 UNION ALL SELECT card_id, state, due_ms, stability, last_review_ms, position, "
      "tags, suspended, buried_until_ms, flag, leech FROM cards INDEXED BY cards_marked WHERE "
      "deck_id = ?1 AND state = 0 AND (suspended != 0 OR buried_until_ms IS NOT NULL OR flag != "
      "0 OR leech != 0) ORDER BY card_id");
  Statement placed =
      db_.prepare("SELECT position, tags FROM cards WHERE deck_id = ?1 AND card_id = ?2");
  Statement totals = db_.prepare(
      "SELECT card_id, reviews, correct FROM card_totals WHERE deck_id = ?1 ORDER BY card_id");
  // One row, filled again for each card: its strings keep their room, so a store of
  // 100,000 cards costs no allocation per card and no memory that grows with the store
  // (holding every row took 17 MB there, and touching that memory a fifth of stats' time).
  CardStateRow row;
  for (std::size_t d = 0; d < deck_ids.size(); ++d) {
    cards.bind(1, deck_ids[d]);
    totals.bind(1, deck_ids[d]);
    bool more_cards = cards.step();
    bool more_totals = totals.step();
    while (more_cards || more_totals) {
      const bool take_card =
          more_cards && (!more_totals || cards.text_view(0) <= totals.text_view(0));
      const bool take_totals =
          more_totals && (!more_cards || totals.text_view(0) <= cards.text_view(0));
      row.deck = static_cast<int>(d);
      if (take_card) {
        row.card_id = cards.text_view(0);
        row.state = state_column(cards, 1);
        row.due_ms = cards.integer(2);
        row.stability = cards.real(3);
        row.last_review_ms = cards.optional_integer(4);
        row.position = cards.optional_integer(5);
        row.tags = cards.text_view(6);
        row.marks.suspended = cards.integer(7) != 0;
        row.marks.buried_until_ms = cards.optional_integer(8);
        row.marks.flag = static_cast<int>(cards.integer(9));
        row.marks.leech = cards.integer(10) != 0;
      } else {
        row.card_id = totals.text_view(0);  // a new (reset) card with reviews
        row.state = core::State::kNew;
        row.due_ms = 0;
        row.stability = 0;
        row.last_review_ms = std::nullopt;
        row.position = std::nullopt;
        row.tags.clear();
        row.marks = {};
        placed.bind(1, deck_ids[d]).bind(2, row.card_id);
        if (placed.step()) {
          row.position = placed.optional_integer(0);
          row.tags = placed.text_view(1);
        }
        placed.reset();
      }
      row.reviews = take_totals ? static_cast<int>(totals.integer(1)) : 0;
      row.correct = take_totals ? static_cast<int>(totals.integer(2)) : 0;
      visit(row);
      if (take_totals) more_totals = totals.step();
      if (take_card) more_cards = cards.step();
    }
    cards.reset();
    totals.reset();
  }
}

std::vector<Store::CardStateRow> Store::card_states(const std::vector<std::string>& deck_ids) {
  std::vector<CardStateRow> out;
  each_card_state(deck_ids, [&out](const CardStateRow& row) { out.push_back(row); });
  return out;
}

void Store::each_review_bucket(const std::vector<std::string>& deck_ids, std::int64_t since_ms,
                               const std::function<void(const ReviewBucket&)>& visit) {
  // Each deck's buckets in order, straight from the primary key.
  Statement query = db_.prepare(
      "SELECT bucket, reviews, correct, response_ms, recalls, recalls_right FROM review_buckets "
      "WHERE deck_id = ?1 AND bucket >= ?2 AND reviews > 0 ORDER BY bucket");
  // The first bucket that starts at or after `since`.
  const std::int64_t first = since_ms / kReviewBucketMs + (since_ms % kReviewBucketMs > 0 ? 1 : 0);
  for (std::size_t d = 0; d < deck_ids.size(); ++d) {
    query.bind(1, deck_ids[d]).bind(2, first);
    while (query.step()) {
      visit({query.integer(0) * kReviewBucketMs, static_cast<int>(query.integer(1)),
             static_cast<int>(query.integer(2)), query.integer(3),
             static_cast<int>(query.integer(4)), static_cast<int>(query.integer(5)),
             static_cast<int>(d)});
    }
    query.reset();
  }
}

std::vector<Store::QuietSpell> Store::quiet_spells(const std::vector<std::string>& deck_ids,
                                                   std::int64_t since_ms) {
  Statement query = db_.prepare(
      "SELECT since_ms, until_ms FROM quiet_spells WHERE deck_id = ?1 AND until_ms > ?2 ORDER "
      "BY since_ms");
  std::vector<QuietSpell> out;
  for (std::size_t d = 0; d < deck_ids.size(); ++d) {
    query.bind(1, deck_ids[d]).bind(2, since_ms);
    while (query.step()) {
      out.push_back({static_cast<int>(d), query.integer(0), query.integer(1)});
    }
    query.reset();
  }
  return out;
}

std::vector<Store::ReviewBucket> Store::review_buckets(const std::vector<std::string>& deck_ids,
                                                       std::int64_t since_ms) {
  // Decks are added up here (SQLite's GROUP BY costs more than the whole read).
  std::vector<ReviewBucket> out;
  each_review_bucket(deck_ids, since_ms, [&out](const ReviewBucket& b) { out.push_back(b); });
  if (deck_ids.size() > 1) {
    std::stable_sort(out.begin(), out.end(), [](const ReviewBucket& a, const ReviewBucket& b) {
      return a.start_ms < b.start_ms;
    });
    std::vector<ReviewBucket> merged;
    for (const auto& bucket : out) {
      if (merged.empty() || merged.back().start_ms != bucket.start_ms) {
        merged.push_back(bucket);
        continue;
      }
      ReviewBucket& sum = merged.back();
      sum.reviews += bucket.reviews;
      sum.correct += bucket.correct;
      sum.response_ms += bucket.response_ms;
      sum.recalls += bucket.recalls;
      sum.recalls_right += bucket.recalls_right;
    }
    out = std::move(merged);
  }
  return out;
}

}  // namespace quizdeck::store
