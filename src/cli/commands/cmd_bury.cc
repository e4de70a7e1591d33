// SPDX-License-Identifier: MIT
// `quizdeck bury DECK --card ID`: the card waits until the deck's next study day starts.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/card_marks.h"
#include "core/time.h"
#include "core/visible.h"
#include "session/today.h"

namespace quizdeck::cli {
namespace {

void declare_bury(Declare& d, MarkOptions& o) {
  declare_mark_target(d, o, false);
}

core::Expected<ExitCode> run_bury(Context& context, const MarkOptions& o) {
  if (!o.card) return core::fail(ExitCode::kUsage, "name the card: --card ID");
  auto target = mark_target(context, o);
  if (!target) return target.error();
  auto rules = session::study_settings_for(context.store(), target->deck_id);
  if (!rules) return rules.error();
  const auto day = session::deck_day(context.store(), target->deck_id, *rules, context.now);
  store::Store::MarkChange change;
  change.buried_until_ms = day.end_ms;
  context.store().change_marks(target->deck_id, target->card_ids, change);
  context.io.out << core::visible(fmt::format("Buried {} of {} until {}.", *o.card, target->deck_id,
                                              core::format_local_time(day.end_ms)),
                                  core::Lines::kShow)
                 << '\n';
  return ExitCode::kOk;
}

}  // namespace

Command bury_command() {
  return make_command<MarkOptions>("bury", "set a card aside until the next study day",
                                   declare_bury, mark_needs, run_bury);
}

}  // namespace quizdeck::cli
