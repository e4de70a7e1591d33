// SPDX-License-Identifier: MIT
// The files around SQLite: what is at a path before SQLite is let near it (so a foreign,
// unreadable or odd file is refused with its real reason and never touched), and the seal
// that lets a store known sound skip the check while nothing else has changed it since.
#pragma once

#include <sys/types.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quizdeck::store {

// A change this close before a check may not have moved the file's times yet (coarse file
// system clocks): such a file is checked again until it is older.
inline constexpr std::int64_t kRacyMarginNs = 2'000'000'000;

struct FileLook {
  enum class Kind {
    kMissing,      // nothing there (the directories leading to it may be missing too)
    kEmpty,        // a regular file of 0 bytes
    kSqlite,       // a regular file starting with SQLite's header
    kNotSqlite,    // a regular file with other bytes
    kDirectory,    //
    kSymlink,      // only when symlinks are not followed
    kNotRegular,   // a FIFO, socket or device
    kDenied,       // the file or a directory on the way cannot be read or searched
    kUnreachable,  // a part of the path is not a directory, or another error
  };
  Kind kind = Kind::kMissing;
  std::string reason;               // kDenied, kUnreachable: the system's words
  mode_t mode = 0;                  // permission bits
  bool owned = false;               // owned by this user
  std::int64_t application_id = 0;  // kSqlite: as the header says
  struct Identity {
    std::int64_t device = 0, inode = 0, size = 0, mtime_ns = 0, ctime_ns = 0;
    bool operator==(const Identity&) const = default;
  } identity;
};

// Looks at `path` without changing anything (reading at most its first 100 bytes, and
// never opening what is not a regular file). Never while this process has SQLite using
// the file: closing any descriptor of a file drops all of the process's POSIX locks on it,
// SQLite's included (use identity_at then).
FileLook look_at(const std::string& path, bool follow_symlinks = true);
// The identity alone, from stat(): safe while SQLite has the file open.
std::optional<FileLook::Identity> identity_at(const std::string& path);

// The seal: "<store>.seal" records the identity of a store file (and that it had no
// write-ahead log) at a moment it was known sound, in one of two ways (store.cc says why
// each is safe): SQLite's quick check found it sound, checked well after its last change;
// or a writer that opened it known sound closed it cleanly, having seen no change to the
// file but its own. A store whose identity is still the sealed one has not been written
// since: its check can be skipped. Any write moves the file's change time, which no
// program can set back, so only a change that leaves size and times alone (a disk's own
// bit rot) would pass unseen.
std::string seal_path(const std::string& store_path);
// Whether the seal vouches for the file as it is now.
bool seal_holds(const std::string& store_path, const FileLook::Identity& now);
// Records that the store, with this identity, was found sound by a check that began at
// `checked_ns` (the wall clock): SQLite's quick check and the schema comparison. Quietly
// does nothing when the directory is read-only or something that is not a seal is in the
// way.
void write_seal(const std::string& store_path, const FileLook::Identity& identity,
                std::int64_t checked_ns);
// Seals a store just closed by a writer that knew it sound from its open to its close, as
// it is now, if no write-ahead log is left. Does nothing on a file system whose times
// keep only whole seconds (another program's change in the same second could not be told
// apart): the next open checks the store instead.
void seal_after_close(const std::string& store_path);
// Removes a seal of ours (damage was met in a store it vouched for).
void break_seal(const std::string& store_path);
// Whether a write-ahead log with content sits beside the store (another process may be
// writing, or one stopped without a clean close).
bool has_live_wal(const std::string& store_path);

// The store's files: the store and, beside it, what is its (SQLite's journals, the seal,
// the deck cache and its journals, the backups made before a migration, and the
// temporary files these are written through). The suffixes of those with fixed names, with
// what each is ("the store's write-ahead log"); `file_of_store` also knows the others.
struct StoreFile {
  const char* suffix;  // after the store's own name: "", "-wal", ".seal", ...
  const char* what;
};
inline constexpr std::array<StoreFile, 9> kStoreFiles{{
    {"", "the store"},
    {"-wal", "the store's write-ahead log"},
    {"-shm", "the store's shared memory"},
    {"-journal", "the store's rollback journal"},
    {".seal", "the store's seal"},
    {".deck-cache", "the deck cache"},
    {".deck-cache-wal", "the deck cache's write-ahead log"},
    {".deck-cache-shm", "the deck cache's shared memory"},
    {".deck-cache-journal", "the deck cache's rollback journal"},
}};
// What the file named `name`, in the store's directory, is to the store named
// `store_name` (its file name without the directory): "the store", "the deck cache", ...;
// nothing when it is not the store's.
std::optional<std::string> file_of_store(std::string_view name, std::string_view store_name);

}  // namespace quizdeck::store
