// SPDX-License-Identifier: MIT
// What the simulator and the exam planner need to know about a learner and their decks,
// read from the store: the FSRS parameters, each card's memory state (days counted from
// today's study day), the cards not yet studied, the daily limits, and the learner's own
// rating frequencies and answer times from the review log (Anki's simulator defaults
// where the log has too little).
#pragma once

#include <string>
#include <vector>

#include "cli/context.h"
#include "optimize/simulate.h"
#include "session/study_settings.h"

namespace quizdeck::cli {

struct ModelCard {
  std::string deck_id;
  std::string card_id;
  std::vector<std::string> tags;
  double points = 1;
  bool studied = false;
};

struct StudyModel {
  optimize::Params w{};
  double retention = 0.9;
  int max_interval = 36500;
  session::StudySettings rules;  // of the one deck, else the global ones
  std::int64_t today = 0;        // the study day, days since 1970-01-01
  std::vector<optimize::SimCard> studied;
  std::size_t new_cards = 0;
  std::vector<ModelCard> cards;  // the studied ones (in `studied` order), then the new ones
  optimize::LearnerProfile learner;
  std::size_t measured_reviews = 0;  // reviews the learner profile comes from (0: defaults)
};

// For the decks in context.decks (Needs::decks and a store); suspended cards are left out.
core::Expected<StudyModel> study_model(Context& context);
// The same for some of them (one deck: its own settings and parameters).
core::Expected<StudyModel> study_model(Context& context, std::span<const deck::Deck> decks);

// Needs of a command that builds a StudyModel.
Needs study_model_needs(const std::vector<std::string>& paths);

}  // namespace quizdeck::cli
