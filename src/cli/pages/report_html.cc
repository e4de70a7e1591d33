// SPDX-License-Identifier: MIT
#include "cli/pages/report_html.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "cli/pages/card_image.h"
#include "core/markup.h"
#include "core/normalize.h"
#include "core/time.h"
#include "core/visible.h"
#include "grade/grade.h"

namespace quizdeck::cli {
namespace {

// Card text as the terminal shows it: ``` fences become code blocks, `spans` inline code,
// other line breaks breaks; everything escaped.
std::string rich_html(std::string_view text) {
  std::string out;
  std::string code;  // the open fence's lines
  bool fenced = false;
  bool first = true;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    const std::string_view trimmed =
        line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (trimmed.starts_with("```")) {
      if (fenced) {
        out += "<pre><code>" + core::shown_markup(code) + "</code></pre>";
        code.clear();
        first = true;
      }
      fenced = !fenced;
    } else if (fenced) {
      code += std::string(line) + "\n";
    } else {
      if (!first) out += "<br>";
      first = false;
      // `code` spans; an unpaired backtick stays as it is.
      std::size_t at = 0;
      while (at < line.size()) {
        const auto open = line.find('`', at);
        const auto close = open == std::string_view::npos ? open : line.find('`', open + 1);
        if (close == std::string_view::npos) {
          out += core::shown_markup(line.substr(at));
          break;
        }
        out += core::shown_markup(line.substr(at, open - at)) + "<code>" +
               core::shown_markup(line.substr(open + 1, close - open - 1)) + "</code>";
        at = close + 1;
      }
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (fenced)
    out += "<pre><code>" + core::shown_markup(code) + "</code></pre>";  // a fence never closed
  return out;
}

std::string percent(std::optional<double> fraction) {
  return fraction ? fmt::format("{:.1f}%", 100 * *fraction) : std::string("&ndash;");
}

constexpr const char* kReportStyle = R"css(
:root { --ink: #1d2433; --muted: #5b6475; --accent: #2f7d4f; --line: #dde2ea; --bad: #b3412f; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .6rem; }
.figure { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .8rem; }
.figure b { display: block; font-size: 1.4rem; }
svg { width: 100%; height: auto; display: block; }
table { width: 100%; border-collapse: collapse; }
table { table-layout: fixed; }
th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top;
         overflow-wrap: anywhere; }
th.tag { width: 40%; } th.bar-cell { width: 25%; }
code { font: .9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f3f5f8;
       border-radius: .2rem; padding: 0 .2rem; overflow-wrap: anywhere; }
pre { background: #f3f5f8; border-radius: .3rem; padding: .5rem .7rem; margin: .4rem 0;
      white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
td.num, th.num { text-align: right; white-space: nowrap; }
.bar { background: var(--line); height: .6rem; border-radius: .3rem; min-width: 4rem; }
.bar span { display: block; height: 100%; background: var(--accent); border-radius: .3rem; }
.missed li { margin-bottom: .8rem; } .prompt { font-weight: 600; }
.card-image { display: block; max-width: 16rem; max-height: 12rem; margin: .3rem 0;
  image-rendering: pixelated; }
.passed { color: var(--accent); } .failed { color: var(--bad); }
@media (max-width: 30rem) { body { font-size: 15px; } .figure b { font-size: 1.2rem; }
  .bar-cell { display: none; } th.tag { width: 50%; } }
@media print { body { max-width: none; } h2 { break-after: avoid; } .figure, li { break-inside: avoid; } }
)css";

std::string forecast_svg(const std::vector<int>& forecast) {
  const int top = std::max(1, *std::max_element(forecast.begin(), forecast.end()));
  std::string svg =
      R"(<svg id="forecast-chart" viewBox="0 0 620 170" role="img" aria-label="Cards due in the next 30 days">)";
  svg += fmt::format(R"(<text x="0" y="12" font-size="11" fill="#5b6475">{}</text>)", top);
  svg += R"(<line x1="24" y1="140" x2="620" y2="140" stroke="#dde2ea"/>)";
  for (std::size_t i = 0; i < forecast.size(); ++i) {
    const double height = 125.0 * forecast[i] / top;
    svg += fmt::format(
        R"(<rect x="{:.1f}" y="{:.1f}" width="16" height="{:.1f}" fill="#2f7d4f"><title>day +{}: {} due</title></rect>)",
        26 + 19.7 * static_cast<double>(i), 140 - height, height, i, forecast[i]);
  }
  svg += R"(<text x="26" y="158" font-size="11" fill="#5b6475">today</text>)";
  svg += R"(<text x="590" y="158" font-size="11" fill="#5b6475">+29d</text></svg>)";
  return svg;
}

std::string heatmap_svg(const std::vector<std::pair<std::int64_t, int>>& days, std::int64_t today) {
  std::map<std::int64_t, int> counts(days.begin(), days.end());
  int most = 1;
  for (const auto& [day, count] : days) most = std::max(most, count);
  const auto weekday = [](std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); };
  const std::int64_t first_monday = today - weekday(today) - 52 * 7;
  static const char* const kShades[] = {"#ebedf0", "#c6e4cf", "#8cc9a0", "#4f9f6c", "#2f7d4f"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string svg =
      R"(<svg id="heatmap-chart" viewBox="0 0 720 122" role="img" aria-label="Reviews per day in the last year">)";
  // A month's name above the first week that starts in it (the first column's month only
  // when it has room before the next name).
  const auto month_of = [&](int w) {
    return std::stoi(core::format_day(first_monday + w * 7).substr(5, 2));  // YYYY-MM-DD
  };
  for (int w = 0; w < 51; ++w) {
    const int month = month_of(w);
    const bool starts =
        w == 0 ? month_of(1) == month && month_of(2) == month : month != month_of(w - 1);
    if (starts) {
      svg += fmt::format(R"(<text x="{}" y="10" font-size="10" fill="#5b6475">{}</text>)",
                         28 + w * 13, kMonths[month - 1]);
    }
  }
  for (int w = 0; w < 53; ++w) {
    for (int d = 0; d < 7; ++d) {
      const std::int64_t day = first_monday + w * 7 + d;
      if (day > today) continue;
      const auto it = counts.find(day);
      const int count = it == counts.end() ? 0 : it->second;
      const int level = count == 0 ? 0 : 1 + std::min(3, count * 4 / (most + 1));
      svg += fmt::format(
          R"(<rect x="{}" y="{}" width="11" height="11" rx="2" fill="{}"><title>{}: {} reviews</title></rect>)",
          28 + w * 13, d * 13 + 20, kShades[level], core::format_day(day), count);
    }
  }
  svg += R"(<text x="0" y="30" font-size="10" fill="#5b6475">Mon</text>)";
  svg += R"(<text x="0" y="108" font-size="10" fill="#5b6475">Sun</text></svg>)";
  return svg;
}

// Exam scores in time order: a 0-100% axis with grid lines, the pass mark as a dashed
// line, a marker per exam (its date and score on hover), the first and last dates below.
std::string trend_svg(const std::vector<stats::ExamResult>& exams) {
  constexpr double kLeft = 44, kRight = 600, kTop = 10, kBottom = 130;
  const auto y_of = [&](double percent) { return kBottom - (kBottom - kTop) * percent / 100; };
  const double step =
      exams.size() > 1 ? (kRight - kLeft - 20) / static_cast<double>(exams.size() - 1) : 0;
  const auto x_of = [&](std::size_t i) {
    return exams.size() > 1 ? kLeft + 10 + step * static_cast<double>(i) : (kLeft + kRight) / 2;
  };
  std::string svg =
      R"(<svg id="exam-trend" viewBox="0 0 620 160" role="img" aria-label="Exam scores over time">)";
  for (const int percent : {0, 25, 50, 75, 100}) {
    svg += fmt::format(
        R"(<line x1="{0}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" stroke="#dde2ea"/><text x="{3}" y="{4:.1f}" font-size="11" text-anchor="end" fill="#5b6475">{5}%</text>)",
        kLeft, y_of(percent), kRight, kLeft - 6, y_of(percent) + 4, percent);
  }
  svg += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#5b6475"/>)", kLeft, kTop,
                     kBottom);
  if (!exams.empty() && exams.back().pass_mark) {
    const double y = y_of(*exams.back().pass_mark);
    svg += fmt::format(
        R"(<line x1="{0}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" stroke="#b3412f" stroke-dasharray="4 4"/><text x="{2}" y="{3:.1f}" font-size="11" text-anchor="end" fill="#b3412f">pass {4:.0f}%</text>)",
        kLeft, y, kRight, y - 4, *exams.back().pass_mark);
  }
  std::string points;
  for (std::size_t i = 0; i < exams.size(); ++i) {
    points += fmt::format("{:.1f},{:.1f} ", x_of(i), y_of(exams[i].percent));
  }
  svg += fmt::format(R"(<polyline points="{}" fill="none" stroke="#2f7d4f" stroke-width="2"/>)",
                     points);
  for (std::size_t i = 0; i < exams.size(); ++i) {
    const bool passed = exams[i].passed.value_or(true);
    svg += fmt::format(
        R"(<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}"><title>{}: {:.1f}%</title></circle>)",
        x_of(i), y_of(exams[i].percent), passed ? "#2f7d4f" : "#b3412f",
        core::format_local_time(exams[i].when_ms), exams[i].percent);
  }
  if (!exams.empty()) {
    svg += fmt::format(R"(<text x="{}" y="150" font-size="11" fill="#5b6475">{}</text>)", kLeft,
                       core::format_day(core::local_day(exams.front().when_ms)));
    if (exams.size() > 1) {
      svg += fmt::format(
          R"(<text x="{}" y="150" font-size="11" text-anchor="end" fill="#5b6475">{}</text>)",
          kRight, core::format_day(core::local_day(exams.back().when_ms)));
    }
  }
  return svg + "</svg>";
}

// The head, the figures, the card counts and the two charts.
std::string overview(const stats::Progress& data, const std::string& decks,
                     const std::vector<deck::Deck>& decks_of) {
  std::string page;
  const stats::Stats& s = data.stats;
  page +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // Nothing may load from anywhere: a browser refuses (and logs) any fetch or script.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n";
  page += fmt::format("<title>quizdeck report: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                      core::shown_markup(decks), kReportStyle);
  page += fmt::format("<h1>Progress report</h1>\n<p class=\"muted\">{} &middot; {}</p>\n",
                      core::shown_markup(decks), core::format_local_time(data.input.now));
  const auto figure = [&](const std::string& label, const std::string& value) {
    page += fmt::format("<div class=\"figure\"><b>{}</b>{}</div>\n", value, label);
  };
  page += "<div class=\"figures\">\n";
  figure("due today", fmt::format("{}", s.due_today));
  figure("new today", fmt::format("{}", s.new_today));
  figure("overdue", fmt::format("{}", s.overdue));
  figure("due in the next 7 days", fmt::format("{}", s.due_next_week));
  figure(fmt::format("retention, 7 days ({} reviews)", s.recalls_7), percent(s.retention_7));
  figure(fmt::format("retention, 30 days ({} reviews)", s.recalls_30), percent(s.retention_30));
  figure("desired retention", percent(s.desired_retention));
  for (std::size_t d = 1; d < data.retention.size() && d < decks_of.size(); ++d) {
    if (data.retention[d] != data.retention[0]) {
      for (std::size_t e = 0; e < data.retention.size() && e < decks_of.size(); ++e) {
        figure("desired retention, " + core::shown_markup(decks_of[e].id),
               percent(data.retention[e]));
      }
      break;
    }
  }
  if (s.suspended > 0) figure("suspended cards", fmt::format("{}", s.suspended));
  if (s.buried > 0) figure("buried until tomorrow", fmt::format("{}", s.buried));
  if (s.flagged > 0) figure("flagged cards", fmt::format("{}", s.flagged));
  if (s.leeches > 0) figure("leeches", fmt::format("{}", s.leeches));
  figure("average recall now", percent(s.average_recall));
  figure("day streak", fmt::format("{}", s.streak));
  figure("reviews in the last year", fmt::format("{}", s.reviews_year));
  figure("minutes studied in the last year", fmt::format("{}", s.time_year_ms / 60'000));
  page += "</div>\n";
  page += fmt::format(
      "<h2>Cards</h2>\n<p>{} new, {} learning, {} review, {} relearning{}.</p>\n", s.new_cards,
      s.learning, s.review, s.relearning,
      s.orphaned > 0 ? fmt::format(", {} orphaned (no longer in their deck)", s.orphaned) : "");
  page += "<h2>Due in the next 30 days</h2>\n" + forecast_svg(s.forecast) + "\n";
  page += "<h2>Reviews in the last year</h2>\n" +
          heatmap_svg(s.heatmap, data.input.day_of(data.input.now)) + "\n";

  return page;
}

std::string tag_table(const stats::Stats& s) {
  std::string page;
  page += "<h2>Accuracy by tag, weakest first</h2>\n";
  if (s.tags.empty()) {
    page += "<p class=\"muted\">No reviews yet.</p>\n";
  } else {
    page +=
        "<table id=\"tags\">\n<tr><th class=\"tag\">Tag</th><th class=\"num\">Accuracy</th><th "
        "class=\"bar-cell\"></th><th class=\"num\">Right</th></tr>\n";
    for (const auto& tag : s.tags) {
      const double fraction = tag.total > 0 ? static_cast<double>(tag.right) / tag.total : 0;
      page += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{:.1f}%</td><td class=\"bar-cell\"><div "
          "class=\"bar\"><span "
          "style=\"width:{:.0f}%\"></span></div></td><td class=\"num\">{} of {}</td></tr>\n",
          core::shown_markup(tag.tag), 100 * fraction, 100 * fraction, tag.right, tag.total);
    }
    page += "</table>\n";
  }

  return page;
}

std::string exam_section(const stats::Stats& s) {
  std::string page;
  page += "<h2>Exams</h2>\n";
  if (s.exams.empty()) {
    page += "<p class=\"muted\">No exams yet.</p>\n";
  } else {
    page += trend_svg(s.exams) +
            "\n<table id=\"exams\">\n<tr><th>Date</th><th class=\"num\">Score</th><th "
            "class=\"num\">Pass mark</th><th></th></tr>\n";
    for (const auto& exam : s.exams) {
      page += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{:.1f}%</td><td class=\"num\">{}</td><td "
          "class=\"{}\">{}</td></tr>\n",
          core::format_local_time(exam.when_ms), exam.percent,
          exam.pass_mark ? fmt::format("{:.0f}%", *exam.pass_mark) : std::string("&ndash;"),
          exam.passed && *exam.passed ? "passed" : "failed",
          exam.passed ? (*exam.passed ? "passed" : "not passed") : "");
    }
    page += "</table>\n";
  }

  return page;
}

// The cards missed most often, with what to remember about them.
std::string missed_section(const stats::Progress& data, const std::vector<deck::Deck>& decks) {
  std::string page;
  const auto& missed = data.stats.missed;
  page += "<h2>Missed most often</h2>\n";
  if (missed.empty()) {
    page += "<p class=\"muted\">Nothing missed yet.</p>\n";
  } else {
    page += "<ol class=\"missed\">\n";
    for (const auto& total : missed) {
      const deck::Deck& deck = decks[static_cast<std::size_t>(total.deck)];
      const deck::Card* card = deck.cards.find(total.card_id);
      if (card == nullptr) continue;
      page += fmt::format("<li><div class=\"prompt\">{}</div>{}Missed {} of {} times. Answer: {}",
                          rich_html(card->prompt), embedded_image_html(deck, card->image),
                          total.misses, total.reviews, rich_html(grade::expected_answer(*card)));
      if (!card->explain.empty())
        page += fmt::format("<div class=\"muted\">{}</div>", rich_html(card->explain));
      page += "</li>\n";
    }
    page += "</ol>\n";
  }
  return page;
}

}  // namespace

std::string report_html(const stats::Progress& data, const std::vector<deck::Deck>& decks) {
  std::string titles;
  for (const auto& deck : decks) titles += (titles.empty() ? "" : ", ") + deck.title;
  return overview(data, titles, decks) + tag_table(data.stats) + exam_section(data.stats) +
         missed_section(data, decks) +
         "<p class=\"muted\">Made by quizdeck. This page loads nothing from "
         "elsewhere.</p>\n</body>\n</html>\n";
}

}  // namespace quizdeck::cli
