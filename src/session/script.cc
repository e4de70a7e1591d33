// SPDX-License-Identifier: MIT
#include "session/script.h"

#include <fmt/format.h>

#include "core/utf8.h"
#include "core/visible.h"
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

Action parse_command(std::string_view text, bool rating) {
  using Kind = Action::Kind;
  Action action;
  static const std::pair<std::string_view, Kind> kCommands[] = {
      {":undo", Kind::kUndo}, {":hint", Kind::kHint},       {":skip", Kind::kSkip},
      {":quit", Kind::kQuit}, {":suspend", Kind::kSuspend}, {":bury", Kind::kBury},
      {":flag", Kind::kFlag}};
  for (const auto& [name, kind] : kCommands) {
    if (text == name) {
      action.kind = kind;
      return action;
    }
  }
  if (text.starts_with(":rate ") && text.size() == 7 && text[6] >= '1' && text[6] <= '4') {
    if (!rating) {
      action.kind = Kind::kInvalid;
      action.text = "an exam without --feedback does not rate answers";
      return action;
    }
    action.kind = Kind::kRate;
    action.rating = core::parse_rating(text.substr(6));
    return action;
  }
  action.kind = Kind::kInvalid;
  action.text = fmt::format(
      "unknown command '{}': :undo, :hint, :skip, :quit, :rate 1-4, :suspend, :bury, :flag "
      "(an answer that starts with ':' is written '::')",
      text);
  return action;
}

Action typed_line(std::string text, bool rating) {
  Action action;
  if (const auto bad = core::find_invalid_utf8(text)) {
    action.kind = Action::Kind::kInvalid;
    action.text = fmt::format("the answer is not valid UTF-8 (byte {}); type it again", *bad + 1);
    return action;
  }
  if (const auto control = core::find_control(text)) {
    action.kind = Action::Kind::kInvalid;
    action.text = fmt::format("the answer holds a control character, {}; type it again",
                              core::describe_control(control->code_point));
    return action;
  }
  if (text.starts_with("::")) {
    text.erase(0, 1);
  } else if (text.starts_with(':')) {
    return parse_command(text, rating);
  }
  action.kind = Action::Kind::kAnswer;
  action.text = std::move(text);
  return action;
}

}  // namespace quizdeck::session
