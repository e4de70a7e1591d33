// SPDX-License-Identifier: MIT
// What analyze and grades share in their text output: table cells, and at the end a report
// made as one text going to standard output, or with -o FILE into the file (through the
// command's output guard), with one "Wrote FILE." line on standard error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/regrade.h"
#include "cli/context.h"
#include "core/exit_code.h"
#include "core/expected.h"

namespace quizdeck::cli {

core::Expected<ExitCode> deliver_text(Context& context, const std::optional<std::string>& output,
                                      const std::string& text);

// Deck and file text on one line of a table: shown, not obeyed, and cut to `width` columns.
std::string shown(std::string_view text, std::size_t width);

// What regrading found, as analyze and grades print it: how many answers keep their file's
// verdict, and each regraded answer whose file claimed otherwise (past the listed ones, a
// count).
void write_regrades(std::ostream& out, std::int64_t kept, std::int64_t regraded,
                    std::int64_t mismatched, const std::vector<analysis::Regrade>& listed);

}  // namespace quizdeck::cli
