// SPDX-License-Identifier: MIT
// Text inside HTML or XML: & < > " ' as character references, nothing else changed.
#pragma once

#include <string>
#include <string_view>

namespace quizdeck::core {

std::string escape_markup(std::string_view text);

// Text from decks, files and the store in a page: control characters shown (visible(); they
// have no place in an HTML document, its title included), then escaped.
std::string shown_markup(std::string_view text);

}  // namespace quizdeck::core
