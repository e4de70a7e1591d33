// SPDX-License-Identifier: MIT
// Runs the real quizdeck binary for end-to-end tests and captures what it printed.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace quizdeck::test {

struct ProcessResult {
  std::string out;
  std::string err;
  int exit_code = -1;  // 128 + signal number when killed by a signal
};

struct ProcessOptions {
  std::string cwd;  // empty: the current directory
  std::string stdin_text;
  std::map<std::string, std::string> env;  // added to (or replacing) the environment
  // Run as a user without privileges (uid and gid 65534) when the tests run as root, so
  // that permissions mean what they mean for a user; as this user otherwise.
  bool unprivileged = false;
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// Paths compiled in by tests/CMakeLists.txt: the binary under test, the golden cases, the
// source tree, and ../shared/corpus beside it.
std::string quizdeck_binary();
std::string golden_dir();
std::string source_dir();
std::string corpus_dir();

// Hands a directory tree to the user `unprivileged` processes run as (a no-op unless root).
void give_to_unprivileged(const std::string& path);

// Reads a whole file; empty when it does not exist.
std::string read_text_file(const std::string& path);
void write_text_file(const std::string& path, const std::string& text);

}  // namespace quizdeck::test
