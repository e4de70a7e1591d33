// SPDX-License-Identifier: MIT
#include "cli/deck_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>
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

// An open deck file: its descriptor (closed with it), size and modification time.
class DeckFile {
 public:
  DeckFile(int fd, const struct stat& info)
      : fd_(fd),
        size_(static_cast<std::uintmax_t>(info.st_size)),
        mtime_ns_(static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                  info.st_mtim.tv_nsec),
        regular_(S_ISREG(info.st_mode)) {}
  ~DeckFile() { ::close(fd_); }
  DeckFile(const DeckFile&) = delete;
  DeckFile& operator=(const DeckFile&) = delete;

  std::uintmax_t size() const { return size_; }
  std::int64_t mtime_ns() const { return mtime_ns_; }
  // A regular file can be read twice (hashed, then parsed); a pipe (`check /dev/stdin`)
  // only once, so it is never cached.
  bool regular() const { return regular_; }

  // Calls `use` with the file's bytes from the start, a chunk at a time, up to the size
  // limit and past st_size (a file may grow while it is read). False on a read error.
  template <typename Use>
  bool read_chunks(Use&& use) const {
    std::string buffer(256 * 1024, '\0');
    std::uintmax_t offset = 0;
    while (offset <= kMaxDeckBytes) {
      const ssize_t got =
          regular_ ? ::pread(fd_, buffer.data(), buffer.size(), static_cast<off_t>(offset))
                   : ::read(fd_, buffer.data(), buffer.size());
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) return false;
      if (got == 0) return true;
      use(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
      offset += static_cast<std::uintmax_t>(got);
    }
    return true;
  }

 private:
  int fd_;
  std::uintmax_t size_;
  std::int64_t mtime_ns_;
  bool regular_;
};

void cannot_read(const std::string& path, LoadedDecks& loaded) {
  add_io_error(loaded, fmt::format("cannot read '{}': {}", path,
                                   std::error_code(errno, std::generic_category()).message()));
}

// Opens a deck file, refusing one over the size limit before reading it.
std::unique_ptr<DeckFile> open_deck(const std::string& path, LoadedDecks& loaded) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    cannot_read(path, loaded);
    return nullptr;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    cannot_read(path, loaded);
    ::close(fd);
    return nullptr;
  }
  auto file = std::make_unique<DeckFile>(fd, info);
  if (file->size() > kMaxDeckBytes) {
    loaded.diagnostics.push_back(core::make_file_diagnostic(
        Severity::kError, path,
        fmt::format("the deck is {} MiB; decks larger than {} MiB are refused",
                    (file->size() + (1 << 20) - 1) >> 20, kMaxDeckBytes >> 20)));
    return nullptr;
  }
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

// The deck from the cache when it holds these exact bytes (hashed as they are read, with
// no copy of the file kept); else parsed, and cached when valid.
std::optional<deck::DeckParse> parse_or_reuse(const std::string& file, const DeckFile& content,
                                              store::DeckCache* cache, deck::Detail detail,
                                              LoadedDecks& loaded) {
  store::DeckFileKey key;
  if (!content.regular()) cache = nullptr;
  if (cache != nullptr) {
    key.path = fs::absolute(file).lexically_normal().string();
    key.mtime_ns = content.mtime_ns();
    core::ContentHasher hasher;
    std::int64_t size = 0;
    if (content.read_chunks([&](std::string_view chunk) {
          hasher.update(chunk);
          size += static_cast<std::int64_t>(chunk.size());
        })) {
      key.size = size;
      key.content_hash = hasher.finish();
      std::optional<deck::CachedDeck> cached;
      const auto part = detail == deck::Detail::kFull ? store::DeckCache::Part::kModel
                                                      : store::DeckCache::Part::kOutline;
      cache->find(key, part, [&](std::string_view model) {
        cached = deck::decode_deck(model, detail);
        return cached.has_value();
      });
      if (cached) {
        rename_file(*cached, file);
        return deck::DeckParse{std::move(cached->deck), std::move(cached->warnings)};
      }
    }
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(content.size()));
  if (!content.read_chunks([&](std::string_view chunk) { text += chunk; })) {
    cannot_read(file, loaded);
    return std::nullopt;
  }
  if (text.size() > kMaxDeckBytes) {  // it grew past the limit while being read
    loaded.diagnostics.push_back(core::make_file_diagnostic(
        Severity::kError, file,
        fmt::format("the deck is over {} MiB; decks larger than that are refused",
                    kMaxDeckBytes >> 20)));
    return std::nullopt;
  }
  deck::DeckParse parse = deck::parse_deck(file, text);
  if (cache != nullptr && parse.deck) {
    // The key describes the bytes parsed, even if the file changed since it was hashed.
    key.size = static_cast<std::int64_t>(text.size());
    key.content_hash = core::content_hash(text);
    cache->put(key, deck::encode_deck(*parse.deck, parse.diagnostics),
               deck::encode_deck(*parse.deck, parse.diagnostics, deck::Detail::kOutline));
  }
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

LoadedDecks load_decks(std::span<const std::string> paths, store::DeckCache* cache,
                       deck::Detail detail) {
  LoadedDecks loaded;
  const std::vector<std::string> files = expand(paths, loaded);
  loaded.files = files.size();
  std::unordered_map<std::string, std::size_t> deck_by_id;  // id -> index in loaded.decks
  for (const auto& file : files) {
    const auto content = open_deck(file, loaded);
    if (!content) continue;
    auto parsed = parse_or_reuse(file, *content, cache, detail, loaded);
    if (!parsed) continue;
    deck::DeckParse& parse = *parsed;
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
