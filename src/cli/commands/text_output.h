// SPDX-License-Identifier: MIT
// What analyze and grades share in their text output: table cells, and at the end a report
// made as one text going to standard output, or with -o FILE into the file (through the
// command's output guard), with one "Wrote FILE." line on standard error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "cli/context.h"
#include "core/exit_code.h"
#include "core/expected.h"

namespace quizdeck::cli {

core::Expected<ExitCode> deliver_text(Context& context, const std::optional<std::string>& output,
                                      const std::string& text);

// Deck and file text on one line of a table: shown, not obeyed, and cut to `width` columns.
std::string shown(std::string_view text, std::size_t width);

}  // namespace quizdeck::cli
