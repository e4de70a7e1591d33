// SPDX-License-Identifier: MIT
// Text inside HTML or XML: & < > " ' as character references, nothing else changed.
#pragma once

#include <string>
#include <string_view>

namespace quizdeck::core {

std::string escape_markup(std::string_view text);

}  // namespace quizdeck::core
