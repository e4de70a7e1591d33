// SPDX-License-Identifier: MIT
// `quizdeck grades DECK [FILE.jsonl...] [--class URL] [--attempt first|last|best|all] [--csv |
// --json |
// --html -o FILE | --sheets -o DIR]`: a gradebook of a deck's exam over a class's results
// files and class database (or the store's own sittings): per learner the sittings chosen, each
// scored with every answer regraded against the deck, passed or not, the time used and the score
// per tag; or one printable sheet per learner of what they missed and why.
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "analysis/gradebook.h"
#include "classroom/class_url.h"
#include "cli/commands.h"
#include "cli/commands/deck_cards.h"
#include "cli/commands/text_output.h"
#include "cli/files/output_directory.h"
#include "cli/files/results_file.h"
#include "cli/files/results_source.h"
#include "cli/pages/grades_html.h"
#include "core/time.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "deck/card_id.h"

namespace quizdeck::cli {
namespace {

struct GradesOptions {
  std::string deck;
  std::vector<std::string> files;
  std::string attempt = "best";
  bool csv = false;
  bool json = false;
  bool html = false;
  bool sheets = false;
  std::optional<std::string> output;
  std::optional<std::string> class_url;
};

void declare_grades(Declare& d, GradesOptions& o) {
  d.positional("DECK", &o.deck, "the deck (a file or a deck id)")
      .required()
      .completes(Complete::kDeckFile);
  d.positional("FILE", &o.files,
               "results files from `quizdeck results` or folders of them (- for standard input; "
               "default: the "
               "store's own sittings)")
      .completes(Complete::kFile);
  d.option("--class", &o.class_url, "URL",
           "also grade every learner's pushed sittings in this class database "
           "(postgresql://...; see CLASS in quizdeck(1))");
  d.option("--attempt", &o.attempt, "WHICH",
           "which sittings of each learner count: first, last, best (default) or all")
      .one_of({"first", "last", "best", "all"});
  d.flag("--csv", &o.csv, "print the gradebook as CSV (one row per sitting)");
  d.flag("--json", &o.json, "print the gradebook as JSON");
  d.flag("--html", &o.html, "write the gradebook as an HTML page (with -o)");
  d.flag("--sheets", &o.sheets, "write one printable HTML page per learner into -o DIR");
  d.option("-o,--output", &o.output, "PATH", "where to write (- for standard output)").writes();
}

core::Expected<void> validate(const GradesOptions& o) {
  if (static_cast<int>(o.csv) + o.json + o.html + o.sheets > 1) {
    return core::fail(ExitCode::kUsage, "choose one of --csv, --json, --html and --sheets");
  }
  if (o.html && !o.output) {
    return core::fail(ExitCode::kUsage, "--html writes a file: name it with -o FILE.html");
  }
  if (o.sheets && (!o.output || *o.output == "-")) {
    return core::fail(ExitCode::kUsage, "--sheets writes a folder of pages: name it with -o DIR");
  }
  if (o.class_url) {
    if (auto parsed = classroom::parse_class_url(*o.class_url); !parsed) return parsed.error();
  }
  if (std::count(o.files.begin(), o.files.end(), "-") > 1) {
    return core::fail(ExitCode::kUsage, "standard input (-) can be read only once");
  }
  return {};
}

Needs needs(const GradesOptions& o) {
  Needs n = deck_reader_needs({o.deck});
  if (o.files.empty() && !o.class_url)
    n.store = StoreNeed::kRead;  // its sittings are what is graded
  return n;
}

void take(analysis::Gradebook& book, const analysis::ResultsRecord& record) {
  if (const auto* exam = std::get_if<analysis::ExamSitting>(&record)) book.add(*exam);
  if (const auto* answer = std::get_if<analysis::Answer>(&record)) book.add(*answer);
}

std::string duration(std::optional<std::int64_t> ms) {
  if (!ms || *ms < 0) return "-";
  const std::int64_t s = (*ms + 500) / 1000;
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string number(double value) {
  std::string text = fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string passed_text(const analysis::GradedSitting& g) {
  return g.passed ? (*g.passed ? "yes" : "no") : "-";
}

std::string tag_percent(const analysis::GradedSitting& g, const std::string& tag) {
  for (const auto& t : g.tags) {
    if (t.tag == tag && t.points > 0) return fmt::format("{:.0f}%", 100.0 * t.score / t.points);
  }
  return "-";
}

void write_text(const std::vector<analysis::LearnerGrades>& learners,
                const analysis::Gradebook& book, const deck::Deck& deck,
                analysis::AttemptChoice choice, std::ostream& out) {
  const std::string_view which = analysis::attempt_choice_name(choice);
  out << fmt::format(
      "Grades of {} ({}): {} learner{}, {}.\n", core::visible(deck.title), core::visible(deck.id),
      learners.size(), learners.size() == 1 ? "" : "s",
      which == "all" ? std::string("every sitting") : fmt::format("{} sitting of each", which));
  write_regrades(out, book.kept(), book.regraded(), book.mismatched(), book.mismatches());
  out << '\n';
  std::string head = fmt::format("{:<20} {:>7} {:<10} {:>9} {:>7} {:<4} {:>7}", "Learner",
                                 "Sitting", "Date", "Score", "Percent", "Pass", "Time");
  for (const std::string& tag : book.tags()) {
    head += " " + core::pad_to_width(shown(tag, 10),
                                     std::max<std::size_t>(4, core::display_width(shown(tag, 10))));
  }
  out << head << '\n';
  for (const auto& l : learners) {
    const std::string name = core::pad_to_width(shown(l.learner, 20), 20);
    if (l.sittings.empty()) {
      out << name
          << fmt::format(" {:>7} {}\n", "-",
                         l.unfinished > 0 ? "no finished sitting" : "no sitting");
      continue;
    }
    for (const auto& g : l.sittings) {
      std::string line = fmt::format("{} {:>7} {:<10} {:>9} {:>6.1f}% {:<4} {:>7}", name, g.attempt,
                                     core::format_day(core::local_day(g.started_ms)),
                                     number(g.score) + "/" + number(g.points), g.percent,
                                     passed_text(g), duration(g.time_ms));
      for (const std::string& tag : book.tags()) {
        const std::size_t width = std::max<std::size_t>(4, core::display_width(shown(tag, 10)));
        line += " " + fmt::format("{:>{}}", tag_percent(g, tag), width);
      }
      out << line << '\n';
    }
  }
}

// A spreadsheet reads a cell starting with = + - @ as a formula: such text (a learner's
// own label) is written with a quote before it, as OWASP advises. Control characters (a
// forged label's escape sequences, its line breaks) are shown, never written raw: the
// CSV may go to a terminal.
std::string csv_field(const std::string& text) {
  std::string value = core::visible(text, core::Lines::kShow);
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string::npos) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string write_csv(const std::vector<analysis::LearnerGrades>& learners,
                      const analysis::Gradebook& book) {
  std::string out = "learner,attempt,started,seconds,score,points,percent,pass_mark,passed";
  for (const std::string& tag : book.tags()) out += "," + csv_field("tag:" + tag);
  out += "\r\n";
  for (const auto& l : learners) {
    for (const auto& g : l.sittings) {
      out += fmt::format(
          "{},{},{},{},{},{},{},{},{}", csv_field(l.learner), g.attempt,
          core::format_iso8601(g.started_ms), g.time_ms ? fmt::format("{}", *g.time_ms / 1000) : "",
          number(g.score), number(g.points), number(g.percent),
          g.pass_mark ? number(*g.pass_mark) : "", g.passed ? (*g.passed ? "yes" : "no") : "");
      for (const std::string& tag : book.tags()) {
        std::string cell;
        for (const auto& t : g.tags) {
          if (t.tag == tag && t.points > 0) cell = number(100.0 * t.score / t.points);
        }
        out += "," + cell;
      }
      out += "\r\n";
    }
  }
  return out;
}

// A file name for a learner's sheet: their label in lower-case letters, digits and
// dashes, numbered when two come out the same.
std::string sheet_name(const std::string& learner, std::set<std::string>& taken) {
  std::string base;
  for (const char c : learner) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      base += c;
    } else if (c >= 'A' && c <= 'Z') {
      base += static_cast<char>(c - 'A' + 'a');
    } else if (!base.empty() && base.back() != '-') {
      base += '-';
    }
    if (base.size() >= 60) break;
  }
  while (!base.empty() && base.back() == '-') base.pop_back();
  if (base.empty()) base = "learner";
  std::string name = base + ".html";
  for (int n = 2; !taken.insert(name).second; ++n) name = fmt::format("{}-{}.html", base, n);
  return name;
}

core::Expected<ExitCode> run_grades(Context& context, const GradesOptions& o) {
  if (context.decks.decks.size() != 1) {
    return core::fail(ExitCode::kUsage, "grades takes one deck file or deck id");
  }
  const deck::Deck& deck = context.decks.decks.front();
  const analysis::AttemptChoice choice =
      analysis::parse_attempt_choice(o.attempt).value_or(analysis::AttemptChoice::kBest);
  analysis::Gradebook book(deck_cards(deck));
  std::vector<analysis::LearnerGrades> learners;
  if (o.class_url) {
    LearnerRecords records;
    records.begin = [&](const std::string& learner) { book.begin_learner(learner); };
    records.take = [&](const analysis::ResultsRecord& record) { take(book, record); };
    records.end = [&] { learners.push_back(book.end_learner(choice)); };
    records.warn = [&](const std::string& message) { context.warn(message); };
    if (auto read = class_results(*o.class_url, records); !read) return read.error();
  }
  if (o.files.empty() && !o.class_url) {
    book.begin_learner("the store");
    ResultsSelection selection;
    selection.deck_ids = {deck.id};
    store_results(context.store(), selection,
                  [&](const analysis::ResultsRecord& record) { take(book, record); });
    learners.push_back(book.end_learner(choice));
  }
  // As analyze: a file named twice is read once; one label in two files, with a warning.
  std::set<std::string> read_paths;
  std::map<std::string, std::string> labels;
  const auto files = results_paths(o.files);
  if (!files) return files.error();
  for (const std::string& file : *files) {
    std::error_code ec;
    const std::string identity =
        file == "-" ? file : std::filesystem::weakly_canonical(file, ec).string();
    if (!read_paths.insert(ec ? file : identity).second) continue;
    auto head = read_results_file(
        file,
        [&](const analysis::ResultsHeader& header) {
          book.begin_learner(header.learner.value_or(file));
        },
        [&](const analysis::ResultsRecord& record) { take(book, record); });
    if (!head) return head.error();
    learners.push_back(book.end_learner(choice));
    if (!head->learner) continue;
    if (const auto [at, fresh] = labels.emplace(*head->learner, file); !fresh) {
      context.warn(fmt::format("learner '{}' is in both '{}' and '{}'; both are listed",
                               core::visible(*head->learner, core::Lines::kShow),
                               core::visible(at->second, core::Lines::kShow),
                               core::visible(file, core::Lines::kShow)));
    }
  }
  if (o.sheets) {
    std::vector<std::pair<std::string, std::string>> pages;
    std::set<std::string> taken;
    for (const auto& l : learners) {
      pages.emplace_back(sheet_name(l.learner, taken), grade_sheet_html(l, deck));
    }
    if (auto written = write_output_directory(*o.output, pages, context.output_guard()); !written) {
      return written.error();
    }
    context.io.err << fmt::format("Wrote {} sheet{} into {}.\n", pages.size(),
                                  pages.size() == 1 ? "" : "s",
                                  core::visible(*o.output, core::Lines::kShow));
    return ExitCode::kOk;
  }
  std::string text;
  if (o.json) {
    text = analysis::grades_json(learners, book, choice) + "\n";
  } else if (o.csv) {
    text = write_csv(learners, book);
  } else if (o.html) {
    text = grades_html(learners, book, deck, choice);
  } else {
    std::ostringstream out;
    write_text(learners, book, deck, choice, out);
    text = out.str();
  }
  return deliver_text(context, o.output, text);
}

}  // namespace

Command grades_command() {
  return make_command<GradesOptions>("grades", "a gradebook of a deck's exam over a class",
                                     declare_grades, needs, run_grades, validate);
}

}  // namespace quizdeck::cli
