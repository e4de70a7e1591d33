// SPDX-License-Identifier: MIT
// Cards' media files: found relative to the deck, never outside its directory (a ".." that
// a symbolic link hides included), checked by `check`, drawn in the terminal with chafa
// (and named instead with --no-images).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli/files/media_file.h"
#include "support/needs.h"
#include "support/process.h"
#include "support/tmux.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

const fs::path kFlag = fs::path(golden_dir()) / "study" / "_fixtures" / "img" / "flag.png";

struct Decks {
  TestDir dir;
  fs::path deck = dir.path / "decks" / "flags.yaml";
  Decks() {
    fs::create_directories(dir.path / "decks" / "img");
    fs::create_directories(dir.path / "outside");
    fs::copy_file(kFlag, dir.path / "decks" / "img" / "flag.png");
    fs::copy_file(kFlag, dir.path / "outside" / "secret.png");
    fs::create_symlink("../../outside/secret.png", dir.path / "decks" / "img" / "out.png");
    fs::create_symlink("flag.png", dir.path / "decks" / "img" / "in.png");
    fs::create_symlink(dir.path / "outside", dir.path / "decks" / "linked");
    write_text_file(deck.string(),
                    "title: Flags\ncards:\n  - question: Whose flag?\n"
                    "    image: img/flag.png\n    answer: France\n");
  }
};

}  // namespace

TEST_CASE("media: a file inside the deck's directory is found, links out and gaps are refused") {
  Decks d;
  const std::string deck = d.deck.string();
  const auto found = cli::media_file(deck, "img/flag.png");
  REQUIRE(found);
  CHECK(fs::path(*found) == fs::canonical(d.dir.path / "decks" / "img" / "flag.png"));
  CHECK(cli::media_file(deck, "img/in.png"));  // a link that stays inside
  CHECK(cli::media_file(deck, "img/out.png").error().message() ==
        "is outside the deck's directory");
  CHECK(cli::media_file(deck, "linked/secret.png").error().message() ==
        "is outside the deck's directory");
  CHECK(cli::media_file(deck, "img/none.png").error().message() == "does not exist");
  CHECK(cli::media_file(deck, "img").error().message() == "is not a file");
  CHECK(cli::media_file(deck, "/etc/hostname").error().message() ==
        "is not a path relative to the deck file");
}

TEST_CASE("media: check refuses an image behind a symbolic link that leads out") {
  Decks d;
  write_text_file(d.deck.string(),
                  "title: Flags\ncards:\n  - question: Whose flag?\n"
                  "    image: img/out.png\n    answer: France\n");
  ProcessOptions options;
  options.cwd = d.dir.path.string();
  const auto result = run_process({quizdeck_binary(), "check", "decks/flags.yaml"}, options);
  CHECK(result.exit_code == 1);
  CHECK(result.err ==
        "decks/flags.yaml:4:12: error: image 'img/out.png' is outside the deck's directory\n"
        "        image: img/out.png\n"
        "               ^~~~~~~~~~~\n"
        "1 error and 0 warnings in 1 file\n");
}

TEST_CASE("media: the HTML report embeds a missed card's image as a data URI") {
  Decks d;
  ProcessOptions options;
  options.cwd = d.dir.path.string();
  options.stdin_text = "Italy\n";
  const std::vector<std::string> common{"--store", "s.db", "--now", "2026-01-01T09:00:00Z"};
  std::vector<std::string> drill{quizdeck_binary(), "drill", "decks/flags.yaml"};
  drill.insert(drill.end(), common.begin(), common.end());
  REQUIRE(run_process(drill, options).exit_code == 0);
  std::vector<std::string> report{quizdeck_binary(), "report", "decks/flags.yaml", "-o", "-"};
  report.insert(report.end(), common.begin(), common.end());
  options.stdin_text.clear();
  const auto page = run_process(report, options);
  REQUIRE(page.exit_code == 0);
  CHECK(page.out.find("<img class=\"card-image\" alt=\"img/flag.png\" src=\"data:image/png;base64,"
                      "iVBORw0KGgo") != std::string::npos);
}

TEST_CASE("media: import refuses to write media through a symbolic link, and writes nothing") {
  TestDir dir;
  fs::create_directories(dir.path / "out");
  fs::create_directories(dir.path / "elsewhere");
  fs::create_symlink(dir.path / "elsewhere", dir.path / "out" / "flags-media");
  ProcessOptions options;
  options.cwd = dir.path.string();
  const std::string bank =
      (fs::path(golden_dir()) / "interchange" / "_fixtures" / "bank-media.xml").string();
  const auto result =
      run_process({quizdeck_binary(), "import", bank, "-o", "out/flags.yaml"}, options);
  CHECK(result.exit_code == 3);
  CHECK(result.err.ends_with(
      "quizdeck: error: cannot write 'out/flags-media/the-flag.png': 'out/flags-media' is a "
      "symbolic link; quizdeck does not write through links (name the folder itself)\n"));
  CHECK(fs::is_empty(dir.path / "elsewhere"));
  CHECK_FALSE(fs::exists(dir.path / "out" / "flags.yaml"));
}

TEST_CASE("tmux: a card's image is drawn in colour, or named with --no-images") {
  if (!needs_tool("tmux")) return;
  Decks d;
  const std::string drill =
      quizdeck_binary() + " drill decks/flags.yaml --store s.db --now 2026-01-01T09:00:00Z";
  {
    Tmux tmux(d.dir.path, drill, 80, 30);
    tmux.wait_for("Whose flag?");
    // chafa's block symbols; the image is 12 x 8 pixels, so a few rows of them (waited
    // for: on a loaded machine the screen may be caught before the image is drawn).
    const std::string screen = tmux.wait_for("\u2588");
    CHECK(screen.find("[image:") == std::string::npos);
  }
  Tmux tmux(d.dir.path, drill + " --no-images", 80, 30);
  const std::string screen = tmux.wait_for("Whose flag?");
  CHECK(screen.find("[image: img/flag.png]") != std::string::npos);
  CHECK(screen.find("\u2588") == std::string::npos);
}

}  // namespace quizdeck::test
