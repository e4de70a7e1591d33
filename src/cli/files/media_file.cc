// SPDX-License-Identifier: MIT
#include "cli/files/media_file.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace quizdeck::cli {

namespace fs = std::filesystem;

core::Expected<std::string> media_file(const std::string& deck_path, const std::string& relative) {
  const auto fail = [](std::string_view why) {
    return core::fail(ExitCode::kInvalidInput, std::string(why));
  };
  if (relative.empty() || fs::path(relative).is_absolute()) {
    return fail("is not a path relative to the deck file");
  }
  std::error_code error;
  const fs::path deck = fs::path(deck_path).parent_path();
  const fs::path directory = fs::canonical(deck.empty() ? fs::path(".") : deck, error);
  if (error) return fail("cannot be looked up: the deck's directory cannot be read");
  const fs::path wanted = directory / relative;
  if (!fs::exists(fs::symlink_status(wanted, error))) return fail("does not exist");
  const fs::path real = fs::canonical(wanted, error);
  if (error) return fail("does not exist");
  // Inside: the directory is a prefix of the real path, part by part.
  const auto [mismatch, _] =
      std::mismatch(directory.begin(), directory.end(), real.begin(), real.end());
  if (mismatch != directory.end()) return fail("is outside the deck's directory");
  if (!fs::is_regular_file(real, error)) return fail("is not a file");
  return real.string();
}

void play_media(const std::string& command, const std::string& file) {
  // Twice forked, so the player is nobody's child to wait for.
  const pid_t child = ::fork();
  if (child < 0) return;
  if (child == 0) {
    ::setsid();
    if (::fork() != 0) ::_exit(0);
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
      ::dup2(null, STDIN_FILENO);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
    }
    const std::string script = command + " \"$1\"";
    ::execl("/bin/sh", "sh", "-c", script.c_str(), "quizdeck-audio", file.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
}

}  // namespace quizdeck::cli
