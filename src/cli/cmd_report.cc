// SPDX-License-Identifier: MIT
// `quizdeck report [PATH...] [-o FILE]`: the progress report as one HTML file.
#include <fstream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/progress_data.h"
#include "cli/report_html.h"

namespace quizdeck::cli {
namespace {

struct ReportOptions {
  std::vector<std::string> paths;
  std::string output = "quizdeck-report.html";
};

void declare(Declare& d, ReportOptions& o) {
  d.positional("PATH", &o.paths, "decks (default: every deck the store has seen)")
      .completes(Complete::kDeckFile);
  d.option("-o,--output", &o.output, "FILE",
           "the HTML file to write (default quizdeck-report.html)")
      .completes(Complete::kFile);
}

Needs needs(const ReportOptions& o) {
  // The most-missed list shows prompts and explanations: the whole deck.
  return progress_needs(o.paths);
}

core::Expected<ExitCode> run(Context& context, const ReportOptions& o) {
  const ProgressData data = load_progress(context);
  const std::string page = report_html(data, context.decks.decks);
  std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
  out << page;
  out.close();
  if (!out) return core::fail(ExitCode::kIoError, fmt::format("cannot write '{}'", o.output));
  context.io.out << fmt::format("wrote {}\n", o.output);
  return ExitCode::kOk;
}

}  // namespace

Command report_command() {
  return make_command<ReportOptions>("report", "write a self-contained HTML progress report",
                                     declare, needs, run);
}

}  // namespace quizdeck::cli
