// SPDX-License-Identifier: MIT
#include "interchange/deck_yaml.h"

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/normalize.h"
#include "core/visible.h"

namespace quizdeck::interchange {
namespace {

bool plain_safe(std::string_view text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`+.0123456789<=~\\").find(text.front()) !=
      std::string_view::npos) {
    return false;
  }
  if (text.back() == ':') return false;
  if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos) {
    return false;
  }
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return false;
  }
  if (core::find_control(text)) return false;
  const std::string lowered = core::ascii_lower(text);
  for (const char* word : {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}) {
    if (lowered == word) return false;
  }
  return true;
}

// A double-quoted scalar: JSON's string syntax is YAML's too.
std::string quoted(std::string_view text) {
  return core::json_quote(text);
}

// Literal block lines can hold the text as it is.
bool literal_safe(std::string_view text) {
  if (text.empty() || text.front() == ' ' || text.front() == '\n' || text.back() == '\n' ||
      text.back() == ' ') {
    return false;
  }
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n') || byte == 0x7F) return false;
  }
  return !core::find_control(text);
}

constexpr std::size_t kFoldWidth = 76;

}  // namespace

std::string yaml_scalar(std::string_view text, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
  if (text.find('\n') != std::string_view::npos && literal_safe(text)) {
    std::string out = "|";
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view line = text.substr(start, end - start);
      out += "\n" + (line.empty() ? "" : pad + std::string(line));
      start = end + 1;
    }
    return out;
  }
  if (text.size() > kFoldWidth + 20 && plain_safe(text) &&
      text.find("  ") == std::string_view::npos) {
    // Folded: broken at single spaces, each break read back as one space.
    std::string out = ">";
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.size();
      if (text.size() - start > kFoldWidth) {
        const std::size_t space = text.rfind(' ', start + kFoldWidth);
        end = space == std::string_view::npos || space <= start ? text.find(' ', start + kFoldWidth)
                                                                : space;
        if (end == std::string_view::npos) end = text.size();
      }
      out += "\n" + pad + std::string(text.substr(start, end - start));
      start = end + 1;
    }
    return out;
  }
  return plain_safe(text) ? std::string(text) : quoted(text);
}

namespace {

// Tags as a flow list: [a, b, "c d"].
std::string flow_list(const std::vector<std::string>& items) {
  std::string flow = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    flow += (i ? ", " : "") +
            (plain_safe(items[i]) && items[i].find_first_of(",[]{}") == std::string::npos
                 ? items[i]
                 : quoted(items[i]));
  }
  return flow + "]";
}

std::string number_text(double value) {
  return fmt::format("{}", value);
}

// The lines of one card: "  - " before its first key, "    " before the others.
struct CardLines {
  std::string& y;
  std::string first = "  - ";

  void key(const std::string& name, const std::string& value) {
    y += first + name + ": " + value + "\n";
    first = "    ";
  }
  // A key whose value is the lines that follow it.
  void block(const std::string& name) {
    y += first + name + ":\n";
    first = "    ";
  }
  void items(const std::string& name, const std::vector<deck::Choice>& values) {
    block(name);
    for (const auto& value : values) y += "      - " + yaml_scalar(value.text, 8) + "\n";
  }
};

void write_choices(CardLines& card, const Entry& e) {
  std::string& y = card.y;
  card.block("choices");
  for (const auto& choice : e.choices) {
    if (choice.why.empty() && choice.image.path.empty()) {
      y += "      - " + yaml_scalar(choice.text, 8) + "\n";
    } else {
      y += "      - text: " + yaml_scalar(choice.text, 8) + "\n";
      if (!choice.why.empty()) y += "        why: " + yaml_scalar(choice.why, 8) + "\n";
      if (!choice.image.path.empty()) {
        y += "        image: " + yaml_scalar(choice.image.path, 8) + "\n";
      }
    }
  }
}

void write_pairs(CardLines& card, const Entry& e) {
  std::string& y = card.y;
  card.block("pairs");
  for (const auto& pair : e.pairs) {
    // "- France: Paris" when the prompt fits on one line as a key and cannot be
    // mistaken for the long form's keys.
    const std::string prompt = yaml_scalar(pair.prompt, 8);
    const bool short_form = pair.prompt != "prompt" && pair.prompt != "answer" &&
                            prompt.find('\n') == std::string::npos && prompt[0] != '|' &&
                            prompt[0] != '>' && pair.prompt.size() <= 60;
    if (short_form) {
      y += "      - " + prompt + ": " + yaml_scalar(pair.answer, 8) + "\n";
    } else {
      y += "      - prompt: " + prompt + "\n";
      y += "        answer: " + yaml_scalar(pair.answer, 10) + "\n";
    }
  }
  if (!e.choices.empty()) card.items("distractors", e.choices);
}

void write_answer(CardLines& card, const Entry& e) {
  switch (e.type) {
    case deck::CardType::kChoice:
      card.key("answer", yaml_scalar(e.answers.at(0), 4));
      break;
    case deck::CardType::kMulti:
    case deck::CardType::kShort:
      if (e.answers.size() == 1) {
        card.key("answer", yaml_scalar(e.answers[0], 4));
      } else {
        card.block("answer");
        for (const auto& answer : e.answers) card.y += "      - " + yaml_scalar(answer, 8) + "\n";
      }
      break;
    case deck::CardType::kTrueFalse:
      card.key("answer", e.truth ? "true" : "false");
      break;
    case deck::CardType::kNumeric:
      card.key("answer", number_text(e.number));
      if (e.tolerance > 0) card.key("tolerance", number_text(e.tolerance));
      break;
    case deck::CardType::kFlash:
    case deck::CardType::kCloze:
    case deck::CardType::kMatching:
    case deck::CardType::kOrdering:
      break;
  }
}

void write_card(std::string& y, const Entry& e) {
  CardLines card{y};
  if (!e.id.empty()) card.key("id", yaml_scalar(e.id, 4));
  switch (e.type) {
    case deck::CardType::kFlash:
      card.key("front", yaml_scalar(e.question, 4));
      card.key("back", yaml_scalar(e.back, 4));
      break;
    case deck::CardType::kCloze:
      card.key("cloze", yaml_scalar(e.question, 4));
      break;
    default:
      card.key("question", yaml_scalar(e.question, 4));
  }
  if (e.type == deck::CardType::kChoice || e.type == deck::CardType::kMulti) {
    write_choices(card, e);
  }
  if (e.type == deck::CardType::kMatching) write_pairs(card, e);
  if (e.type == deck::CardType::kOrdering) card.items("order", e.choices);
  write_answer(card, e);
  if (e.match != deck::MatchRule::kNormalized) {
    card.key("match", std::string(deck::match_rule_name(e.match)));
  }
  if (!e.image.path.empty()) card.key("image", yaml_scalar(e.image.path, 4));
  if (!e.audio.path.empty()) card.key("audio", yaml_scalar(e.audio.path, 4));
  const auto [explain, source] = split_source(e.explain);
  if (!explain.empty()) card.key("explain", yaml_scalar(explain, 4));
  if (!source.empty()) card.key("source", yaml_scalar(source, 4));
  if (!e.hint.empty()) card.key("hint", yaml_scalar(e.hint, 4));
  if (!e.tags.empty()) card.key("tags", flow_list(e.tags));
  if (e.points != 1) card.key("points", number_text(e.points));
  const bool shuffles = e.type != deck::CardType::kMatching && e.type != deck::CardType::kOrdering;
  if (!e.shuffle && shuffles) card.key("shuffle", "false");
}

}  // namespace

DeckText write_deck_yaml(const Bank& bank, const std::vector<std::string>& comment,
                         std::size_t max_bytes) {
  DeckText out;
  std::string& y = out.yaml;
  for (const auto& line : comment) y += "# " + line + "\n";
  y += "title: " + yaml_scalar(bank.title.empty() ? "Imported questions" : bank.title, 0) + "\n";
  y += "cards:\n";
  // The line the text so far ends on, counted as it grows.
  int lines = 1;
  std::size_t counted = 0;
  const auto count_lines = [&] {
    for (; counted < y.size(); ++counted) lines += y[counted] == '\n' ? 1 : 0;
    return lines;
  };
  for (const Entry& e : bank.entries) {
    if (!out.entry_lines.empty()) y += "\n";
    out.entry_lines.push_back(count_lines());
    write_card(y, e);
    if (y.size() > max_bytes) {
      out.over = true;
      break;
    }
  }
  return out;
}

}  // namespace quizdeck::interchange
