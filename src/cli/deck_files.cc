// SPDX-License-Identifier: MIT
#include "cli/deck_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>

#include "core/hash.h"
#include "deck/deck_codec.h"
#include "deck/parse_deck.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;
using core::Diagnostic;
using core::Severity;

bool is_deck_name(const fs::path& path) {
  const auto extension = path.extension();
  return extension == ".yaml" || extension == ".yml";
}

void add_io_error(LoadedDecks& loaded, std::string message) {
  loaded.diagnostics.push_back(
      core::make_file_diagnostic(Severity::kError, "", std::move(message)));
  loaded.io_error = true;
}

std::vector<std::string> expand(std::span<const std::string> paths, LoadedDecks& loaded) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      add_io_error(loaded, fmt::format("cannot open '{}': {}", path,
                                       ec ? ec.message() : "No such file or directory"));
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && is_deck_name(it->path())) found.push_back(it->path().string());
    }
    if (ec) add_io_error(loaded, fmt::format("cannot read directory '{}': {}", path, ec.message()));
    if (found.empty() && !ec) {
      loaded.diagnostics.push_back(core::make_file_diagnostic(
          Severity::kError, "", fmt::format("no .yaml or .yml deck files under '{}'", path)));
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  // The same file named twice (say `decks/` and `decks/crss.yaml`) is one deck.
  std::vector<std::string> unique;
  std::vector<fs::path> seen;
  for (auto& file : files) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(file, ec);
    if (ec) canonical = file;
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(std::move(canonical));
    unique.push_back(std::move(file));
  }
  return unique;
}

struct DeckFile {
  std::string text;
  std::int64_t mtime_ns = 0;
};

std::optional<DeckFile> read_file(const std::string& path, LoadedDecks& loaded) {
  const auto cannot_read = [&] {
    add_io_error(loaded, fmt::format("cannot read '{}': {}", path,
                                     std::error_code(errno, std::generic_category()).message()));
    return std::nullopt;
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cannot_read();
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    ::close(fd);
    return cannot_read();
  }
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  if (size > kMaxDeckBytes) {
    ::close(fd);
    loaded.diagnostics.push_back(core::make_file_diagnostic(
        Severity::kError, path,
        fmt::format("the deck is {} MiB; decks larger than {} MiB are refused",
                    (size + (1 << 20) - 1) >> 20, kMaxDeckBytes >> 20)));
    return std::nullopt;
  }
  DeckFile file;
  file.mtime_ns =
      static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  // Read to the end, not just st_size bytes: a file may grow while it is read (the limit
  // still holds).
  file.text.resize(static_cast<std::size_t>(size));
  std::size_t used = 0;
  while (true) {
    if (used == file.text.size()) {
      if (file.text.size() > kMaxDeckBytes) break;
      file.text.resize(file.text.size() + 4096);
    }
    const ssize_t got = ::read(fd, file.text.data() + used, file.text.size() - used);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      return cannot_read();
    }
    if (got == 0) break;
    used += static_cast<std::size_t>(got);
  }
  ::close(fd);
  file.text.resize(used);
  return file;
}

// Path names in a cached model are those of the run that cached it; use this run's.
void rename_file(deck::CachedDeck& cached, const std::string& file) {
  cached.deck.path = file;
  const auto rename = [&](auto& self, core::Diagnostic& d) -> void {
    if (!d.file.empty()) d.file = file;
    for (auto& note : d.notes) self(self, note);
  };
  for (auto& d : cached.warnings) rename(rename, d);
}

deck::DeckParse parse_or_reuse(const std::string& file, const DeckFile& content,
                               store::DeckCache* cache) {
  if (cache == nullptr) return deck::parse_deck(file, content.text);
  store::DeckFileKey key;
  key.path = fs::absolute(file).lexically_normal().string();
  key.size = static_cast<std::int64_t>(content.text.size());
  key.mtime_ns = content.mtime_ns;
  key.content_hash = core::content_hash(content.text);
  std::optional<deck::CachedDeck> cached;
  cache->find(key, [&](std::string_view model) {
    cached = deck::decode_deck(model);
    return cached.has_value();
  });
  if (cached) {
    rename_file(*cached, file);
    return {std::move(cached->deck), std::move(cached->warnings)};
  }
  deck::DeckParse parse = deck::parse_deck(file, content.text);
  if (parse.deck) cache->put(key, deck::encode_deck(*parse.deck, parse.diagnostics));
  return parse;
}

}  // namespace

bool LoadedDecks::has_errors() const {
  return count(Severity::kError) > 0;
}

std::size_t LoadedDecks::count(Severity severity) const {
  std::size_t total = 0;
  for (const auto& d : diagnostics) total += d.severity == severity ? 1 : 0;
  return total;
}

LoadedDecks load_decks(std::span<const std::string> paths, store::DeckCache* cache) {
  LoadedDecks loaded;
  const std::vector<std::string> files = expand(paths, loaded);
  loaded.files = files.size();
  std::unordered_map<std::string, std::size_t> deck_by_id;  // id -> index in loaded.decks
  for (const auto& file : files) {
    const auto content = read_file(file, loaded);
    if (!content) continue;
    deck::DeckParse parse = parse_or_reuse(file, *content, cache);
    loaded.diagnostics.insert(loaded.diagnostics.end(),
                              std::make_move_iterator(parse.diagnostics.begin()),
                              std::make_move_iterator(parse.diagnostics.end()));
    if (!parse.deck) continue;
    const auto [it, inserted] = deck_by_id.try_emplace(parse.deck->id, loaded.decks.size());
    if (!inserted) {
      const deck::Deck& first = loaded.decks[it->second];
      Diagnostic d = core::make_file_diagnostic(
          Severity::kError, file,
          fmt::format("deck id '{}' is already used by '{}'", parse.deck->id, first.path));
      if (parse.deck->id_given) {
        d.line = parse.deck->id_pos.line;
        d.column = parse.deck->id_pos.column;
      }
      d.notes.push_back(core::make_file_diagnostic(
          Severity::kNote, file,
          "each deck needs its own id; set a different 'id:' in one of them"));
      loaded.diagnostics.push_back(std::move(d));
      continue;
    }
    loaded.decks.push_back(std::move(*parse.deck));
  }
  core::sort_diagnostics(loaded.diagnostics);
  return loaded;
}

}  // namespace quizdeck::cli
