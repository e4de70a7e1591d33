// SPDX-License-Identifier: MIT
#include "interchange/names.h"

#include <fmt/format.h>

#include "core/normalize.h"
#include "core/utf8.h"

namespace quizdeck::interchange {
namespace {

constexpr std::size_t kMaxNameCodePoints = 64;

// `text` with each run of white space, control characters (and '#' when `hash`) as one
// '-', none at either end, cut at kMaxNameCodePoints; bytes that are not UTF-8 are replaced
// too. With `fold`, a '-' as written counts as one of them (a title's "Q1 - Capitals" is
// "Q1-Capitals"); without, it stays as written.
std::string replace_unholdable(std::string_view text, bool hash, bool fold) {
  std::string out;
  std::size_t count = 0;
  bool pending = false;
  std::size_t pos = 0;
  while (pos < text.size() && count < kMaxNameCodePoints) {
    const std::size_t start = pos;
    const auto cp = core::decode_utf8(text, pos);
    const bool replaced = !cp || core::is_white_space(*cp) || *cp < 0x20 ||
                          (*cp >= 0x7F && *cp <= 0x9F) || *cp == 0xFEFF || (hash && *cp == '#') ||
                          (fold && *cp == '-');
    if (replaced) {
      pending = !out.empty();
      continue;
    }
    if (pending && out.back() != '-' && *cp != '-') {
      out += '-';
      if (++count == kMaxNameCodePoints) break;
    }
    pending = false;
    out.append(text.substr(start, pos - start));
    ++count;
  }
  return out;
}

}  // namespace

std::string slug(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep =
        (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || c == '.' || c == '_';
    if (keep) {
      out += c;
    } else if (byte >= 'A' && byte <= 'Z') {
      out += static_cast<char>(byte - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 64) break;
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  while (!out.empty() && (out.front() == '.' || out.front() == '_')) out.erase(0, 1);
  return out;
}

std::string name_slug(std::string_view text) {
  const std::string replaced = replace_unholdable(text, true, true);
  return core::find_invalid_utf8(replaced) ? replaced : core::lower_case(replaced);
}

std::string id_slug(std::string_view text) {
  return replace_unholdable(text, true, false);
}

std::string tag_slug(std::string_view text) {
  return replace_unholdable(text, false, false);
}

std::string IdSet::unique(std::string id) {
  if (id.empty()) return id;
  if (reserved_.count(id) == 0 && taken_.insert(id).second) return id;
  return numbered(id);
}

std::string IdSet::claim(std::string id) {
  if (id.empty()) return id;
  if (taken_.insert(id).second) return id;
  return numbered(id);
}

std::string IdSet::numbered(const std::string& id) {
  int& next = next_.try_emplace(id, 2).first->second;
  std::string candidate = fmt::format("{}-{}", id, next++);
  while (reserved_.count(candidate) != 0 || avoided_.count(candidate) != 0 ||
         !taken_.insert(candidate).second) {
    candidate = fmt::format("{}-{}", id, next++);
  }
  return candidate;
}

std::string category_tag(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const std::size_t slash = path.rfind('/');
  return name_slug(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace quizdeck::interchange
