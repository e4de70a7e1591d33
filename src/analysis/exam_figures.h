// SPDX-License-Identifier: MIT
// The figures of one exam over its sittings: the score distribution, the pass count and
// Cronbach's alpha with its error ratio and standard error, as Moodle's quiz statistics
// report them.
#pragma once

#include <vector>

#include "analysis/observations.h"

namespace quizdeck::analysis {

// A sitting's marks on the analysed questions, in the order asked, with their items.
struct SittingMarks {
  double percent = 0;  // of the whole sitting (questions of other decks included)
  std::optional<double> pass_mark;
  std::vector<std::size_t> items;
  std::vector<double> marks;
};

// Counts a sitting into its exam.
void count_sitting(Group& g, const SittingMarks& sitting, const std::vector<Item>& items);

ExamReport exam_report(const Group& g, const std::vector<Item>& items);

}  // namespace quizdeck::analysis
