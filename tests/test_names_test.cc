// SPDX-License-Identifier: MIT
// CTest runs each doctest case by name (doctest_discover_tests), and a ';' in a name cuts
// it in two: CTest then runs a name that matches no case, which "passes" having run
// nothing. So no test case may have one.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "support/process.h"

namespace quizdeck::test {

TEST_CASE(
    "test names: no test case name holds a semicolon, which would keep CTest from running it") {
  const std::filesystem::path tests = std::filesystem::path(source_dir()) / "tests";
  const std::regex name(R"re(TEST_CASE\(\s*"((?:[^"\\]|\\.)*)")re");
  std::size_t cases = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(tests)) {
    if (entry.path().extension() != ".cc") continue;
    const std::string text = read_text_file(entry.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), name), end; it != end; ++it) {
      ++cases;
      INFO(entry.path().filename().string(), ": ", (*it)[1].str());
      CHECK((*it)[1].str().find(';') == std::string::npos);
    }
  }
  CHECK(cases > 300);
}

}  // namespace quizdeck::test
