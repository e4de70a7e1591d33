// SPDX-License-Identifier: MIT
// Figures of a sample of values, as Moodle's statistics compute them.
#pragma once

#include <optional>
#include <vector>

namespace quizdeck::analysis {

// 0 for no values.
double mean(const std::vector<double>& values);
// Sample variance (n - 1); nothing for fewer than 2 values.
std::optional<double> variance(const std::vector<double>& values);
// 0 for no values.
double median(std::vector<double> values);

}  // namespace quizdeck::analysis
