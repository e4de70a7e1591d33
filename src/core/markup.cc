// SPDX-License-Identifier: MIT
#include "core/markup.h"

#include "core/visible.h"

namespace quizdeck::core {

std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string shown_markup(std::string_view text) {
  return escape_markup(visible(text));
}

}  // namespace quizdeck::core
