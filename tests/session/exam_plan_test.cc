// SPDX-License-Identifier: MIT
#include "session/exam_plan.h"

#include <doctest/doctest.h>

namespace quizdeck::session {

TEST_CASE("an exam plan reads back as it was written") {
  ExamPlan plan;
  plan.items = {{"crss", "values#2", {2, 0, 1}}, {"crss", "humility", {}}};
  plan.time_limit_ms = 600'000;
  plan.used_ms = 125'000;
  plan.sitting_started_ms = 1'767'258'000'000;
  plan.pass_percent = 62.5;
  plan.schedule = false;
  plan.seed = 18'446'744'073'709'551'615ULL;
  const auto read = read_exam_plan(write_exam_plan(plan));
  REQUIRE(read);
  REQUIRE(read->items.size() == 2);
  CHECK(read->items[0].card_id == "values#2");
  CHECK(read->items[0].order == std::vector<std::size_t>{2, 0, 1});
  CHECK(read->items[1].order.empty());
  CHECK(read->time_limit_ms == 600'000);
  CHECK(read->used_ms == 125'000);
  CHECK(read->sitting_started_ms == 1'767'258'000'000);
  CHECK(read->pass_percent == 62.5);
  CHECK_FALSE(read->schedule);
  CHECK(read->seed == 18'446'744'073'709'551'615ULL);
}

TEST_CASE("a plan that is damaged or from elsewhere is refused") {
  for (const char* text :
       {"", "null", "[]", "{\"version\":2,\"questions\":[]}",
        "{\"version\":1,\"questions\":[{\"deck\":1,\"card\":\"c\",\"order\":[]}],"
        "\"used_ms\":0,\"sitting_started_ms\":0,\"schedule\":true}",
        "{\"version\":1,\"questions\":[],\"used_ms\":-5,\"sitting_started_ms\":0,"
        "\"schedule\":true}",
        "{\"version\":1,\"questions\":[],\"time_limit_ms\":0,\"used_ms\":0,"
        "\"sitting_started_ms\":0,\"schedule\":true}",
        "{\"version\":1,\"questions\":[{\"deck\":\"d\",\"card\":\"c\",\"order\":[0.5]}],"
        "\"used_ms\":0,\"sitting_started_ms\":0,\"schedule\":true}"}) {
    INFO(text);
    CHECK_FALSE(read_exam_plan(text));
  }
}

}  // namespace quizdeck::session
