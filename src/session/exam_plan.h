// SPDX-License-Identifier: MIT
// An exam's plan as the store keeps it with its session, so an exam left before its end
// (q, Ctrl-C, end of input, a closed terminal) can be taken up again with the same
// questions, the same choice order and the time that was left: `quizdeck exam --resume`.
// Pure: text in, text out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::session {

struct ExamPlan {
  struct Item {
    std::string deck_id;
    std::string card_id;
    std::vector<std::size_t> order;  // the choices as shown: order[i] is letter i
  };
  std::vector<Item> items;
  std::optional<std::int64_t> time_limit_ms;
  std::int64_t used_ms = 0;             // time spent in earlier sittings
  std::int64_t sitting_started_ms = 0;  // when the current sitting began
  std::optional<double> pass_percent;
  bool schedule = true;    // answers update the schedule
  std::uint64_t seed = 0;  // the seed it was planned with (a resumed exam reports it)
  // Left unfinished and then given up for a new exam (`exam --discard`): never resumed.
  std::optional<std::int64_t> discarded_ms;
};

std::string write_exam_plan(const ExamPlan& plan);
// Nothing when the text is not a plan this version wrote (damaged, or from elsewhere).
std::optional<ExamPlan> read_exam_plan(std::string_view text);

}  // namespace quizdeck::session
