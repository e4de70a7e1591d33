// SPDX-License-Identifier: MIT
// `quizdeck flag DECK --card ID [--color N]`: a coloured flag on a card, as in Anki (1 red,
// 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple; 0 removes it). Flags change
// nothing about studying; `cards --flagged` lists them.
#include <array>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/card_marks.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

constexpr std::array<const char*, 8> kColors{"none", "red",  "orange",    "green",
                                             "blue", "pink", "turquoise", "purple"};

void declare_flag(Declare& d, MarkOptions& o) {
  declare_mark_target(d, o, false);
  d.option("--color", &o.color, "N",
           "1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple; 0 removes the flag "
           "(default 1)")
      .between(0, 7);
}

core::Expected<ExitCode> run_flag(Context& context, const MarkOptions& o) {
  if (!o.card) return core::fail(ExitCode::kUsage, "name the card: --card ID");
  auto target = mark_target(context, o);
  if (!target) return target.error();
  const int color = o.color.value_or(1);
  store::Store::MarkChange change;
  change.flag = color;
  context.store().change_marks(target->deck_id, target->card_ids, change);
  const std::string line =
      color == 0 ? fmt::format("Removed the flag of {} of {}.", *o.card, target->deck_id)
                 : fmt::format("Flagged {} of {} ({} {}).", *o.card, target->deck_id, color,
                               kColors[static_cast<std::size_t>(color)]);
  context.io.out << core::visible(line, core::Lines::kShow) << '\n';
  return ExitCode::kOk;
}

}  // namespace

Command flag_command() {
  return make_command<MarkOptions>("flag", "put a coloured flag on a card (or take it off)",
                                   declare_flag, mark_needs, run_flag);
}

}  // namespace quizdeck::cli
