// SPDX-License-Identifier: MIT
// Reading a whole input file a command was given (a question bank, a review log): only a
// regular file (a FIFO or a device would block or never end), never more than a limit.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>

#include "core/expected.h"

namespace quizdeck::cli {

// `what` names the kind of input in messages ("banks", "review logs"). A file over
// `max_bytes` is invalid input; one that cannot be read, an I/O error.
core::Expected<std::string> read_input_file(const std::string& path, std::string_view what,
                                            std::uint64_t max_bytes);

// Standard input ("-") read whole, held to the same limit as a file: past `max_bytes`
// it is invalid input, named `name` ("<stdin>"), and the rest is not read.
core::Expected<std::string> read_input_stream(std::istream& in, const std::string& name,
                                              std::string_view what, std::uint64_t max_bytes);

// Reads a file line by line without holding more than a line: `take` gets each line
// (without its line break; CRLF too) and its 1-based number, and may stop the reading by
// returning a failure. A line over `max_line_bytes` is invalid input, with its number.
// "-" reads standard input (any kind of file).
core::Expected<void> read_input_lines(
    const std::string& path, std::string_view what, std::size_t max_line_bytes,
    const std::function<core::Expected<void>(std::string_view line, std::int64_t number)>& take);

}  // namespace quizdeck::cli
