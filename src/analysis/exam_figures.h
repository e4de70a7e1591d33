// SPDX-License-Identifier: MIT
// The figures of one exam over its sittings: the score distribution, the pass count and
// Cronbach's alpha with its error ratio and standard error, as Moodle's quiz statistics
// report them.
#pragma once

#include <vector>

#include "analysis/observations.h"

namespace quizdeck::analysis {

ExamReport exam_report(const Group& g, const std::vector<Attempt>& attempts,
                       const std::vector<Item>& items);

}  // namespace quizdeck::analysis
