// SPDX-License-Identifier: MIT
#include "support/needs.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>

#include "support/process.h"

namespace quizdeck::test {

bool available(bool present, std::string_view what) {
  if (present) return true;
  const char* required = std::getenv("QUIZDECK_REQUIRE_ALL");
  if (required != nullptr && std::string_view(required) == "1") {
    FAIL("needs ", std::string(what), ", which QUIZDECK_REQUIRE_ALL=1 says is installed");
    return false;
  }
  std::cout << "[skipped] needs " << what << "\n";
  return false;
}

bool have_tool(const std::string& tool) {
  static std::mutex lock;
  static std::map<std::string, bool> known;
  const std::lock_guard<std::mutex> held(lock);
  if (const auto it = known.find(tool); it != known.end()) return it->second;
  // tmux knows -V, the others --version.
  const bool present =
      run_process({"/usr/bin/env", tool, tool == "tmux" ? "-V" : "--version"}).exit_code == 0;
  return known[tool] = present;
}

bool needs_tool(const std::string& tool) {
  return available(have_tool(tool), tool);
}

std::string shared_dir() {
  return (std::filesystem::path(corpus_dir()).parent_path()).string();
}

bool needs_shared(const std::string& relative) {
  return available(std::filesystem::exists(std::filesystem::path(shared_dir()) / relative),
                   "../shared/" + relative);
}

}  // namespace quizdeck::test
