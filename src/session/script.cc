// SPDX-License-Identifier: MIT
#include "session/script.h"

#include "deck/scalar.h"

namespace quizdeck::session {

ScriptLine parse_script_line(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  ScriptLine out;
  if (line.starts_with('@')) {
    const auto space = line.find(' ');
    const std::string duration =
        line.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    std::optional<std::int64_t> took_ms;
    if (const auto seconds = deck::parse_duration(duration)) {
      took_ms = static_cast<std::int64_t>(*seconds) * 1000;
    } else if (duration == "0s") {
      took_ms = 0;
    }
    if (took_ms) {
      out.took_ms = took_ms;
      out.text = space == std::string::npos ? std::string() : line.substr(space + 1);
      return out;
    }
  }
  out.text = std::move(line);
  return out;
}

}  // namespace quizdeck::session
