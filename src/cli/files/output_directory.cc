// SPDX-License-Identifier: MIT
#include "cli/files/output_directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "core/exit_code.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

core::Failure cannot_write(const std::string& path, const std::string& why) {
  return core::fail(ExitCode::kIoError, fmt::format("cannot write '{}': {}", path, why));
}

// Why a file of the package may not be put at `path` (nothing when it may).
std::optional<std::string> refusal(const std::string& path,
                                   const std::vector<std::string>& inputs) {
  struct stat target {};
  if (::lstat(path.c_str(), &target) != 0) {
    return errno == ENOENT ? std::nullopt : std::optional<std::string>(std::strerror(errno));
  }
  if (S_ISLNK(target.st_mode)) {
    return "it is a symbolic link; quizdeck does not write through links (name the file itself)";
  }
  if (S_ISDIR(target.st_mode)) return "it is a directory";
  if (!S_ISREG(target.st_mode)) return "it is not a regular file (a FIFO, socket or device)";
  for (const auto& input : inputs) {
    struct stat read {};
    if (::stat(input.c_str(), &read) == 0 && read.st_dev == target.st_dev &&
        read.st_ino == target.st_ino) {
      return fmt::format("it is '{}', which this command reads", input);
    }
  }
  return std::nullopt;
}

// The folder of the package that `name` is in, when it is a symbolic link or not a
// directory: nothing is written through a linked folder (dir/items -> elsewhere).
std::optional<std::pair<std::string, std::string>> folder_refusal(const fs::path& target,
                                                                  const std::string& name) {
  fs::path at = target;
  const fs::path folders = fs::path(name).parent_path();
  for (const auto& part : folders) {
    at /= part;
    struct stat info {};
    if (::lstat(at.c_str(), &info) != 0) {
      if (errno == ENOENT) return std::nullopt;
      return std::pair(at.string(), std::string(std::strerror(errno)));
    }
    if (S_ISLNK(info.st_mode)) {
      return std::pair(at.string(),
                       std::string("it is a symbolic link; quizdeck does not write through "
                                   "links (make it a directory of the package's own)"));
    }
    if (!S_ISDIR(info.st_mode)) return std::pair(at.string(), std::string("it is not a directory"));
  }
  return std::nullopt;
}

bool write_whole(const std::string& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd < 0) return false;
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      errno = error;
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0;
}

bool sync_directory(const fs::path& directory) {
  const int fd =
      ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
}

bool empty_directory(const fs::path& path) {
  std::error_code error;
  return fs::is_empty(path, error) && !error;
}

}  // namespace

core::Expected<void> write_output_directory(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& files,
    const std::vector<std::string>& inputs) {
  fs::path target = fs::path(path).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "DIR/"
  if (target.empty()) return core::fail(ExitCode::kUsage, "the output directory name is empty");
  struct stat info {};
  const bool exists = ::lstat(target.c_str(), &info) == 0;
  if (!exists && errno != ENOENT) return cannot_write(path, std::strerror(errno));
  if (exists && S_ISLNK(info.st_mode)) {
    return cannot_write(path,
                        "it is a symbolic link; quizdeck does not write through links (name the "
                        "directory itself)");
  }
  if (exists && !S_ISDIR(info.st_mode)) return cannot_write(path, "it is not a directory");
  const fs::path parent = target.parent_path();
  std::error_code error;
  if (!parent.empty()) fs::create_directories(parent, error);
  if (error) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("cannot create '{}': {}", parent.string(), error.message()));
  }
  // Into an existing directory with files, each file goes in by its own rename: every
  // place is looked at before anything moves.
  const bool whole = !exists || empty_directory(target);
  if (!whole) {
    for (const auto& [name, bytes] : files) {
      if (const auto folder = folder_refusal(target, name)) {
        return cannot_write(folder->first, folder->second);
      }
      const std::string place = (target / name).string();
      if (const auto why = refusal(place, inputs)) return cannot_write(place, *why);
    }
  }
  std::string temporary =
      (parent / fmt::format(".{}.tmp-XXXXXX", target.filename().string())).string();
  if (::mkdtemp(temporary.data()) == nullptr) return cannot_write(path, std::strerror(errno));
  const auto fail = [&](const std::string& where, const std::string& why) {
    std::error_code ignored;
    fs::remove_all(temporary, ignored);
    return cannot_write(where, why);
  };
  // mkdtemp makes it 0700: as mkdir would have, under the umask.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(temporary.c_str(), 0777 & ~mask);
  for (const auto& [name, bytes] : files) {
    const fs::path file = fs::path(temporary) / name;
    fs::create_directories(file.parent_path(), error);
    if (error) return fail((target / name).string(), error.message());
    if (!write_whole(file.string(), bytes))
      return fail((target / name).string(), std::strerror(errno));
  }
  // One sync for every file and directory made (one journal commit, not one per file).
  const int fd = ::open(temporary.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::syncfs(fd) == 0;
  const int sync_error = errno;
  if (fd >= 0) ::close(fd);
  if (!synced) return fail(path, std::strerror(sync_error));
  if (whole) {
    if (std::rename(temporary.c_str(), target.c_str()) != 0)
      return fail(path, std::strerror(errno));
    if (!sync_directory(parent)) return cannot_write(path, std::strerror(errno));
    return {};
  }
  std::set<fs::path> touched;
  for (const auto& [name, bytes] : files) {
    const fs::path place = target / name;
    if (const auto folder = folder_refusal(target, name)) {
      return fail(folder->first, folder->second);
    }
    fs::create_directories(place.parent_path(), error);
    if (error) return fail(place.string(), error.message());
    if (const auto why = refusal(place.string(), inputs)) return fail(place.string(), *why);
    if (std::rename((fs::path(temporary) / name).c_str(), place.c_str()) != 0) {
      return fail(place.string(), std::strerror(errno));
    }
    touched.insert(place.parent_path());
  }
  std::error_code ignored;
  fs::remove_all(temporary, ignored);
  for (const auto& directory : touched) {
    if (!sync_directory(directory)) return cannot_write(path, std::strerror(errno));
  }
  return {};
}

}  // namespace quizdeck::cli
