// SPDX-License-Identifier: MIT
// `quizdeck preview DECK [--card ID]`: each card as the learner sees it (the question and
// its choices in the order shown, with the words of a session), then its answer, the why of
// each choice and the explanation. For authors checking a deck; nothing is written.
#include <fmt/format.h>

#include "cli/commands.h"
#include "core/random.h"
#include "core/visible.h"
#include "grade/grade.h"
#include "session/session_text.h"

namespace quizdeck::cli {
namespace {

struct PreviewOptions {
  std::vector<std::string> paths;
  std::optional<std::string> card;
  std::optional<std::uint64_t> seed;
};

void declare_preview(Declare& d, PreviewOptions& o) {
  d.positional("DECK", &o.paths, "the deck (a file or a deck id)")
      .required()
      .completes(Complete::kDeckFile);
  d.option("--card", &o.card, "ID", "only this card");
  d.option("--seed", &o.seed, "N", "the order choices are shown in (default 1)");
}

Needs needs(const PreviewOptions& o) {
  Needs n = deck_reader_needs(o.paths);
  n.select_card = o.card;
  return n;
}

void preview_card(const deck::Deck& deck, const deck::Card& card, int number, int total,
                  core::Random& random, std::ostream& out) {
  const auto shown = [](std::string_view text) { return core::visible(text, core::Lines::kShow); };
  session::Question q;
  q.number = number;
  q.total = total;
  q.deck = &deck;
  q.card = &card;
  q.order = session::shown_order(card, random);
  out << fmt::format("-- {} [{}] {}:{} --\n", shown(card.id), deck::card_type_name(card.type),
                     shown(deck.path), card.pos.line);
  for (const auto& line : session::question_lines(q)) out << shown(line) << '\n';
  const std::string how = session::answer_hint(q);
  if (!how.empty()) out << shown(how) << '\n';
  if (card.type == deck::CardType::kFlash) {
    out << fmt::format("Back: {}\n", shown(card.back));
  } else {
    out << fmt::format("Answer: {}\n", shown(grade::grade_answer(card, "", q.order).expected));
  }
  for (std::size_t i = 0; i < q.order.size(); ++i) {
    const deck::Choice& choice = card.choices[q.order[i]];
    if (choice.why.empty()) continue;
    out << fmt::format("  {}: {}\n", grade::choice_letter(i), shown(choice.why));
  }
  if (!card.explain.empty()) out << fmt::format("Explanation: {}\n", shown(card.explain));
  if (!card.source.empty()) out << fmt::format("Source: {}\n", shown(card.source));
  if (!card.hint.empty()) out << fmt::format("Hint: {}\n", shown(card.hint));
  out << '\n';
}

core::Expected<ExitCode> run_preview(Context& context, const PreviewOptions& o) {
  core::Random random(o.seed.value_or(1));
  int total = 0;
  for (const auto& deck : context.decks.decks) {
    for (const auto& card : deck.cards) total += !o.card || card.id == *o.card ? 1 : 0;
  }
  if (total == 0 && o.card) {
    return core::fail(ExitCode::kUsage, fmt::format("no card '{}' in the deck", *o.card));
  }
  int number = 0;
  for (const auto& deck : context.decks.decks) {
    for (const auto& card : deck.cards) {
      if (o.card && card.id != *o.card) continue;
      preview_card(deck, card, ++number, total, random, context.io.out);
    }
  }
  return ExitCode::kOk;
}

}  // namespace

Command preview_command() {
  return make_command<PreviewOptions>(
      "preview", "show each card as the learner sees it, then its answer and explanations",
      declare_preview, needs, run_preview);
}

}  // namespace quizdeck::cli
