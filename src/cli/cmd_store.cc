// SPDX-License-Identifier: MIT
#include "cli/cmd_store.h"

#include <map>

#include <fmt/format.h>

#include "cli/deck_files.h"
#include "session/card_state.h"
#include "session/orphans.h"

namespace quizdeck::cli {

ExitCode run_store_path(const StoreOptions& store, Streams& io) {
  const std::string path = store_path(store);
  if (path.empty()) {
    io.err << "quizdeck: error: cannot tell where the store is: set HOME, XDG_DATA_HOME or "
              "QUIZDECK_STORE, or pass --store\n";
    return ExitCode::kIoError;
  }
  io.out << path << '\n';
  return ExitCode::kOk;
}

ExitCode run_store_check(const StoreOptions& options, Streams& io) {
  std::optional<store::Store> store;
  try {
    store = store::Store::open(store_path(options), {.create = false, .busy_timeout_ms = 5000});
  } catch (const store::StoreError& error) {
    // A damaged store may not even open; SQLite's own check still tells where.
    if (error.kind() != store::StoreError::Kind::kCorrupt) return report_store_error(error, io);
  }
  const auto integrity = store::Store::integrity_report(store_path(options));
  if (integrity.size() != 1 || integrity.front() != "ok") {
    for (const auto& line : integrity) io.out << "integrity: " << line << '\n';
    io.err << "quizdeck: error: the store is damaged; a copy of it, and the newest "
              "<store>.bak-v* file, may help recover\n";
    return ExitCode::kIoError;
  }
  io.out << "integrity: ok\n";
  if (!store) return ExitCode::kIoError;
  try {
    const auto problems = store->consistency_check();
    for (const auto& problem : problems) io.out << "consistency: " << problem << '\n';
    if (!problems.empty()) return ExitCode::kInvalidInput;
    io.out << fmt::format("consistency: ok ({} decks, {} cards, {} reviews)\n",
                          store->decks().size(), store->cards().size(), store->review_count());
    return ExitCode::kOk;
  } catch (const store::StoreError& error) {
    return report_store_error(error, io);
  }
}

ExitCode run_store_rebuild(const StoreOptions& options, Streams& io) {
  auto store = open_store(options, false, io);
  if (!store) return ExitCode::kIoError;
  try {
    std::vector<std::string> deck_ids;
    for (const auto& deck : store->decks()) deck_ids.push_back(deck.id);
    std::string problem;
    const auto schedulers = session::schedulers_for(*store, deck_ids, problem);
    if (!schedulers) {
      io.err << "quizdeck: error: " << problem << '\n';
      return ExitCode::kInvalidInput;
    }
    const std::size_t cards = store->rebuild(
        [&](const store::CardRecord& card, const std::vector<store::ReviewRecord>& reviews) {
          return session::replay_reviews(schedulers->at(card.deck_id), card, reviews);
        });
    io.out << fmt::format("rebuilt {} cards from {} reviews\n", cards, store->review_count());
    return ExitCode::kOk;
  } catch (const store::StoreError& error) {
    return report_store_error(error, io);
  }
}

ExitCode run_store_prune(const StoreOptions& options, const StorePruneOptions& prune, Streams& io) {
  auto store = open_store(options, false, io);
  if (!store) return ExitCode::kIoError;
  try {
    // Compare each deck in the store with its file: the ones given, else where it was seen.
    std::vector<std::string> paths = prune.paths;
    if (paths.empty()) paths = last_seen_deck_paths(*store, "its cards are left alone", io);
    const LoadedDecks loaded = load_decks(paths);
    for (const auto& d : loaded.diagnostics) io.err << core::render_text(d);
    if (loaded.has_errors()) {
      io.err << "quizdeck: error: fix the decks first; pruning compares the store with them\n";
      return loaded.io_error ? ExitCode::kIoError : ExitCode::kInvalidInput;
    }
    std::vector<std::pair<std::string, std::vector<session::Orphan>>> plan;
    std::size_t cards = 0;
    std::int64_t reviews = 0;
    for (const auto& deck : loaded.decks) {
      auto orphans = session::find_orphans(*store, deck);
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
    bool usage_error = false;
    if (!confirm(fmt::format("Remove {} orphaned cards and their {} reviews?", cards, reviews),
                 prune.yes, io, usage_error)) {
      return usage_error ? ExitCode::kUsage : ExitCode::kOk;
    }
    std::int64_t removed = 0;
    for (const auto& [deck_id, orphans] : plan) {
      std::vector<std::string> ids;
      for (const auto& orphan : orphans) ids.push_back(orphan.card_id);
      removed += store->prune(deck_id, ids);
    }
    io.out << fmt::format("removed {} cards and {} reviews\n", cards, removed);
    return ExitCode::kOk;
  } catch (const store::StoreError& error) {
    return report_store_error(error, io);
  }
}

}  // namespace quizdeck::cli
