// SPDX-License-Identifier: MIT
#include "cli/files/journal_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "core/visible.h"
#include "sync/journal.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

core::Failure io_failure(const std::string& path, std::string_view doing) {
  return core::fail(ExitCode::kIoError, fmt::format("cannot {} '{}': {}", doing,
                                                    core::visible(path), std::strerror(errno)));
}

// Closes a descriptor when it goes out of scope.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

// Opens a journal (never through a symbolic link) into `file`, and its size into `info`;
// anything but a regular file is refused.
core::Expected<void> open_journal(const std::string& path, int flags, Descriptor& file,
                                  struct stat& info) {
  file.fd = ::open(path.c_str(), flags | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (file.fd < 0) return io_failure(path, "open the journal");
  if (::fstat(file.fd, &info) != 0) return io_failure(path, "read the journal");
  if (!S_ISREG(info.st_mode)) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("'{}' is not a regular file", core::visible(path)));
  }
  return {};
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

core::Expected<std::vector<std::string>> list_journals(const std::string& dir) {
  std::error_code ec;
  const auto status = fs::status(dir, ec);
  if (!fs::exists(status)) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("the sync folder '{}' does not exist", core::visible(dir)));
  }
  if (!fs::is_directory(status)) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("the sync folder '{}' is not a folder", core::visible(dir)));
  }
  std::vector<std::string> names;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    return core::fail(ExitCode::kIoError, fmt::format("cannot read the sync folder '{}': {}",
                                                      core::visible(dir), ec.message()));
  }
  for (const auto& entry : it) {
    const std::string name = entry.path().filename().string();
    if (!sync::is_journal_name(name)) continue;
    if (!entry.is_regular_file(ec)) continue;  // not a FIFO, a device, a folder
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

core::Expected<void> append_journal(const std::string& path, const std::string& header,
                                    const std::vector<std::string>& lines) {
  Descriptor file;
  struct stat info {};
  if (auto opened = open_journal(path, O_RDWR | O_APPEND | O_CREAT, file, info); !opened) {
    return opened.error();
  }
  std::string bytes;
  const bool fresh = info.st_size == 0;
  if (fresh) {
    bytes += header;
    bytes += '\n';
  } else {
    // A line cut off by a run killed while writing is closed, so what follows is whole.
    char last = '\n';
    if (::pread(file.fd, &last, 1, info.st_size - 1) != 1) {
      return io_failure(path, "read the journal");
    }
    if (last != '\n') bytes += '\n';
  }
  for (const auto& line : lines) {
    bytes += line;
    bytes += '\n';
  }
  if (!write_all(file.fd, bytes)) return io_failure(path, "write the journal");
  if (::fsync(file.fd) != 0) return io_failure(path, "write the journal");
  if (fresh) {
    const fs::path parent = fs::path(path).parent_path();
    Descriptor dir;
    dir.fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir.fd >= 0) ::fsync(dir.fd);
  }
  return {};
}

core::Expected<JournalRead> read_journal(const std::string& path, std::int64_t offset,
                                         std::int64_t first_line, std::size_t max_lines,
                                         std::size_t max_line_bytes,
                                         const std::function<void(const JournalLine&)>& take) {
  Descriptor file;
  struct stat info {};
  if (auto opened = open_journal(path, O_RDONLY | O_NONBLOCK, file, info); !opened) {
    return opened.error();
  }
  JournalRead read;
  read.size = info.st_size;
  read.offset = offset;
  // Bytes read but not yet taken: at most one line (cut at the limit) plus a chunk.
  constexpr std::size_t kChunk = 1 << 20;
  std::string pending;
  bool skipping = false;     // inside a line too long to keep: its bytes are dropped
  std::int64_t at = offset;  // file offset of pending's first byte
  std::vector<char> chunk(kChunk);
  while (static_cast<std::size_t>(read.lines) < max_lines) {
    const ssize_t n = ::pread(file.fd, chunk.data(), chunk.size(),
                              at + static_cast<std::int64_t>(pending.size()));
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_failure(path, "read the journal");
    }
    if (n == 0) break;  // what is left has no newline yet
    pending.append(chunk.data(), static_cast<std::size_t>(n));
    std::size_t start = 0;
    while (static_cast<std::size_t>(read.lines) < max_lines) {
      const std::size_t newline = pending.find('\n', start);
      if (newline == std::string::npos) break;
      std::string_view text(pending.data() + start, newline - start);
      if (!skipping && text.ends_with('\r')) text.remove_suffix(1);
      JournalLine line{text, first_line + read.lines, skipping || text.size() > max_line_bytes};
      if (line.too_long) line.text = text.substr(0, std::min<std::size_t>(text.size(), 80));
      take(line);
      skipping = false;
      ++read.lines;
      start = newline + 1;
      read.offset = at + static_cast<std::int64_t>(start);
    }
    pending.erase(0, start);
    at += static_cast<std::int64_t>(start);
    if (pending.size() > max_line_bytes) {
      // A line past the limit: keep its start (for the message), drop the rest as it comes.
      skipping = true;
      const std::size_t keep = 80;
      at += static_cast<std::int64_t>(pending.size() - keep);
      pending.resize(keep);
    }
  }
  return read;
}

}  // namespace quizdeck::cli
