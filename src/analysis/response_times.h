// SPDX-License-Identifier: MIT
// The times answer sheets from elsewhere give a sitting: a Google Forms timestamp and the
// start of a Moodle attempt. Pure: text in, an instant (ms since 1970, UTC) or nothing out.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace quizdeck::analysis {

// "2026/05/14 10:23:11 AM GMT+2" (Google's own), "5/14/2026 10:23:11" (Sheets' default,
// month first) or ISO 8601.
std::optional<std::int64_t> forms_time(std::string_view text);

// "14 May 2026, 10:23 AM" (Moodle's user date, in a zone the export does not say: read as
// UTC) or ISO 8601.
std::optional<std::int64_t> moodle_time(std::string_view text);

}  // namespace quizdeck::analysis
