// SPDX-License-Identifier: MIT
// `quizdeck print DECK [--exam] [--seed N] [--paper a4|letter] -o FILE.html`: a printable
// handout (every card) or a paper exam (questions drawn as the deck's `exam:` says), with
// numbered questions, choices in a seeded order, space to answer, and the answer key on a
// page of its own. One self-contained HTML file: no scripts, no network.
#include <algorithm>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/files/output_file.h"
#include "core/markup.h"
#include "core/random.h"
#include "core/visible.h"
#include "grade/grade.h"
#include "session/session.h"

namespace quizdeck::cli {
namespace {

struct PrintOptions {
  std::vector<std::string> paths;
  std::string output;
  bool exam = false;
  std::optional<int> questions;
  std::optional<std::uint64_t> seed;
  std::string paper = "a4";
};

void declare(Declare& d, PrintOptions& o) {
  d.positional("DECK", &o.paths, "the deck (a file or a deck id)")
      .required()
      .completes(Complete::kDeckFile);
  d.option("-o,--output", &o.output, "FILE", "the HTML file to write (- for standard output)")
      .required()
      .completes(Complete::kFile);
  d.flag("--exam", &o.exam, "a paper exam: questions drawn as the deck's exam settings say");
  d.option("--questions", &o.questions, "N", "with --exam: how many (default: the deck's)")
      .at_least(1);
  d.option("--seed", &o.seed, "N",
           "which questions are drawn and the order of choices (default 1)");
  d.option("--paper", &o.paper, "a4|letter", "the page size (default a4)").one_of({"a4", "letter"});
}

core::Expected<void> validate(const PrintOptions& o) {
  if (o.questions && !o.exam) return core::fail(ExitCode::kUsage, "--questions goes with --exam");
  return {};
}

Needs needs(const PrintOptions& o) {
  return deck_reader_needs(o.paths);
}

struct Printed {
  const deck::Card* card;
  std::vector<std::size_t> order;
};

std::string question_html(const Printed& p, int number) {
  const deck::Card& card = *p.card;
  std::string out = fmt::format("<li class=\"q\" value=\"{}\"><div class=\"prompt\">{}</div>\n",
                                number, core::shown_markup(card.prompt));
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
  if (!card.image.path.empty()) {
    out += fmt::format("<div class=\"media\">[image: {}]</div>\n",
                       core::shown_markup(card.image.path));
  }
  return out + "</li>\n";
}

std::string key_html(const Printed& p, int number) {
  const deck::Card& card = *p.card;
  const std::string answer = card.type == deck::CardType::kFlash
                                 ? card.back
                                 : grade::grade_answer(card, "", p.order).expected;
  std::string out = fmt::format("<li value=\"{}\"><b>{}</b>", number, core::shown_markup(answer));
  if (!card.explain.empty())
    out += fmt::format(" <span class=\"explain\">{}</span>", core::shown_markup(card.explain));
  return out + "</li>\n";
}

std::string page(const deck::Deck& deck, const std::vector<Printed>& printed, bool exam,
                 const std::string& paper) {
  std::string out =
      fmt::format(R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
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
</style></head><body>
<h1>{title}</h1>
)",
                  fmt::arg("title", core::shown_markup(deck.title)), fmt::arg("paper", paper));
  if (exam) {
    out += "<div class=\"meta\">Name <span></span> Date <span></span></div>\n";
  }
  out += fmt::format("<p>{} question{}{}.</p>\n<ol class=\"questions\">\n", printed.size(),
                     printed.size() == 1 ? "" : "s",
                     exam && deck.exam.time_seconds
                         ? fmt::format("; {} minutes", *deck.exam.time_seconds / 60)
                         : std::string());
  for (std::size_t i = 0; i < printed.size(); ++i) {
    out += question_html(printed[i], static_cast<int>(i) + 1);
  }
  out += "</ol>\n<section class=\"key\">\n<h1>Answer key</h1>\n<ol>\n";
  for (std::size_t i = 0; i < printed.size(); ++i) {
    out += key_html(printed[i], static_cast<int>(i) + 1);
  }
  return out + "</ol>\n</section>\n</body></html>\n";
}

core::Expected<ExitCode> run(Context& context, const PrintOptions& o) {
  if (context.decks.decks.size() != 1) {
    return core::fail(ExitCode::kUsage, "print takes one deck");
  }
  const deck::Deck& deck = context.decks.decks.front();
  core::Random random(o.seed.value_or(1));
  std::vector<const deck::Card*> cards;
  for (const auto& card : deck.cards) cards.push_back(&card);
  if (o.exam) {
    // Drawn at random, then asked in deck order, as an exam draws them.
    std::vector<std::size_t> order(cards.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    core::shuffle_indices(order, random);
    const int wanted =
        o.questions.value_or(deck.exam.questions.value_or(static_cast<int>(cards.size())));
    order.resize(std::min(order.size(), static_cast<std::size_t>(wanted)));
    std::sort(order.begin(), order.end());
    std::vector<const deck::Card*> drawn;
    for (const std::size_t i : order) drawn.push_back(cards[i]);
    cards = std::move(drawn);
  }
  std::vector<Printed> printed;
  for (const deck::Card* card : cards)
    printed.push_back({card, session::shown_order(*card, random)});
  const std::string paper = o.paper == "letter" ? "letter" : "A4";
  if (auto written = write_output_file(o.output, page(deck, printed, o.exam, paper), {deck.path},
                                       context.io.out);
      !written) {
    return written.error();
  }
  if (o.output != "-") {
    context.io.err << fmt::format("wrote {}: {} question{} and the answer key\n", o.output,
                                  printed.size(), printed.size() == 1 ? "" : "s");
  }
  return ExitCode::kOk;
}

}  // namespace

Command print_command() {
  return make_command<PrintOptions>(
      "print", "a printable handout or paper exam with an answer key, as HTML for A4 or Letter",
      declare, needs, run, validate);
}

}  // namespace quizdeck::cli
