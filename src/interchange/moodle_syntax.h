// SPDX-License-Identifier: MIT
// What Moodle XML's reader and writer share: Moodle's percentages, and its embedded
// answers ({1:SHORTANSWER:=Berlin~=Wien}) as a quizdeck cloze ({{Berlin|Wien}}) and back.
#pragma once

#include <optional>
#include <string>

#include "interchange/bank.h"

namespace quizdeck::interchange {

// How near a fraction is to one Moodle accepts to count as that one.
inline constexpr double kFractionTolerance = 0.00001;

// A fraction (1 = 100%) as a percentage as Moodle writes one: up to 5 decimals, no
// trailing zeros.
std::string moodle_percent(double fraction);

struct EmbeddedCloze {
  std::string text;
  bool exact = false;  // the blanks are case-sensitive (SHORTANSWER_C)
};

// Moodle cloze text ({1:SHORTANSWER:=Berlin~=Wien}) as a quizdeck cloze ({{Berlin|Wien}});
// nothing when a blank is of another kind.
std::optional<EmbeddedCloze> cloze_of(const std::string& text);

// A cloze card's text in Moodle's embedded answers: {{Berlin|Wien}} as
// {1:SHORTANSWER:=Berlin~=Wien} (SHORTANSWER_C when the card matches exactly).
std::string embedded_answers(const Entry& e);

}  // namespace quizdeck::interchange
