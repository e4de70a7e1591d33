// SPDX-License-Identifier: MIT
// `quizdeck print DECK [--exam] [--seed N] [--paper a4|letter] -o FILE.html`: a printable
// handout (every card) or a paper exam (questions drawn as the deck's `exam:` says), with
// numbered questions (no two cloze siblings side by side), images beside them, choices in a
// seeded order, space to answer, and the answer key on a page of its own. One
// self-contained HTML file: no scripts, no network.
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/files/media_file.h"
#include "cli/files/output_file.h"
#include "cli/pages/card_image.h"
#include "cli/pages/print_html.h"
#include "core/random.h"
#include "session/queue.h"
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
    if (deck.exam.blueprint.empty()) {
      order.resize(std::min(order.size(), static_cast<std::size_t>(wanted)));
    } else {
      // So many questions per tag, as the deck's blueprint says.
      order = deck::draw_by_blueprint(deck.exam.blueprint, wanted, order,
                                      [&](std::size_t i) { return deck.cards.tags(i); });
    }
    std::sort(order.begin(), order.end());
    std::vector<const deck::Card*> drawn;
    for (const std::size_t i : order) drawn.push_back(cards[i]);
    cards = std::move(drawn);
  }
  // No two cards that give each other away (the blanks of one cloze, a card whose text
  // shows another's answer) side by side: the rule exams and crams ask by.
  std::vector<session::QueueEntry> entries;
  std::unordered_map<std::string, const deck::Card*> by_id;
  for (const deck::Card* card : cards) {
    entries.push_back({deck.id, card->id});
    by_id.emplace(card->id, card);
  }
  session::spread_apart(entries, [&](const session::QueueEntry& e) { return by_id.at(e.card_id); });
  std::vector<PrintedCard> printed;
  std::vector<std::string> inputs{deck.path};
  for (const auto& entry : entries) {
    const deck::Card* card = by_id.at(entry.card_id);
    printed.push_back(
        {card, session::shown_order(*card, random), embedded_image_html(deck, card->image)});
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
