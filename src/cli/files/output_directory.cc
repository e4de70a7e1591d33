// SPDX-License-Identifier: MIT
#include "cli/files/output_directory.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>

#include <fmt/format.h>

#include "cli/files/output_place.h"
#include "core/exit_code.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

// "items/q1.xml" as its folder ("items") and its name ("q1.xml").
std::pair<std::string, std::string> split(const std::string& name) {
  const std::size_t slash = name.rfind('/');
  if (slash == std::string::npos) return {"", name};
  return {name.substr(0, slash), name.substr(slash + 1)};
}

bool write_whole(int folder, const std::string& name, const std::string& bytes) {
  const int fd =
      ::openat(folder, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
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

// Whether the entry `name` of `folder` is a directory with nothing in it.
bool empty_directory(int folder, const std::string& name) {
  const int fd = ::openat(folder, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  DIR* listing = ::fdopendir(fd);
  if (listing == nullptr) {
    ::close(fd);
    return false;
  }
  bool empty = true;
  while (const dirent* entry = ::readdir(listing)) {
    const std::string_view seen = entry->d_name;
    if (seen != "." && seen != "..") empty = false;
  }
  ::closedir(listing);
  return empty;
}

}  // namespace

core::Expected<void> write_output_directory(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& files,
    const OutputGuard& guard) {
  if (path.empty()) return core::fail(ExitCode::kUsage, "the output directory name is empty");
  std::vector<std::string> made;
  const auto fail = [&](core::Failure failure) {
    remove_made_folders(made);
    return failure;
  };
  // The folder the target is in, and the target's name there; "." and ".." are the
  // target itself, and the package is made inside it.
  const PlaceName place = place_name(path);
  const bool itself = place.name == "." || place.name == "..";
  auto parent =
      itself ? Folder::open(path, path, false) : Folder::open(place.folder, path, true, &made);
  if (!parent) return fail(parent.error());
  bool exists = itself;
  if (!itself) {
    struct stat info {};
    exists = ::fstatat(parent->fd(), place.name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0;
    if (!exists && errno != ENOENT) return fail(cannot_write(path, std::strerror(errno)));
    if (exists && S_ISLNK(info.st_mode)) {
      return fail(cannot_write(path,
                               "it is a symbolic link; quizdeck does not write through links "
                               "(name the directory itself)"));
    }
    // A file of the store's or one the command reads is named as such; a name the store's
    // files have is refused even as a new directory.
    if (!exists || !S_ISDIR(info.st_mode)) {
      if (const auto why = guard.refusal(parent->fd(), place.name)) {
        return fail(cannot_write(path, *why));
      }
    }
    if (exists && !S_ISDIR(info.st_mode)) return fail(cannot_write(path, "it is not a directory"));
  }
  const bool whole = !exists || (!itself && empty_directory(parent->fd(), place.name));
  // Into a directory with files, each goes in by its own rename: every place (the folders
  // on the way opened without following links) is looked at before anything moves.
  std::optional<Folder> target;
  if (!whole) {
    auto opened =
        itself ? parent->descend("", path, false) : parent->descend(place.name, path, false);
    if (!opened) return fail(opened.error());
    target = std::move(*opened);
    for (const auto& [name, bytes] : files) {
      const auto [folder, leaf] = split(name);
      const std::string shown = target->shown(name);
      auto in = target->descend(folder, shown, true, &made);
      if (!in) return fail(in.error());
      if (const auto why = guard.refusal(in->fd(), leaf)) return fail(cannot_write(shown, *why));
    }
  }
  // The package, written into a fresh folder of ours beside the target (inside it, for
  // "."), made as mkdir would: under the umask.
  const Folder& home = itself ? *target : *parent;
  std::random_device random;
  std::string temporary;
  for (int attempt = 0; attempt < 16 && temporary.empty(); ++attempt) {
    const std::string name =
        fmt::format(".{}.tmp-{:08x}", itself ? "package" : place.name, random());
    if (::mkdirat(home.fd(), name.c_str(), 0777) == 0) {
      temporary = name;
    } else if (errno != EEXIST) {
      return fail(cannot_write(path, std::strerror(errno)));
    }
  }
  if (temporary.empty()) return fail(cannot_write(path, "no temporary folder could be made"));
  const std::string temporary_path = home.shown(temporary);
  const auto fail_and_clean = [&](core::Failure failure) {
    std::error_code ignored;
    fs::remove_all(temporary_path, ignored);
    return fail(std::move(failure));
  };
  auto staging = home.descend(temporary, path, false);
  if (!staging) return fail_and_clean(staging.error());
  // Each folder of the package is opened once (a package of 50,000 items has two).
  std::map<std::string, Folder, std::less<>> opened;
  for (const auto& [name, bytes] : files) {
    const auto [folder, leaf] = split(name);
    auto in = opened.find(folder);
    if (in == opened.end()) {
      auto made_folder = staging->descend(folder, (fs::path(path) / name).string(), true);
      if (!made_folder) return fail_and_clean(made_folder.error());
      in = opened.emplace(folder, std::move(*made_folder)).first;
    }
    if (!write_whole(in->second.fd(), leaf, bytes)) {
      return fail_and_clean(cannot_write((fs::path(path) / name).string(), std::strerror(errno)));
    }
  }
  opened.clear();
  // One sync for every file and directory made (one journal commit, not one per file).
  if (::syncfs(staging->fd()) != 0) {
    return fail_and_clean(cannot_write(path, std::strerror(errno)));
  }
  if (whole) {
    if (::renameat(parent->fd(), temporary.c_str(), parent->fd(), place.name.c_str()) != 0) {
      return fail_and_clean(cannot_write(path, std::strerror(errno)));
    }
    if (!parent->sync()) return cannot_write(path, std::strerror(errno));
    return {};
  }
  std::map<std::string, Folder> touched;
  for (const auto& [name, bytes] : files) {
    const auto [folder, leaf] = split(name);
    const std::string shown = target->shown(name);
    auto in = target->descend(folder, shown, true, &made);
    if (!in) return fail_and_clean(in.error());
    if (const auto why = guard.refusal(in->fd(), leaf)) {
      return fail_and_clean(cannot_write(shown, *why));
    }
    auto from = staging->descend(folder, shown, false);
    if (!from) return fail_and_clean(from.error());
    if (::renameat(from->fd(), leaf.c_str(), in->fd(), leaf.c_str()) != 0) {
      return fail_and_clean(cannot_write(shown, std::strerror(errno)));
    }
    touched.try_emplace(folder, std::move(*in));
  }
  std::error_code ignored;
  fs::remove_all(temporary_path, ignored);
  for (const auto& [name, folder] : touched) {
    if (!folder.sync()) return cannot_write(path, std::strerror(errno));
  }
  return {};
}

}  // namespace quizdeck::cli
