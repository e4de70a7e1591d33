// SPDX-License-Identifier: MIT
#include "cli/files/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include <fmt/format.h>

namespace quizdeck::cli {

namespace {

// Opens a regular file for reading (a FIFO or a device is refused with the reason).
core::Expected<int> open_regular(const std::string& path, std::string_view what,
                                 struct stat& info) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 || ::fstat(fd, &info) != 0) {
    const std::string reason = std::error_code(errno, std::generic_category()).message();
    if (fd >= 0) ::close(fd);
    return core::fail(ExitCode::kIoError, fmt::format("cannot read '{}': {}", path, reason));
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    return core::fail(
        ExitCode::kIoError,
        fmt::format("'{}' is not a regular file; {} are read from files", path, what));
  }
  // Regular files never block; reads from here on wait as usual.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

core::Failure read_failure(const std::string& path) {
  return core::fail(ExitCode::kIoError,
                    fmt::format("cannot read '{}': {}", path,
                                std::error_code(errno, std::generic_category()).message()));
}

}  // namespace

core::Expected<std::string> read_input_file(const std::string& path, std::string_view what,
                                            std::uint64_t max_bytes) {
  struct stat info {};
  const auto opened = open_regular(path, what, info);
  if (!opened) return opened.error();
  const int fd = *opened;
  if (static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
    ::close(fd);
    return core::fail_in_file(
        ExitCode::kInvalidInput, path,
        fmt::format("the file is over {} MiB; larger {} are refused", max_bytes >> 20, what));
  }
  std::string text;
  char buffer[65536];
  ssize_t got = 0;
  while ((got = ::read(fd, buffer, sizeof buffer)) > 0 && text.size() <= max_bytes) {
    text.append(buffer, static_cast<std::size_t>(got));
  }
  if (got < 0) {
    const auto failure = read_failure(path);
    ::close(fd);
    return failure;
  }
  ::close(fd);
  return text;
}

core::Expected<std::string> read_input_stream(std::istream& in, const std::string& name,
                                              std::string_view what, std::uint64_t max_bytes) {
  std::string text;
  char buffer[65536];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (text.size() + got > max_bytes) {
      return core::fail_in_file(
          ExitCode::kInvalidInput, name,
          fmt::format("the input is over {} MiB; larger {} are refused", max_bytes >> 20, what));
    }
    text.append(buffer, got);
  }
  if (in.bad()) {
    return core::fail(ExitCode::kIoError, fmt::format("cannot read '{}'", name));
  }
  return text;
}

core::Expected<void> read_input_lines(
    const std::string& path, std::string_view what, std::size_t max_line_bytes,
    const std::function<core::Expected<void>(std::string_view line, std::int64_t number)>& take) {
  int fd = STDIN_FILENO;
  if (path != "-") {
    struct stat info {};
    const auto opened = open_regular(path, what, info);
    if (!opened) return opened.error();
    fd = *opened;
  }
  struct Closer {
    int fd;
    ~Closer() {
      if (fd != STDIN_FILENO) ::close(fd);
    }
  } closer{fd};
  std::string line;
  std::int64_t number = 1;
  bool too_long = false;
  const auto finish_line = [&]() -> core::Expected<void> {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto taken = take(line, number);
    line.clear();
    ++number;
    return taken;
  };
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return read_failure(path);
    }
    if (got == 0) break;
    std::string_view chunk(buffer, static_cast<std::size_t>(got));
    while (!chunk.empty()) {
      const std::size_t end = chunk.find('\n');
      std::string_view piece = chunk.substr(0, end);
      if (line.empty() && end != std::string_view::npos && piece.size() <= max_line_bytes) {
        // A whole line in the buffer is taken from there.
        if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
        auto taken = take(piece, number);
        ++number;
        if (!taken) return taken;
        chunk.remove_prefix(end + 1);
        continue;
      }
      if (line.size() + piece.size() > max_line_bytes) too_long = true;
      if (too_long) {
        return core::fail_in_file(ExitCode::kInvalidInput, path,
                                  fmt::format("line {} is longer than {} KiB; {} have short lines",
                                              number, max_line_bytes >> 10, what));
      }
      line.append(piece);
      if (end == std::string_view::npos) break;
      chunk.remove_prefix(end + 1);
      if (auto taken = finish_line(); !taken) return taken;
    }
  }
  if (!line.empty()) return finish_line();
  return {};
}

}  // namespace quizdeck::cli
