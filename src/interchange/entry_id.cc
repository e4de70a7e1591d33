// SPDX-License-Identifier: MIT
#include "interchange/entry_id.h"

#include <unordered_set>

#include <fmt/format.h>

#include "core/utf8.h"
#include "deck/card_id.h"
#include "interchange/names.h"

namespace quizdeck::interchange {
namespace {

// What the deck loader derives a card's id from (card_checks.cc, CardChecker::identity):
// the prompt, and a matching card's pair prompts or an ordering card's items.
std::string identity(const Entry& e) {
  std::string out = e.question;
  if (e.type == deck::CardType::kMatching) {
    for (const auto& pair : e.pairs) out += "\n" + pair.prompt;
  } else if (e.type == deck::CardType::kOrdering) {
    for (const auto& item : e.choices) out += "\n" + item.text;
  }
  return out;
}

bool is_literal(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string entry_card_id(const Entry& e) {
  if (!e.id.empty() || e.question.empty()) return e.id;
  return deck::derive_card_id(e.type, identity(e));
}

std::string written_id(const Entry& e, std::string id) {
  if (id.empty() || e.question.empty()) return id;
  return id == deck::derive_card_id(e.type, identity(e)) ? std::string() : id;
}

std::string id_from_name(std::string_view name) {
  if (deck::check_card_id(name).has_value()) return std::string(name);
  std::string out;
  std::size_t count = 0;
  for (std::size_t at = 0; at < name.size() && count < 128;) {
    const std::size_t start = at;
    const auto c = core::decode_utf8(name, at);
    const bool gap = !c || *c <= 0x20 || *c == 0x7F || (*c >= 0x80 && *c <= 0x9F) || *c == '#' ||
                     *c == 0xA0 || *c == 0x2028 || *c == 0x2029 || *c == 0x3000;
    if (gap) {
      if (!out.empty() && out.back() != '-') {
        out += '-';
        ++count;
      }
      continue;
    }
    out.append(name.substr(start, at - start));
    ++count;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

void make_unique(std::vector<std::string>& ids) {
  IdSet taken;
  for (const auto& id : ids) {
    if (!id.empty()) taken.take(id);
  }
  std::unordered_set<std::string> seen;
  for (auto& id : ids) {
    if (id.empty() || seen.insert(id).second) continue;
    id = taken.unique(id);
  }
}

std::string qti_identifier(std::string_view id) {
  std::string out;
  for (std::size_t at = 0; at < id.size();) {
    const bool first = at == 0;
    const char32_t c = core::decode_utf8(id, at).value_or(U'\uFFFD');
    if (is_literal(c) && (!first || is_letter(c))) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("_{:x}_", static_cast<std::uint32_t>(c));
    }
  }
  return out.empty() ? "_" : out;
}

std::optional<std::string> id_of_qti_identifier(std::string_view identifier) {
  std::string out;
  for (std::size_t at = 0; at < identifier.size();) {
    const char c = identifier[at];
    if (c != '_') {
      if (!is_literal(static_cast<unsigned char>(c)) || (at == 0 && !is_letter(c))) {
        return std::nullopt;
      }
      out += c;
      ++at;
      continue;
    }
    const std::size_t close = identifier.find('_', at + 1);
    if (close == std::string_view::npos || close == at + 1 || close - at - 1 > 6) {
      return std::nullopt;
    }
    const std::string_view hex = identifier.substr(at + 1, close - at - 1);
    if (hex.front() == '0') return std::nullopt;
    std::uint32_t value = 0;
    for (const char h : hex) {
      const bool digit = h >= '0' && h <= '9';
      if (!digit && !(h >= 'a' && h <= 'f')) return std::nullopt;
      value = value * 16 + static_cast<std::uint32_t>(digit ? h - '0' : h - 'a' + 10);
    }
    const bool literal = is_literal(value) && (at > 0 || is_letter(value));
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) || literal) return std::nullopt;
    core::append_utf8(out, value);
    at = close + 1;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace quizdeck::interchange
