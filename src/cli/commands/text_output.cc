// SPDX-License-Identifier: MIT
#include "cli/commands/text_output.h"

#include <fmt/format.h>

#include "cli/files/output_file.h"
#include "core/utf8.h"
#include "core/visible.h"

namespace quizdeck::cli {

core::Expected<ExitCode> deliver_text(Context& context, const std::optional<std::string>& output,
                                      const std::string& text) {
  if (!output || *output == "-") {
    context.io.out << text;
    return ExitCode::kOk;
  }
  if (auto written = write_output_file(*output, text, context.output_guard(), context.io.out);
      !written) {
    return written.error();
  }
  context.io.err << fmt::format("Wrote {}.\n", core::visible(*output, core::Lines::kShow));
  return ExitCode::kOk;
}

std::string shown(std::string_view text, std::size_t width) {
  return core::fit_to_width(core::visible(text, core::Lines::kShow), width);
}

}  // namespace quizdeck::cli
