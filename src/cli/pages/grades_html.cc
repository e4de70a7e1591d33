// SPDX-License-Identifier: MIT
#include "cli/pages/grades_html.h"

#include <fmt/format.h>

#include "core/markup.h"
#include "core/time.h"

namespace quizdeck::cli {
namespace {

constexpr const char* kGradesStyle = R"css(
:root { --ink: #1d2433; --muted: #5b6475; --line: #dde2ea; --bad: #b3412f; --good: #2f7d4f; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 64rem; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; min-width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
th { font-size: .8rem; white-space: nowrap; }
.fail { color: var(--bad); } .pass { color: var(--good); }
ul.problem { color: var(--bad); padding-left: 1.1rem; }
.missed { border-top: 1px solid var(--line); padding: .6rem 0; break-inside: avoid; }
.missed p { margin: .2rem 0; overflow-wrap: anywhere; }
.label { font-weight: 600; }
@media (max-width: 40rem) { body { font-size: 14px; padding: .5rem; } }
@media print { body { max-width: none; } .sitting { break-before: page; }
  .sitting:first-of-type { break-before: auto; } }
)css";

std::string page_head(const std::string& title) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; base-uri 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
      title, kGradesStyle);
}

std::string number(double value) {
  std::string text = fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string duration(std::optional<std::int64_t> ms) {
  if (!ms || *ms < 0) return "&ndash;";
  const std::int64_t s = (*ms + 500) / 1000;
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string pass_cell(const analysis::GradedSitting& g) {
  if (!g.passed) return "&ndash;";
  return *g.passed ? "<span class=\"pass\">yes</span>" : "<span class=\"fail\">no</span>";
}

std::string footer(const char* what) {
  return fmt::format(
      "<p class=\"muted\">Made by quizdeck {}. Every answer was graded again against the deck; "
      "this page loads nothing from the network.</p>\n</body>\n</html>\n",
      what);
}

}  // namespace

std::string grades_html(const std::vector<analysis::LearnerGrades>& learners,
                        const analysis::Gradebook& book, const deck::Deck& deck,
                        analysis::AttemptChoice choice) {
  const std::string title = core::shown_markup(deck.title);
  const std::string_view which = analysis::attempt_choice_name(choice);
  std::string out = page_head("Grades: " + title);
  out += fmt::format(
      "<h1>Grades: {}</h1>\n<p class=\"muted\">{} learner{}; {}.</p>\n", title, learners.size(),
      learners.size() == 1 ? "" : "s",
      which == "all" ? std::string("every sitting") : fmt::format("the {} sitting of each", which));
  if (book.mismatched() > 0) {
    out += fmt::format(
        "<h2>Regraded</h2>\n<p>{} of {} answers graded again against the deck differ from what "
        "their file claims:</p>\n<ul class=\"problem\">\n",
        book.mismatched(), book.regraded());
    for (const auto& m : book.mismatches()) {
      out += "<li>" + core::shown_markup(analysis::regrade_line(m)) + "</li>\n";
    }
    if (book.mismatched() > static_cast<std::int64_t>(book.mismatches().size())) {
      out += fmt::format("<li>... and {} more</li>\n",
                         book.mismatched() - static_cast<std::int64_t>(book.mismatches().size()));
    }
    out += "</ul>\n";
  }
  out +=
      "<div class=\"scroll\"><table>\n<thead><tr><th>Learner</th><th class=\"num\">Sitting</th>"
      "<th>Date</th><th class=\"num\">Score</th><th class=\"num\">Percent</th><th>Pass</th>"
      "<th class=\"num\">Time</th>";
  for (const std::string& tag : book.tags()) {
    out += "<th class=\"num\">" + core::shown_markup(tag) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& l : learners) {
    if (l.sittings.empty()) {
      out += fmt::format("<tr><td>{}</td><td colspan=\"{}\" class=\"muted\">{}</td></tr>\n",
                         core::shown_markup(l.learner), 6 + book.tags().size(),
                         l.unfinished > 0 ? "no finished sitting" : "no sitting");
      continue;
    }
    for (const auto& g : l.sittings) {
      out += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}/{}</td>"
          "<td class=\"num\">{:.1f}%</td><td>{}</td><td class=\"num\">{}</td>",
          core::shown_markup(l.learner), g.attempt, core::format_day(core::local_day(g.started_ms)),
          number(g.score), number(g.points), g.percent, pass_cell(g), duration(g.time_ms));
      for (const std::string& tag : book.tags()) {
        std::string cell = "&ndash;";
        for (const auto& t : g.tags) {
          if (t.tag == tag && t.points > 0)
            cell = fmt::format("{:.0f}%", 100.0 * t.score / t.points);
        }
        out += "<td class=\"num\">" + cell + "</td>";
      }
      out += "</tr>\n";
    }
  }
  out += "</tbody>\n</table></div>\n";
  return out + footer("grades");
}

std::string grade_sheet_html(const analysis::LearnerGrades& learner, const deck::Deck& deck) {
  const std::string title = core::shown_markup(deck.title);
  const std::string name = core::shown_markup(learner.learner);
  std::string out = page_head(name + ": " + title);
  out += fmt::format("<h1>{}</h1>\n<p class=\"muted\">{}</p>\n", title, name);
  if (learner.sittings.empty()) {
    out += fmt::format("<p>{}</p>\n", learner.unfinished > 0 ? "No finished sitting."
                                                             : "No sitting of this exam.");
  }
  for (const auto& g : learner.sittings) {
    out += "<section class=\"sitting\">\n";
    out += fmt::format("<h2>Sitting {}, {}</h2>\n<p>Score {}/{} ({:.1f}%){}{}. Time used {}.</p>\n",
                       g.attempt, core::format_day(core::local_day(g.started_ms)), number(g.score),
                       number(g.points), g.percent,
                       g.pass_mark ? fmt::format("; pass mark {}%", number(*g.pass_mark)) : "",
                       g.passed ? (*g.passed ? ": <span class=\"pass\">passed</span>"
                                             : ": <span class=\"fail\">not passed</span>")
                                : "",
                       duration(g.time_ms));
    if (!g.tags.empty()) {
      out += "<p>By topic: ";
      for (std::size_t i = 0; i < g.tags.size(); ++i) {
        const auto& t = g.tags[i];
        out += fmt::format("{}{} {}/{}", i == 0 ? "" : ", ", core::shown_markup(t.tag),
                           number(t.score), number(t.points));
      }
      out += ".</p>\n";
    }
    if (g.missed.empty()) {
      out += "<p>Nothing missed.</p>\n";
    } else {
      out += fmt::format("<p>{} question{} missed or partly right:</p>\n", g.missed.size(),
                         g.missed.size() == 1 ? "" : "s");
    }
    for (const auto& m : g.missed) {
      out += "<div class=\"missed\">\n";
      out += "<p class=\"label\">" + core::shown_markup(m.prompt) + "</p>\n";
      out += fmt::format("<p>You {}{}.</p>\n", core::shown_markup(m.given),
                         m.credit > 0 ? fmt::format(" ({:.0f}% credit)", 100.0 * m.credit) : "");
      for (const std::string& why : m.why) {
        out += "<p><span class=\"label\">Why not:</span> " + core::shown_markup(why) + "</p>\n";
      }
      if (!m.expected.empty()) {
        out += "<p><span class=\"label\">Right answer:</span> " + core::shown_markup(m.expected) +
               "</p>\n";
      }
      if (m.earlier_version) {
        out += "<p class=\"muted\">This question has changed since you answered it.</p>\n";
      }
      if (!m.explain.empty()) {
        out += "<p><span class=\"label\">Explanation:</span> " + core::shown_markup(m.explain) +
               "</p>\n";
      }
      if (!m.source.empty()) {
        out += "<p class=\"muted\">Source: " + core::shown_markup(m.source) + "</p>\n";
      }
      out += "</div>\n";
    }
    out += "</section>\n";
  }
  return out + footer("grades --sheets");
}

}  // namespace quizdeck::cli
