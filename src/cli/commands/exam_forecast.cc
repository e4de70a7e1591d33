// SPDX-License-Identifier: MIT
#include "cli/commands/exam_forecast.h"

#include <algorithm>

namespace quizdeck::cli {

optimize::ExamInput exam_input(const deck::Deck& deck, const StudyModel& model, int minutes,
                               std::int64_t days_left, std::uint64_t seed) {
  optimize::ExamInput input;
  input.studied = model.studied;
  input.new_cards = model.new_cards;
  input.learner = model.learner;
  input.options.w = model.w;
  input.options.retention = model.retention;
  input.options.max_interval = model.max_interval;
  input.options.new_per_day = model.rules.new_per_day;
  if (model.rules.reviews_per_day) input.options.reviews_per_day = *model.rules.reviews_per_day;
  input.options.minutes_per_day = minutes;
  input.options.exam_day = static_cast<int>(days_left);
  input.options.seed = seed;
  for (const auto& card : model.cards) input.points.push_back(card.points);
  if (deck.exam.questions) input.questions = static_cast<std::size_t>(*deck.exam.questions);
  return input;
}

std::optional<double> blueprint_score(const deck::Deck& deck, const StudyModel& model,
                                      const std::vector<double>& recall) {
  const deck::Blueprint& blueprint = deck.exam.blueprint;
  if (blueprint.empty() || !deck.exam.questions) return std::nullopt;
  const std::vector<int> counts = deck::blueprint_counts(blueprint, *deck.exam.questions);
  std::vector<bool> claimed(model.cards.size(), false);
  double score = 0;
  double weight = 0;
  for (std::size_t s = 0; s < blueprint.shares.size(); ++s) {
    double earned = 0;
    double possible = 0;
    for (std::size_t i = 0; i < model.cards.size(); ++i) {
      const auto& tags = model.cards[i].tags;
      if (claimed[i] || std::find(tags.begin(), tags.end(), blueprint.shares[s].tag) == tags.end())
        continue;
      claimed[i] = true;
      earned += model.cards[i].points * recall[i];
      possible += model.cards[i].points;
    }
    if (possible <= 0 || counts[s] == 0) continue;
    score += counts[s] * earned / possible;
    weight += counts[s];
  }
  if (weight <= 0) return std::nullopt;
  return score / weight;
}

std::pair<double, double> band_of(const optimize::Forecast& f) {
  return {std::clamp(f.score - f.band, 0.0, 1.0), std::clamp(f.score + f.band, 0.0, 1.0)};
}

optimize::Forecast forecast_deck_exam(const deck::Deck& deck, const StudyModel& model, int minutes,
                                      std::int64_t days_left, std::uint64_t seed) {
  optimize::Forecast forecast =
      optimize::forecast_exam(exam_input(deck, model, minutes, days_left, seed));
  if (const auto shaped = blueprint_score(deck, model, forecast.recall)) forecast.score = *shaped;
  return forecast;
}

}  // namespace quizdeck::cli
