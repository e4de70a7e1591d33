// SPDX-License-Identifier: MIT
// A child process talked to line by line: what a driver of the scripted protocol does
// (write an answer, read events as they come), for tests with several processes at once.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace quizdeck::test {

class Child {
 public:
  // Starts argv[0] with the arguments, standard error into `err_path` (or /dev/null).
  explicit Child(const std::vector<std::string>& argv, const std::string& err_path = "");
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The next line of standard output, or nothing at its end.
  std::optional<std::string> read_line();
  void write_line(const std::string& line);
  // Closes standard input (end of answers).
  void close_input();
  // Waits for the process; its exit code (128 + signal when killed).
  int wait();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::string pending_;
  std::optional<int> status_;
};

}  // namespace quizdeck::test
