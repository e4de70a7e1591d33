// SPDX-License-Identifier: MIT
#include "cli/files/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <random>

#include <fmt/format.h>

#include "cli/files/output_place.h"
#include "core/exit_code.h"

namespace quizdeck::cli {
namespace {

// One file on its way: its folder (shared with the others in it), its name there, the
// temporary beside it, whether it was there before.
struct Pending {
  std::shared_ptr<const Folder> folder;
  std::string name;
  std::string path;  // as given
  std::string_view bytes;
  std::string temporary;  // empty until made
  bool existed = false;
  bool renamed = false;
};

// Writes `bytes` to a new temporary file of ours in `place`'s folder, synced; its name,
// or the reason it could not be written.
core::Expected<std::string> write_temporary(const Pending& place, std::string_view bytes) {
  std::random_device random;
  std::string name;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    name = fmt::format(".{}.tmp-{:08x}", place.name, random());
    fd = ::openat(place.folder->fd(), name.c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0 && errno != EEXIST) return cannot_write(place.path, std::strerror(errno));
  }
  if (fd < 0) return cannot_write(place.path, "no temporary file could be made beside it");
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlinkat(place.folder->fd(), name.c_str(), 0);
      return cannot_write(place.path, why);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlinkat(place.folder->fd(), name.c_str(), 0);
    return cannot_write(place.path, why);
  }
  return name;
}

// Takes back what a failed write_output_files did: temporaries, files that were not
// there before it, folders it made.
void undo(const std::vector<Pending>& pending, const std::vector<std::string>& made) {
  for (const Pending& file : pending) {
    if (!file.renamed && !file.temporary.empty()) {
      ::unlinkat(file.folder->fd(), file.temporary.c_str(), 0);
    } else if (file.renamed && !file.existed) {
      ::unlinkat(file.folder->fd(), file.name.c_str(), 0);
    }
  }
  remove_made_folders(made);
}

}  // namespace

core::Expected<void> write_output_file(const std::string& path, std::string_view bytes,
                                       const OutputGuard& guard, std::ostream& standard_output) {
  if (path == "-") {
    standard_output << bytes;
    standard_output.flush();
    if (!standard_output) return cannot_write("standard output", "the write failed");
    return {};
  }
  return write_output_files({{path, bytes}}, false, guard);
}

core::Expected<void> write_output_files(const std::vector<OutputFile>& files, bool make_folders,
                                        const OutputGuard& guard) {
  std::vector<std::string> made;
  std::vector<Pending> pending;
  pending.reserve(files.size());
  const auto fail = [&](core::Failure failure) {
    undo(pending, made);
    return failure;
  };
  // Every place looked at before anything is written; each folder opened once.
  std::map<std::string, std::shared_ptr<const Folder>> folders;
  for (const OutputFile& file : files) {
    PlaceName place = place_name(file.path);
    auto& folder = folders[place.folder];
    if (!folder) {
      auto opened = Folder::open(place.folder, file.path, make_folders, &made);
      if (!opened) return fail(opened.error());
      folder = std::make_shared<const Folder>(std::move(*opened));
    }
    if (const auto why = guard.refusal(folder->fd(), place.name)) {
      return fail(cannot_write(file.path, *why));
    }
    pending.push_back({folder, std::move(place.name), file.path, file.bytes, {}, false, false});
  }
  for (Pending& file : pending) {
    auto temporary = write_temporary(file, file.bytes);
    if (!temporary) return fail(temporary.error());
    file.temporary = std::move(*temporary);
  }
  // In place, in order; each place looked at once more just before (a file may have
  // appeared there since).
  for (Pending& file : pending) {
    const int folder = file.folder->fd();
    if (const auto why = guard.refusal(folder, file.name)) {
      return fail(cannot_write(file.path, *why));
    }
    struct stat info {};
    file.existed = ::fstatat(folder, file.name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0;
    if (::renameat(folder, file.temporary.c_str(), folder, file.name.c_str()) != 0) {
      return fail(cannot_write(file.path, std::strerror(errno)));
    }
    file.renamed = true;
  }
  for (const auto& [path, folder] : folders) folder->sync();
  return {};
}

}  // namespace quizdeck::cli
