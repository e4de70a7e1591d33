// SPDX-License-Identifier: MIT
#include "deck/card_id.h"

#include <fmt/format.h>

#include "core/hash.h"
#include "core/normalize.h"
#include "core/utf8.h"

namespace quizdeck::deck {

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string derive_card_id(CardType type, std::string_view prompt) {
  const std::uint64_t hash = fnv1a64(core::normalize_text(prompt)) & 0xFFFFFFFFFFFFULL;
  return fmt::format("{}-{:012x}", card_type_name(type), hash);
}

namespace {

void add_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

// What both hashes begin with: the type, the question, the choices and the pairs.
void add_asked(std::string& out, const Card& card) {
  add_field(out, card_type_name(card.type));
  add_field(out, card.prompt);
  add_field(out, std::to_string(card.choices.size()));
  for (const Choice& choice : card.choices) {
    add_field(out, choice.text);
    add_field(out, choice.image.path);
  }
  add_field(out, std::to_string(card.pairs.size()));
  for (const Pair& pair : card.pairs) {
    add_field(out, pair.prompt);
    add_field(out, pair.answer);
  }
}

}  // namespace

std::string card_content_hash(const Card& card) {
  std::string bytes = "quizdeck-card-1;";
  add_asked(bytes, card);
  add_field(bytes, std::to_string(card.answers.size()));
  for (const std::string& answer : card.answers) add_field(bytes, answer);
  add_field(bytes, card.truth ? "true" : "false");
  add_field(bytes, fmt::format("{:a}", card.number));
  add_field(bytes, fmt::format("{:a}", card.tolerance));
  add_field(bytes, match_rule_name(card.match));
  add_field(bytes, card.back);
  add_field(bytes, card.cloze_text);
  add_field(bytes, std::to_string(card.blank));
  add_field(bytes, card.image.path);
  add_field(bytes, card.audio.path);
  add_field(bytes, fmt::format("{:a}", card.points));
  return core::content_hash(bytes);
}

std::string card_question_hash(const Card& card) {
  std::string bytes = "quizdeck-question-1;";
  add_asked(bytes, card);
  // A cloze blank asks its prompt (the text with it as "[...]", the others filled in with
  // their first answer), not the text with every blank's answers.
  add_field(bytes, std::to_string(card.blank));
  add_field(bytes, card.image.path);
  add_field(bytes, card.audio.path);
  return core::content_hash(bytes);
}

core::Expected<void> check_card_id(std::string_view id) {
  const auto bad = [](const char* why) { return core::fail(ExitCode::kInvalidInput, why); };
  if (id.empty()) return bad("a card id cannot be empty");
  if (core::count_code_points(id) > 128) return bad("a card id has at most 128 characters");
  for (const char c : id) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      return bad("a card id cannot contain white space or control characters");
    }
    if (c == '#') return bad("a card id cannot contain '#' (it is reserved for cloze blanks)");
  }
  return {};
}

namespace {

bool is_deck_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

}  // namespace

std::string_view sibling_key(std::string_view card_id) {
  // '#' appears in no explicit id: only in the ids of cloze blanks.
  const auto hash = card_id.rfind('#');
  return hash == std::string_view::npos ? std::string_view() : card_id.substr(0, hash);
}

bool is_valid_deck_id(std::string_view id) {
  if (id.empty()) return false;
  const char first = id.front();
  if (!((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9'))) return false;
  for (const char c : id) {
    if (!is_deck_id_char(c)) return false;
  }
  return true;
}

std::string deck_id_from_file_name(std::string_view path) {
  const auto slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = name.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  std::string id;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!is_deck_id_char(c)) c = '-';
    if (c == '-' && !id.empty() && id.back() == '-') continue;
    id += c;
  }
  const auto start = id.find_first_not_of("._-");
  if (start == std::string::npos) return {};
  id.erase(0, start);
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

}  // namespace quizdeck::deck
