// SPDX-License-Identifier: MIT
// `quizdeck status [PATH...]`: one line per deck for prompts and scripts; exit 6 when
// nothing is due.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/progress_data.h"
#include "cli/commands/sync_run.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

struct StatusOptions {
  std::vector<std::string> paths;
  std::optional<int> new_per_day;
};

// "next in" as a learner reads it: the largest whole unit, rounded down (2 days and 20
// seconds is "2d"), never "0": under a minute is "1m".
std::string in_words(std::int64_t ms) {
  const std::int64_t minutes = std::max<std::int64_t>(1, ms / 60'000);
  if (minutes < 60) return fmt::format("{}m", minutes);
  const std::int64_t hours = minutes / 60;
  if (hours < 48) return fmt::format("{}h", hours);
  return fmt::format("{}d", hours / 24);
}

void declare_status(Declare& d, StatusOptions& o) {
  d.positional("PATH", &o.paths, "decks or deck ids (default: every deck the store has seen)")
      .completes(Complete::kDeckFile);
  d.option("--new", &o.new_per_day, "N", "new cards per deck per day (default: the setting)")
      .at_least(0);
}

Needs needs(const StatusOptions& o) {
  return progress_needs(o.paths);
}

core::Expected<ExitCode> run_status(Context& context, const StatusOptions& o) {
  // --new: one run's new-card limit, in place of each deck's setting.
  const auto loaded = load_progress(context, o.new_per_day);
  if (!loaded) return loaded.error();
  const stats::Progress& data = *loaded;
  bool anything_due = false;
  for (std::size_t d = 0; d < context.decks.decks.size(); ++d) {
    const auto& deck = context.decks.decks[d];
    const stats::DeckDue& due = data.stats.decks[d];
    std::string line = fmt::format("{}: {} due, {} new", deck.id, due.due, due.new_today);
    if (due.due == 0 && due.next_due) {
      line += fmt::format(", next in {}", in_words(*due.next_due - context.now));
    }
    context.io.out << core::visible(line) << '\n';
    anything_due = anything_due || due.due > 0 || due.new_today > 0;
  }
  // When each machine last synced (`quizdeck sync`), once this store has.
  if (context.has_store()) {
    const auto devices = context.store().sync_devices();
    const std::string self = devices.empty() ? "" : context.store().device_id();
    for (const auto& device : devices) {
      context.io.out << core::visible("sync: " + device_line(device, self, context.now)) << '\n';
    }
  }
  return anything_due ? ExitCode::kOk : ExitCode::kNothingDue;
}

}  // namespace

Command status_command() {
  return make_command<StatusOptions>(
      "status", "one line per deck for prompts and scripts; exit 6 when nothing is due",
      declare_status, needs, run_status);
}

}  // namespace quizdeck::cli
