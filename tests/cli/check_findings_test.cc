// SPDX-License-Identifier: MIT
// check's per-card findings kept in the deck cache (media, example answers, item-writing
// warnings): a warm check says what a cold one says, and a media file gone, replaced or
// come back since is seen on the next warm run.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

struct FindingsDir {
  fs::path dir = fs::temp_directory_path() / ("quizdeck-findings-" + std::to_string(::getpid()));
  FindingsDir() {
    fs::remove_all(dir);
    fs::create_directories(dir / "img");
    write_text_file((dir / "img" / "flag.png").string(), "not really a picture");
    write_text_file((dir / "deck.yaml").string(),
                    "title: Media\ncards:\n"
                    "  - question: Shown?\n    image: img/flag.png\n    answer: shown\n"
                    "  - question: Capital of France?\n    answer: Paris\n"
                    "    accept: [paris]\n    reject: [Paris]\n"
                    "  - question: Which of these is a prime number?\n"
                    "    choices: [Nine, Seven, All of the above]\n    answer: Seven\n");
  }
  ~FindingsDir() { fs::remove_all(dir); }
  ProcessResult check(bool cache = true) const {
    std::vector<std::string> argv{quizdeck_binary(), "--store", (dir / "s.db").string()};
    if (!cache) argv.push_back("--no-cache");
    argv.insert(argv.end(), {"check", "deck.yaml"});
    ProcessOptions options;
    options.cwd = dir.string();
    return run_process(argv, options);
  }
  // Cold (the deck parsed, nothing cached), then warm twice: all three say the same.
  std::string agreed() const {
    const ProcessResult cold = check(false);
    const ProcessResult first = check();
    const ProcessResult warm = check();
    CHECK(first.err == cold.err);
    CHECK(warm.err == cold.err);
    CHECK(warm.out == cold.out);
    CHECK(warm.exit_code == cold.exit_code);
    return warm.err;
  }
};

}  // namespace

TEST_CASE("check findings: a warm check reports what a cold one does, media looked up again") {
  const FindingsDir dir;
  const std::string with_image = dir.agreed();
  CHECK(with_image.find("reject") != std::string::npos);  // the example answer's error
  // The item-writing warning, from the cache on the warm runs, as the cold run gave it.
  CHECK(with_image.find("[item/all-of-the-above]") != std::string::npos);
  CHECK(with_image.find("img/flag.png") == std::string::npos);
  REQUIRE(fs::exists(dir.dir / "s.db.deck-cache"));

  // The image goes: reported, though the deck's bytes did not change.
  fs::remove(dir.dir / "img" / "flag.png");
  const std::string gone = dir.agreed();
  CHECK(gone.find("error: image 'img/flag.png' does not exist") != std::string::npos);

  // Something else in its place: a directory is not a file.
  fs::create_directory(dir.dir / "img" / "flag.png");
  CHECK(dir.agreed().find("error: image 'img/flag.png' is not a file") != std::string::npos);

  // Back as a file: clean again.
  fs::remove(dir.dir / "img" / "flag.png");
  write_text_file((dir.dir / "img" / "flag.png").string(), "a picture again");
  CHECK(dir.agreed() == with_image);
}

}  // namespace quizdeck::test
