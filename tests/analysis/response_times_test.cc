// SPDX-License-Identifier: MIT
// The times answer sheets from elsewhere give: read exactly, or not at all.
#include <doctest/doctest.h>

#include "analysis/response_times.h"
#include "core/time.h"

namespace quizdeck::analysis {
namespace {

std::int64_t at(const char* iso) {
  return *core::parse_iso8601(iso);
}

TEST_CASE("Forms timestamps: Google's own, Sheets' month-first, ISO 8601") {
  CHECK(forms_time("2026/05/14 10:23:11 AM GMT+2") == at("2026-05-14T08:23:11Z"));
  CHECK(forms_time("2026/05/14 12:05:00 AM GMT") == at("2026-05-14T00:05:00Z"));
  CHECK(forms_time("2026/05/14 12:05:00 PM GMT-5:30") == at("2026-05-14T17:35:00Z"));
  CHECK(forms_time("5/14/2026 14:02:00") == at("2026-05-14T14:02:00Z"));
  CHECK(forms_time("2026-05-14T08:00:00Z") == at("2026-05-14T08:00:00Z"));
  for (const char* bad : {"2026/02/30 10:00:00 AM", "2025/02/29 10:00:00", "2026/05/14 13:00:00 PM",
                          "2026/05/14 10:00:00 AM GMT+99", "5/14/2026 14:02:00 and more",
                          "5/14/2026 24:00:00", "yesterday", "", "2026/05/14"}) {
    INFO(bad);
    CHECK_FALSE(forms_time(bad));
  }
  CHECK(forms_time("2024/02/29 10:00:00") == at("2024-02-29T10:00:00Z"));
}

TEST_CASE("Moodle's start times: day, month's name, year, a 12- or 24-hour clock") {
  CHECK(moodle_time("14 May 2026, 10:23 AM") == at("2026-05-14T10:23:00Z"));
  CHECK(moodle_time("14 May 2026, 2:02 PM") == at("2026-05-14T14:02:00Z"));
  CHECK(moodle_time("1 September 2026, 14:02") == at("2026-09-01T14:02:00Z"));
  CHECK(moodle_time("14 Sept 2026 09:00") == at("2026-09-14T09:00:00Z"));
  for (const char* bad : {"31 Feb 2026, 10:00 AM", "14 Ma 2026, 10:00", "14 May 2026, 13:00 PM",
                          "14 May 2026, 10:00 AM!", "-", ""}) {
    INFO(bad);
    CHECK_FALSE(moodle_time(bad));
  }
}

}  // namespace
}  // namespace quizdeck::analysis
