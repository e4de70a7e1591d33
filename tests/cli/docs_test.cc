// SPDX-License-Identifier: MIT
// The exit codes are listed in one header; the man page lists them all, the README names them.
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

// The README names every code in one sentence, in the order of the list, and leaves the
// wording to EXIT STATUS in quizdeck(1).
TEST_CASE("the README names every exit code and points to EXIT STATUS") {
  const std::string readme = read_text_file(source_dir() + "/README.md");
  const auto begin = readme.find("The exit status says what happened:");
  REQUIRE(begin != std::string::npos);
  const auto end = readme.find("EXIT STATUS in quizdeck(1)", begin);
  REQUIRE(end != std::string::npos);
  std::string sentence = readme.substr(begin, end - begin);
  for (char& c : sentence) c = c == '\n' ? ' ' : c;
  std::size_t at = 0;
  for (const auto& entry : exit_codes()) {
    const std::string& code = entry.first;  // not a structured binding: INFO captures it
    INFO("exit code ", code);
    const auto found = sentence.find(" " + code + " ", at);
    CHECK(found != std::string::npos);
    if (found != std::string::npos) at = found;
  }
}

}  // namespace
}  // namespace quizdeck::test
