// SPDX-License-Identifier: MIT
#include "cli/deck_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <memory>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>

#include "core/hash.h"
#include "core/suggest.h"
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

void add_warning(LoadedDecks& loaded, std::string message) {
  loaded.diagnostics.push_back(
      core::make_file_diagnostic(Severity::kWarning, "", std::move(message)));
}

// Whether `inside` lies within directory `root` (both made canonical).
bool within(const fs::path& root, const fs::path& inside) {
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return false;
  const fs::path target = fs::canonical(inside, ec);
  if (ec) return false;
  const auto [end, rest] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
  return end == base.end();
}

// Deck files under a directory: *.yaml and *.yml, hidden entries left out. Symbolic links
// are not followed out of it: a link to a directory is never entered, a link to a file
// is read only when the file is inside the directory too; each one skipped is named.
void find_decks(const std::string& root, std::vector<std::string>& found, LoadedDecks& loaded) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    std::error_code link_ec;
    if (it->is_symlink(link_ec)) {
      std::error_code target_ec;
      if (fs::is_directory(it->path(), target_ec)) {
        add_warning(loaded, fmt::format("skipped '{}': a symbolic link to a directory (links "
                                        "are not followed out of '{}')",
                                        it->path().string(), root));
        continue;
      }
      if (!is_deck_name(it->path())) continue;
      if (!fs::is_regular_file(it->path(), target_ec) || !within(root, it->path())) {
        add_warning(loaded, fmt::format("skipped '{}': a symbolic link to a file outside '{}'",
                                        it->path().string(), root));
        continue;
      }
      found.push_back(it->path().string());
      continue;
    }
    if (it->is_regular_file(ec) && is_deck_name(it->path())) found.push_back(it->path().string());
  }
  if (ec) add_io_error(loaded, fmt::format("cannot read directory '{}': {}", root, ec.message()));
  if (found.empty() && !ec) {
    loaded.diagnostics.push_back(core::make_file_diagnostic(
        Severity::kError, "", fmt::format("no .yaml or .yml deck files under '{}'", root)));
  }
}

// A deck file beside a missing one whose name is a near miss of it ("decks/crs.yaml" ->
// "decks/crss.yaml"), written the way the missing one was.
std::optional<std::string> near_deck_file(const std::string& missing) {
  const fs::path given(missing);
  const fs::path folder = given.parent_path();
  std::error_code ec;
  // Compared by name without the extension, so ".yaml" does not make far names look near.
  std::vector<std::string> stems;
  std::vector<std::string> names;
  for (auto it = fs::directory_iterator(folder.empty() ? fs::path(".") : folder, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && is_deck_name(it->path())) {
      stems.push_back(it->path().stem().string());
      names.push_back(it->path().filename().string());
    }
  }
  const auto near = core::suggest(given.stem().string(), stems);
  if (!near) return std::nullopt;
  const auto at = std::find(stems.begin(), stems.end(), *near) - stems.begin();
  return (folder / names[static_cast<std::size_t>(at)]).string();
}

std::vector<std::string> expand(std::span<const std::string> paths, LoadedDecks& loaded) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      add_io_error(loaded, fmt::format("cannot open '{}': {}", path,
                                       ec ? ec.message() : "No such file or directory"));
      if (const auto near = near_deck_file(path)) {
        loaded.diagnostics.back().notes.push_back(core::make_file_diagnostic(
            Severity::kNote, "", fmt::format("did you mean '{}'?", *near)));
      }
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<std::string> found;
      find_decks(path, found, loaded);
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
      continue;
    }
    if (!fs::is_regular_file(status)) {
      // A FIFO would block (or be read once and gone), a device could be endless.
      add_io_error(loaded, fmt::format("'{}' is not a regular file (a FIFO, socket or device); "
                                       "decks are read from files",
                                       path));
      continue;
    }
    files.push_back(path);
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
        info_(info),
        regular_(S_ISREG(info.st_mode)) {}
  ~DeckFile() { ::close(fd_); }
  DeckFile(const DeckFile&) = delete;
  DeckFile& operator=(const DeckFile&) = delete;

  std::uintmax_t size() const { return size_; }
  // The file's identity as the cache records it.
  store::DeckFileKey key(std::string absolute_path) const {
    const auto ns = [](const timespec& t) {
      return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
    };
    return {std::move(absolute_path),
            static_cast<std::int64_t>(info_.st_dev),
            static_cast<std::int64_t>(info_.st_ino),
            static_cast<std::int64_t>(info_.st_size),
            ns(info_.st_mtim),
            ns(info_.st_ctim)};
  }
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
  struct stat info_;
  bool regular_;
};

void cannot_read(const std::string& path, LoadedDecks& loaded) {
  add_io_error(loaded, fmt::format("cannot read '{}': {}", path,
                                   std::error_code(errno, std::generic_category()).message()));
}

// Opens a deck file, refusing one over the size limit before reading it.
std::unique_ptr<DeckFile> open_deck(const std::string& path, LoadedDecks& loaded) {
  // O_NONBLOCK: should the file have become a FIFO since it was looked at, opening it does
  // not wait for a writer (and it is refused below).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
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
  if (!S_ISREG(info.st_mode)) {
    add_io_error(loaded, fmt::format("'{}' is not a regular file (a FIFO, socket or device); "
                                     "decks are read from files",
                                     path));
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

// A cached deck's cards, read from the cache as they are asked for: a chunk at a time, and
// the index of ids and tags only when something asks by id or tag (a drill asks the store,
// which knows each card's place in the deck).
class CachedCards : public deck::CardList::Source {
 public:
  CachedCards(std::shared_ptr<store::DeckCache> cache, std::string path, std::string content_hash,
              std::size_t cards)
      : cache_(std::move(cache)),
        path_(std::move(path)),
        content_hash_(std::move(content_hash)),
        cards_(cards) {}
  std::size_t size() const override { return cards_; }
  std::string_view id(std::size_t index) const override { return card_index().id(index); }
  void tags(std::size_t index, std::vector<std::string_view>& out) const override {
    card_index().tags(index, out);
  }
  std::optional<std::size_t> find(std::string_view id) const override {
    return card_index().find(id);
  }
  std::size_t chunk_size() const override { return deck::kChunkCards; }
  std::optional<std::vector<deck::Card>> load_chunk(std::size_t chunk) const override {
    auto bytes = cache_->chunk(path_, content_hash_, static_cast<std::int64_t>(chunk));
    auto cards = bytes ? deck::decode_chunk(*bytes) : std::nullopt;
    // Each piece is sound by its own hash; should the index be read already, the two must
    // agree too.
    for (std::size_t i = 0; cards && index_ && i < cards->size(); ++i) {
      if ((*cards)[i].id != index_->id(chunk * deck::kChunkCards + i)) cards.reset();
    }
    if (!cards) cache_->drop(path_);  // damaged: the next run parses the file again
    return cards;
  }

 private:
  const deck::CardIndex& card_index() const {
    if (!index_) {
      auto bytes = cache_->index(path_, content_hash_);
      index_ = bytes ? deck::decode_index(std::move(*bytes), cards_) : std::nullopt;
      if (!index_) {
        cache_->drop(path_);
        throw deck::CardsUnavailable(
            "the deck cache no longer holds this deck whole (it was damaged or changed while "
            "in use); run the command again and the deck will be read from its file");
      }
    }
    return *index_;
  }

  std::shared_ptr<store::DeckCache> cache_;
  std::string path_;
  std::string content_hash_;
  std::size_t cards_;
  mutable std::optional<deck::CardIndex> index_;
};

std::int64_t wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Diagnostics of a cached deck name the file as the run that cached it did; use this run's.
void rename_file(std::vector<core::Diagnostic>& diagnostics, const std::string& file) {
  const auto rename = [&](auto& self, core::Diagnostic& d) -> void {
    if (!d.file.empty()) d.file = file;
    for (auto& note : d.notes) self(self, note);
  };
  for (auto& d : diagnostics) rename(rename, d);
}

// The deck from the cache when it holds this file unchanged (see store/deck_cache.h), with
// its cards left there until asked for; else parsed (its bytes hashed as they are read,
// with no second copy), and cached when valid.
std::optional<deck::DeckParse> parse_or_reuse(const std::string& file, const DeckFile& content,
                                              const std::shared_ptr<store::DeckCache>& cache,
                                              LoadedDecks& loaded) {
  const bool cached = cache != nullptr && content.regular();
  const store::DeckFileKey key =
      content.key(cached ? fs::absolute(file).lexically_normal().string() : std::string());
  const std::int64_t now_ns = wall_ns();
  if (cached) {
    const auto hash_file = [&]() -> std::optional<std::string> {
      core::ContentHasher hasher;
      if (!content.read_chunks([&](std::string_view chunk) { hasher.update(chunk); })) {
        return std::nullopt;
      }
      return hasher.finish();
    };
    if (auto entry = cache->find(key, now_ns, hash_file)) {
      if (auto header = deck::decode_header(entry->header);
          header && static_cast<std::int64_t>((header->cards + deck::kChunkCards - 1) /
                                              deck::kChunkCards) == entry->chunks) {
        deck::Deck deck = std::move(header->deck);
        deck.path = file;
        deck.content_hash = entry->content_hash;
        deck.cards = deck::CardList(
            std::make_shared<CachedCards>(cache, key.path, entry->content_hash, header->cards));
        rename_file(header->warnings, file);
        return deck::DeckParse{std::move(deck), std::move(header->warnings), std::nullopt};
      }
    }
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(content.size()));
  core::ContentHasher hasher;
  if (!content.read_chunks([&](std::string_view chunk) {
        text += chunk;
        hasher.update(chunk);
      })) {
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
  if (parse.deck) {
    parse.deck->content_hash = hasher.finish();
    if (cached) {
      // The identity read before the bytes: a change since then moved the times, so the
      // next run checks the bytes again.
      const deck::EncodedDeck encoded = deck::encode_deck(*parse.deck, parse.diagnostics);
      cache->put(key, parse.deck->content_hash, now_ns, encoded.header, encoded.index,
                 encoded.chunks);
    }
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

LoadedDecks load_decks(std::span<const std::string> paths,
                       const std::shared_ptr<store::DeckCache>& cache) {
  LoadedDecks loaded;
  const std::vector<std::string> files = expand(paths, loaded);
  loaded.files = files.size();
  std::unordered_map<std::string, std::size_t> deck_by_id;  // id -> index in loaded.decks
  for (const auto& file : files) {
    const auto content = open_deck(file, loaded);
    if (!content) continue;
    auto parsed = parse_or_reuse(file, *content, cache, loaded);
    if (!parsed) continue;
    deck::DeckParse& parse = *parsed;
    loaded.diagnostics.insert(loaded.diagnostics.end(),
                              std::make_move_iterator(parse.diagnostics.begin()),
                              std::make_move_iterator(parse.diagnostics.end()));
    if (!parse.deck) {
      if (parse.rejected) loaded.rejected.push_back(std::move(*parse.rejected));
      continue;
    }
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
