// SPDX-License-Identifier: MIT
#include "support/tmux.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace quizdeck::test {

namespace fs = std::filesystem;

bool have_tmux() {
  return run_process({"/usr/bin/env", "tmux", "-V"}).exit_code == 0;
}

TestDir::TestDir() {
  static int made = 0;
  path = fs::temp_directory_path() /
         ("quizdeck-tmux-" + std::to_string(::getpid()) + "-" + std::to_string(made++));
  fs::remove_all(path);
  fs::create_directories(path);
}

TestDir::~TestDir() {
  fs::remove_all(path);
}

Tmux::Tmux(const fs::path& dir, const std::string& command, int width, int height)
    : socket_("quizdeck-test-" + std::to_string(::getpid())),
      dir_(dir),
      width_(width),
      height_(height) {
  start(command);
}

Tmux::~Tmux() {
  run({"kill-server"});
}

void Tmux::start(const std::string& command) {
  run({"kill-server"});
  const std::string script =
      "cd " + dir_.string() + " && TZ=UTC NO_COLOR=1 " + command + "; echo \"[exit $?]\"; sleep 60";
  // A server just told to exit may still hold the socket: try again until a new one
  // starts the session.
  for (int attempt = 0; attempt < 40; ++attempt) {
    if (run({"new-session", "-d", "-s", "t", "-x", std::to_string(width_), "-y",
             std::to_string(height_), script})
            .exit_code == 0) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL_CHECK("tmux could not start a session");
}

void Tmux::keys(const std::string& keys, bool literal) {
  if (literal) {
    run({"send-keys", "-t", "t", "-l", keys});
  } else {
    run({"send-keys", "-t", "t", keys});
  }
}

int Tmux::pane_pid() {
  return std::stoi(run({"display-message", "-p", "-t", "t", "#{pane_pid}"}).out);
}

void Tmux::close() {
  run({"kill-server"});
}

std::string Tmux::screen() {
  return run({"capture-pane", "-p", "-t", "t"}).out;
}

std::string Tmux::title() {
  std::string out = run({"display-message", "-p", "-t", "t", "#{pane_title}"}).out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string Tmux::wait_for(const std::string& text) {
  std::string shown;
  for (int i = 0; i < 200; ++i) {
    shown = screen();
    if (shown.find(text) != std::string::npos) return shown;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL_CHECK("the screen never showed: ", text, "\n--- screen ---\n", shown);
  return shown;
}

ProcessResult Tmux::run(std::vector<std::string> args) {
  args.insert(args.begin(), {"/usr/bin/env", "tmux", "-L", socket_});
  return run_process(args);
}

}  // namespace quizdeck::test
