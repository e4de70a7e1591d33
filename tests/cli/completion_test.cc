// SPDX-License-Identifier: MIT
// The completion scripts, loaded in the real shells: bash's function is called as bash
// would call it, fish is asked with `complete -C`, and zsh completes a typed line in tmux.
// A shell that is not installed is skipped (CI installs all three).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "support/needs.h"
#include "support/process.h"
#include "support/tmux.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

// A folder with the script for `shell`, a deck file, a non-deck file, a directory and a
// store that has seen the deck "crss".
struct CompletionDir {
  TestDir dir;
  ProcessOptions options;
  explicit CompletionDir(const std::string& shell) {
    const fs::path bin = fs::path(quizdeck_binary()).parent_path();
    options.cwd = dir.path.string();
    options.env = {{"PATH", bin.string() + ":/usr/bin:/bin"}, {"HOME", dir.path.string()}};
    const auto script = run_process({quizdeck_binary(), "completion", shell}, options);
    REQUIRE(script.exit_code == 0);
    write_text_file((dir.path / (shell == "zsh" ? "_quizdeck" : "quizdeck." + shell)).string(),
                    script.out);
    fs::create_directories(dir.path / "decks");
    write_text_file((dir.path / "notes.txt").string(), "");
    fs::copy_file(source_dir() + "/decks/crss.yaml", dir.path / "crss.yaml");
    options.stdin_text = "\n";
    REQUIRE(run_process({quizdeck_binary(), "--store", "s.db", "drill", "crss.yaml", "--max", "1",
                         "--now", "2026-01-01T09:00:00Z"},
                        options)
                .exit_code == 0);
  }
};

// What bash's completion function offers for the words typed so far.
std::string bash_complete(const CompletionDir& d, const std::string& words) {
  const std::string script = "source quizdeck.bash; COMP_WORDS=(" + words +
                             "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _quizdeck; "
                             "printf '%s\\n' \"${COMPREPLY[@]}\" | sort";
  return run_process({"/usr/bin/env", "bash", "-c", script}, d.options).out;
}

std::string fish_complete(const CompletionDir& d, const std::string& line) {
  const auto result = run_process({"/usr/bin/env", "fish", "--no-config", "-c",
                                   "source quizdeck.fish; complete -C '" + line + "'"},
                                  d.options);
  return result.out;
}

}  // namespace

TEST_CASE("bash completes commands, flags, their values, deck files and deck ids") {
  if (!needs_tool("bash")) return;
  CompletionDir d("bash");
  CHECK(bash_complete(d, "quizdeck dr") == "drill\n");
  CHECK(bash_complete(d, "quizdeck drill --co") == "--color\n");
  CHECK(bash_complete(d, "quizdeck drill --color ''") == "always\nauto\nnever\n");
  CHECK(bash_complete(d, "quizdeck store pr") == "prune\n");
  CHECK(bash_complete(d, "quizdeck fsrs ''") == "preview\nreplay\n");
  CHECK(bash_complete(d, "quizdeck config re") == "relearning-steps\nretention\nreviews-per-day\n");
  // Deck files and directories, not other files.
  CHECK(bash_complete(d, "quizdeck drill ''") == "crss.yaml\ndecks\n");
  // Flags and their values are skipped when finding the command.
  CHECK(bash_complete(d, "quizdeck --store s.db drill --new 5 --co") == "--color\n");
  // Deck ids the store (named by --store) knows, beside deck files.
  CHECK(bash_complete(d, "quizdeck --store s.db history ''") == "crss\ncrss.yaml\ndecks\n");
  CHECK(bash_complete(d, "quizdeck --store s.db relink ''") == "crss\ncrss.yaml\ndecks\n");
  CHECK(bash_complete(d, "quizdeck --store s.db relink crss ''") == "\n");  // a card id
}

TEST_CASE("fish completes commands, flags and their values") {
  if (!needs_tool("fish")) return;
  CompletionDir d("fish");
  CHECK(fish_complete(d, "quizdeck dr").starts_with("drill\t"));
  CHECK(fish_complete(d, "quizdeck drill --color ") ==
        "always\tcolours: auto, always or never\nauto\tcolours: auto, always or never\n"
        "never\tcolours: auto, always or never\n");
  CHECK(fish_complete(d, "quizdeck check ") == "crss.yaml\ndecks/\n");
  CHECK(fish_complete(d, "quizdeck store pr").starts_with("prune\t"));
  CHECK(fish_complete(d, "quizdeck --store s.db config --deck ").find("crss\t") !=
        std::string::npos);
}

TEST_CASE("zsh completes a command typed at its prompt") {
  if (!needs_tool("zsh") || !needs_tool("tmux")) return;
  CompletionDir d("zsh");
  const fs::path bin = fs::path(quizdeck_binary()).parent_path();
  write_text_file((d.dir.path / ".zshrc").string(),
                  "fpath=(" + d.dir.path.string() +
                      " $fpath)\nautoload -U compinit\ncompinit -u -D\nPS1='ready> '\n");
  Tmux tmux(d.dir.path,
            "PATH=" + bin.string() + ":$PATH ZDOTDIR=" + d.dir.path.string() + " zsh -i", 80, 20);
  tmux.wait_for("ready>");
  tmux.keys("quizdeck dr");
  tmux.keys("Tab", false);
  tmux.wait_for("ready> quizdeck drill");  // capture-pane drops the space
  tmux.keys("C-u", false);
  tmux.keys("quizdeck store pr");
  tmux.keys("Tab", false);
  tmux.wait_for("ready> quizdeck store prune");
}

}  // namespace quizdeck::test
