// SPDX-License-Identifier: MIT
#include "store/store_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace quizdeck::store {
namespace {

constexpr std::string_view kSealTag = "quizdeck-seal 1";

std::int64_t nanoseconds(const timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

FileLook::Identity identity_of(const struct stat& info) {
  FileLook::Identity id;
  id.device = static_cast<std::int64_t>(info.st_dev);
  id.inode = static_cast<std::int64_t>(info.st_ino);
  id.size = static_cast<std::int64_t>(info.st_size);
  id.mtime_ns = nanoseconds(info.st_mtim);
  id.ctime_ns = nanoseconds(info.st_ctim);
  return id;
}

FileLook failed(int error) {
  FileLook look;
  if (error == ENOENT) return look;  // kMissing
  look.kind =
      error == EACCES || error == EPERM ? FileLook::Kind::kDenied : FileLook::Kind::kUnreachable;
  look.reason = std::strerror(error);
  return look;
}

}  // namespace

FileLook look_at(const std::string& path, bool follow_symlinks) {
  struct stat info {};
  if ((follow_symlinks ? ::stat(path.c_str(), &info) : ::lstat(path.c_str(), &info)) != 0) {
    return failed(errno);
  }
  FileLook look;
  look.mode = info.st_mode & 07777;
  look.owned = info.st_uid == ::geteuid();
  look.identity = identity_of(info);
  if (S_ISDIR(info.st_mode)) {
    look.kind = FileLook::Kind::kDirectory;
    return look;
  }
  if (S_ISLNK(info.st_mode)) {
    look.kind = FileLook::Kind::kSymlink;
    return look;
  }
  if (!S_ISREG(info.st_mode)) {
    look.kind = FileLook::Kind::kNotRegular;
    return look;
  }
  // O_NONBLOCK: should the file be swapped for a FIFO since the stat, opening it does
  // not wait for a writer.
  const int fd =
      ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | (follow_symlinks ? 0 : O_NOFOLLOW));
  if (fd < 0) return failed(errno);
  struct stat opened {};
  unsigned char header[100] = {};
  ssize_t got = -1;
  if (::fstat(fd, &opened) == 0 && S_ISREG(opened.st_mode)) {
    got = ::pread(fd, header, sizeof header, 0);
  }
  const int read_error = errno;
  ::close(fd);
  if (!S_ISREG(opened.st_mode)) {
    look.kind = FileLook::Kind::kNotRegular;
    return look;
  }
  if (got < 0) return failed(read_error);
  look.identity = identity_of(opened);
  if (got == 0) {
    look.kind = FileLook::Kind::kEmpty;
  } else if (got >= 16 && std::memcmp(header, "SQLite format 3", 16) == 0) {
    look.kind = FileLook::Kind::kSqlite;
    if (got >= 72) {
      look.application_id = (std::int64_t{header[68]} << 24) | (std::int64_t{header[69]} << 16) |
                            (std::int64_t{header[70]} << 8) | std::int64_t{header[71]};
    }
  } else {
    look.kind = FileLook::Kind::kNotSqlite;
  }
  return look;
}

std::optional<FileLook::Identity> identity_at(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return identity_of(info);
}

std::string seal_path(const std::string& store_path) {
  return store_path + ".seal";
}

bool has_live_wal(const std::string& store_path) {
  struct stat info {};
  return ::stat((store_path + "-wal").c_str(), &info) == 0 && info.st_size > 0;
}

namespace {

// What a seal says: the identity, the time it was checked, and how it was known sound.
struct Seal {
  FileLook::Identity identity;
  std::int64_t checked_ns = 0;
  bool at_close = false;  // "closed": sealed by a writer's clean close, not by a check
  // "schema": the schema was compared too (earlier builds of quizdeck sealed a store after its
  // quick check even when the schema comparison then refused it).
  bool schema = false;
};

std::optional<Seal> read_seal(const std::string& store_path) {
  const FileLook look = look_at(seal_path(store_path), false);
  if (look.kind != FileLook::Kind::kNotSqlite || look.identity.size > 512) return std::nullopt;
  std::ifstream in(seal_path(store_path));
  std::string tag;
  if (!std::getline(in, tag) || tag != kSealTag) return std::nullopt;
  Seal seal;
  if (!(in >> seal.identity.device >> seal.identity.inode >> seal.identity.size >>
        seal.identity.mtime_ns >> seal.identity.ctime_ns >> seal.checked_ns)) {
    return std::nullopt;
  }
  // More words, which a quizdeck that does not know them ignores: "closed" (one that
  // does not know it finds the store changed too recently and checks it: the safe side)
  // and "schema".
  std::string word;
  while (in >> word) {
    seal.at_close = seal.at_close || word == "closed";
    seal.schema = seal.schema || word == "schema";
  }
  return seal;
}

bool is_our_seal_or_nothing(const std::string& path) {
  const FileLook existing = look_at(path, false);
  if (existing.kind == FileLook::Kind::kMissing) return true;
  // Only a seal of ours is replaced or removed.
  if (existing.kind != FileLook::Kind::kNotSqlite || !existing.owned) return false;
  std::ifstream in(path);
  std::string tag;
  return std::getline(in, tag) && tag == kSealTag;
}

void put_seal(const std::string& store_path, const Seal& seal) {
  const std::string path = seal_path(store_path);
  if (!is_our_seal_or_nothing(path)) return;
  const FileLook::Identity& identity = seal.identity;
  const std::string text =
      fmt::format("{}\n{} {} {} {} {} {}{}{}\n", kSealTag, identity.device, identity.inode,
                  identity.size, identity.mtime_ns, identity.ctime_ns, seal.checked_ns,
                  seal.at_close ? " closed" : "", seal.schema ? " schema" : "");
  const std::string temporary = fmt::format("{}.tmp-{}", path, ::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return;
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
  }
}

}  // namespace

bool seal_holds(const std::string& store_path, const FileLook::Identity& now) {
  const auto seal = read_seal(store_path);
  if (!seal || !seal->schema || seal->identity != now || has_live_wal(store_path)) return false;
  // A checked seal vouches for what the check read: a change in the same tick of a coarse
  // clock as one before the check would not show in the times, so the file must have been
  // left alone a while before it. A seal made at close needs no such margin: it vouches for
  // the file as the writer left it, and what changes it after shows (see store.cc).
  return seal->at_close || (now.ctime_ns + kRacyMarginNs < seal->checked_ns &&
                            now.mtime_ns + kRacyMarginNs < seal->checked_ns);
}

void write_seal(const std::string& store_path, const FileLook::Identity& identity,
                std::int64_t checked_ns) {
  put_seal(store_path, {identity, checked_ns, false, true});
}

void seal_after_close(const std::string& store_path) {
  const auto identity = identity_at(store_path);
  if (!identity || has_live_wal(store_path)) return;
  // Times in whole seconds (FAT keeps two): another program's change in the same second
  // as ours would leave them as they are. Nanoseconds that are all zero in both times
  // say so (on a file system with finer times that happens once in a billion closes, and
  // costs one check).
  if (identity->mtime_ns % 1'000'000'000 == 0 && identity->ctime_ns % 1'000'000'000 == 0) return;
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  put_seal(
      store_path,
      {*identity, static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec, true, true});
}

void break_seal(const std::string& store_path) {
  const std::string path = seal_path(store_path);
  if (look_at(path, false).kind != FileLook::Kind::kMissing && is_our_seal_or_nothing(path)) {
    ::unlink(path.c_str());
  }
}

std::optional<std::string> file_of_store(std::string_view name, std::string_view store_name) {
  if (store_name.empty() || !name.starts_with(store_name)) return std::nullopt;
  const std::string_view rest = name.substr(store_name.size());
  for (const StoreFile& file : kStoreFiles) {
    if (rest == file.suffix) return std::string(file.what);
  }
  // Names with a number in them: "<store>.bak-v5" (and the copy it is made through,
  // "<store>.bak-v5.tmp-PID"), the seal's "<store>.seal.tmp-PID".
  if (rest.starts_with(".bak-v")) return std::string("a backup of the store");
  if (rest.starts_with(".seal.tmp-")) return std::string("the store's seal");
  return std::nullopt;
}

}  // namespace quizdeck::store
