// SPDX-License-Identifier: MIT
// One line of a scripted session: "@90s A" is the time the learner took, then the answer;
// "?" asks for the hint; an empty line skips. Pure text in, parts out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "session/driver.h"

namespace quizdeck::session {

struct ScriptLine {
  std::string text;                     // the answer (or "?"), without the time
  std::optional<std::int64_t> took_ms;  // "@90s": 90,000
};

// A trailing '\r' is dropped; an '@' that does not start a valid duration is answer text.
ScriptLine parse_script_line(std::string line);

// A command typed as a line starting with ':' (":undo", ":hint", ":skip", ":quit",
// ":rate 1-4", ":suspend", ":bury", ":flag"); anything else is kInvalid with the reason.
// `rating` is whether answers may be rated (not in an exam without feedback).
Action parse_command(std::string_view text, bool rating);

// A line typed in the terminal: a command (':'), an answer that starts with ':' ("::"), or
// the answer. A control character left in it (or bytes that are not UTF-8) make it
// kInvalid with the reason: nothing of the kind reaches the grader.
Action typed_line(std::string text, bool rating);

}  // namespace quizdeck::session
