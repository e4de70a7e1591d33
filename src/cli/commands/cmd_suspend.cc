// SPDX-License-Identifier: MIT
// `quizdeck suspend|unsuspend DECK (--card ID | --tag TAG...)`: suspended cards are never
// asked (drill, cram, exam) nor due until unsuspended; their schedule is kept.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/card_marks.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

void declare_suspend(Declare& d, MarkOptions& o) {
  declare_mark_target(d, o, true);
}

core::Expected<ExitCode> change(Context& context, const MarkOptions& o, bool suspend) {
  auto target = mark_target(context, o);
  if (!target) return target.error();
  store::Store::MarkChange change;
  change.suspended = suspend;
  const std::size_t changed =
      context.store().change_marks(target->deck_id, target->card_ids, change);
  std::string line = fmt::format("{} {} of {}", suspend ? "Suspended" : "Unsuspended",
                                 cards_count(changed), target->deck_id);
  if (const std::size_t same = target->card_ids.size() - changed; same > 0) {
    line += fmt::format(" ({} already {})", same, suspend ? "suspended" : "not suspended");
  }
  context.io.out << core::visible(line + ".", core::Lines::kShow) << '\n';
  return ExitCode::kOk;
}

core::Expected<ExitCode> suspend(Context& context, const MarkOptions& o) {
  return change(context, o, true);
}

core::Expected<ExitCode> unsuspend(Context& context, const MarkOptions& o) {
  return change(context, o, false);
}

}  // namespace

Command suspend_command() {
  return make_command<MarkOptions>("suspend", "never ask these cards until unsuspended",
                                   declare_suspend, mark_needs, suspend);
}

Command unsuspend_command() {
  return make_command<MarkOptions>("unsuspend", "ask suspended cards again", declare_suspend,
                                   mark_needs, unsuspend);
}

}  // namespace quizdeck::cli
