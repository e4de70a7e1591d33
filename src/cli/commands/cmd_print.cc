// SPDX-License-Identifier: MIT
// `quizdeck print DECK [--exam] [--seed N] [--paper a4|letter] -o FILE.html`: a printable
// handout (every card) or a paper exam (questions drawn as the deck's `exam:` says), with
// numbered questions (no two cloze siblings side by side), images beside them, choices in a
// seeded order, space to answer, and the answer key on a page of its own. One
// self-contained HTML file: no scripts, no network.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/paper_form.h"
#include "cli/files/media_file.h"
#include "cli/files/output_file.h"
#include "cli/pages/card_image.h"
#include "cli/pages/print_html.h"

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

void declare_print(Declare& d, PrintOptions& o) {
  d.positional("DECK", &o.paths, "the deck (a file or a deck id)")
      .required()
      .completes(Complete::kDeckFile);
  d.option("-o,--output", &o.output, "FILE", "the HTML file to write (- for standard output)")
      .required()
      .writes();
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

core::Expected<ExitCode> run_print(Context& context, const PrintOptions& o) {
  if (context.decks.decks.size() != 1) {
    return core::fail(ExitCode::kUsage, "print takes one deck");
  }
  const deck::Deck& deck = context.decks.decks.front();
  std::vector<PrintedCard> printed;
  for (auto& question : paper_form(deck, o.exam, o.questions, o.seed.value_or(1))) {
    printed.push_back({&deck.cards[question.card], std::move(question.shown), ""});
  }
  std::vector<std::string> inputs{deck.path};
  for (auto& question : printed) {
    const deck::Card* card = question.card;
    question.image_html = embedded_image_html(deck, card->image);
    // The images read are inputs: `-o` never replaces one.
    if (!card->image.path.empty()) {
      if (auto file = media_file(deck.path, card->image.path)) inputs.push_back(*file);
    }
  }
  const std::string paper = o.paper == "letter" ? "letter" : "A4";
  // The form is named by the seed that drew it: the same seed prints the same form.
  const std::optional<std::string> form =
      o.exam ? std::optional<std::string>(std::to_string(o.seed.value_or(1))) : std::nullopt;
  const auto html = print_html(deck, printed, form, paper);
  if (!html) return html.error();
  if (auto written =
          write_output_file(o.output, *html, context.output_guard(inputs), context.io.out);
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
      declare_print, needs, run_print, validate);
}

}  // namespace quizdeck::cli
