// SPDX-License-Identifier: MIT
#include "cli/files/output_place.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace quizdeck::cli {
namespace {

int open_folder_at(int from, const char* name) {
  return ::openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

}  // namespace

core::Failure cannot_write(const std::string& path, const std::string& why) {
  return core::fail(ExitCode::kIoError, fmt::format("cannot write '{}': {}", path, why));
}

core::Expected<Folder> Folder::open(const std::string& path, const std::string& output, bool make,
                                    std::vector<std::string>* made) {
  const bool absolute = path.starts_with('/');
  const int fd = ::open(absolute ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return cannot_write(output, std::strerror(errno));
  const Folder start(fd, absolute ? "/" : "");
  return start.descend(path, output, make, made);
}

core::Expected<Folder> Folder::descend(std::string_view relative, const std::string& output,
                                       bool make, std::vector<std::string>* made) const {
  int current = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);
  if (current < 0) return cannot_write(output, std::strerror(errno));
  std::string shown_path = path_;
  while (!relative.empty()) {
    const std::size_t slash = relative.find('/');
    const std::string name(relative.substr(0, slash));
    relative.remove_prefix(slash == std::string_view::npos ? relative.size() : slash + 1);
    if (name.empty() || name == ".") continue;
    shown_path = shown_path.empty() || shown_path.ends_with('/') ? shown_path + name
                                                                 : shown_path + "/" + name;
    int next = open_folder_at(current, name.c_str());
    if (next < 0 && errno == ENOENT && make) {
      if (::mkdirat(current, name.c_str(), 0777) == 0) {
        if (made != nullptr) made->push_back(shown_path);
      } else if (errno != EEXIST) {
        const int error = errno;
        ::close(current);
        return cannot_write(output, std::strerror(error));
      }
      next = open_folder_at(current, name.c_str());
    }
    if (next < 0) {
      const int error = errno;
      struct stat info {};
      const bool link = ::fstatat(current, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 &&
                        S_ISLNK(info.st_mode);
      ::close(current);
      if (link) {
        return cannot_write(output, fmt::format("'{}' is a symbolic link; quizdeck does not "
                                                "write through links (name the folder itself)",
                                                shown_path));
      }
      if (error == ENOTDIR) {
        return cannot_write(output, fmt::format("'{}' is not a folder", shown_path));
      }
      return cannot_write(output, std::strerror(error));
    }
    ::close(current);
    current = next;
  }
  return Folder(current, shown_path);
}

Folder::Folder(Folder&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) {
  other.fd_ = -1;
}

Folder& Folder::operator=(Folder&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    other.fd_ = -1;
  }
  return *this;
}

Folder::~Folder() {
  if (fd_ >= 0) ::close(fd_);
}

std::string Folder::shown(std::string_view name) const {
  if (path_.empty()) return std::string(name);
  return path_.ends_with('/') ? path_ + std::string(name) : path_ + "/" + std::string(name);
}

bool Folder::sync() const {
  return ::fsync(fd_) == 0;
}

PlaceName place_name(const std::string& path) {
  std::string_view folder = path;
  while (folder.size() > 1 && folder.ends_with('/')) folder.remove_suffix(1);
  const std::size_t slash = folder.rfind('/');
  std::string name(slash == std::string_view::npos ? folder : folder.substr(slash + 1));
  folder = slash == std::string_view::npos ? std::string_view() : folder.substr(0, slash + 1);
  if (name.empty()) name = ".";  // "/"
  return {std::string(folder), std::move(name)};
}

void remove_made_folders(const std::vector<std::string>& made) {
  for (auto it = made.rbegin(); it != made.rend(); ++it) ::rmdir(it->c_str());
}

}  // namespace quizdeck::cli
