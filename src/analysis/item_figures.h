// SPDX-License-Identifier: MIT
// The figures of one item over one population of its attempts (exam sittings, or drill
// learners' first answers), as Moodle's quiz statistics compute them: facility, spread,
// discrimination index and efficiency against the rest of the test, time, choice shares.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/observations.h"

namespace quizdeck::analysis {

// `times` are the response times to take the median of (-1: not answered).
ItemFigures item_figures(const Item& item, const std::vector<Observation>& population,
                         const std::vector<Attempt>& attempts,
                         const std::vector<std::int64_t>& times);

}  // namespace quizdeck::analysis
