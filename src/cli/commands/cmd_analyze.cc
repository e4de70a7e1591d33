// SPDX-License-Identifier: MIT
// `quizdeck analyze DECK [FILE.jsonl...] [--attempt first|last|best|all] [--since DATE]
// [--min-group N] [--json | --html -o report.html]`: item analysis
// of a deck over a class's results files (or, without files, over the store's own
// answers): per card the facility and discrimination indexes as Moodle computes them, the
// choices picked, times, FSRS difficulty and lapses; per exam Cronbach's alpha and the
// score distribution; problems first, each with a one-line reason.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "analysis/item_analysis.h"
#include "classroom/class_url.h"
#include "cli/commands.h"
#include "cli/commands/deck_cards.h"
#include "cli/commands/text_output.h"
#include "cli/files/results_file.h"
#include "cli/files/results_source.h"
#include "cli/files/results_stream.h"
#include "cli/pages/analysis_html.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "deck/card_id.h"

namespace quizdeck::cli {
namespace {

struct AnalyzeOptions {
  std::string deck;
  std::vector<std::string> files;
  std::optional<std::string> class_url;
  std::string attempt = "all";
  std::optional<std::string> since;
  int min_group = analysis::kMinFlagGroup;
  bool json = false;
  bool html = false;
  std::optional<std::string> output;
};

void declare_analyze(Declare& d, AnalyzeOptions& o) {
  d.positional("DECK", &o.deck, "the deck (a file or a deck id)")
      .required()
      .completes(Complete::kDeckFile);
  d.positional("FILE", &o.files,
               "results files from `quizdeck results` or folders of them (- for standard input; "
               "default: the "
               "store's own answers)")
      .completes(Complete::kFile);
  d.option("--class", &o.class_url, "URL",
           "also read every learner's pushed results from this class database "
           "(postgresql://...)");
  d.option("--attempt", &o.attempt, "WHICH",
           "which exam sittings of each learner count: first, last, best or all (default)")
      .one_of({"first", "last", "best", "all"});
  d.option("--since", &o.since, "DATE", "only exam sittings and drill answers from this date on")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (parse_time_argument(text)) return std::nullopt;
        return fmt::format("--since '{}' is not a date such as 2026-01-31", text);
      });
  d.option("--min-group", &o.min_group, "N",
           "attempts each of the strongest and weakest 27% needs before a distractor is "
           "flagged (default 5)")
      .at_least(1);
  d.flag("--json", &o.json, "print the analysis as JSON");
  d.flag("--html", &o.html, "write an HTML report with charts (with -o)");
  d.option("-o,--output", &o.output, "FILE", "where to write (- for standard output)").writes();
}

core::Expected<void> validate(const AnalyzeOptions& o) {
  if (o.json && o.html) return core::fail(ExitCode::kUsage, "choose one of --json and --html");
  if (o.html && !o.output) {
    return core::fail(ExitCode::kUsage, "--html writes a file: name it with -o FILE.html");
  }
  if (o.class_url) {
    if (auto parsed = classroom::parse_class_url(*o.class_url); !parsed) return parsed.error();
  }
  if (std::count(o.files.begin(), o.files.end(), "-") > 1) {
    return core::fail(ExitCode::kUsage, "standard input (-) can be read only once");
  }
  return {};
}

Needs needs(const AnalyzeOptions& o) {
  Needs n = deck_reader_needs({o.deck});
  // Without results files or a class, the store's own answers are what is analysed.
  if (o.files.empty() && !o.class_url) n.store = StoreNeed::kRead;
  return n;
}

std::string pct(std::optional<double> value) {
  return value ? fmt::format("{:.0f}%", *value) : std::string("-");
}

// What the answers said: the most common wrong typed responses, and how matching pairs
// and ordering positions went.
void write_responses(const analysis::Report& report, std::ostream& out) {
  bool any = false;
  for (const auto& item : report.items) {
    if (item.wrong_responses.empty() && item.parts.empty()) continue;
    bool parts_answered = false;
    for (const auto& p : item.parts) parts_answered = parts_answered || p.attempts > 0;
    if (item.wrong_responses.empty() && !parts_answered) continue;
    if (!any) out << "\nResponses:\n";
    any = true;
    std::string id = core::visible(item.card);
    if (item.version != analysis::Version::kCurrent) {
      id += fmt::format(" ({})", analysis::version_name(item.version));
    }
    out << fmt::format("  {}  {}\n", id, shown(item.prompt, 60));
    if (!item.wrong_responses.empty()) {
      std::string line;
      for (const auto& r : item.wrong_responses) {
        line += fmt::format("{}'{}' {}", line.empty() ? "" : ", ", shown(r.text, 40), r.count);
      }
      out << "    wrong: " << line << '\n';
    }
    if (!item.near_misses.empty()) {
      std::string line;
      for (const auto& r : item.near_misses) {
        line += fmt::format("{}'{}' {} (close to '{}')", line.empty() ? "" : ", ",
                            shown(r.text, 30), r.count, shown(r.near, 30));
      }
      out << "    near misses, worth accepting? " << line << '\n';
    }
    for (const auto& p : item.parts) {
      if (p.attempts == 0) continue;
      out << fmt::format("    {} -> {}: {:.0f}% right of {}\n", shown(p.label, 30),
                         shown(p.right, 30), 100.0 * p.correct / p.attempts, p.attempts);
    }
  }
}

// Each question's effective weight, wrapped to the table's width.
void write_weights(const analysis::ExamReport& exam, std::ostream& out) {
  if (exam.weights.empty()) return;
  std::string line = "  Effective weight:";
  for (std::size_t i = 0; i < exam.weights.size(); ++i) {
    const auto& w = exam.weights[i];
    std::string part = w.card.empty() ? fmt::format("#{}", w.position) : shown(w.card, 24);
    part += w.weight ? fmt::format(" {:.1f}%", *w.weight) : " -";
    if (i + 1 < exam.weights.size()) part += ",";
    if (core::display_width(line) + 1 + core::display_width(part) > 88) {
      out << line << '\n';
      line = "   ";
    }
    line += " " + part;
  }
  out << line << ".\n";
}

void write_text(const analysis::Report& report, const deck::Deck& deck, std::ostream& out) {
  out << fmt::format("Item analysis of {} ({}): {} learner{}, {} answer{}, {} exam sitting{}.\n",
                     core::visible(deck.title), core::visible(deck.id), report.learners,
                     report.learners == 1 ? "" : "s", report.answers,
                     report.answers == 1 ? "" : "s", report.sittings,
                     report.sittings == 1 ? "" : "s");
  if (report.ignored > 0) {
    out << fmt::format("{} answer{} left out (other decks, cram, unfinished exams).\n",
                       report.ignored, report.ignored == 1 ? "" : "s");
  }
  if (report.not_chosen > 0) {
    out << fmt::format(
        "{} answer{} not counted (sittings --attempt leaves out, or before --since).\n",
        report.not_chosen, report.not_chosen == 1 ? "" : "s");
  }
  write_regrades(out, report.kept, report.regraded, report.mismatched, report.mismatches);
  std::size_t problems = 0;
  for (const auto& item : report.items) problems += item.problems.empty() ? 0 : 1;
  out << '\n';
  if (problems == 0) {
    out << "No problems found.\n";
  } else {
    out << fmt::format("Problems ({} card{}):\n", problems, problems == 1 ? "" : "s");
    for (const auto& item : report.items) {
      if (item.problems.empty()) continue;
      out << fmt::format("  {}  {}\n", core::visible(item.card), shown(item.prompt, 60));
      for (const auto& p : item.problems) out << fmt::format("    - {}\n", p.reason);
      const analysis::ItemFigures* f = analysis::judged_figures(item);
      if (f != nullptr && f->with_choices > 0) {
        std::string line;
        for (const auto& c : f->choices) {
          line += fmt::format("{}{}{} {} {:.0f}%", line.empty() ? "" : ", ", c.label,
                              c.key ? "*" : "", shown(c.text, 30), 100.0 * c.share);
        }
        out << fmt::format("      picked: {}\n", line);
      }
    }
  }
  write_responses(report, out);
  out << '\n'
      << fmt::format("{:<24} {:<6} {:>8} {:>8} {:>8} {:>7} {:>7} {:>6} {:>6}\n", "Card", "From",
                     "Attempts", "Facility", "Discrim", "Effic", "Median", "D", "Lapses");
  for (const auto& item : report.items) {
    std::string id = shown(item.card, 24);
    if (item.version != analysis::Version::kCurrent) {
      id = shown(item.card, 24 - 2 - analysis::version_name(item.version).size()) + " (" +
           std::string(analysis::version_name(item.version)) + ")";
    }
    const auto row = [&](const char* from, const analysis::ItemFigures& f, bool memory) {
      std::string d = "-";
      std::string lapses = "-";
      if (memory && item.memory) {
        if (item.memory->difficulty) d = fmt::format("{:.1f}", *item.memory->difficulty);
        if (item.memory->lapse_rate)
          lapses = fmt::format("{:.0f}%", 100 * *item.memory->lapse_rate);
      }
      out << core::pad_to_width(id, 24)
          << fmt::format(" {:<6} {:>8} {:>8} {:>8} {:>7} {:>7} {:>6} {:>6}\n", from, f.attempts,
                         pct(100.0 * f.facility), pct(f.discrimination), pct(f.efficiency),
                         f.median_seconds ? fmt::format("{:.1f}s", *f.median_seconds) : "-", d,
                         lapses);
      id.clear();
    };
    if (item.exam) row("exam", *item.exam, !item.drill);
    if (item.drill) row("drill", *item.drill, true);
    if (!item.exam && !item.drill) {
      out << core::pad_to_width(id, 24) << fmt::format(" {}\n", item.note);
    }
  }
  for (const auto& exam : report.exams) {
    std::string decks;
    for (const auto& d : exam.decks) decks += (decks.empty() ? "" : ", ") + core::visible(d);
    out << fmt::format("\nExam of {}: {} sitting{}, {} question{} each.\n", decks, exam.attempts,
                       exam.attempts == 1 ? "" : "s", exam.questions,
                       exam.questions == 1 ? "" : "s");
    out << fmt::format("  Score: mean {:.1f}%, median {:.1f}%, SD {}.\n", exam.mean_percent,
                       exam.median_percent,
                       exam.sd_percent ? fmt::format("{:.1f}%", *exam.sd_percent) : "-");
    if (exam.skewness) {
      out << fmt::format("  Shape: skewness {:.2f}{}.\n", *exam.skewness,
                         exam.kurtosis ? fmt::format(", kurtosis {:.2f}", *exam.kurtosis) : "");
    }
    if (exam.passed) {
      out << fmt::format("  Passed: {} of {}.\n", *exam.passed, exam.attempts);
    }
    if (exam.alpha) {
      out << fmt::format(
          "  Cronbach's alpha: {:.1f}% (over the {}{}", *exam.alpha,
          exam.basis == "cards" ? "cards" : "question positions",
          exam.error_ratio ? fmt::format("; error ratio {:.1f}%", *exam.error_ratio) : "");
      if (exam.standard_error) out << fmt::format(", standard error {:.1f}%", *exam.standard_error);
      out << ").\n";
    } else {
      out << fmt::format("  Cronbach's alpha: none ({}).\n", exam.alpha_note);
    }
    write_weights(exam, out);
    int most = 1;
    for (const int n : exam.distribution) most = std::max(most, n);
    for (std::size_t band = 0; band < exam.distribution.size(); ++band) {
      const int n = exam.distribution[band];
      const int width = (n * 30 + most - 1) / most;
      std::string line =
          fmt::format("  {:>3}-{:<3} {:>5} {}", band * 10, band == 9 ? 100 : band * 10 + 9, n,
                      std::string(static_cast<std::size_t>(width), '#'));
      while (line.back() == ' ') line.pop_back();
      out << line << '\n';
    }
  }
}

core::Expected<ExitCode> run_analyze(Context& context, const AnalyzeOptions& o) {
  if (context.decks.decks.size() != 1) {
    return core::fail(ExitCode::kUsage, "analyze takes one deck file or deck id");
  }
  const deck::Deck& deck = context.decks.decks.front();
  analysis::AnalysisOptions options;
  options.attempts =
      analysis::parse_attempt_choice(o.attempt).value_or(analysis::AttemptChoice::kAll);
  if (o.since) options.since_ms = parse_time_argument(*o.since);
  options.min_group = o.min_group;
  analysis::ItemAnalysis analysis(deck_cards(deck), options);
  if (o.class_url) {
    LearnerRecords records;
    records.begin = [&](const std::string&) { analysis.begin_learner(); };
    records.take = [&](const analysis::ResultsRecord& record) {
      if (const auto* exam = std::get_if<analysis::ExamSitting>(&record)) analysis.add(*exam);
      if (const auto* answer = std::get_if<analysis::Answer>(&record)) analysis.add(*answer);
    };
    records.end = [&] { analysis.end_learner(); };
    records.warn = [&](const std::string& message) { context.warn(message); };
    if (auto read = class_results(*o.class_url, records); !read) return read.error();
  }
  if (o.files.empty() && !o.class_url) {
    analysis.begin_learner();
    analysis.name_learner("the store");
    ResultsSelection selection;
    selection.deck_ids = {deck.id};
    store_results(context.store(), selection, [&](const analysis::ResultsRecord& record) {
      if (const auto* exam = std::get_if<analysis::ExamSitting>(&record)) analysis.add(*exam);
      if (const auto* answer = std::get_if<analysis::Answer>(&record)) analysis.add(*answer);
    });
    analysis.end_learner();
  }
  // A file named twice is read once; one learner's label in two files is counted twice,
  // with a warning (an export made twice, or two learners with one label).
  std::set<std::string> read_paths;
  std::map<std::string, std::string> labels;  // learner label -> the first file with it
  const auto files = results_paths(o.files);
  if (!files) return files.error();
  std::vector<std::string> paths;
  for (const std::string& file : *files) {
    std::error_code ec;
    const std::string identity =
        file == "-" ? file : std::filesystem::weakly_canonical(file, ec).string();
    if (read_paths.insert(ec ? file : identity).second) paths.push_back(file);
  }
  // Each file is one learner's.
  ResultsFileSink sink;
  sink.header = [&](const std::string& path, const analysis::ResultsHeader& header) {
    analysis.begin_learner();
    analysis.name_learner(header.learner.value_or(path));
  };
  sink.record = [&](analysis::ResultsRecord& record) {
    if (const auto* exam = std::get_if<analysis::ExamSitting>(&record)) analysis.add(*exam);
    if (auto* answer = std::get_if<analysis::Answer>(&record)) analysis.take(*answer);
  };
  sink.end = [&](const std::string& path,
                 const analysis::ResultsHeader& header) -> core::Expected<void> {
    analysis.end_learner();
    if (!header.learner) return {};
    if (const auto [at, fresh] = labels.emplace(*header.learner, path); !fresh) {
      context.warn(fmt::format("learner '{}' is in both '{}' and '{}'; both are counted",
                               core::visible(*header.learner, core::Lines::kShow),
                               core::visible(at->second, core::Lines::kShow),
                               core::visible(path, core::Lines::kShow)));
    }
    return {};
  };
  if (auto read = read_results_files(paths, sink); !read) return read.error();
  const analysis::Report report = analysis.finish();
  std::string text;
  if (o.json) {
    text = analysis::report_json(report) + "\n";
  } else if (o.html) {
    text = analysis_html(report, deck);
  } else {
    std::ostringstream out;
    write_text(report, deck, out);
    text = out.str();
  }
  return deliver_text(context, o.output, text);
}

}  // namespace

Command analyze_command() {
  return make_command<AnalyzeOptions>("analyze", "item analysis of a deck over a class's results",
                                      declare_analyze, needs, run_analyze, validate);
}

}  // namespace quizdeck::cli
