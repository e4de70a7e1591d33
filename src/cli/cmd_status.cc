// SPDX-License-Identifier: MIT
// `quizdeck status [PATH...]`: one line per deck for prompts and scripts; exit 6 when
// nothing is due.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/progress_data.h"
#include "core/time.h"

namespace quizdeck::cli {
namespace {

struct StatusOptions {
  std::vector<std::string> paths;
  int new_per_day = 20;
};

std::string in_words(std::int64_t ms) {
  const std::int64_t minutes = std::max<std::int64_t>(1, (ms + 59'999) / 60'000);
  if (minutes < 60) return fmt::format("{}m", minutes);
  const std::int64_t hours = (minutes + 59) / 60;
  if (hours < 48) return fmt::format("{}h", hours);
  return fmt::format("{}d", (hours + 23) / 24);
}

void declare(Declare& d, StatusOptions& o) {
  d.positional("PATH", &o.paths, "decks (default: every deck the store has seen)")
      .completes(Complete::kDeckFile);
  d.option("--new", &o.new_per_day, "N", "new cards per deck per day (default 20)").at_least(0);
}

Needs needs(const StatusOptions& o) {
  return progress_needs(o.paths);
}

core::Expected<ExitCode> run(Context& context, const StatusOptions& o) {
  const ProgressData data = load_progress(context);
  const std::int64_t now = data.input.now;
  const std::int64_t day_start = core::local_day_start(core::local_day(now));
  bool anything_due = false;
  for (std::size_t d = 0; d < context.decks.decks.size(); ++d) {
    const auto& deck = context.decks.decks[d];
    int studied = 0;  // cards of the deck with a learning state
    int due = 0;
    std::optional<std::int64_t> next;
    int started = 0;
    std::vector<std::string_view> tags;
    for (const auto& card : data.input.cards) {
      if (card.deck != static_cast<int>(d) || card.state == core::State::kNew) continue;
      tags.clear();
      if (!data.input.card_tags(card, tags)) continue;  // it left the deck
      ++studied;
      if (card.due_ms <= now) {
        ++due;
      } else if (!next || card.due_ms < *next) {
        next = card.due_ms;
      }
    }
    started = static_cast<int>(context.store().cards_started_since(deck.id, day_start));
    const int fresh = static_cast<int>(deck.cards.size()) - studied;
    const int new_today = std::max(0, std::min(fresh, o.new_per_day - started));
    std::string line = fmt::format("{}: {} due, {} new", deck.id, due, new_today);
    if (due == 0 && next) line += fmt::format(", next in {}", in_words(*next - now));
    context.io.out << line << '\n';
    anything_due = anything_due || due > 0 || new_today > 0;
  }
  return anything_due ? ExitCode::kOk : ExitCode::kNothingDue;
}

}  // namespace

Command status_command() {
  return make_command<StatusOptions>(
      "status", "one line per deck for prompts and scripts; exit 6 when nothing is due", declare,
      needs, run);
}

}  // namespace quizdeck::cli
