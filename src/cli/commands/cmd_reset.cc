// SPDX-License-Identifier: MIT
// `quizdeck reset DECK [--card ID]`: forgets progress; the reviews stay, marked reset.
#include <fmt/format.h>

#include "cli/commands.h"

namespace quizdeck::cli {
namespace {

struct ResetOptions {
  std::string deck;
  std::optional<std::string> card;
  bool yes = false;
};

void declare_reset(Declare& d, ResetOptions& o) {
  d.positional("DECK", &o.deck, "a deck id or deck file").required().completes(Complete::kDeckOrId);
  d.option("--card", &o.card, "ID", "only this card");
  d.flag("--yes,-y", &o.yes, "do not ask for confirmation");
}

Needs needs(const ResetOptions&) {
  Needs n;
  n.clock = true;
  n.store = StoreNeed::kWriteExisting;
  return n;
}

core::Expected<ExitCode> run_reset(Context& context, const ResetOptions& o) {
  auto deck_id = context.resolve_deck(o.deck);
  if (!deck_id) return deck_id.error();
  std::string what = fmt::format("all cards of '{}'", *deck_id);
  if (o.card) {
    if (!context.store().card(*deck_id, *o.card)) {
      return core::fail(ExitCode::kUsage,
                        fmt::format("deck '{}' has no card '{}' in the store", *deck_id, *o.card));
    }
    what = fmt::format("card '{}' of '{}'", *o.card, *deck_id);
  }
  auto confirmed = context.confirm(
      fmt::format("Forget the progress of {}? (the reviews are kept, marked reset)", what), o.yes);
  if (!confirmed) return confirmed.error();
  if (!*confirmed) return ExitCode::kOk;
  const std::int64_t marked = context.store().reset(*deck_id, o.card, context.now);
  context.io.out << fmt::format("reset {}: {} {} marked reset; the cards are new again\n", what,
                                marked, marked == 1 ? "review" : "reviews");
  return ExitCode::kOk;
}

}  // namespace

Command reset_command() {
  return make_command<ResetOptions>("reset",
                                    "forget the progress of a deck or card (the reviews are kept)",
                                    declare_reset, needs, run_reset);
}

}  // namespace quizdeck::cli
