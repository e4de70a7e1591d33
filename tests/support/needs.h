// SPDX-License-Identifier: MIT
// What some tests need besides the build: a tool (tmux, chromium, xmllint, zsh, fish, a
// Python module) or ../shared beside the clone (the corpus, the FSRS vectors, the QTI
// schemas). Where one is missing, the test prints one line, "[skipped] needs tmux", and
// returns; CTest counts it as skipped (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt).
// With QUIZDECK_REQUIRE_ALL=1 in the environment (CI has everything) a missing one fails
// the test instead, so nothing is skipped there unnoticed.
#pragma once

#include <string>
#include <string_view>

namespace quizdeck::test {

// Whether `what` is present; prints the notice or fails the test where it is not.
bool available(bool present, std::string_view what);

// A program on PATH that runs (`tool --version` or `tool -V` exits 0).
bool have_tool(const std::string& tool);

// `available` for a tool, and for a path below ../shared ("corpus", "fsrs", "qti").
bool needs_tool(const std::string& tool);
bool needs_shared(const std::string& relative);

// ../shared, beside the source tree.
std::string shared_dir();

}  // namespace quizdeck::test
