// SPDX-License-Identifier: MIT
#include "cli/progress_data.h"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "cli/deck_files.h"
#include "core/time.h"
#include "session/card_state.h"

namespace quizdeck::cli {

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    const std::string locale = value;
    return locale.find("UTF-8") != std::string::npos || locale.find("utf8") != std::string::npos ||
           locale.find("UTF8") != std::string::npos || locale.find("utf-8") != std::string::npos;
  }
  return false;
}

std::optional<ProgressData> load_progress(const StoreOptions& store_options,
                                          const std::vector<std::string>& paths, Streams& io,
                                          ExitCode& failure, deck::Detail detail) {
  const auto now = resolve_now(store_options, io);
  if (!now) {
    failure = ExitCode::kUsage;
    return std::nullopt;
  }
  // Decks named but nothing studied yet (no store file): every card is new. An empty
  // store in memory answers the queries, and nothing is written anywhere.
  const std::string path = store_path(store_options);
  std::error_code ec;
  const bool no_store_yet = !paths.empty() && !path.empty() && !std::filesystem::exists(path, ec);
  std::optional<store::Store> store;
  if (no_store_yet) {
    store = store::Store::open_memory();
  } else if (paths.empty() && !path.empty() && !std::filesystem::exists(path, ec)) {
    io.err << fmt::format(
        "quizdeck: error: there is no store at '{}' yet: study a deck first, or name deck "
        "files to see their cards (all new)\n",
        path);
    failure = ExitCode::kIoError;
    return std::nullopt;
  } else {
    store = open_store(store_options, false, io);
  }
  if (!store) {
    failure = ExitCode::kIoError;
    return std::nullopt;
  }
  try {
    std::vector<std::string> files = paths;
    if (files.empty()) {
      files = last_seen_deck_paths(*store, "it is left out", io);
      if (files.empty()) {
        io.err << "quizdeck: error: the store has no decks yet; study one, or name deck files\n";
        failure = ExitCode::kUsage;
        return std::nullopt;
      }
    }
    auto cache = no_store_yet ? std::nullopt : deck_cache(store_options);
    LoadedDecks loaded = load_decks(files, cache ? &*cache : nullptr, detail);
    for (const auto& d : loaded.diagnostics) io.err << core::render_text(d);
    if (loaded.has_errors()) {
      failure = loaded.io_error ? ExitCode::kIoError : ExitCode::kInvalidInput;
      return std::nullopt;
    }
    ProgressData data;
    data.decks = std::move(loaded.decks);
    for (const auto& deck : data.decks) data.deck_ids.push_back(deck.id);
    std::string problem;
    auto schedulers = session::schedulers_for(*store, data.deck_ids, problem);
    if (!schedulers) {
      io.err << "quizdeck: error: " << problem << '\n';
      failure = ExitCode::kInvalidInput;
      return std::nullopt;
    }
    data.schedulers = std::move(*schedulers);
    stats::Input& input = data.input;
    input.now = *now;
    input.day_of = core::local_day;
    input.day_start = core::local_day_start;
    for (const auto& id : data.deck_ids) input.schedulers.push_back(&data.schedulers.at(id));
    if (!data.deck_ids.empty()) {
      input.desired_retention =
          data.schedulers.at(data.deck_ids.front()).parameters().request_retention;
    }
    const std::int64_t year_ago = core::local_day_start(core::local_day(*now) - 364);
    input.cards = store->card_states(data.deck_ids);
    input.buckets = store->review_buckets(data.deck_ids, year_ago);
    for (auto& session : store->sessions()) {
      // Only sessions that studied one of these decks.
      for (const auto& id : data.deck_ids) {
        if (("," + session.decks + ",").find("," + id + ",") != std::string::npos) {
          input.sessions.push_back(std::move(session));
          break;
        }
      }
    }
    input.tags.resize(data.decks.size());
    for (std::size_t d = 0; d < data.decks.size(); ++d) {
      auto& tags = input.tags[d];
      tags.reserve(data.decks[d].cards.size());
      for (const auto& card : data.decks[d].cards) tags.emplace(card.id, &card.tags);
    }
    data.stats = stats::compute(input);
    data.store = std::move(store);
    return data;
  } catch (const store::StoreError& error) {
    failure = report_store_error(error, io);
    return std::nullopt;
  }
}

}  // namespace quizdeck::cli
