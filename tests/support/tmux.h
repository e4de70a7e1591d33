// SPDX-License-Identifier: MIT
// Driving an interactive program through tmux: keys in with send-keys, the screen read
// back with capture-pane, each step waiting for the text it expects.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.h"

namespace quizdeck::test {

bool have_tmux();

// A fresh temporary folder, removed with it.
struct TestDir {
  std::filesystem::path path;
  TestDir();
  ~TestDir();
};

class Tmux {
 public:
  // Runs `command` in `dir` in a new tmux server of its own, `width` x `height` cells.
  Tmux(const std::filesystem::path& dir, const std::string& command, int width, int height);
  ~Tmux();
  // Runs another command in the same folder (the first one ends).
  void start(const std::string& command);
  // Types `keys` as they are, or (literal false) as tmux key names such as "Enter", "C-c".
  void keys(const std::string& keys, bool literal = true);
  std::string screen();
  // The process id of the shell that runs the command in the pane.
  int pane_pid();
  // Closes the terminal (the server and its panes go away).
  void close();
  // The pane's title, as the program in it may have set it (OSC 0 and 2).
  std::string title();
  // Waits until the screen shows `text` (up to 10 seconds: machines here are shared);
  // returns the screen.
  std::string wait_for(const std::string& text);

 private:
  ProcessResult run(std::vector<std::string> args);
  // Ends the server and waits (up to 5 s) for the programs that were running in it.
  void stop();
  std::string socket_;
  std::filesystem::path dir_;
  int width_;
  int height_;
};

}  // namespace quizdeck::test
