// SPDX-License-Identifier: MIT
#include "cli/store_access.h"

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include <fmt/format.h>

#include "cli/deck_files.h"
#include "core/suggest.h"
#include "core/time.h"

namespace quizdeck::cli {

std::string store_path(const StoreOptions& options) {
  if (options.path && !options.path->empty()) return *options.path;
  if (const char* env = std::getenv("QUIZDECK_STORE"); env != nullptr && *env != '\0') return env;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && *data == '/') {
    return std::string(data) + "/quizdeck/quizdeck.db";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.local/share/quizdeck/quizdeck.db";
  }
  return {};
}

std::optional<store::DeckCache> deck_cache(const StoreOptions& options) {
  if (options.no_cache) return std::nullopt;
  const std::string store = store_path(options);
  if (store.empty()) return std::nullopt;
  return store::DeckCache(store + ".deck-cache");
}

ExitCode report_store_error(const store::StoreError& error, Streams& io) {
  io.err << "quizdeck: error: " << error.what() << '\n';
  return error.kind() == store::StoreError::Kind::kInvalid ? ExitCode::kUsage : ExitCode::kIoError;
}

std::optional<store::Store> open_store(const StoreOptions& options, bool create, Streams& io) {
  const std::string path = store_path(options);
  if (path.empty()) {
    io.err << "quizdeck: error: cannot tell where the store is: set HOME, XDG_DATA_HOME or "
              "QUIZDECK_STORE, or pass --store\n";
    return std::nullopt;
  }
  store::OpenOptions open;
  open.create = create;
  if (const char* timeout = std::getenv("QUIZDECK_BUSY_TIMEOUT_MS"); timeout != nullptr) {
    open.busy_timeout_ms = std::atoi(timeout);
  }
  try {
    return store::Store::open(path, open);
  } catch (const store::StoreError& error) {
    report_store_error(error, io);
    return std::nullopt;
  }
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

std::vector<std::string> last_seen_deck_paths(store::Store& store, std::string_view consequence,
                                              Streams& io) {
  std::vector<std::string> paths;
  for (const auto& deck : store.decks()) {
    std::error_code ec;
    if (std::filesystem::exists(deck.path, ec)) {
      paths.push_back(deck.path);
    } else {
      io.err << fmt::format(
          "quizdeck: warning: deck '{}' was last seen at '{}', which is gone; {}\n", deck.id,
          deck.path, consequence);
    }
  }
  return paths;
}

std::optional<std::int64_t> resolve_now(const StoreOptions& options, Streams& io) {
  std::optional<std::string> text = options.now;
  if (!text) {
    if (const char* env = std::getenv("QUIZDECK_NOW"); env != nullptr && *env != '\0') text = env;
  }
  if (!text) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  const auto now = parse_time_argument(*text);
  if (!now) {
    io.err << fmt::format("quizdeck: error: '{}' is not a time such as 2026-01-01T09:00:00Z\n",
                          *text);
  }
  return now;
}

std::optional<std::string> resolve_deck(store::Store& store, const std::string& argument,
                                        Streams& io) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(argument, ec)) {
    const std::array<std::string, 1> paths{argument};
    const LoadedDecks loaded = load_decks(paths);
    for (const auto& d : loaded.diagnostics) io.err << core::render_text(d);
    if (loaded.decks.empty()) return std::nullopt;
    return loaded.decks.front().id;
  }
  if (store.deck(argument)) return argument;
  std::vector<std::string> known;
  for (const auto& deck : store.decks()) known.push_back(deck.id);
  io.err << fmt::format("quizdeck: error: no deck '{}' in the store\n", argument);
  if (const auto near = core::suggest(argument, known)) {
    io.err << fmt::format("quizdeck: note: did you mean '{}'?\n", *near);
  } else if (!known.empty()) {
    std::string list;
    for (const auto& id : known) list += (list.empty() ? "" : ", ") + id;
    io.err << fmt::format("quizdeck: note: decks in the store: {}\n", list);
  }
  return std::nullopt;
}

bool confirm(const std::string& question, bool yes, Streams& io, bool& usage_error) {
  usage_error = false;
  if (yes) return true;
  if (::isatty(STDIN_FILENO) == 0) {
    io.err << fmt::format(
        "quizdeck: error: {} Pass --yes to confirm (there is no terminal to ask).\n", question);
    usage_error = true;
    return false;
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
