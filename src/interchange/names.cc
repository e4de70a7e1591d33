// SPDX-License-Identifier: MIT
#include "interchange/names.h"

#include <fmt/format.h>

namespace quizdeck::interchange {

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

std::string IdSet::unique(std::string id) {
  if (id.empty()) return id;
  if (taken_.insert(id).second) return id;
  int& next = next_.try_emplace(id, 2).first->second;
  std::string candidate = fmt::format("{}-{}", id, next++);
  while (!taken_.insert(candidate).second) candidate = fmt::format("{}-{}", id, next++);
  return candidate;
}

std::string category_tag(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const std::size_t slash = path.rfind('/');
  return slug(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace quizdeck::interchange
