// SPDX-License-Identifier: MIT
#include "core/review.h"

namespace quizdeck::core {
namespace {

// ASCII case-insensitive equality (the names compared are ASCII letters).
bool same_word(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

const char* rating_name(Rating rating) {
  switch (rating) {
    case Rating::kAgain:
      return "Again";
    case Rating::kHard:
      return "Hard";
    case Rating::kGood:
      return "Good";
    case Rating::kEasy:
      return "Easy";
  }
  return "Again";
}

const char* state_name(State state) {
  switch (state) {
    case State::kNew:
      return "New";
    case State::kLearning:
      return "Learning";
    case State::kReview:
      return "Review";
    case State::kRelearning:
      return "Relearning";
  }
  return "New";
}

const char* mode_name(ReviewMode mode) {
  switch (mode) {
    case ReviewMode::kDrill:
      return "drill";
    case ReviewMode::kExam:
      return "exam";
    case ReviewMode::kCram:
      return "cram";
  }
  return "drill";
}

std::optional<Rating> parse_rating(std::string_view text) {
  for (const Rating rating : kRatings) {
    if (same_word(text, rating_name(rating)) ||
        (text.size() == 1 && text[0] == '0' + static_cast<int>(rating))) {
      return rating;
    }
  }
  return std::nullopt;
}

std::optional<State> parse_state(std::string_view text) {
  for (const State state : kStates) {
    if (same_word(text, state_name(state)) ||
        (text.size() == 1 && text[0] == '0' + static_cast<int>(state))) {
      return state;
    }
  }
  return std::nullopt;
}

std::optional<ReviewMode> parse_mode(std::string_view text) {
  for (const ReviewMode mode : kReviewModes) {
    if (text == mode_name(mode)) return mode;
  }
  return std::nullopt;
}

std::optional<Rating> rating_from_number(long long number) {
  if (number < 1 || number > 4) return std::nullopt;
  return static_cast<Rating>(number);
}

std::optional<State> state_from_number(long long number) {
  if (number < 0 || number > 3) return std::nullopt;
  return static_cast<State>(number);
}

}  // namespace quizdeck::core
