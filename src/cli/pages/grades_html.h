// SPDX-License-Identifier: MIT
// The gradebook as self-contained HTML pages (inline CSS, no scripts, a
// Content-Security-Policy that loads nothing): the class's table, and one printable
// sheet per learner with each missed item, what they gave, its why and the explanation.
#pragma once

#include <string>
#include <vector>

#include "analysis/gradebook.h"
#include "deck/deck.h"

namespace quizdeck::cli {

std::string grades_html(const std::vector<analysis::LearnerGrades>& learners,
                        const analysis::Gradebook& book, const deck::Deck& deck,
                        analysis::AttemptChoice choice);

std::string grade_sheet_html(const analysis::LearnerGrades& learner, const deck::Deck& deck);

}  // namespace quizdeck::cli
