// SPDX-License-Identifier: MIT
// Every deck in ../shared/corpus (real question banks converted to our format) must pass
// `quizdeck check`; the bundled decks too.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "support/needs.h"
#include "support/process.h"

namespace quizdeck::test {
namespace {

TEST_CASE("corpus: every converted deck passes check") {
  const std::string corpus = corpus_dir();
  if (!needs_shared("corpus")) return;
  const ProcessResult result =
      run_process({quizdeck_binary(), "check", "--format", "json", corpus});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("\"errors\":0,") != std::string::npos);
  CHECK(result.out.find("\"decks\":29,") != std::string::npos);
}

TEST_CASE("bundled decks pass check") {
  const ProcessResult result = run_process({quizdeck_binary(), "check", source_dir() + "/decks"});
  CHECK(result.err == "");
  CHECK(result.out == "ok: 5 decks, 347 cards\n");
  CHECK(result.exit_code == 0);
}

}  // namespace
}  // namespace quizdeck::test
