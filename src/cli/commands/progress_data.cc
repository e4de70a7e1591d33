// SPDX-License-Identifier: MIT
#include "cli/commands/progress_data.h"

#include <algorithm>
#include <cstdlib>

#include "core/time.h"
#include "session/card_state.h"
#include "session/today.h"

namespace quizdeck::cli {

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    const std::string locale = value;
    return locale.find("UTF-8") != std::string::npos || locale.find("utf8") != std::string::npos ||
           locale.find("UTF8") != std::string::npos || locale.find("utf-8") != std::string::npos;
  }
  return false;
}

Needs progress_needs(const std::vector<std::string>& paths) {
  Needs n;
  n.clock = true;
  n.store = StoreNeed::kRead;
  n.decks = true;
  n.deck_paths = paths;
  n.decks_from_store = true;
  n.new_decks_without_store = true;
  n.schedulers = true;
  return n;
}

namespace {

// What the memory model predicted each exam would score when it started: the points-
// weighted recall of its questions at that moment, each card replayed from its reviews
// before the exam with the deck's scheduler.
void predict_exams(Context& context, std::vector<stats::ExamResult>& exams) {
  store::Store& store = context.store();
  for (auto& exam : exams) {
    store::ReviewFilter filter;
    filter.session_id = exam.session_id;
    double points = 0;
    double expected = 0;
    for (const auto& answer : store.reviews(filter)) {
      const auto scheduler = context.schedulers.find(answer.deck_id);
      if (scheduler == context.schedulers.end()) continue;
      double worth = 1;
      for (const auto& deck : context.decks.decks) {
        if (deck.id != answer.deck_id) continue;
        if (const auto index = deck.cards.index_of(answer.card_id)) {
          worth = deck.cards[*index].points;
        }
      }
      store::ReviewFilter before;
      before.deck_id = answer.deck_id;
      before.card_id = answer.card_id;
      before.only_scheduled_and_kept = true;
      std::vector<store::ReviewRecord> history;
      for (auto& r : store.reviews(before)) {
        if (r.time_ms < exam.when_ms) history.push_back(std::move(r));
      }
      store::CardRecord card;
      card.deck_id = answer.deck_id;
      card.card_id = answer.card_id;
      const store::CardRecord then = session::replay_reviews(scheduler->second, card, history);
      const double recall = history.empty() ? 0.0
                                            : scheduler->second.retrievability(
                                                  session::to_schedule(then), exam.when_ms);
      points += worth;
      expected += worth * recall;
    }
    if (points > 0) exam.predicted_percent = 100 * expected / points;
  }
}

}  // namespace

core::Expected<stats::Progress> load_progress(Context& context, std::optional<int> new_per_day) {
  stats::Progress data;
  store::Store& store = context.store();
  const auto& decks = context.decks.decks;
  std::vector<std::string> deck_ids;
  for (const auto& deck : decks) deck_ids.push_back(deck.id);
  auto rules = session::study_settings_of(store, deck_ids);
  if (!rules) return rules.error();
  stats::Input& input = data.input;
  input.now = context.now;
  // Calendar figures (forecast, heat map, streak) count study days: those of the global
  // day-start, or of the decks when they all set the same one.
  int hour = 4;
  if (auto global = session::study_settings_for(store, ""); global) {
    hour = global->day_start_hour;
  }
  if (!rules->empty() && std::all_of(rules->begin(), rules->end(), [&](const auto& entry) {
        return entry.second.day_start_hour == rules->begin()->second.day_start_hour;
      })) {
    hour = rules->begin()->second.day_start_hour;
  }
  input.day_of = [hour](std::int64_t ms) { return core::study_day(ms, hour); };
  input.day_start = [hour](std::int64_t day) { return core::study_day_start(day, hour); };
  // Each deck's study day: "due today" as a drill counts it.
  for (const auto& id : deck_ids) {
    const session::DeckDay day =
        session::deck_day(store, id, rules->at(id), context.now, new_per_day);
    input.today.push_back({day.end_ms, day.new_left, day.reviews_left});
  }
  for (const auto& id : deck_ids) {
    input.schedulers.push_back(&context.schedulers.at(id));
    data.retention.push_back(context.schedulers.at(id).parameters().request_retention);
  }
  if (!deck_ids.empty()) {
    input.desired_retention =
        context.schedulers.at(deck_ids.front()).parameters().request_retention;
  }
  const std::int64_t year_ago = input.day_start(input.day_of(context.now) - 364);
  input.quiet = store.quiet_spells(deck_ids, year_ago);
  for (auto& session : store.sessions()) {
    // Only sessions that studied one of these decks.
    const bool ours = std::any_of(session.decks.begin(), session.decks.end(), [&](const auto& id) {
      return std::find(deck_ids.begin(), deck_ids.end(), id) != deck_ids.end();
    });
    if (ours) input.sessions.push_back(std::move(session));
  }
  // Where each card is and its tags: from the store, which keeps them as of the last sync,
  // when that sync saw these very decks (then nothing of the deck is read); else from the
  // decks themselves.
  std::vector<bool> synced;
  for (const auto& deck : decks) {
    input.deck_sizes.push_back(deck.cards.size());
    const auto known = store.deck(deck.id);
    synced.push_back(known && known->synced_hash && !deck.content_hash.empty() &&
                     *known->synced_hash == deck.content_hash);
  }
  // The deck's own tags are left out: every card of it has them.
  input.card_tags = [&decks, synced](const store::Store::CardStateRow& row,
                                     std::vector<std::string_view>& tags) {
    const auto d = static_cast<std::size_t>(row.deck);
    const auto& own = decks[d].tags;
    const auto add = [&](std::string_view tag) {
      if (std::find(own.begin(), own.end(), tag) == own.end()) tags.push_back(tag);
    };
    if (synced[d]) {
      if (!row.position) return false;
      std::string_view joined = row.tags;
      while (!joined.empty()) {
        const auto space = joined.find(' ');
        add(joined.substr(0, space));
        joined.remove_prefix(space == std::string_view::npos ? joined.size() : space + 1);
      }
      return true;
    }
    const auto& cards = decks[d].cards;
    const auto index = cards.index_of(row.card_id);
    if (!index) return false;
    for (const auto& tag : cards.tags(*index)) add(tag);
    return true;
  };
  // The card rows and review buckets stream from the store into the tally: none is kept.
  stats::Tally tally(input);
  store.each_card_state(deck_ids, [&tally](const auto& row) { tally.add(row); });
  store.each_review_bucket(deck_ids, year_ago, [&tally](const auto& b) { tally.add(b); });
  data.stats = tally.finish();
  predict_exams(context, data.stats.exams);
  return data;
}

}  // namespace quizdeck::cli
