// SPDX-License-Identifier: MIT
#include "support/tmux.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>
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
  // Never throws (a destructor): a process still finishing in the folder may race it.
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::error_code error;
    fs::remove_all(path, error);
    if (!error) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

Tmux::Tmux(const fs::path& dir, const std::string& command, int width, int height)
    : socket_("quizdeck-test-" + std::to_string(::getpid())),
      dir_(dir),
      width_(width),
      height_(height) {
  start(command);
}

Tmux::~Tmux() {
  stop();
}

namespace {

// Whether a process is still running (a zombie is not).
bool running(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const auto paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] != 'Z';
}

}  // namespace

void Tmux::stop() {
  // The pane's shell and what it runs: a closed terminal lets quizdeck end its session,
  // which takes a moment; the next step must not race it.
  std::vector<int> pids;
  const ProcessResult pane = run({"display-message", "-p", "-t", "t", "#{pane_pid}"});
  if (pane.exit_code == 0 && !pane.out.empty() &&
      std::isdigit(static_cast<unsigned char>(pane.out[0]))) {
    const int shell = std::stoi(pane.out);
    pids.push_back(shell);
    const ProcessResult children =
        run_process({"/usr/bin/env", "pgrep", "-P", std::to_string(shell)});
    std::istringstream list(children.out);
    for (int pid = 0; list >> pid;) pids.push_back(pid);
  }
  run({"kill-server"});
  for (int i = 0; i < 100; ++i) {
    bool any = false;
    for (const int pid : pids) any = any || running(pid);
    if (!any) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void Tmux::start(const std::string& command) {
  stop();
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
  run({"kill-server"});  // and let the test watch what happens
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
