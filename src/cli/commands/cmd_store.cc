// SPDX-License-Identifier: MIT
// `quizdeck store path|check|rebuild|prune`: where the store is, whether it is sound and
// consistent, recomputing card states from the log, and removing cards that left their
// decks.
#include <fmt/format.h>

#include "cli/commands.h"
#include "core/visible.h"
#include "session/card_state.h"
#include "session/orphans.h"
#include "store/schema.h"

namespace quizdeck::cli {
namespace {

struct NoOptions {};

struct PruneOptions {
  std::vector<std::string> paths;
  bool yes = false;
};

void declare_nothing(Declare&, NoOptions&) {}

Needs needs_nothing(const NoOptions&) {
  return {};
}

Needs needs_store(const NoOptions&) {
  Needs n;
  n.store = StoreNeed::kWriteExisting;
  return n;
}

core::Failure no_store_location() {
  return core::fail(ExitCode::kIoError,
                    "cannot tell where the store is: set HOME, XDG_DATA_HOME or QUIZDECK_STORE, "
                    "or pass --store");
}

core::Expected<ExitCode> run_path(Context& context, const NoOptions&) {
  const std::string path = context.store_path();
  if (path.empty()) return no_store_location();
  context.io.out << path << '\n';
  return ExitCode::kOk;
}

core::Expected<ExitCode> run_check(Context& context, const NoOptions&) {
  const std::string path = context.store_path();
  if (path.empty()) return no_store_location();
  const store::WalFiles wal_files(path);
  std::optional<store::Store> store;
  try {
    // Read-only, and without the quick check: the full check follows.
    store = store::Store::open(path, {.create = false, .read_only = true, .check = false});
  } catch (const store::StoreError& error) {
    // A damaged store may not even open; SQLite's own check still tells where.
    if (error.kind() != store::StoreError::Kind::kCorrupt) {
      return store_failure(error).with_code(ExitCode::kIoError);
    }
  }
  std::vector<std::string> integrity;
  try {
    integrity = store::Store::integrity_report(path);
  } catch (const store::StoreError& error) {
    return store_failure(error).with_code(ExitCode::kIoError);
  }
  // SQLite's integrity check does not look at CHECK constraints: a row that breaks one got
  // in behind SQLite's back, which is damage too.
  if (store && integrity.size() == 1 && integrity.front() == "ok") {
    try {
      if (store->schema_version() == store::kSchemaVersion) {
        if (auto changed = store->schema_problems(); !changed.empty()) {
          integrity = std::move(changed);
        }
      }
      if (auto broken = store->constraint_check();
          !broken.empty() && integrity.size() == 1 && integrity.front() == "ok") {
        integrity = std::move(broken);
      }
    } catch (const store::StoreError& error) {
      integrity = {fmt::format("the constraint check stopped: {}", error.what())};
    }
  }
  if (integrity.size() != 1 || integrity.front() != "ok") {
    // Made visible: a damaged or hostile schema's text is quoted.
    for (const auto& line : integrity) {
      context.io.out << "integrity: " << core::visible(line, core::Lines::kKeep) << '\n';
    }
    // Nothing stays beside a damaged store (as when a command refuses it).
    store.reset();
    wal_files.remove_made();
    return core::fail(ExitCode::kIoError,
                      "the store is damaged; a copy of it, and the newest <store>.bak-v* file, "
                      "may help recover");
  }
  context.io.out << "integrity: ok\n";
  if (!store) return ExitCode::kIoError;
  const auto problems = store->consistency_check();
  for (const auto& problem : problems) context.io.out << "consistency: " << problem << '\n';
  if (!problems.empty()) return ExitCode::kInvalidInput;
  context.io.out << fmt::format("consistency: ok ({} decks, {} cards, {} reviews)\n",
                                store->decks().size(), store->cards().size(),
                                store->review_count());
  return ExitCode::kOk;
}

core::Expected<ExitCode> run_rebuild(Context& context, const NoOptions&) {
  store::Store& store = context.store();
  std::vector<std::string> deck_ids;
  for (const auto& deck : store.decks()) deck_ids.push_back(deck.id);
  const auto schedulers = session::schedulers_for(store, deck_ids);
  if (!schedulers) return schedulers.error();
  const std::size_t cards = store.rebuild(
      [&](const store::CardRecord& card, const std::vector<store::ReviewRecord>& reviews) {
        return session::replay_reviews(schedulers->at(card.deck_id), card, reviews);
      });
  context.io.out << fmt::format("rebuilt {} cards from {} reviews\n", cards, store.review_count());
  return ExitCode::kOk;
}

void declare_prune(Declare& d, PruneOptions& o) {
  d.positional("PATH", &o.paths,
               "deck files to compare with (default: where each deck was last seen)")
      .completes(Complete::kDeckFile);
  d.flag("--yes,-y", &o.yes, "do not ask for confirmation");
}

Needs needs_prune(const PruneOptions&) {
  Needs n;
  n.store = StoreNeed::kWriteExisting;
  return n;
}

core::Expected<ExitCode> run_prune(Context& context, const PruneOptions& prune) {
  store::Store& store = context.store();
  Streams& io = context.io;
  // Compare each deck in the store with its file: the ones given, else where it was seen.
  std::vector<std::string> paths = prune.paths;
  if (paths.empty()) paths = context.last_seen_deck_paths("its cards are left alone");
  const LoadedDecks loaded = load_decks(paths);
  for (const auto& d : loaded.diagnostics) context.report(d);
  if (loaded.has_errors()) {
    return core::fail(loaded.io_error ? ExitCode::kIoError : ExitCode::kInvalidInput,
                      "fix the decks first; pruning compares the store with them");
  }
  std::vector<std::pair<std::string, std::vector<session::Orphan>>> plan;
  std::size_t cards = 0;
  std::int64_t reviews = 0;
  for (const auto& deck : loaded.decks) {
    auto orphans = session::find_orphans(store, deck);
    for (const auto& orphan : orphans) {
      io.out << fmt::format("{}: {} ({} {}): {}\n", deck.id, orphan.card_id, orphan.reviews,
                            orphan.reviews == 1 ? "review" : "reviews",
                            orphan.prompt.substr(0, orphan.prompt.find('\n')));
      ++cards;
      reviews += orphan.reviews;
    }
    if (!orphans.empty()) plan.emplace_back(deck.id, std::move(orphans));
  }
  if (cards == 0) {
    io.out << "no orphaned cards\n";
    return ExitCode::kOk;
  }
  auto confirmed = context.confirm(
      fmt::format("Remove {} orphaned cards and their {} reviews?", cards, reviews), prune.yes);
  if (!confirmed) return confirmed.error();
  if (!*confirmed) return ExitCode::kOk;
  std::int64_t removed = 0;
  for (const auto& [deck_id, orphans] : plan) {
    std::vector<std::string> ids;
    for (const auto& orphan : orphans) ids.push_back(orphan.card_id);
    removed += store.prune(deck_id, ids);
  }
  io.out << fmt::format("removed {} cards and {} reviews\n", cards, removed);
  return ExitCode::kOk;
}

}  // namespace

Command store_command() {
  return make_group(
      "store", "the score store: where it is, check it, rebuild card states, prune",
      {make_command<NoOptions>("path", "print where the store is", declare_nothing, needs_nothing,
                               run_path),
       make_command<NoOptions>("check",
                               "check the store: SQLite's integrity check and quizdeck's own",
                               declare_nothing, needs_nothing, run_check),
       make_command<NoOptions>("rebuild", "recompute every card's state from the review log",
                               declare_nothing, needs_store, run_rebuild),
       make_command<PruneOptions>("prune", "remove cards that left their decks, with their reviews",
                                  declare_prune, needs_prune, run_prune)});
}

}  // namespace quizdeck::cli
