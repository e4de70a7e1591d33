// SPDX-License-Identifier: MIT
// A fast 128-bit content hash (four 64-bit lanes over 32-byte stripes), written as 32 hex
// digits. For telling whether bytes changed, not for security.
#pragma once

#include <string>
#include <string_view>

namespace quizdeck::core {

std::string content_hash(std::string_view bytes);

}  // namespace quizdeck::core
