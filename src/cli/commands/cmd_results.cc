// SPDX-License-Identifier: MIT
// `quizdeck results [DECK...] [--since DATE] [--learner NAME] -o FILE.jsonl`: a learner's
// exam sittings and answers in the results format (analysis/results.h, quizdeck(1)), for
// their instructor's `quizdeck analyze`. Nothing personal goes out but the optional label.
#include <fmt/format.h>

#include "analysis/results.h"
#include "cli/commands.h"
#include "cli/files/output_file.h"
#include "cli/files/results_source.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

struct ResultsOptions {
  std::vector<std::string> decks;
  std::optional<std::string> since;
  std::optional<std::string> learner;
  std::string output = "-";
};

void declare_results(Declare& d, ResultsOptions& o) {
  d.positional("DECK", &o.decks, "decks or deck ids (default: every deck)")
      .completes(Complete::kDeckOrId);
  d.option("--since", &o.since, "DATE", "only exams and answers from this date or time on")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (parse_time_argument(text)) return std::nullopt;
        return fmt::format("--since '{}' is not a date such as 2026-01-31", text);
      });
  d.option("--learner", &o.learner, "NAME", "a label for the learner (the only personal field)")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (text.empty() || text.size() > 200) return "--learner takes 1 to 200 characters";
        if (core::find_control(text)) return "--learner may not hold control characters";
        return std::nullopt;
      });
  d.option("-o,--output", &o.output, "FILE",
           "the JSON Lines file to write (default: - for "
           "standard output)")
      .writes();
}

Needs needs(const ResultsOptions&) {
  Needs n;
  n.clock = true;
  n.store = StoreNeed::kRead;
  return n;
}

core::Expected<ExitCode> run_results(Context& context, const ResultsOptions& o) {
  ResultsSelection selection;
  for (const std::string& deck : o.decks) {
    auto id = context.resolve_deck(deck);
    if (!id) return id.error();
    selection.deck_ids.push_back(*id);
  }
  if (o.since) selection.since_ms = parse_time_argument(*o.since);
  analysis::ResultsHeader header;
  header.learner = o.learner;
  header.exported_ms = context.now;
  header.since_ms = selection.since_ms;
  std::string text = analysis::write_results_line(header) + '\n';
  std::size_t answers = 0;
  std::size_t exams = 0;
  store_results(context.store(), selection, [&](const analysis::ResultsRecord& record) {
    text += analysis::write_results_line(record);
    text += '\n';
    if (std::holds_alternative<analysis::Answer>(record)) ++answers;
    if (std::holds_alternative<analysis::ExamSitting>(record)) ++exams;
  });
  if (auto written = write_output_file(o.output, text, context.output_guard(), context.io.out);
      !written) {
    return written.error();
  }
  if (o.output != "-") {
    context.io.err << fmt::format("Wrote {} exam sitting{} and {} answer{} to {}.\n", exams,
                                  exams == 1 ? "" : "s", answers, answers == 1 ? "" : "s",
                                  core::visible(o.output, core::Lines::kShow));
  }
  return ExitCode::kOk;
}

}  // namespace

Command results_command() {
  return make_command<ResultsOptions>("results", "export exam sittings and answers for analysis",
                                      declare_results, needs, run_results);
}

}  // namespace quizdeck::cli
