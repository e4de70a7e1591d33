// SPDX-License-Identifier: MIT
#include "cli/files/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "core/exit_code.h"

namespace quizdeck::cli {
namespace {

core::Failure cannot_write(const std::string& path, const std::string& why) {
  return core::fail(ExitCode::kIoError, fmt::format("cannot write '{}': {}", path, why));
}

}  // namespace

core::Expected<void> write_output_file(const std::string& path, std::string_view bytes,
                                       const std::vector<std::string>& inputs,
                                       std::ostream& standard_output) {
  if (path == "-") {
    standard_output << bytes;
    standard_output.flush();
    if (!standard_output) return cannot_write("standard output", "the write failed");
    return {};
  }
  if (path.empty()) return core::fail(ExitCode::kUsage, "the output file name is empty");
  struct stat target {};
  if (::lstat(path.c_str(), &target) == 0) {
    if (S_ISLNK(target.st_mode)) {
      return cannot_write(path,
                          "it is a symbolic link; quizdeck does not write through links "
                          "(name the file itself)");
    }
    if (S_ISDIR(target.st_mode)) return cannot_write(path, "it is a directory");
    if (!S_ISREG(target.st_mode)) {
      return cannot_write(path, "it is not a regular file (a FIFO, socket or device)");
    }
    for (const auto& input : inputs) {
      struct stat read {};
      if (::stat(input.c_str(), &read) == 0 && read.st_dev == target.st_dev &&
          read.st_ino == target.st_ino) {
        return cannot_write(path, fmt::format("it is '{}', which this command reads", input));
      }
    }
  } else if (errno != ENOENT) {
    return cannot_write(path, std::strerror(errno));
  }
  // A temporary file of our own beside the target, then one rename.
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::random_device random;
  std::string temporary;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temporary = (parent / fmt::format(".{}.tmp-{:08x}",
                                      std::filesystem::path(path).filename().string(), random()))
                    .string();
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0 && errno != EEXIST) return cannot_write(path, std::strerror(errno));
  }
  if (fd < 0) return cannot_write(path, "no temporary file could be made beside it");
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temporary.c_str());
      return cannot_write(path, why);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temporary.c_str());
    return cannot_write(path, why);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temporary.c_str());
    return cannot_write(path, why);
  }
  return {};
}

core::Expected<void> write_output_file_in(const std::string& path, std::string_view bytes,
                                          const std::vector<std::string>& inputs,
                                          std::ostream& standard_output) {
  const std::filesystem::path directory = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!directory.empty()) std::filesystem::create_directories(directory, error);
  if (error) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("cannot create '{}': {}", directory.string(), error.message()));
  }
  return write_output_file(path, bytes, inputs, standard_output);
}

}  // namespace quizdeck::cli
