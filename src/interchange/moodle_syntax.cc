// SPDX-License-Identifier: MIT
#include "interchange/moodle_syntax.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "interchange/html_text.h"

namespace quizdeck::interchange {
namespace {

// The end of a cloze blank's part that stops at one of `stops` not escaped by '\'.
std::size_t unescaped(std::string_view text, std::size_t from, std::string_view stops) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (stops.find(text[i]) != std::string_view::npos) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

}  // namespace

std::string moodle_percent(double fraction) {
  std::string text = fmt::format("{:.5f}", fraction * 100);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

std::optional<EmbeddedCloze> cloze_of(const std::string& text) {
  EmbeddedCloze out;
  std::size_t at = 0;
  bool any = false;
  bool sensitive = false;
  bool blind = false;
  while (true) {
    const std::size_t open = text.find('{', at);
    if (open == std::string::npos) break;
    const std::size_t close = unescaped(text, open + 1, "}");
    if (close == std::string::npos) return std::nullopt;
    const std::string_view inside = std::string_view(text).substr(open + 1, close - open - 1);
    const std::size_t first = inside.find(':');
    const std::size_t second = first == std::string::npos ? first : inside.find(':', first + 1);
    if (second == std::string::npos) {
      out.text += text.substr(at, close + 1 - at);
      at = close + 1;
      continue;
    }
    const std::string_view kind = inside.substr(first + 1, second - first - 1);
    const bool case_sensitive = kind == "SHORTANSWER_C" || kind == "SAC" || kind == "MWC";
    if (!case_sensitive && kind != "SHORTANSWER" && kind != "SA" && kind != "MW") {
      return std::nullopt;
    }
    (case_sensitive ? sensitive : blind) = true;
    std::vector<std::string> accepted;
    const std::string_view answers = inside.substr(second + 1);
    for (std::size_t start = 0; start <= answers.size();) {
      const std::size_t end = std::min(unescaped(answers, start, "~"), answers.size());
      std::string_view answer = answers.substr(start, end - start);
      answer = answer.substr(0, std::min(unescaped(answer, 0, "#"), answer.size()));
      if (answer.starts_with('=')) {
        accepted.push_back(collapse_space(unescape(answer.substr(1))));
      } else if (answer.starts_with("%100%")) {
        accepted.push_back(collapse_space(unescape(answer.substr(5))));
      }
      start = end + 1;
    }
    if (accepted.empty()) return std::nullopt;
    out.text += text.substr(at, open - at) + "{{";
    for (std::size_t i = 0; i < accepted.size(); ++i) {
      const auto& a = accepted[i];
      if (a.empty() || a.find('|') != std::string::npos || a.find("}}") != std::string::npos ||
          a.find("{{") != std::string::npos) {
        return std::nullopt;
      }
      out.text += (i ? "|" : "") + a;
    }
    out.text += "}}";
    at = close + 1;
    any = true;
  }
  if (!any || (sensitive && blind)) return std::nullopt;
  out.text += text.substr(at);
  out.exact = sensitive;
  return out;
}

std::string embedded_answers(const Entry& e) {
  const std::string& cloze = e.question;
  const char* kind = e.match == deck::MatchRule::kExact ? "SHORTANSWER_C" : "SHORTANSWER";
  std::string question;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = cloze.find("{{", at);
    const std::size_t close = open == std::string::npos ? open : cloze.find("}}", open);
    if (close == std::string::npos) break;
    question += cloze.substr(at, open - at) + fmt::format("{{1:{}:", kind);
    const std::string inside = cloze.substr(open + 2, close - open - 2);
    std::size_t start = 0;
    for (std::size_t bar = inside.find('|');; bar = inside.find('|', start)) {
      std::string answer = inside.substr(start, bar - start);
      std::string escaped;
      for (const char c : answer) {
        if (c == '}' || c == '#' || c == '~' || c == '/' || c == '"' || c == '\\') escaped += '\\';
        escaped += c;
      }
      question += (start ? "~=" : "=") + escaped;
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    question += "}";
    at = close + 2;
  }
  question += cloze.substr(at);
  return question;
}

}  // namespace quizdeck::interchange
