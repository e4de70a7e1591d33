// SPDX-License-Identifier: MIT
// What analyze and grades share at their end: a report made as one text goes to standard
// output, or with -o FILE into the file (through the command's output guard), with one
// "Wrote FILE." line on standard error.
#pragma once

#include <optional>
#include <string>

#include "cli/context.h"
#include "core/exit_code.h"
#include "core/expected.h"

namespace quizdeck::cli {

core::Expected<ExitCode> deliver_text(Context& context, const std::optional<std::string>& output,
                                      const std::string& text);

}  // namespace quizdeck::cli
