// SPDX-License-Identifier: MIT
// `quizdeck report [PATH...] [-o FILE]`: the progress report as one HTML file.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/progress_data.h"
#include "cli/files/output_file.h"
#include "cli/pages/report_html.h"

namespace quizdeck::cli {
namespace {

struct ReportOptions {
  std::vector<std::string> paths;
  std::string output = "quizdeck-report.html";
};

void declare_report(Declare& d, ReportOptions& o) {
  d.positional("PATH", &o.paths, "decks (default: every deck the store has seen)")
      .completes(Complete::kDeckFile);
  d.option("-o,--output", &o.output, "FILE",
           "the HTML file to write, replaced if it exists; - for standard output (default "
           "quizdeck-report.html)")
      .writes();
}

Needs needs(const ReportOptions& o) {
  // The most-missed list shows prompts and explanations: the whole deck.
  return progress_needs(o.paths);
}

core::Expected<ExitCode> run_report(Context& context, const ReportOptions& o) {
  const auto loaded = load_progress(context);
  if (!loaded) return loaded.error();
  const stats::Progress& data = *loaded;
  const std::string page = report_html(data, context.decks.decks);
  if (auto written = write_output_file(o.output, page, context.output_guard(), context.io.out);
      !written) {
    return written.error();
  }
  if (o.output != "-") context.io.out << fmt::format("wrote {}\n", o.output);
  return ExitCode::kOk;
}

}  // namespace

Command report_command() {
  return make_command<ReportOptions>("report", "write a self-contained HTML progress report",
                                     declare_report, needs, run_report);
}

}  // namespace quizdeck::cli
