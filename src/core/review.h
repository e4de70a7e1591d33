// SPDX-License-Identifier: MIT
// The words of a review, shared by the scheduler, the store and every command: the rating
// a review earns, the learning state of a card, and the kind of session it happened in.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace quizdeck::core {

enum class Rating { kAgain = 1, kHard = 2, kGood = 3, kEasy = 4 };
enum class State { kNew = 0, kLearning = 1, kReview = 2, kRelearning = 3 };
enum class ReviewMode { kDrill, kExam, kCram };

inline constexpr std::array<Rating, 4> kRatings{Rating::kAgain, Rating::kHard, Rating::kGood,
                                                Rating::kEasy};
inline constexpr std::array<State, 4> kStates{State::kNew, State::kLearning, State::kReview,
                                              State::kRelearning};
inline constexpr std::array<ReviewMode, 3> kReviewModes{ReviewMode::kDrill, ReviewMode::kExam,
                                                        ReviewMode::kCram};

const char* rating_name(Rating rating);  // "Again", "Hard", "Good", "Easy"
const char* state_name(State state);     // "New", "Learning", "Review", "Relearning"
const char* mode_name(ReviewMode mode);  // "drill", "exam", "cram"
std::optional<Rating> parse_rating(std::string_view text);    // names in any case, or 1-4
std::optional<State> parse_state(std::string_view text);      // names in any case, or 0-3
std::optional<ReviewMode> parse_mode(std::string_view text);  // "drill", "exam", "cram"
// 1..4 to a rating; nothing for other numbers (a damaged store, a typo).
std::optional<Rating> rating_from_number(long long number);
std::optional<State> state_from_number(long long number);

// Learning (1) and relearning (3): a card in steps, due again within the day.
inline bool in_steps(State state) {
  return state == State::kLearning || state == State::kRelearning;
}

}  // namespace quizdeck::core
