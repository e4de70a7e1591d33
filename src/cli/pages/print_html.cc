// SPDX-License-Identifier: MIT
#include "cli/pages/print_html.h"

#include <fmt/format.h>

#include "core/markup.h"
#include "core/visible.h"
#include "grade/grade.h"

namespace quizdeck::cli {
namespace {

// "1 point", "2.5 points".
std::string points_text(double points) {
  return fmt::format("{:g} point{}", points, points == 1 ? "" : "s");
}

std::string question_html(const PrintedCard& p, int number, bool exam) {
  const deck::Card& card = *p.card;
  std::string out = fmt::format(
      "<li class=\"q\" value=\"{}\"><div class=\"prompt\">{}{}</div>\n", number,
      core::shown_markup(card.prompt),
      exam ? fmt::format(" <span class=\"points\">({})</span>", points_text(card.points))
           : std::string());
  // The image beside its question, before the choices: "What does this sign tell you?"
  out += p.image_html.empty() ? "" : fmt::format("<div class=\"media\">{}</div>\n", p.image_html);
  const auto lettered = [&](bool boxes) {
    std::string list = "<ol class=\"choices\" type=\"A\">\n";
    for (const std::size_t i : p.order) {
      list += fmt::format("<li>{}{}</li>\n", boxes ? "<span class=\"box\"></span> " : "",
                          core::shown_markup(card.choices[i].text));
    }
    return list + "</ol>\n";
  };
  switch (card.type) {
    case deck::CardType::kChoice:
      out += lettered(false);
      break;
    case deck::CardType::kMulti:
      out += "<div class=\"how\">Select all that apply.</div>\n" + lettered(true);
      break;
    case deck::CardType::kTrueFalse:
      out +=
          "<div class=\"how\"><span class=\"box\"></span> True &nbsp; <span class=\"box\"></span> "
          "False</div>\n";
      break;
    case deck::CardType::kMatching: {
      out +=
          "<div class=\"how\">Write the letter of the answer beside each.</div>\n<ol "
          "class=\"pairs\">\n";
      for (const auto& pair : card.pairs) {
        out += fmt::format("<li>{} <span class=\"blank short\"></span></li>\n",
                           core::shown_markup(pair.prompt));
      }
      out += "</ol>\n" + lettered(false);
      break;
    }
    case deck::CardType::kOrdering:
      out += "<div class=\"how\">Write the letters in the right order.</div>\n" + lettered(false) +
             "<div class=\"blank\"></div>\n";
      break;
    case deck::CardType::kFlash:
    case deck::CardType::kShort:
    case deck::CardType::kNumeric:
    case deck::CardType::kCloze:
      out += "<div class=\"blank\"></div>\n";
      break;
  }
  return out + "</li>\n";
}

// How a typed answer is matched, for the marker.
std::string_view match_words(deck::MatchRule rule) {
  switch (rule) {
    case deck::MatchRule::kExact:
      return "exact: letter for letter";
    case deck::MatchRule::kFuzzy:
      return "fuzzy: case, spacing and final punctuation ignored, one typo per 8 characters "
             "accepted";
    case deck::MatchRule::kNormalized:
      break;
  }
  return "normalized: case, spacing and final punctuation ignored";
}

std::string key_html(const PrintedCard& p, int number) {
  const deck::Card& card = *p.card;
  const std::string answer = card.type == deck::CardType::kFlash
                                 ? card.back
                                 : grade::grade_answer(card, "", p.order).expected;
  std::string out = fmt::format("<li value=\"{}\"><b>{}</b>", number, core::shown_markup(answer));
  // A typed answer: every answer accepted, and how answers are matched.
  if (card.type == deck::CardType::kShort || card.type == deck::CardType::kCloze) {
    std::string also;
    for (std::size_t i = 1; i < card.answers.size(); ++i) {
      also += (also.empty() ? "" : "; ") + core::shown_markup(card.answers[i]);
    }
    if (!also.empty()) out += fmt::format(" <span class=\"also\">also accepted: {}</span>", also);
    out += fmt::format(" <span class=\"match\">(match {})</span>", match_words(card.match));
  }
  if (!card.explain.empty())
    out += fmt::format(" <span class=\"explain\">{}</span>", core::shown_markup(card.explain));
  return out + "</li>\n";
}

}  // namespace

core::Expected<std::string> print_html(const deck::Deck& deck,
                                       const std::vector<PrintedCard>& printed,
                                       const std::optional<std::string>& exam_form,
                                       const std::string& paper, std::size_t max_bytes) {
  const bool exam = exam_form.has_value();
  std::string out =
      fmt::format(R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>
@page {{ size: {paper}; margin: 18mm 16mm; }}
body {{ font: 11pt/1.45 Georgia, 'DejaVu Serif', serif; color: #000; max-width: 180mm; margin: 0 auto; }}
h1 {{ font-size: 16pt; margin: 0 0 2mm; }}
.meta {{ margin-bottom: 6mm; }}
.meta span {{ display: inline-block; min-width: 60mm; border-bottom: 1px solid #000; margin-right: 8mm; }}
ol.questions > li {{ margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }}
.prompt {{ white-space: pre-wrap; }}
ol.choices {{ margin: 1mm 0; }}
.how {{ font-style: italic; margin: 1mm 0; }}
.box {{ display: inline-block; width: 3mm; height: 3mm; border: 1px solid #000; vertical-align: middle; }}
.blank {{ border-bottom: 1px solid #000; height: 8mm; }}
.blank.short {{ display: inline-block; width: 25mm; height: 4mm; }}
.key {{ break-before: page; page-break-before: always; }}
.explain {{ color: #333; }}
.card-image {{ display: block; max-width: 80mm; max-height: 60mm; margin: 1mm 0; }}
.muted, .match, .points {{ color: #555; }}
</style></head><body>
<h1>{title}</h1>
)",
                  fmt::arg("title", core::shown_markup(deck.title)), fmt::arg("paper", paper));
  if (exam) {
    out += fmt::format(
        "<div class=\"meta\">Name <span></span> Date <span></span> Form <b>{}</b></div>\n",
        core::shown_markup(*exam_form));
  }
  double total = 0;
  for (const auto& p : printed) total += p.card->points;
  out += fmt::format("<p>{} question{}{}{}.</p>\n<ol class=\"questions\">\n", printed.size(),
                     printed.size() == 1 ? "" : "s",
                     exam ? fmt::format(", {}", points_text(total)) : std::string(),
                     exam && deck.exam.time_seconds
                         ? fmt::format("; {} minutes", *deck.exam.time_seconds / 60)
                         : std::string());
  // Checked as it grows, so no more than the limit and one question is ever held.
  const auto too_large = [&](std::size_t i, const char* where) {
    return core::fail(
        ExitCode::kInvalidInput,
        fmt::format("the page would be larger than {} MiB ({} question {} of {}); print fewer "
                    "questions (--exam --questions N) or a smaller deck; nothing written",
                    max_bytes >> 20, where, i + 1, printed.size()));
  };
  for (std::size_t i = 0; i < printed.size(); ++i) {
    out += question_html(printed[i], static_cast<int>(i) + 1, exam);
    if (out.size() > max_bytes) return too_large(i, "at");
  }
  out +=
      fmt::format("</ol>\n<section class=\"key\">\n<h1>Answer key{}</h1>\n<ol>\n",
                  exam ? fmt::format(", form {}", core::shown_markup(*exam_form)) : std::string());
  for (std::size_t i = 0; i < printed.size(); ++i) {
    out += key_html(printed[i], static_cast<int>(i) + 1);
    if (out.size() > max_bytes) return too_large(i, "at the answer key's");
  }
  return out + "</ol>\n</section>\n</body></html>\n";
}

}  // namespace quizdeck::cli
