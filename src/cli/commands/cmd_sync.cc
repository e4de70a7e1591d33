// SPDX-License-Identifier: MIT
// `quizdeck sync DIR [--dry-run] [--retire DEVICE]`: one history across machines through a
// folder they all reach (Syncthing, Dropbox, a git work tree, a USB stick).
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/commands/sync_run.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

struct SyncOptions {
  std::string dir;
  bool dry_run = false;
  std::optional<std::string> retire;
};

void declare_sync(Declare& d, SyncOptions& o) {
  d.positional("DIR", &o.dir, "the sync folder every machine reaches").required();
  d.flag("--dry-run,-n", &o.dry_run, "say what would change; write nothing");
  d.option("--retire", &o.retire, "DEVICE",
           "retire a device (its id, or the start of it): its journal is no longer read, its "
           "history stays");
}

Needs needs(const SyncOptions&) {
  Needs n;
  n.clock = true;
  n.store = StoreNeed::kWrite;
  return n;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

core::Expected<ExitCode> run_sync(Context& context, const SyncOptions& o) {
  SyncRequest request{o.dir, context.now, o.dry_run, o.retire};
  core::Expected<SyncSummary> done = core::fail(ExitCode::kInternal, "sync did not run");
  try {
    done =
        sync_store(context.store(), request, [&](const core::Diagnostic& d) { context.report(d); });
  } catch (const store::StoreError& error) {
    return store_failure(error);
  }
  if (!done) return done.error();
  const SyncSummary& s = *done;
  const store::SyncCounts& c = s.counts;
  const char* would = o.dry_run ? "would be " : "";
  std::ostream& out = context.io.out;
  out << fmt::format("{}sent: {}, {}, {}, {}\n", o.dry_run ? "to be " : "",
                     plural(s.sent_reviews, "review", "reviews"),
                     plural(s.sent_undos, "undo", "undos"),
                     plural(s.sent_marks, "card's marks", "cards' marks"),
                     plural(s.sent_settings, "setting", "settings"));
  out << fmt::format("read: {}, {}{}\n", plural(s.journals, "journal", "journals"),
                     plural(s.lines, "new line", "new lines"),
                     s.bad_lines > 0 ? fmt::format(" ({} skipped)", s.bad_lines) : "");
  out << fmt::format(
      "merged: {} {}added, {} {}removed (undone elsewhere), {} and {} {}changed, {} "
      "{}replayed\n",
      plural(c.reviews_added, "review", "reviews"), would, c.reviews_removed, would,
      plural(c.marks_changed, "card's marks", "cards' marks"),
      plural(c.settings_changed, "setting", "settings"), would,
      plural(c.cards_replayed, "card", "cards"), would);
  if (s.sent_sittings + c.sittings_added + c.sittings_changed > 0) {
    out << fmt::format("exam sittings: {} {}sent, {} {}added, {} {}updated\n", s.sent_sittings,
                       o.dry_run ? "to be " : "", c.sittings_added, would, c.sittings_changed,
                       would);
  }
  if (c.cards_made > 0) {
    out << fmt::format(
        "cards {}made for history from elsewhere: {} (reading their deck files "
        "gives them their text)\n",
        o.dry_run ? "that would be " : "", c.cards_made);
  }
  if (s.retired) {
    out << fmt::format("retired{}: {} (its journal is no longer read)\n",
                       o.dry_run ? " (not yet: dry run)" : "", s.retired->c_str());
  }
  if (s.more) out << "more lines are waiting: run 'quizdeck sync' again\n";
  if (o.dry_run) out << "dry run: nothing was written\n";
  return s.bad_lines > 0 ? ExitCode::kLeftOut : ExitCode::kOk;
}

}  // namespace

Command sync_command() {
  return make_command<SyncOptions>(
      "sync", "share one history with other machines through a folder they all reach", declare_sync,
      needs, run_sync);
}

}  // namespace quizdeck::cli
