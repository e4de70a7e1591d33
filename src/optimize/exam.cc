// SPDX-License-Identifier: MIT
#include "optimize/exam.h"

#include <algorithm>
#include <cmath>

namespace quizdeck::optimize {

bool in_final_days(int today, int exam_day) {
  return today < exam_day && exam_day - today <= kLeadDays;
}

int exam_interval(int today, int interval, int exam_day) {
  const int last = exam_day - 1;  // the day before the exam
  if (today >= last || today + interval <= last) return interval;
  return std::max(1, last - today);
}

int exam_new_per_day(int limit, std::size_t remaining, int today, int exam_day) {
  const int deadline = exam_day - kLeadDays;
  if (today >= exam_day) return limit;
  const int days_left = std::max(1, deadline - today);
  const auto needed =
      static_cast<int>((remaining + static_cast<std::size_t>(days_left) - 1) / days_left);
  return std::max(limit, needed);
}

double exam_day_recall(const Params& w, const MemoryState& state, std::int64_t last_day,
                       int exam_day) {
  if (state.stability <= 0) return 0;
  return recall(w, static_cast<double>(exam_day - last_day), state.stability);
}

}  // namespace quizdeck::optimize
