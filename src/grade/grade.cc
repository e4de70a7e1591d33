// SPDX-License-Identifier: MIT
#include "grade/grade.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/normalize.h"
#include "core/number.h"
#include "core/suggest.h"
#include "core/utf8.h"

namespace quizdeck::grade {
namespace {

std::string upper_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// The shown letter `letters` names (A..Z, AA, AB, ...: choice_letter's inverse), when it
// names one of `count`; worked out, not searched for, so a long list costs nothing.
std::optional<std::size_t> letter_index(std::string_view letters, std::size_t count) {
  if (letters.empty() || letters.size() > 8) return std::nullopt;
  std::size_t value = 0;
  for (char c : letters) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return std::nullopt;
    value = value * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  if (value > count) return std::nullopt;
  return value - 1;
}

// Where each choice is shown (the inverse of `order`); `order.size()` for one not shown.
std::vector<std::size_t> shown_positions(const deck::Card& card,
                                         const std::vector<std::size_t>& order) {
  std::vector<std::size_t> at(card.choices.size(), order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] < at.size() && at[order[i]] == order.size()) at[order[i]] = i;
  }
  return at;
}

// The shown choices named by letter, number or text: texts are looked up in a map of
// their normalized forms, made on the first token that needs it.
class ShownChoices {
 public:
  ShownChoices(const deck::Card& card, const std::vector<std::size_t>& order)
      : card_(card), order_(order) {}

  // The shown position `token` names; nullopt when none.
  std::optional<std::size_t> find(std::string_view token) {
    const std::string_view trimmed = core::trim(token);
    if (trimmed.empty()) return std::nullopt;
    if (const auto letter = letter_index(trimmed, order_.size())) return letter;
    std::size_t number = 0;
    const auto result = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), number);
    if (result.ec == std::errc() && result.ptr == trimmed.data() + trimmed.size() && number >= 1 &&
        number <= order_.size()) {
      return number - 1;
    }
    if (!by_text_) {
      by_text_.emplace();
      for (std::size_t i = 0; i < order_.size(); ++i) {
        by_text_->try_emplace(core::normalize_text(card_.choices[order_[i]].text), i);
      }
    }
    const auto it = by_text_->find(core::normalize_text(trimmed));
    if (it == by_text_->end()) return std::nullopt;
    return it->second;
  }

 private:
  const deck::Card& card_;
  const std::vector<std::size_t>& order_;
  std::optional<std::unordered_map<std::string, std::size_t>> by_text_;
};

// An answer split into its pieces at commas, semicolons and white space.
std::vector<std::string> answer_tokens(std::string_view answer) {
  std::vector<std::string> tokens;
  std::string current;
  for (const char c : answer) {
    if (c == ',' || c == ' ' || c == ';' || c == '\t') {
      if (!current.empty()) tokens.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(current);
  return tokens;
}

// "BAC" written together: one letter each, when every letter names one of `count`.
std::optional<std::vector<std::string>> single_letters(const std::vector<std::string>& tokens,
                                                       std::size_t count) {
  if (tokens.size() != 1 || tokens[0].size() < 2 || count > 26) return std::nullopt;
  std::vector<std::string> out;
  for (const char c : upper_ascii(tokens[0])) {
    if (c < 'A' || static_cast<std::size_t>(c - 'A') >= count) return std::nullopt;
    out.emplace_back(1, c);
  }
  return out;
}

std::string shown_key(const deck::Card& card, const std::vector<std::size_t>& order) {
  const std::unordered_set<std::string_view> keys(card.answers.begin(), card.answers.end());
  std::string out;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& choice = card.choices[order[i]];
    if (!keys.contains(choice.text)) continue;
    // A list of sentences reads "A) One. C) Two."; of phrases "A) one, C) two".
    if (!out.empty()) out += ends_sentence(out) ? " " : ", ";
    out += fmt::format("{}) {}", choice_letter(i), choice.text);
  }
  return out;
}

Grade grade_choice(const deck::Card& card, std::string_view answer,
                   const std::vector<std::size_t>& order) {
  Grade grade;
  grade.expected = shown_key(card, order);
  const auto shown = ShownChoices(card, order).find(answer);
  if (!shown) {
    grade.verdict = Verdict::kInvalid;
    grade.problem = fmt::format("answer with a letter from A to {}, its number, or its text",
                                choice_letter(order.size() - 1));
    return grade;
  }
  grade.picked.push_back(order[*shown]);
  const bool right = card.choices[order[*shown]].text == card.answers.front();
  grade.verdict = right ? Verdict::kRight : Verdict::kWrong;
  grade.credit = right ? 1 : 0;
  return grade;
}

// "A,C", "a c", "AC", "1,3": every letter or number once, in any order.
Grade grade_multi(const deck::Card& card, std::string_view answer,
                  const std::vector<std::size_t>& order) {
  Grade grade;
  grade.expected = shown_key(card, order);
  std::vector<std::string> tokens = answer_tokens(answer);
  // "AC" written together: split into letters when every letter names a choice.
  if (const auto letters = single_letters(tokens, order.size())) tokens = *letters;
  const std::string problem =
      fmt::format("answer with the letters of every right choice, such as A,C (A to {})",
                  choice_letter(order.size() - 1));
  if (tokens.empty()) {
    grade.verdict = Verdict::kInvalid;
    grade.problem = problem;
    return grade;
  }
  ShownChoices shown_choices(card, order);
  std::vector<bool> picked(card.choices.size(), false);
  for (const auto& token : tokens) {
    const auto shown = shown_choices.find(token);
    if (!shown) {
      grade.verdict = Verdict::kInvalid;
      grade.problem = problem;
      return grade;
    }
    if (!picked[order[*shown]]) {
      picked[order[*shown]] = true;
      grade.picked.push_back(order[*shown]);
    }
  }
  // Partial credit: right picks minus wrong picks, over the number of right choices,
  // never below 0.
  const std::unordered_set<std::string_view> key_texts(card.answers.begin(), card.answers.end());
  std::size_t right = 0;
  std::size_t wrong = 0;
  for (const std::size_t index : grade.picked) {
    (key_texts.contains(card.choices[index].text) ? right : wrong) += 1;
  }
  const double keys = static_cast<double>(card.answers.size());
  grade.credit = std::max(0.0, (static_cast<double>(right) - static_cast<double>(wrong)) / keys);
  grade.verdict = right == card.answers.size() && wrong == 0 ? Verdict::kRight : Verdict::kWrong;
  return grade;
}

// A matching answer: the letter of an answer for each prompt, in the prompts' order
// ("B A C", "B,A,C", "BAC"), or numbered in any order ("1B 2A 3C", "2-A, 1-B, 3-C").
Grade grade_matching(const deck::Card& card, std::string_view answer,
                     const std::vector<std::size_t>& order) {
  Grade grade;
  const std::size_t prompts = card.pairs.size();
  // Each pair's answer is a choice: where it is shown, through a map, not a search.
  std::unordered_map<std::string_view, std::size_t> choice_of;
  for (std::size_t i = 0; i < card.choices.size(); ++i) {
    choice_of.try_emplace(card.choices[i].text, i);
  }
  const std::vector<std::size_t> shown_at = shown_positions(card, order);
  for (std::size_t i = 0; i < prompts; ++i) {
    const auto choice = choice_of.find(card.pairs[i].answer);
    const std::size_t letter = choice == choice_of.end() ? order.size() : shown_at[choice->second];
    if (!grade.expected.empty()) grade.expected += "; ";
    grade.expected += fmt::format("{}: {}) {}", i + 1, choice_letter(letter), card.pairs[i].answer);
  }
  const std::string problem = fmt::format(
      "give a letter (A to {}) for each of the {} prompts in order, such as {}, or number them "
      "like 1{} 2{}",
      choice_letter(order.size() - 1), prompts,
      prompts <= 26 && order.size() <= 26 ? "BAC" : "B A C",
      choice_letter(std::min<std::size_t>(1, order.size() - 1)), choice_letter(0));
  const auto invalid = [&]() {
    grade.verdict = Verdict::kInvalid;
    grade.problem = problem;
    grade.picked.clear();
    return grade;
  };
  std::vector<std::string> tokens = answer_tokens(answer);
  std::vector<std::optional<std::size_t>> given(prompts);  // shown letter per prompt
  // Numbered: each token is digits, an optional - : = or ), then letters.
  const auto numbered =
      [&](const std::string& token) -> std::optional<std::pair<std::size_t, std::size_t>> {
    std::size_t digits = 0;
    while (digits < token.size() && token[digits] >= '0' && token[digits] <= '9') ++digits;
    if (digits == 0 || digits > 9) return std::nullopt;
    std::size_t rest = digits;
    if (rest < token.size() && (token[rest] == '-' || token[rest] == ':' || token[rest] == '=' ||
                                token[rest] == ')' || token[rest] == '.')) {
      ++rest;
    }
    const auto letter = letter_index(std::string_view(token).substr(rest), order.size());
    const std::size_t number = std::stoul(token.substr(0, digits));
    if (!letter || number < 1 || number > prompts) return std::nullopt;
    return std::pair{number - 1, *letter};
  };
  if (!tokens.empty() && std::all_of(tokens.begin(), tokens.end(), [&](const std::string& t) {
        return t[0] >= '0' && t[0] <= '9';
      })) {
    for (const auto& token : tokens) {
      const auto pair = numbered(token);
      if (!pair || given[pair->first]) return invalid();
      given[pair->first] = pair->second;
    }
  } else {
    if (const auto letters = single_letters(tokens, order.size());
        letters && letters->size() == prompts) {
      tokens = *letters;
    }
    if (tokens.size() != prompts) return invalid();
    for (std::size_t i = 0; i < prompts; ++i) {
      given[i] = letter_index(tokens[i], order.size());
      if (!given[i]) return invalid();
    }
  }
  std::size_t right = 0;
  for (std::size_t i = 0; i < prompts; ++i) {
    if (!given[i]) return invalid();
    const std::size_t picked = order[*given[i]];
    grade.picked.push_back(picked);
    if (card.choices[picked].text == card.pairs[i].answer) ++right;
  }
  grade.credit = static_cast<double>(right) / static_cast<double>(prompts);
  grade.verdict = right == prompts ? Verdict::kRight : Verdict::kWrong;
  return grade;
}

// An ordering answer: every shown letter once, in the order the items go ("CADB", "C A D B",
// "C,A,D,B"). Partial credit is the longest run of items kept in their right relative order
// (the longest increasing subsequence of their right positions), over the number of items.
Grade grade_ordering(const deck::Card& card, std::string_view answer,
                     const std::vector<std::size_t>& order) {
  Grade grade;
  const std::size_t items = order.size();
  const std::vector<std::size_t> shown_at = shown_positions(card, order);
  for (std::size_t right = 0; right < items && right < card.choices.size(); ++right) {
    if (!grade.expected.empty()) grade.expected += ends_sentence(grade.expected) ? " " : ", ";
    grade.expected +=
        fmt::format("{}) {}", choice_letter(shown_at[right]), card.choices[right].text);
  }
  std::vector<std::string> tokens = answer_tokens(answer);
  if (const auto letters = single_letters(tokens, items)) tokens = *letters;
  std::vector<bool> used(items, false);
  for (const auto& token : tokens) {
    const auto shown = tokens.size() == items ? letter_index(token, items) : std::nullopt;
    if (!shown || used[*shown]) {
      grade.verdict = Verdict::kInvalid;
      grade.problem = fmt::format(
          "give all {} letters (A to {}) once each, in the right order, "
          "such as {}",
          items, choice_letter(items - 1), items <= 26 ? "CADB" : "C A D B");
      grade.picked.clear();
      return grade;
    }
    used[*shown] = true;
    grade.picked.push_back(order[*shown]);
  }
  if (tokens.empty()) {
    grade.verdict = Verdict::kInvalid;
    grade.problem = fmt::format("give all {} letters (A to {}) once each, in the right order",
                                items, choice_letter(items - 1));
    return grade;
  }
  // Patience sorting: tails[k] is the smallest last value of an increasing run of k + 1.
  std::vector<std::size_t> tails;
  for (const std::size_t value : grade.picked) {
    const auto at = std::lower_bound(tails.begin(), tails.end(), value);
    if (at == tails.end()) {
      tails.push_back(value);
    } else {
      *at = value;
    }
  }
  grade.credit = static_cast<double>(tails.size()) / static_cast<double>(items);
  grade.verdict = tails.size() == items ? Verdict::kRight : Verdict::kWrong;
  return grade;
}

Grade grade_truefalse(const deck::Card& card, std::string_view answer) {
  Grade grade;
  grade.expected = card.truth ? "true" : "false";
  const std::string word = core::normalize_text(answer);
  std::optional<bool> said;
  if (word == "true" || word == "t" || word == "yes" || word == "y") said = true;
  if (word == "false" || word == "f" || word == "no" || word == "n") said = false;
  if (!said) {
    grade.verdict = Verdict::kInvalid;
    grade.problem = "answer true or false (t/f, yes/no)";
    return grade;
  }
  grade.verdict = *said == card.truth ? Verdict::kRight : Verdict::kWrong;
  grade.credit = grade.verdict == Verdict::kRight ? 1 : 0;
  return grade;
}

Grade grade_numeric(const deck::Card& card, std::string_view answer) {
  Grade grade;
  grade.expected = fmt::format("{}", card.number);
  if (card.tolerance > 0) grade.expected += fmt::format(" (± {})", card.tolerance);
  const auto number = parse_number(answer);
  if (!number) {
    grade.verdict = Verdict::kInvalid;
    grade.problem =
        core::trim(answer).find(',') != std::string_view::npos
            ? "write decimals with a dot, such as 3.14 (a comma only groups thousands: 40,075)"
            : "answer with a number";
    return grade;
  }
  // A hair of slack so 0.1 + 0.2 style answers are not refused by binary rounding.
  const double slack = card.tolerance + 1e-9 * std::max(1.0, std::fabs(card.number));
  grade.verdict = std::fabs(*number - card.number) <= slack ? Verdict::kRight : Verdict::kWrong;
  grade.credit = grade.verdict == Verdict::kRight ? 1 : 0;
  return grade;
}

Grade grade_text(const deck::Card& card, std::string_view answer) {
  Grade grade;
  grade.expected = card.answers.front();
  if (core::is_blank(answer)) {
    grade.verdict = Verdict::kInvalid;
    grade.problem = "type an answer (an empty line skips the card)";
    return grade;
  }
  // Right beats almost; among almost matches the nearest accepted answer is the one
  // shown as expected (the one the learner was closest to), not the first.
  Verdict best = Verdict::kWrong;
  std::size_t nearest = SIZE_MAX;
  for (const auto& accepted : card.answers) {
    if (card.match == deck::MatchRule::kExact) {
      if (core::to_nfc(core::trim(answer)) == core::to_nfc(accepted)) best = Verdict::kRight;
      continue;
    }
    const std::string given = core::normalize_text(answer);
    const std::string want = core::normalize_text(accepted);
    if (given == want) {
      best = Verdict::kRight;
    } else if (card.match == deck::MatchRule::kFuzzy && best != Verdict::kRight) {
      const std::size_t distance = core::edit_distance(given, want);
      if (distance <= allowed_typos(want) && distance < nearest) {
        nearest = distance;
        best = Verdict::kAlmost;
        grade.expected = accepted;
      }
    }
  }
  grade.verdict = best;
  grade.credit = best == Verdict::kWrong ? 0 : 1;
  return grade;
}

}  // namespace

bool ends_sentence(std::string_view text) {
  return !text.empty() && (text.back() == '.' || text.back() == '?' || text.back() == '!');
}

std::string choice_letter(std::size_t index) {
  std::string out;
  std::size_t n = index + 1;
  while (n > 0) {
    --n;
    out.insert(out.begin(), static_cast<char>('A' + n % 26));
    n /= 26;
  }
  return out;
}

std::string expected_answer(const deck::Card& card) {
  switch (card.type) {
    case deck::CardType::kTrueFalse:
      return card.truth ? "true" : "false";
    case deck::CardType::kNumeric:
      return fmt::format("{}", card.number);
    case deck::CardType::kFlash:
      return card.back;
    case deck::CardType::kMatching: {
      std::string out;
      for (const auto& pair : card.pairs) {
        out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", pair.prompt, pair.answer);
      }
      return out;
    }
    case deck::CardType::kOrdering: {
      std::string out;
      for (const auto& item : card.choices) {
        if (!out.empty()) out += ends_sentence(out) ? " " : ", ";
        out += item.text;
      }
      return out;
    }
    default:
      break;
  }
  std::string out;
  for (const auto& answer : card.answers) {
    if (!out.empty()) out += ends_sentence(out) ? " " : ", ";
    out += answer;
  }
  return out;
}

std::size_t allowed_typos(std::string_view expected) {
  return core::count_code_points(expected) / 8;
}

namespace {

// Full-width digits, sign and point (U+FF10-FF19, U+FF0B, U+FF0D, U+FF0E, and U+2212
// MINUS SIGN) as their ASCII forms; anything else as it is.
std::string ascii_number_text(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const auto code_point = core::decode_utf8(text, pos);
    if (code_point && *code_point >= 0xFF10 && *code_point <= 0xFF19) {
      out += static_cast<char>('0' + (*code_point - 0xFF10));
    } else if (code_point && *code_point == 0xFF0B) {
      out += '+';
    } else if (code_point && (*code_point == 0xFF0D || *code_point == 0x2212)) {
      out += '-';
    } else if (code_point && *code_point == 0xFF0E) {
      out += '.';
    } else {
      out += text.substr(start, pos - start);
    }
  }
  return out;
}

// Commas as thousands separators, where they can be nothing else: groups of exactly three
// digits after a first group of one to three ("40,075", "1,234,567.5"). Nothing otherwise.
std::optional<std::string> without_thousands(std::string_view text) {
  std::size_t start = text.empty() || (text[0] != '-' && text[0] != '+') ? 0 : 1;
  const std::size_t point = text.find('.');
  const std::string_view whole =
      text.substr(start, point == std::string_view::npos ? std::string_view::npos : point - start);
  if (whole.find(',') == std::string_view::npos) return std::nullopt;
  std::size_t group = 0;
  bool first = true;
  for (const char c : whole) {
    if (c == ',') {
      if ((first && (group == 0 || group > 3)) || (!first && group != 3)) return std::nullopt;
      first = false;
      group = 0;
    } else if (c >= '0' && c <= '9') {
      ++group;
    } else {
      return std::nullopt;
    }
  }
  if (group != 3) return std::nullopt;
  std::string out(text.substr(0, start));
  for (const char c : whole) {
    if (c != ',') out += c;
  }
  if (point != std::string_view::npos) out += text.substr(point);
  return out;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  const std::string ascii = ascii_number_text(core::trim(text));
  std::string_view trimmed = ascii;
  if (trimmed.empty()) return std::nullopt;
  const auto grouped = without_thousands(trimmed);
  if (grouped) trimmed = *grouped;
  std::string_view digits = trimmed.front() == '+' ? trimmed.substr(1) : trimmed;
  double value = 0;
  const auto result = core::parse_double(digits.data(), digits.data() + digits.size(), value);
  if (result.ec != std::errc() || result.ptr != digits.data() + digits.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

Grade grade_answer(const deck::Card& card, std::string_view answer,
                   const std::vector<std::size_t>& order) {
  switch (card.type) {
    case deck::CardType::kChoice:
      return grade_choice(card, answer, order);
    case deck::CardType::kMulti:
      return grade_multi(card, answer, order);
    case deck::CardType::kTrueFalse:
      return grade_truefalse(card, answer);
    case deck::CardType::kNumeric:
      return grade_numeric(card, answer);
    case deck::CardType::kShort:
    case deck::CardType::kCloze:
      return grade_text(card, answer);
    case deck::CardType::kMatching:
      return grade_matching(card, answer, order);
    case deck::CardType::kOrdering:
      return grade_ordering(card, answer, order);
    case deck::CardType::kFlash:
      break;
  }
  Grade grade;
  grade.verdict = Verdict::kInvalid;
  grade.problem = "flash cards are rated, not graded";
  return grade;
}

core::Rating rating_for(Verdict verdict, bool used_hint, std::int64_t response_ms,
                        std::int64_t fast_threshold) {
  if (verdict == Verdict::kWrong || verdict == Verdict::kInvalid) return core::Rating::kAgain;
  if (verdict == Verdict::kAlmost || used_hint) return core::Rating::kHard;
  return response_ms < fast_threshold ? core::Rating::kEasy : core::Rating::kGood;
}

std::int64_t fast_threshold_ms(const deck::Card& card) {
  std::size_t characters = core::count_code_points(card.prompt);
  for (const auto& choice : card.choices) characters += core::count_code_points(choice.text);
  for (const auto& pair : card.pairs) characters += core::count_code_points(pair.prompt);
  return std::min<std::int64_t>(20'000, 2'000 + 40 * static_cast<std::int64_t>(characters));
}

}  // namespace quizdeck::grade
