// SPDX-License-Identifier: MIT
#include "cli/commands/study_model.h"

#include <algorithm>
#include <map>

#include "core/time.h"
#include "session/card_state.h"

namespace quizdeck::cli {
namespace {

// Enough answers to trust a measured frequency or time over the defaults.
constexpr std::size_t kEnough = 20;
// An answer left open longer than this counts as this long (the learner walked away).
constexpr double kLongestSeconds = 300;

struct Tally {
  std::array<std::size_t, 4> count{};
  std::array<double, 4> seconds{};
};

void measure(Context& context, const std::vector<std::string>& deck_ids, StudyModel& model) {
  Tally first;
  Tally later;
  for (const auto& deck_id : deck_ids) {
    store::ReviewFilter filter;
    filter.deck_id = deck_id;
    auto reviews = context.store().reviews(filter);
    std::stable_sort(reviews.begin(), reviews.end(), [](const auto& a, const auto& b) {
      return std::tie(a.card_id, a.time_ms) < std::tie(b.card_id, b.time_ms);
    });
    for (std::size_t i = 0; i < reviews.size(); ++i) {
      const auto& r = reviews[i];
      if (!r.scheduled || r.reset_ms || r.answer_form == "anki") continue;
      const bool is_first =
          i == 0 || reviews[i - 1].card_id != r.card_id || reviews[i - 1].reset_ms.has_value();
      Tally& t = is_first ? first : later;
      const auto k = static_cast<std::size_t>(static_cast<int>(r.rating) - 1);
      if (k > 3) continue;
      t.count[k] += 1;
      t.seconds[k] += std::min(kLongestSeconds, static_cast<double>(r.response_ms) / 1000);
      model.measured_reviews += 1;
    }
  }
  std::size_t firsts = 0;
  for (const auto n : first.count) firsts += n;
  if (firsts >= kEnough) {
    for (std::size_t k = 0; k < 4; ++k) {
      model.learner.first_rating[k] =
          static_cast<double>(first.count[k]) / static_cast<double>(firsts);
    }
  }
  const std::size_t recalled = later.count[1] + later.count[2] + later.count[3];
  if (recalled >= kEnough) {
    for (std::size_t k = 1; k < 4; ++k) {
      model.learner.recalled_rating[k - 1] =
          static_cast<double>(later.count[k]) / static_cast<double>(recalled);
    }
  }
  for (std::size_t k = 0; k < 4; ++k) {
    if (first.count[k] >= kEnough) {
      model.learner.first_seconds[k] = first.seconds[k] / static_cast<double>(first.count[k]);
    }
    if (later.count[k] >= kEnough) {
      model.learner.review_seconds[k] = later.seconds[k] / static_cast<double>(later.count[k]);
    }
  }
}

}  // namespace

Needs study_model_needs(const std::vector<std::string>& paths) {
  Needs n;
  n.clock = true;
  n.store = StoreNeed::kReadIfExists;
  n.decks = true;
  n.deck_paths = paths;
  n.decks_from_store = true;
  n.new_decks_without_store = true;
  return n;
}

core::Expected<StudyModel> study_model(Context& context) {
  return study_model(context, context.decks.decks);
}

core::Expected<StudyModel> study_model(Context& context, std::span<const deck::Deck> decks) {
  StudyModel model;
  store::Store& store = context.store();
  const std::string scope = decks.size() == 1 ? decks.front().id : std::string();
  auto rules = session::study_settings_for(store, scope);
  if (!rules) return rules.error();
  model.rules = *rules;
  auto parameters = session::parameters_for_deck(store, scope);
  if (!parameters) return parameters.error();
  std::copy(parameters->w.begin(), parameters->w.end(), model.w.begin());
  model.retention = parameters->request_retention;
  model.max_interval = parameters->maximum_interval;
  model.today = core::study_day(context.now, model.rules.day_start_hour);

  std::vector<std::string> deck_ids;
  std::vector<ModelCard> fresh;
  for (const auto& deck : decks) {
    deck_ids.push_back(deck.id);
    std::map<std::string, store::CardRecord, std::less<>> records;
    for (auto& record : store.cards(deck.id)) records.emplace(record.card_id, std::move(record));
    for (const auto& card : deck.cards) {
      ModelCard m{deck.id, card.id, card.tags, card.points, false};
      const auto it = records.find(card.id);
      if (it != records.end() && it->second.marks.suspended) continue;
      if (it == records.end() || it->second.state == core::State::kNew ||
          !it->second.last_review_ms || it->second.stability <= 0) {
        fresh.push_back(std::move(m));
        continue;
      }
      const store::CardRecord& r = it->second;
      optimize::SimCard sim;
      sim.state = {r.stability, r.difficulty};
      const int hour = model.rules.day_start_hour;
      sim.last_day = core::study_day(*r.last_review_ms, hour) - model.today;
      sim.due_day = core::study_day(r.due_ms, hour) - model.today;
      model.studied.push_back(sim);
      m.studied = true;
      model.cards.push_back(std::move(m));
    }
  }
  model.new_cards = fresh.size();
  for (auto& m : fresh) model.cards.push_back(std::move(m));
  measure(context, deck_ids, model);
  return model;
}

}  // namespace quizdeck::cli
