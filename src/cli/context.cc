// SPDX-License-Identifier: MIT
#include "cli/context.h"

#include "cli/selection.h"

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "cli/files/media_file.h"
#include "core/suggest.h"
#include "core/time.h"
#include "core/visible.h"
#include "session/card_state.h"
#include "store/store_file.h"

namespace quizdeck::cli {
namespace {

// A usage error for a deck name the store does not know, with the nearest id it knows
// ("did you mean"), else the ids it knows.
core::Failure unknown_deck(std::string message, const std::string& name,
                           const std::vector<std::string>& known) {
  auto failure = core::fail(ExitCode::kUsage, std::move(message));
  if (const auto near = core::suggest(name, known)) {
    failure.note(fmt::format("did you mean '{}'?", *near));
  } else if (!known.empty()) {
    std::string list;
    for (const auto& id : known) list += (list.empty() ? "" : ", ") + id;
    failure.note(fmt::format("decks in the store: {}", list));
  }
  return failure;
}

namespace fs = std::filesystem;

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

}  // namespace

void declare_global(Declare& d, GlobalOptions& options) {
  d.option("--store", &options.store, "PATH",
           "the store file (default: $QUIZDECK_STORE, else $XDG_DATA_HOME/quizdeck/quizdeck.db, "
           "else ~/.local/share/quizdeck/quizdeck.db)")
      .completes(Complete::kFile);
  d.option("--now", &options.now, "TIME",
           "act as if it were this time (ISO 8601; default: $QUIZDECK_NOW, else the clock)");
  d.flag("--no-cache", &options.no_cache,
         "parse every deck file, neither using nor filling the deck cache");
}

Needs deck_reader_needs(std::vector<std::string> deck_paths) {
  Needs n;
  n.store = StoreNeed::kReadIfExists;
  n.decks = true;
  n.deck_paths = std::move(deck_paths);
  n.new_decks_without_store = true;
  return n;
}

core::Failure store_failure(const store::StoreError& error) {
  return core::fail(
      error.kind() == store::StoreError::Kind::kInvalid ? ExitCode::kUsage : ExitCode::kIoError,
      error.what());
}

std::optional<std::int64_t> parse_time_argument(const std::string& text) {
  const bool zoned =
      text.ends_with('Z') || text.ends_with('z') ||
      (text.size() > 16 && (text[text.size() - 6] == '+' || text[text.size() - 6] == '-'));
  const auto utc = core::parse_iso8601(text);
  if (!utc) return std::nullopt;
  if (zoned) return utc;
  // No zone given: the fields are local time.
  const std::int64_t seconds = *utc / 1000;
  const std::time_t as_utc = static_cast<std::time_t>(seconds);
  std::tm fields{};
  gmtime_r(&as_utc, &fields);
  fields.tm_isdst = -1;
  const std::time_t local = std::mktime(&fields);
  return static_cast<std::int64_t>(local) * 1000 + *utc % 1000;
}

std::string Context::store_path() const {
  if (global.store && !global.store->empty()) return *global.store;
  if (const auto path = env("QUIZDECK_STORE")) return *path;
  if (const auto data = env("XDG_DATA_HOME"); data && data->front() == '/') {
    return *data + "/quizdeck/quizdeck.db";
  }
  if (const auto home = env("HOME")) return *home + "/.local/share/quizdeck/quizdeck.db";
  return {};
}

// Whether a deck cache may be made or used beside the store at `store` by this run:
// nothing is read or written beside a store that may be damaged, foreign or newer. A
// store this run opened was checked; one it did not open must be missing, or vouched for
// by its seal as it is now.
bool Context::cache_may_sit_beside(const std::string& store) const {
  if (store_) return true;
  const auto look = store::look_at(store);
  if (look.kind == store::FileLook::Kind::kMissing) return true;
  return look.kind == store::FileLook::Kind::kSqlite && store::seal_holds(store, look.identity);
}

const std::shared_ptr<store::DeckCache>& Context::cache() {
  if (!cache_made_) {
    cache_made_ = true;
    const std::string store = store_path();
    if (!global.no_cache && !store.empty() && cache_may_sit_beside(store)) {
      cache_ = std::make_shared<store::DeckCache>(store + ".deck-cache");
    }
  }
  return cache_;
}

core::Expected<store::Store> Context::open_store(StoreNeed need, bool migrate) const {
  const std::string path = store_path();
  if (path.empty()) {
    return core::fail(ExitCode::kIoError,
                      "cannot tell where the store is: set HOME, XDG_DATA_HOME or "
                      "QUIZDECK_STORE, or pass --store");
  }
  store::OpenOptions open;
  open.create = need == StoreNeed::kWrite;
  open.read_only = need == StoreNeed::kRead || need == StoreNeed::kReadIfExists;
  open.migrate = migrate;
  if (const auto timeout = env("QUIZDECK_BUSY_TIMEOUT_MS")) {
    open.busy_timeout_ms = std::atoi(timeout->c_str());
  }
  try {
    return store::Store::open(path, open);
  } catch (const store::StoreError& error) {
    return store_failure(error).with_code(ExitCode::kIoError);
  }
}

OutputGuard Context::output_guard(const std::vector<std::string>& also) const {
  OutputGuard guard;
  guard.protect_store(store_path());
  for (const auto& path : named_inputs) guard.protect(path);
  for (const auto& path : also) guard.protect(path);
  for (const auto& deck : decks.decks) guard.protect(deck.path);
  // The images and sounds the decks' cards name (a report embeds them), looked up only if
  // an output would replace a file.
  guard.protect_lazily([this] {
    std::vector<std::string> media;
    const auto add = [&](const deck::Deck& deck, const deck::Media& named) {
      if (named.path.empty()) return;
      if (auto file = media_file(deck.path, named.path)) media.push_back(std::move(*file));
    };
    for (const auto& deck : decks.decks) {
      for (const auto& card : deck.cards) {
        add(deck, card.image);
        add(deck, card.audio);
        for (const auto& choice : card.choices) add(deck, choice.image);
      }
    }
    return media;
  });
  return guard;
}

void Context::report(const core::Diagnostic& diagnostic) {
  io.err << core::render_text(diagnostic);
}

void Context::warn(std::string message) {
  report(core::make_file_diagnostic(core::Severity::kWarning, "", std::move(message)));
}

std::vector<std::string> Context::last_seen_deck_paths(std::string_view consequence) {
  std::vector<std::string> paths;
  for (const auto& deck : store().decks()) {
    if (auto path = remembered_path(deck, consequence)) paths.push_back(std::move(*path));
  }
  return paths;
}

std::optional<std::string> Context::remembered_path(const store::DeckRecord& deck,
                                                    std::string_view consequence) {
  std::error_code ec;
  if (deck.path.empty()) {
    // Made by `quizdeck sync` for history from another machine: no file has been seen yet.
    warn(
        fmt::format("deck '{}' came from another machine by sync and its deck file has not "
                    "been named here yet; {}",
                    deck.id, consequence));
    return std::nullopt;
  }
  const auto status = fs::status(deck.path, ec);
  if (!fs::exists(status)) {
    warn(fmt::format("deck '{}' was last seen at '{}', which is gone; {}", deck.id, deck.path,
                     consequence));
    return std::nullopt;
  }
  // The store says where to read: only what still looks like a deck is read (whatever has
  // taken its place is not opened, let alone quoted).
  const auto extension = fs::path(deck.path).extension();
  if (!fs::is_regular_file(status) || (extension != ".yaml" && extension != ".yml")) {
    warn(
        fmt::format("deck '{}' was last seen at '{}', which is not a deck file now (a .yaml "
                    "or .yml regular file); {}",
                    deck.id, deck.path, consequence));
    return std::nullopt;
  }
  return deck.path;
}

core::Expected<std::vector<std::string>> Context::deck_arguments(
    const std::vector<std::string>& arguments) {
  std::vector<std::string> paths;
  for (const auto& argument : arguments) {
    std::error_code ec;
    const bool looks_like_id = argument.find('/') == std::string::npos &&
                               fs::path(argument).extension() != ".yaml" &&
                               fs::path(argument).extension() != ".yml";
    if (fs::exists(fs::symlink_status(argument, ec)) || !looks_like_id) {
      paths.push_back(argument);  // a path: the loader reads it or says why not
      continue;
    }
    // Not a file: a deck id the store knows, read from where the store last saw it.
    std::vector<std::string> known;
    if (store_) {
      if (const auto deck = store_->deck(argument)) {
        const auto path = remembered_path(*deck, "name its file instead");
        if (!path) return core::reported(ExitCode::kIoError);
        paths.push_back(*path);
        continue;
      }
      for (const auto& deck : store_->decks()) known.push_back(deck.id);
    }
    return unknown_deck(
        fmt::format("'{}' is neither a deck file nor a deck the store knows", argument), argument,
        known);
  }
  return paths;
}

core::Expected<void> Context::load(const std::vector<std::string>& paths, const Needs& needs) {
  decks = load_decks(paths, store_in_memory ? nullptr : cache());
  if (cache_ && cache_->refusal() && !cache_refusal_told_) {
    cache_refusal_told_ = true;
    warn(*cache_->refusal());
  }
  if (needs.deck_problems_are_output) return {};
  // Errors in full (the command stops on them); authoring warnings belong to `check`: one
  // line per deck file says how many there are.
  std::map<std::string, int> warnings;
  for (const auto& d : decks.diagnostics) {
    if (d.severity == core::Severity::kWarning && d.line > 0) {
      ++warnings[d.file];
      continue;
    }
    report(d);
  }
  for (const auto& [file, count] : warnings) {
    report(core::make_file_diagnostic(core::Severity::kWarning, file,
                                      fmt::format("{} authoring warning{}; run quizdeck check {}",
                                                  count, count == 1 ? "" : "s", file)));
  }
  if (decks.io_error) return core::reported(ExitCode::kIoError);
  if (decks.has_errors()) return core::reported(ExitCode::kInvalidInput);
  return {};
}

core::Expected<void> Context::provide(const Needs& needs) {
  if (needs.clock) {
    std::optional<std::string> text = global.now;
    if (!text) text = env("QUIZDECK_NOW");
    frozen_clock = text.has_value();
    if (text) {
      const auto parsed = parse_time_argument(*text);
      if (!parsed) {
        return core::fail(ExitCode::kUsage,
                          fmt::format("{} '{}' is not a time such as 2026-01-01T09:00:00Z",
                                      global.now ? "--now" : "QUIZDECK_NOW",
                                      core::visible(*text, core::Lines::kShow)));
      }
      now = *parsed;
    } else {
      now = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
    }
  }
  const bool given = !needs.deck_paths.empty();
  // An existing store is opened (and checked) before anything else is read or written:
  // a refused store leaves no trace, not even a deck cache beside it. A new one is made
  // only once the decks named are known to be good, and an older one upgraded then.
  bool store_missing = false;
  if (needs.store != StoreNeed::kNone) {
    const std::string path = store_path();
    if (!path.empty()) {
      const auto look = store::look_at(path);
      store_missing = look.kind == store::FileLook::Kind::kMissing ||
                      look.kind == store::FileLook::Kind::kEmpty;
    }
    if (store_missing && given && needs.new_decks_without_store) store_in_memory = true;
    if (store_missing && needs.decks_from_store && !given &&
        (needs.store == StoreNeed::kRead || needs.store == StoreNeed::kWriteExisting)) {
      return core::fail(ExitCode::kIoError,
                        fmt::format("there is no store at '{}' yet: study a deck first, or name "
                                    "deck files to see their cards (all new)",
                                    path))
          .note(
              "start with a deck file: quizdeck drill DECK.yaml (the bundled decks are in "
              "/usr/share/quizdeck/decks when installed, decks/ in a clone)");
    }
    if (!store_missing || (needs.store != StoreNeed::kReadIfExists && !store_in_memory &&
                           needs.store != StoreNeed::kWrite)) {
      auto opened = open_store(needs.store, false);
      if (!opened) return opened.error();
      store_ = std::move(*opened);
    }
  }
  // Decks named on the command line: a bad deck is refused before the store is written.
  if (needs.decks && given) {
    auto paths = deck_arguments(needs.deck_paths);
    if (!paths) return paths.error();
    if (auto loaded = load(*paths, needs); !loaded) return loaded;
    if (auto checked = check_selection(decks.decks, needs.select_card, needs.select_tags);
        !checked) {
      return checked;
    }
  }
  if (store_in_memory) {
    store_ = store::Store::open_memory();
  } else if (needs.store == StoreNeed::kWrite && !store_) {
    auto opened = open_store(needs.store);
    if (!opened) return opened.error();
    store_ = std::move(*opened);
  }
  if (store_ && (needs.store == StoreNeed::kWrite || needs.store == StoreNeed::kWriteExisting)) {
    try {
      store_->upgrade();
    } catch (const store::StoreError& error) {
      return store_failure(error).with_code(ExitCode::kIoError);
    }
  }
  if (needs.decks && !given && needs.decks_from_store && store_) {
    const auto paths = last_seen_deck_paths("it is left out");
    if (paths.empty()) {
      return core::fail(ExitCode::kUsage,
                        "the store has no decks yet; study one, or name deck files");
    }
    if (auto loaded = load(paths, needs); !loaded) return loaded;
  }
  if (needs.schedulers && store_) {
    std::vector<std::string> ids;
    for (const auto& deck : decks.decks) ids.push_back(deck.id);
    auto made = session::schedulers_for(*store_, ids);
    if (!made) return made.error();
    schedulers = std::move(*made);
  }
  return {};
}

core::Expected<std::string> Context::resolve_deck(const std::string& argument) {
  std::error_code ec;
  if (fs::is_regular_file(argument, ec)) {
    const std::array<std::string, 1> paths{argument};
    const LoadedDecks loaded = load_decks(paths);
    for (const auto& d : loaded.diagnostics) report(d);
    if (loaded.decks.empty()) return core::reported(ExitCode::kUsage);
    return loaded.decks.front().id;
  }
  if (store().deck(argument)) return argument;
  std::vector<std::string> known;
  for (const auto& deck : store().decks()) known.push_back(deck.id);
  return unknown_deck(fmt::format("no deck '{}' in the store", argument), argument, known);
}

core::Expected<bool> Context::confirm(const std::string& question, bool yes) {
  if (yes) return true;
  if (::isatty(STDIN_FILENO) == 0) {
    return core::fail(
        ExitCode::kUsage,
        fmt::format("{} Pass --yes to confirm (there is no terminal to ask).", question));
  }
  io.err << question << " [y/N] ";
  io.err.flush();
  std::string answer;
  std::getline(io.in, answer);
  if (answer == "y" || answer == "Y" || answer == "yes") return true;
  io.err << "Nothing changed.\n";
  return false;
}

}  // namespace quizdeck::cli
