// SPDX-License-Identifier: MIT
// `quizdeck responses DECK FILE... [--from sheet|forms|moodle] -o DIR`: answers given
// outside quizdeck (paper answer sheets of a printed exam, a Google Forms responses sheet,
// Moodle's quiz Responses report) as one
// results file per learner in DIR, for `quizdeck analyze` and `quizdeck grades`. Every
// answer is graded against the deck; every column, row or answer that matches nothing is
// reported with its place.
#include <charconv>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "analysis/responses.h"
#include "analysis/results.h"
#include "cli/commands.h"
#include "cli/commands/paper_form.h"
#include "cli/files/input_file.h"
#include "cli/files/output_directory.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

// A sheet larger than this is no class's answers (a million answers take about 10 MiB).
constexpr std::uint64_t kMaxSheetBytes = 256ULL * 1024 * 1024;

struct ResponsesOptions {
  std::vector<std::string> paths;  // the deck, then the files
  std::optional<std::string> from;
  std::optional<std::string> date;
  std::string output;
};

void declare_responses(Declare& d, ResponsesOptions& o) {
  d.positional("DECK FILE", &o.paths,
               "the deck the answers are to, then the CSV files that hold them")
      .required()
      .completes(Complete::kDeckFile);
  d.option("--from", &o.from, "FORMAT",
           "what the files are (default: told by their first row): a paper answer sheet "
           "(learner, form, one answer per question), a Google Forms responses sheet, or "
           "Moodle's quiz Responses report")
      .one_of({"sheet", "forms", "moodle"});
  d.option("--date", &o.date, "DATE",
           "when the sittings were (default: now); a time in the file, where one can be "
           "read, wins")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (parse_time_argument(text)) return std::nullopt;
        return fmt::format("--date '{}' is not a date such as 2026-01-31", text);
      });
  d.option("-o,--output", &o.output, "DIR",
           "the folder to write one results file per learner into (LEARNER.jsonl)")
      .required()
      .writes();
}

Needs needs(const ResponsesOptions& o) {
  Needs n = deck_reader_needs(o.paths.empty() ? std::vector<std::string>{}
                                              : std::vector<std::string>{o.paths.front()});
  n.clock = true;
  return n;
}

core::Expected<void> validate(const ResponsesOptions& o) {
  if (o.paths.size() < 2) {
    return core::fail(ExitCode::kUsage,
                      "responses takes a deck and at least one file of answers (CSV)");
  }
  return {};
}

// A file name for a learner's results: their label with anything but letters, digits,
// '.', '-' and '_' as '_', at most 64 bytes; "learner" for a label with none of those.
std::string file_name_of(const std::string& learner) {
  std::string name;
  for (const char c : learner) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    name += plain ? c : '_';
    if (name.size() == 64) break;
  }
  while (!name.empty() && (name.front() == '.' || name.front() == '_')) name.erase(0, 1);
  return name.empty() ? "learner" : name;
}

core::Expected<ExitCode> run_responses(Context& context, const ResponsesOptions& o) {
  if (context.decks.decks.size() != 1) {
    return core::fail(ExitCode::kUsage, "responses takes one deck");
  }
  const deck::Deck& deck = context.decks.decks.front();
  const std::int64_t when = o.date ? *parse_time_argument(*o.date) : context.now;
  // A sheet names its form by the seed that printed it.
  const analysis::FormOf form_of =
      [&deck](std::string_view form) -> std::optional<std::vector<analysis::FormQuestion>> {
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(form.data(), form.data() + form.size(), seed);
    if (form.empty() || error != std::errc() || end != form.data() + form.size()) {
      return std::nullopt;
    }
    std::vector<analysis::FormQuestion> out;
    for (auto& question : paper_form(deck, true, std::nullopt, seed)) {
      out.push_back({question.card, std::move(question.shown)});
    }
    return out;
  };
  // Learners across every file, in the order they first appear.
  std::vector<analysis::LearnerResponses> learners;
  std::map<std::string, std::size_t> index;
  std::vector<std::string> inputs{deck.path};
  std::size_t sittings = 0;
  std::size_t answers = 0;
  std::size_t findings = 0;
  std::set<std::string> read_paths;
  for (std::size_t f = 1; f < o.paths.size(); ++f) {
    const std::string& path = o.paths[f];
    inputs.push_back(path);
    // A file named twice is read once: its sittings are not doubled.
    std::error_code ec;
    const auto identity = std::filesystem::weakly_canonical(path, ec);
    if (!read_paths.insert(ec ? path : identity.string()).second) {
      context.io.err << fmt::format("quizdeck: note: '{}' is given twice; read once\n",
                                    core::visible(path, core::Lines::kShow));
      continue;
    }
    auto text = read_input_file(path, "answer sheets", kMaxSheetBytes);
    if (!text) return text.error();
    const core::SourceText source(path, std::move(*text));
    std::optional<analysis::ResponsesFormat> format;
    if (o.from) {
      format = analysis::parse_responses_format(*o.from);
    } else {
      format = analysis::detect_responses_format(source);
      if (!format) {
        return core::fail_in_file(
            ExitCode::kInvalidInput, path,
            "its first row is neither a paper sheet's (learner, form, ...), a Google Forms "
            "export's (Timestamp, ...) nor Moodle's Responses report's (..., Response 1, "
            "...): say which with --from");
      }
    }
    auto read = analysis::read_responses(source, *format, deck, form_of, when);
    if (!read) return read.error();
    for (const auto& finding : read->findings) {
      context.io.err << core::render_text(finding);
      if (finding.severity == core::Severity::kWarning) ++findings;
    }
    if (read->unreported > 0) {
      context.io.err << fmt::format("{}: warning: {} more thing{} left out, not each shown\n",
                                    core::visible(path, core::Lines::kShow), read->unreported,
                                    read->unreported == 1 ? "" : "s");
      findings += read->unreported;
    }
    sittings += read->rows;
    answers += read->answers;
    for (auto& learner : read->learners) {
      auto at = index.find(learner.learner);
      if (at == index.end()) {
        index.emplace(learner.learner, learners.size());
        learners.push_back(std::move(learner));
        continue;
      }
      // The same learner in another file: later sittings, numbered on.
      analysis::LearnerResponses& kept = learners[at->second];
      const auto offset = static_cast<std::int64_t>(kept.sittings.size());
      for (auto& sitting : learner.sittings) {
        sitting.attempt += offset;
        kept.sittings.push_back(std::move(sitting));
      }
      for (auto& answer : learner.answers) {
        if (answer.attempt) *answer.attempt += offset;
        kept.answers.push_back(std::move(answer));
      }
    }
  }
  if (learners.empty()) {
    return core::fail(ExitCode::kInvalidInput,
                      "no sitting was read from the files given: nothing to write");
  }
  std::vector<std::pair<std::string, std::string>> files;
  std::map<std::string, int> taken;
  for (const auto& learner : learners) {
    std::string name = file_name_of(learner.learner);
    if (const int seen = taken[name]++; seen > 0) name += fmt::format("-{}", seen + 1);
    analysis::ResultsHeader header;
    header.learner = learner.learner;
    header.exported_ms = context.now;
    std::string text = analysis::write_results_line(header) + '\n';
    for (const auto& sitting : learner.sittings)
      text += analysis::write_results_line(sitting) + '\n';
    for (const auto& answer : learner.answers) text += analysis::write_results_line(answer) + '\n';
    files.emplace_back(name + ".jsonl", std::move(text));
  }
  if (auto written = write_output_directory(o.output, files, context.output_guard(inputs));
      !written) {
    return written.error();
  }
  context.io.err << fmt::format(
      "Wrote {} {} results ({} sitting{}, {} answer{}) to {}{}.\n", learners.size(),
      learners.size() == 1 ? "learner's" : "learners'", sittings, sittings == 1 ? "" : "s", answers,
      answers == 1 ? "" : "s", core::visible(o.output, core::Lines::kShow),
      findings > 0
          ? fmt::format("; {} thing{} left out (see above)", findings, findings == 1 ? "" : "s")
          : "");
  return findings > 0 ? ExitCode::kLeftOut : ExitCode::kOk;
}

}  // namespace

Command responses_command() {
  return make_command<ResponsesOptions>(
      "responses", "answers from paper sheets, Google Forms or Moodle as graded results files",
      declare_responses, needs, run_responses, validate);
}

}  // namespace quizdeck::cli
