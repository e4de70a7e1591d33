// SPDX-License-Identifier: MIT
// The exit codes are listed in one header; the man page and the README must list the same.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/exit_code.h"
#include "support/process.h"

namespace quizdeck::test {
namespace {

// "  3  I/O or store error: ..." -> {"3", "I/O or store error: ..."}
std::vector<std::pair<std::string, std::string>> exit_codes() {
  std::vector<std::pair<std::string, std::string>> codes;
  std::istringstream lines(kExitCodeHelp);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.size() < 5 || line[0] != ' ') continue;
    const auto code_end = line.find(' ', 2);
    codes.emplace_back(line.substr(2, code_end - 2),
                       line.substr(line.find_first_not_of(' ', code_end)));
  }
  return codes;
}

TEST_CASE("the man page lists every exit code") {
  const std::string man = read_text_file(source_dir() + "/man/quizdeck.1");
  const auto section = man.find(".SH EXIT STATUS");
  REQUIRE(section != std::string::npos);
  const std::string exit_status = man.substr(section, man.find(".SH", section + 1) - section);
  const auto codes = exit_codes();
  REQUIRE(codes.size() == 9);
  for (const auto& entry : codes) {
    const std::string& code = entry.first;  // not a structured binding: INFO captures it
    INFO("exit code ", code);
    CHECK(exit_status.find(".TP\n.B " + code + "\n") != std::string::npos);
  }
}

TEST_CASE("the README lists every exit code with the --help wording") {
  const std::string readme = read_text_file(source_dir() + "/README.md");
  for (const auto& entry : exit_codes()) {
    const std::string& code = entry.first;  // not a structured binding: INFO captures it
    const std::string& meaning = entry.second;
    INFO("exit code ", code);
    CHECK(readme.find("| " + code + " | " + meaning + " |") != std::string::npos);
  }
}

}  // namespace
}  // namespace quizdeck::test
