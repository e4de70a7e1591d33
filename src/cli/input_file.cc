// SPDX-License-Identifier: MIT
#include "cli/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

#include <fmt/format.h>

namespace quizdeck::cli {

core::Expected<std::string> read_input_file(const std::string& path, std::string_view what,
                                            std::uint64_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  struct stat info {};
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
  ::close(fd);
  if (got < 0) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("cannot read '{}': {}", path,
                                  std::error_code(errno, std::generic_category()).message()));
  }
  return text;
}

}  // namespace quizdeck::cli
