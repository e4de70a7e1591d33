// SPDX-License-Identifier: MIT
// The parsed-deck cache: a SQLite file beside the store ("<store>.deck-cache") holding,
// per deck file, the checked deck model as bytes (deck/deck_codec.h), and its outline
// (what statistics need, a fraction of the size), under the file's absolute path, size,
// modification time and content hash, plus a hash of each blob's bytes. It is only ever a shortcut:
// any mismatch, damage or error is a miss, and the caller parses the YAML as if there were no
// cache. Deleting the file loses nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace quizdeck::store {

struct DeckFileKey {
  std::string path;       // absolute, lexically normal
  std::int64_t size = 0;  // bytes
  std::int64_t mtime_ns = 0;
  std::string content_hash;  // core::content_hash of the file's bytes
};

class Database;

class DeckCache {
 public:
  // The cache at `path`; nothing is opened or created until it is used.
  explicit DeckCache(std::string path);
  ~DeckCache();
  DeckCache(DeckCache&&) noexcept;
  DeckCache& operator=(DeckCache&&) noexcept;

  const std::string& path() const { return path_; }

  enum class Part { kModel, kOutline };

  // Hands the cached model (or outline) of exactly this file (every key field equal, the
  // bytes' own hash verified) to `use`, without copying it, and returns what `use`
  // returned; false when there is no such entry or the cache cannot be read.
  bool find(const DeckFileKey& key, Part part, const std::function<bool(std::string_view)>& use);
  // The same, copied out (for tests).
  std::optional<std::string> find(const DeckFileKey& key, Part part = Part::kModel);
  // Stores (or replaces) the entry for `key.path`, creating the cache file when needed,
  // and drops entries whose file is gone. Failures are ignored: returns false.
  bool put(const DeckFileKey& key, std::string_view model, std::string_view outline);

 private:
  bool open(bool create);
  std::string path_;
  std::unique_ptr<Database> db_;
};

}  // namespace quizdeck::store
