// SPDX-License-Identifier: MIT
// The forecast of a deck's exam on its day, as plan and today work it out: study simulated
// until then at a daily budget, the score drawn by the deck's exam settings (and blueprint).
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "cli/commands/study_model.h"
#include "deck/deck.h"
#include "optimize/plan.h"

namespace quizdeck::cli {

optimize::ExamInput exam_input(const deck::Deck& deck, const StudyModel& model, int minutes,
                               std::int64_t days_left, std::uint64_t seed);

// The expected score of an exam drawn by the deck's blueprint: each tag's questions score
// the mean recall of the cards it draws from (weighted by points), each tag weighing its
// count. Nothing when the deck has no blueprint.
std::optional<double> blueprint_score(const deck::Deck& deck, const StudyModel& model,
                                      const std::vector<double>& recall);

// The 95% band as the scores it spans, never below 0% or past 100%.
std::pair<double, double> band_of(const optimize::Forecast& f);

// The deck's exam forecast, its score shaped by the blueprint when the deck has one.
optimize::Forecast forecast_deck_exam(const deck::Deck& deck, const StudyModel& model, int minutes,
                                      std::int64_t days_left, std::uint64_t seed);

}  // namespace quizdeck::cli
