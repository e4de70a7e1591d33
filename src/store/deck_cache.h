// SPDX-License-Identifier: MIT
// The parsed-deck cache: a SQLite file beside the store ("<store>.deck-cache") holding,
// per deck file, the checked deck as a small header (the deck, its warnings), an index of
// its cards and chunks of cards (deck/deck_codec.h), each with a hash of its own bytes, read
// only as they are needed, under
// the file's identity: absolute path, device, inode, size, modification and change times,
// and a 128-bit hash of its content.
//
// Freshness: a file whose identity is what the entry recorded, and whose last change
// (ctime) came well before the entry was last checked against its bytes, is taken as
// unchanged without being read: any write to a file moves its ctime, which no program can
// set back (only a clock set back can). Otherwise the file's bytes are hashed; when they
// still match, the entry is used and its identity updated. It is only ever a shortcut: any
// mismatch, damage or error is a miss, and the caller parses the YAML as if there were no
// cache. Deleting the file loses nothing. Beside an entry, commands may keep what they
// found about that content (findings), under the same rules.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_file.h"

namespace quizdeck::store {

struct DeckFileKey {
  std::string path;  // absolute, lexically normal
  std::int64_t device = 0;
  std::int64_t inode = 0;
  std::int64_t size = 0;  // bytes
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
};

class Database;
class Statement;

class DeckCache {
 public:
  // The cache at `path`; nothing is opened or created until it is used.
  explicit DeckCache(std::string path);
  ~DeckCache();
  DeckCache(DeckCache&&) noexcept;
  DeckCache& operator=(DeckCache&&) noexcept;

  const std::string& path() const { return path_; }
  // Why the file at the cache's path is not used (something there is not a cache of ours:
  // it is left alone and every deck is parsed), once that was found.
  const std::optional<std::string>& refusal() const { return refusal_; }

  struct Entry {
    std::string content_hash;
    std::string header;  // its own hash verified
    std::int64_t chunks = 0;
  };

  // The entry of this file, trusted from its identity or confirmed by `hash_file` (called
  // only when needed: the content hash of the file's bytes, or nothing when unreadable).
  // `now_ns` is the wall clock, for the record of when the entry was last confirmed.
  std::optional<Entry> find(const DeckFileKey& key, std::int64_t now_ns,
                            const std::function<std::optional<std::string>()>& hash_file);
  // The card index of the entry for `path` with this content, its own hash verified.
  std::optional<std::string> index(const std::string& path, std::string_view content_hash);
  // Chunk `chunk` of the entry for `path` with this content, its own hash verified.
  std::optional<std::string> chunk(const std::string& path, std::string_view content_hash,
                                   std::int64_t chunk);
  // Stores (or replaces) the entry for `key.path`, creating the cache file when needed,
  // and drops entries whose file is gone. Failures are ignored: returns false.
  bool put(const DeckFileKey& key, std::string_view content_hash, std::int64_t now_ns,
           std::string_view header, std::string_view index, const std::vector<std::string>& chunks);
  // Forgets an entry found damaged.
  void drop(const std::string& path);

  // A command's finding about the deck file with this content (`kind` names it: "check"),
  // kept beside its entry and dropped with it: the caller's own bytes, hash-checked, which
  // say themselves what else they depend on. Nothing on a miss or any error.
  std::optional<std::string> finding(const std::string& path, std::string_view content_hash,
                                     std::string_view kind);
  // Stores (or replaces) it, when the cache holds an entry for that content. Failures are
  // ignored: returns false.
  bool put_finding(const std::string& path, std::string_view content_hash, std::string_view kind,
                   std::string_view bytes);

 private:
  bool open(bool create);
  // Makes or remakes the tables (in one exclusive transaction: parallel processes wait,
  // then find them made). False when the file turns out not to be a cache of ours.
  bool build(Database& db);
  // One hash-checked blob: `sql` selects a hash and the bytes it covers. A miss, a
  // mismatch (damage) or an error is nothing.
  std::optional<std::string> verified_blob(std::string_view sql,
                                           const std::function<void(Statement&)>& bind);
  // Deletes the entry of `path` and its chunks (inside the caller's transaction).
  void remove_entry(const std::string& path);
  std::string path_;
  std::unique_ptr<Database> db_;
  std::optional<std::string> refusal_;
};

}  // namespace quizdeck::store
