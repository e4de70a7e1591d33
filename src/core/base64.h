// SPDX-License-Identifier: MIT
// Base64 (RFC 4648, standard alphabet with padding): images embedded in the HTML report
// and in Moodle XML files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quizdeck::core {

std::string base64_encode(std::string_view bytes);

// White space is skipped (Moodle wraps long files); anything else outside the alphabet, or
// padding in the wrong place, gives nothing.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace quizdeck::core
