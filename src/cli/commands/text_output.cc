// SPDX-License-Identifier: MIT
#include "cli/commands/text_output.h"

#include <ostream>

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

void write_regrades(std::ostream& out, std::int64_t kept, std::int64_t regraded,
                    std::int64_t mismatched, const std::vector<analysis::Regrade>& listed) {
  if (kept > 0) {
    out << fmt::format(
        "{} answer{} to versions of cards the deck no longer has keep{} {} file's verdict.\n", kept,
        kept == 1 ? "" : "s", kept == 1 ? "s" : "", kept == 1 ? "its" : "their");
  }
  if (mismatched == 0) return;
  out << fmt::format(
      "\nRegraded against the deck: {} of {} answer{} differ{} from what {} file claims:\n",
      mismatched, regraded, regraded == 1 ? "" : "s", mismatched == 1 ? "s" : "",
      mismatched == 1 ? "its" : "their");
  for (const auto& m : listed) {
    out << "  " << core::visible(analysis::regrade_line(m), core::Lines::kShow) << '\n';
  }
  if (mismatched > static_cast<std::int64_t>(listed.size())) {
    out << fmt::format("  ... and {} more (the first {} are listed)\n",
                       mismatched - static_cast<std::int64_t>(listed.size()), listed.size());
  }
}

}  // namespace quizdeck::cli
