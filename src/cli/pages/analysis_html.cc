// SPDX-License-Identifier: MIT
#include "cli/pages/analysis_html.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/markup.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

std::string pct(std::optional<double> value) {
  return value ? fmt::format("{:.0f}%", *value) : std::string("&ndash;");
}

constexpr const char* kAnalysisStyle = R"css(
:root { --ink: #1d2433; --muted: #5b6475; --good: #2f7d4f; --line: #dde2ea; --bad: #b3412f;
  --key: #2f7d4f; --other: #9aa3b2; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 64rem; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
svg { width: 100%; height: auto; display: block; max-width: 40rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid var(--line);
  vertical-align: top; overflow-wrap: anywhere; }
td.num, th.num { text-align: right; white-space: nowrap; }
th { font-size: .8rem; }
th.card { width: 30%; }
.problem { color: var(--bad); margin: 0; padding-left: 1.1rem; }
.shares { display: flex; height: .8rem; border-radius: .2rem; overflow: hidden;
  background: var(--line); }
th.choices { width: 18%; }
.shares span { display: block; height: 100%; border-right: 1px solid #fff; }
.shares .key { background: var(--key); } .shares .other { background: var(--other); }
.shares .flagged { background: var(--bad); }
.legend { font-size: .85rem; }
@media (max-width: 40rem) { .opt { display: none; } th.card { width: 38%; }
  th.choices { width: 26%; } body { font-size: 14px; padding: .5rem; } }
@media print { body { max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
)css";

bool flagged_choice(const analysis::ItemReport& item, const std::string& label) {
  return std::any_of(item.problems.begin(), item.problems.end(), [&](const auto& p) {
    return p.reason.starts_with("distractor " + label + " ");
  });
}

// Facility (x, 0 to 100%) against discrimination (y, -100 to 100%): the usual map of a
// question bank; problems in red.
std::string scatter_svg(const analysis::Report& report) {
  constexpr int kW = 520;
  constexpr int kH = 300;
  constexpr int kLeft = 44;
  constexpr int kBottom = 30;
  constexpr int kTop = 10;
  const auto x = [&](double facility) { return kLeft + facility / 100.0 * (kW - kLeft - 24); };
  const auto y = [&](double di) { return kTop + (100.0 - di) / 200.0 * (kH - kTop - kBottom); };
  std::string svg = fmt::format(
      "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Facility against discrimination, "
      "one dot per card\">",
      kW, kH);
  for (int di = -100; di <= 100; di += 50) {
    svg += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#dde2ea\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6475\">{}%"
        "</text>",
        kLeft, kW - 24, y(di), y(di), kLeft - 4, y(di) + 4, di);
  }
  for (int f = 0; f <= 100; f += 25) {
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6475\">{}%"
        "</text>",
        x(f), kH - kBottom + 16, f);
  }
  svg += fmt::format(
      "<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6475\">"
      "facility</text>",
      x(50), kH - 2);
  for (const auto& item : report.items) {
    if (item.version != analysis::Version::kCurrent) continue;
    const auto* f = analysis::judged_figures(item);
    if (f == nullptr || !f->discrimination) continue;
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\" fill-opacity=\".75\"><title>{}: "
        "{:.0f}% correct, discrimination {:.0f}%</title></circle>",
        x(100.0 * f->facility), y(std::clamp(*f->discrimination, -100.0, 100.0)),
        item.problems.empty() ? "#2f7d4f" : "#b3412f", core::shown_markup(item.card),
        100.0 * f->facility, *f->discrimination);
  }
  return svg + "</svg>\n";
}

std::string distribution_svg(const analysis::ExamReport& exam) {
  constexpr int kW = 520;
  constexpr int kH = 160;
  int most = 1;
  for (const int n : exam.distribution) most = std::max(most, n);
  std::string svg = fmt::format(
      "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Sittings per 10-point score band\">",
      kW, kH);
  const double band_w = (kW - 20) / 10.0;
  for (std::size_t band = 0; band < 10; ++band) {
    const int n = exam.distribution[band];
    const double h = (kH - 40) * static_cast<double>(n) / most;
    const double bx = 10 + band_w * static_cast<double>(band);
    svg += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#2f7d4f\">"
        "<title>{}-{}%: {} sitting{}</title></rect>"
        "<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6475\">{}"
        "</text>",
        bx + 2, kH - 22 - h, band_w - 4, h, band * 10, band == 9 ? 100 : band * 10 + 9, n,
        n == 1 ? "" : "s", bx + band_w / 2, kH - 6, band * 10);
    if (n > 0) {
      svg += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
          bx + band_w / 2, kH - 26 - h, n);
    }
  }
  return svg + "</svg>\n";
}

std::string shares_html(const analysis::ItemReport& item, const analysis::ItemFigures& f) {
  if (f.with_choices == 0 || f.choices.empty()) return "";
  std::string bar = "<div class=\"shares\">";
  std::string legend;
  for (const auto& c : f.choices) {
    const bool judged_here = &f == analysis::judged_figures(item);
    const char* kind = c.key                                          ? "key"
                       : judged_here && flagged_choice(item, c.label) ? "flagged"
                                                                      : "other";
    bar += fmt::format("<span class=\"{}\" style=\"width:{:.1f}%\" title=\"{}: {:.0f}%\"></span>",
                       kind, 100.0 * c.share, core::shown_markup(c.label), 100.0 * c.share);
    legend +=
        fmt::format("{}{}{} {} {:.0f}%", legend.empty() ? "" : " · ", core::shown_markup(c.label),
                    c.key ? "&#x2713;" : "", core::shown_markup(c.text), 100.0 * c.share);
  }
  return bar + "</div><div class=\"legend muted\">" + legend + "</div>";
}

// The most common wrong typed responses, and each matching pair's or ordering position's
// share right.
std::string responses_html(const analysis::ItemReport& item) {
  std::string out;
  if (!item.wrong_responses.empty()) {
    out += "<div class=\"legend\">Wrong: ";
    for (std::size_t i = 0; i < item.wrong_responses.size(); ++i) {
      const auto& r = item.wrong_responses[i];
      out += fmt::format("{}&lsquo;{}&rsquo; {}", i == 0 ? "" : " · ", core::shown_markup(r.text),
                         r.count);
    }
    out += "</div>";
  }
  if (!item.near_misses.empty()) {
    out += "<div class=\"legend\">Near misses, worth accepting? ";
    for (std::size_t i = 0; i < item.near_misses.size(); ++i) {
      const auto& r = item.near_misses[i];
      out += fmt::format("{}&lsquo;{}&rsquo; {} (close to &lsquo;{}&rsquo;)", i == 0 ? "" : " · ",
                         core::shown_markup(r.text), r.count, core::shown_markup(r.near));
    }
    out += "</div>";
  }
  for (const auto& p : item.parts) {
    if (p.attempts == 0) continue;
    out += fmt::format("<div class=\"legend\">{} &rarr; {}: {:.0f}% of {}</div>",
                       core::shown_markup(p.label), core::shown_markup(p.right),
                       100.0 * p.correct / p.attempts, p.attempts);
  }
  return out;
}

std::string item_rows(const analysis::Report& report) {
  std::string out =
      "<table><thead><tr><th class=\"card\">Card</th><th>From</th><th class=\"num\">Attempts</th>"
      "<th class=\"num\">Facility</th><th class=\"num\">Discrim.</th><th class=\"num opt\">"
      "Effic.</th><th class=\"num opt\">Median</th><th class=\"num opt\">D</th><th class=\"num "
      "opt\">Lapses</th><th class=\"choices\">Choices</th></tr></thead><tbody>\n";
  for (const auto& item : report.items) {
    std::string card = "<code>" + core::shown_markup(item.card) + "</code>";
    if (item.version != analysis::Version::kCurrent) {
      card +=
          fmt::format(" <span class=\"muted\">({})</span>", analysis::version_name(item.version));
    }
    card += "<br>" + core::shown_markup(item.prompt);
    if (!item.problems.empty()) {
      card += "<ul class=\"problem\">";
      for (const auto& p : item.problems) card += "<li>" + core::shown_markup(p.reason) + "</li>";
      card += "</ul>";
    } else if (!item.note.empty()) {
      card += "<br><span class=\"muted\">" + core::shown_markup(item.note) + "</span>";
    }
    std::vector<std::pair<const char*, const analysis::ItemFigures*>> rows;
    if (item.exam) rows.emplace_back("exam", &*item.exam);
    if (item.drill) rows.emplace_back("drill", &*item.drill);
    if (rows.empty()) {
      out += "<tr><td>" + card + "</td><td colspan=\"9\" class=\"muted\">no answers</td></tr>\n";
      continue;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto& f = *rows[r].second;
      std::string d = "&ndash;";
      std::string lapses = "&ndash;";
      if (item.memory && (rows[r].first == std::string_view("drill") || !item.drill)) {
        if (item.memory->difficulty) d = fmt::format("{:.1f}", *item.memory->difficulty);
        if (item.memory->lapse_rate) lapses = pct(100.0 * *item.memory->lapse_rate);
      }
      out += "<tr>";
      if (r == 0) out += fmt::format("<td rowspan=\"{}\">{}</td>", rows.size(), card);
      out += fmt::format(
          "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num opt\">{}</td><td class=\"num opt\">{}</td><td class=\"num opt\">{}"
          "</td><td class=\"num opt\">{}</td><td>{}</td></tr>\n",
          rows[r].first, f.attempts, pct(100.0 * f.facility), pct(f.discrimination),
          pct(f.efficiency),
          f.median_seconds ? fmt::format("{:.1f}&#8239;s", *f.median_seconds) : "&ndash;", d,
          lapses, shares_html(item, f) + (r == 0 ? responses_html(item) : ""));
    }
  }
  return out + "</tbody></table>\n";
}

}  // namespace

std::string analysis_html(const analysis::Report& report, const deck::Deck& deck) {
  std::size_t problems = 0;
  for (const auto& item : report.items) problems += item.problems.empty() ? 0 : 1;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; img-src data:\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Item analysis: {}</title>\n<style>{}</style>\n</head>\n<body>\n"
      "<h1>Item analysis: {}</h1>\n"
      "<p class=\"muted\">{} learner{}, {} answer{}, {} exam sitting{}; {} card{} with "
      "problems.</p>\n",
      core::shown_markup(deck.title), kAnalysisStyle, core::shown_markup(deck.title),
      report.learners, report.learners == 1 ? "" : "s", report.answers,
      report.answers == 1 ? "" : "s", report.sittings, report.sittings == 1 ? "" : "s", problems,
      problems == 1 ? "" : "s");
  if (report.mismatched > 0) {
    out += fmt::format(
        "<h2>Regraded</h2>\n<p>{} of {} answers graded again against the deck differ from what "
        "their file claims:</p>\n<ul class=\"problem\">\n",
        report.mismatched, report.regraded);
    for (const auto& m : report.mismatches) {
      out += "<li>" + core::shown_markup(analysis::regrade_line(m)) + "</li>\n";
    }
    if (report.mismatched > static_cast<std::int64_t>(report.mismatches.size())) {
      out += fmt::format("<li>... and {} more</li>\n",
                         report.mismatched - static_cast<std::int64_t>(report.mismatches.size()));
    }
    out += "</ul>\n";
  }
  out += "<h2>Facility and discrimination</h2>\n" + scatter_svg(report) +
         "<p class=\"muted\">One dot per card with enough attempts; red ones have problems. "
         "Good questions sit between 30% and 90% facility with a discrimination over 20%.</p>\n";
  out += "<h2>Cards</h2>\n" + item_rows(report);
  for (const auto& exam : report.exams) {
    std::string decks;
    for (const auto& d : exam.decks) decks += (decks.empty() ? "" : ", ") + core::shown_markup(d);
    out += fmt::format(
        "<h2>Exam of {}</h2>\n<p>{} sitting{}, {} question{} each; mean {:.1f}%, "
        "median {:.1f}%, SD {}.",
        decks, exam.attempts, exam.attempts == 1 ? "" : "s", exam.questions,
        exam.questions == 1 ? "" : "s", exam.mean_percent, exam.median_percent,
        exam.sd_percent ? fmt::format("{:.1f}%", *exam.sd_percent) : "&ndash;");
    if (exam.skewness) {
      out += fmt::format(" Skewness {:.2f}{}.", *exam.skewness,
                         exam.kurtosis ? fmt::format(", kurtosis {:.2f}", *exam.kurtosis) : "");
    }
    if (exam.passed) out += fmt::format(" Passed: {} of {}.", *exam.passed, exam.attempts);
    if (exam.alpha) {
      out += fmt::format(" Cronbach's alpha {:.1f}%", *exam.alpha);
      if (exam.error_ratio) out += fmt::format(", error ratio {:.1f}%", *exam.error_ratio);
      if (exam.standard_error) out += fmt::format(", standard error {:.1f}%", *exam.standard_error);
      out += ".";
    } else {
      out += " No Cronbach's alpha: " + core::shown_markup(exam.alpha_note) + ".";
    }
    out += "</p>\n";
    if (!exam.weights.empty()) {
      out += "<p class=\"legend\">Effective weight: ";
      for (std::size_t i = 0; i < exam.weights.size(); ++i) {
        const auto& w = exam.weights[i];
        out += i == 0 ? "" : ", ";
        out += w.card.empty() ? fmt::format("#{}", w.position)
                              : "<code>" + core::shown_markup(w.card) + "</code>";
        out += w.weight ? fmt::format(" {:.1f}%", *w.weight) : " &ndash;";
      }
      out += ".</p>\n";
    }
    out += distribution_svg(exam);
  }
  return out +
         "<p class=\"muted\">Made by quizdeck analyze. This page loads nothing from "
         "elsewhere.</p>\n</body>\n</html>\n";
}

}  // namespace quizdeck::cli
