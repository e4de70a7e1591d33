// SPDX-License-Identifier: MIT
// Reading a whole input file a command was given (a question bank, a review log): only a
// regular file (a FIFO or a device would block or never end), never more than a limit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/expected.h"

namespace quizdeck::cli {

// `what` names the kind of input in messages ("banks", "review logs"). A file over
// `max_bytes` is invalid input; one that cannot be read, an I/O error.
core::Expected<std::string> read_input_file(const std::string& path, std::string_view what,
                                            std::uint64_t max_bytes);

}  // namespace quizdeck::cli
