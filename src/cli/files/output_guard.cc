// SPDX-License-Identifier: MIT
#include "cli/files/output_guard.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "store/store_file.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

bool same_file(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// The folder a path names its file in ("" for the working directory), and the file's
// name there.
std::pair<std::string, std::string> split_path(const std::string& path) {
  const fs::path p(path);
  return {p.parent_path().string(), p.filename().string()};
}

// Whether the open folder `folder` is `tree` or lies below it (its parents looked up one
// by one, to the root).
bool inside(int folder, const struct stat& tree) {
  int current = ::fcntl(folder, F_DUPFD_CLOEXEC, 0);
  bool found = false;
  for (int depth = 0; current >= 0 && depth < PATH_MAX / 2 && !found; ++depth) {
    struct stat here {};
    if (::fstat(current, &here) != 0) break;
    found = same_file(here, tree);
    const int parent = ::openat(current, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat above {};
    const bool root = parent < 0 || ::fstat(parent, &above) != 0 || same_file(above, here);
    ::close(current);
    current = parent;
    if (root) break;
  }
  if (current >= 0) ::close(current);
  return found;
}

}  // namespace

void OutputGuard::protect_store(const std::string& path) {
  if (path.empty()) return;
  stores_.push_back(path);
  // SQLite keeps its journals beside the file a link points to: there too.
  char real[PATH_MAX];
  if (::realpath(path.c_str(), real) != nullptr && path != real) stores_.emplace_back(real);
}

void OutputGuard::protect(const std::string& path) {
  if (!path.empty() && path != "-") files_.push_back(path);
}

void OutputGuard::protect_lazily(std::function<std::vector<std::string>()> paths) {
  lazy_.push_back(std::move(paths));
}

void OutputGuard::protect_tree(const std::string& folder) {
  trees_.push_back(folder);
}

std::optional<std::string> OutputGuard::refusal(int folder, const std::string& name) const {
  struct stat here {};
  if (::fstat(folder, &here) != 0) return std::string(std::strerror(errno));
  // The store's files by name, whether they exist yet or not.
  for (const std::string& store : stores_) {
    const auto [store_folder, store_name] = split_path(store);
    struct stat beside {};
    if (::stat(store_folder.empty() ? "." : store_folder.c_str(), &beside) != 0 ||
        !same_file(beside, here)) {
      continue;
    }
    if (const auto what = store::file_of_store(name, store_name)) {
      return fmt::format("it is {} '{}'", *what, (fs::path(store_folder) / name).string());
    }
  }
  struct stat target {};
  if (::fstatat(folder, name.c_str(), &target, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return std::nullopt;
    return std::string(std::strerror(errno));
  }
  if (S_ISLNK(target.st_mode)) {
    return std::string(
        "it is a symbolic link; quizdeck does not write through links (name the file itself)");
  }
  if (S_ISDIR(target.st_mode)) return std::string("it is a directory");
  if (!S_ISREG(target.st_mode)) {
    return std::string("it is not a regular file (a FIFO, socket or device)");
  }
  // Whatever name reaches them: the store's files by identity,
  for (const std::string& store : stores_) {
    for (const store::StoreFile& file : store::kStoreFiles) {
      const std::string path = store + file.suffix;
      struct stat info {};
      if (::stat(path.c_str(), &info) == 0 && same_file(info, target)) {
        return fmt::format("it is {} '{}'", file.what, path);
      }
    }
  }
  // and what the command reads.
  const auto read = [&](const std::string& path) -> std::optional<std::string> {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && same_file(info, target)) {
      return fmt::format("it is '{}', which this command reads", path);
    }
    return std::nullopt;
  };
  for (const std::string& path : files_) {
    if (auto why = read(path)) return why;
  }
  for (const auto& paths : lazy_) {
    for (const std::string& path : paths()) {
      if (auto why = read(path)) return why;
    }
  }
  for (const std::string& tree : trees_) {
    struct stat info {};
    if (::stat(tree.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && inside(folder, info)) {
      return fmt::format("it is in '{}', which this command reads", tree);
    }
  }
  return std::nullopt;
}

}  // namespace quizdeck::cli
