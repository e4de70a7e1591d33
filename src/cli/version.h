// SPDX-License-Identifier: MIT
// The release this binary is (CMake's project version) and the exact source revision it
// was built from (git describe, read at build time).
#pragma once

#include <string>
#include <string_view>

namespace quizdeck::cli {

extern const std::string_view kVersion;  // "0.1.0"
extern const std::string_view
    kRevision;  // "v0.1.0-12-g1a2b3c4d5e6f", "1a2b3c4d5e6f-dirty", "unknown"

// What `quizdeck --version` prints: "quizdeck 0.1.0 (1a2b3c4d5e6f)".
std::string version_line();

}  // namespace quizdeck::cli
