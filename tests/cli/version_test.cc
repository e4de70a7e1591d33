// SPDX-License-Identifier: MIT
// `quizdeck --version` names the release and the exact source revision it was built from.
#include <doctest/doctest.h>

#include <regex>

#include "support/process.h"

namespace quizdeck::test {

TEST_CASE("--version prints the release and the source revision") {
  const ProcessResult result = run_process({quizdeck_binary(), "--version"});
  CHECK(result.exit_code == 0);
  CHECK(result.err == "");
  // git describe --always --dirty --abbrev=12: a tag with commits after it, or a bare
  // commit; "unknown" where the sources came without git and the build named none.
  const std::regex line(
      R"(quizdeck [0-9]+\.[0-9]+\.[0-9]+ \((unknown|[0-9a-f]{12}|[^ ()]+-g[0-9a-f]{12}|[^ ()]+)(-dirty)?\)\n)");
  CHECK_MESSAGE(std::regex_match(result.out, line), result.out);
  // Built from this checkout: the revision names its commit.
  const ProcessResult head =
      run_process({"git", "-C", source_dir(), "rev-parse", "--short=12", "HEAD"});
  if (head.exit_code == 0) {
    CHECK_MESSAGE(result.out.find(head.out.substr(0, 12)) != std::string::npos, result.out);
  }
}

}  // namespace quizdeck::test
