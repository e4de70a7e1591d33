// SPDX-License-Identifier: MIT
// The interactive terminal, driven through tmux: keys in with send-keys, the screen read
// back with capture-pane. Few and robust: each waits for the text it expects.
#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "store/store.h"
#include "support/needs.h"
#include "support/process.h"
#include "support/tmux.h"

namespace quizdeck::term {
namespace {

namespace fs = std::filesystem;
using test::needs_tool;
using test::TestDir;
using test::Tmux;

std::string drill(const std::string& deck, const std::string& extra = "") {
  return test::quizdeck_binary() + " drill " + test::source_dir() + "/decks/" + deck +
         " --store s.db --seed 3 --now 2026-01-01T09:00:00Z --color never " + extra;
}

}  // namespace

TEST_CASE("tmux: answering a choice with one key shows the verdict and the due time") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("world-capitals.yaml"), 80, 30);
  tmux.wait_for("What is the capital of Australia?");
  const std::string question = tmux.screen();
  CHECK(question.find("1/10  0 wrong  due 0") != std::string::npos);
  CHECK(question.find("  A) Canberra") != std::string::npos);
  tmux.keys("A");
  const std::string after = tmux.wait_for("Next due in");
  CHECK(after.find("Right.") != std::string::npos);
  // Quick and right, but a new card: speed only makes Easy of a card in review, so a new
  // card takes its first learning step (Good, 10 minutes), as Anki's Good button would.
  CHECK(after.find("Rating: Good. Next due in 10m.") != std::string::npos);
  // The rating keys say what each would do, as Anki's buttons do.
  const std::string keys = tmux.wait_for("any other key to go on");
  CHECK(keys.find("1 Again 1m  2 Hard 6m  3 Good 10m  4 Easy 8d") != std::string::npos);
}

TEST_CASE("tmux: a matching card shows its numbered prompts and lettered answers") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path,
            test::quizdeck_binary() + " drill " + test::golden_dir() +
                "/study/_fixtures/arrange.yaml --card capitals --store s.db --seed 3 --now "
                "2026-01-01T09:00:00Z --color never",
            80, 30);
  const std::string screen = tmux.wait_for("Match each country with its capital.");
  for (const char* line : {"  1. France", "  2. Spain", "  3. Italy", "  Answers:", "  A) ",
                           "  D) ", "(a letter for each prompt in order, such as BAC)"}) {
    INFO(line);
    CHECK(screen.find(line) != std::string::npos);
  }
  tmux.keys("1A 2B 3C");
  tmux.keys("Enter", false);
  const std::string after = tmux.wait_for("The answer is 1: ");
  CHECK(after.find("Partial credit:") != std::string::npos);
}

TEST_CASE("tmux: an exam without --feedback never counts wrong answers before the end") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path,
            test::quizdeck_binary() + " exam " + test::source_dir() +
                "/decks/world-capitals.yaml --store s.db --seed 3 --questions 3 --now "
                "2026-01-01T09:00:00Z --color never",
            80, 40);
  const std::string first = tmux.wait_for("1/3");
  CHECK(first.find("wrong") == std::string::npos);
  tmux.keys("3");  // whatever it is, nothing may say
  tmux.keys("Enter", false);
  const std::string second = tmux.wait_for("2/3");
  CHECK(second.find("wrong") == std::string::npos);
  CHECK(second.find("Right") == std::string::npos);
  CHECK(second.find("Recorded.") != std::string::npos);
}

TEST_CASE("tmux: q leaves an exam unfinished and unscored, --resume continues it") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  const std::string exam = test::quizdeck_binary() + " exam " + test::source_dir() +
                           "/decks/world-capitals.yaml --store s.db --color never ";
  Tmux tmux(dir.path, exam + "--seed 3 --questions 3 --now 2026-01-01T09:00:00Z", 80, 40);
  tmux.wait_for("1/3");
  tmux.keys("3");
  tmux.keys("Enter", false);
  tmux.wait_for("2/3");
  // The second question is typed, so quitting is a line, as every typed card says.
  tmux.keys(":quit");
  tmux.keys("Enter", false);
  const std::string left = tmux.wait_for("[exit 0]");
  CHECK(left.find("Exam left unfinished: 1 answered, 2 to go") != std::string::npos);
  CHECK(left.find("points") == std::string::npos);
  tmux.start(exam + "--resume --now 2026-01-01T10:00:00Z");
  const std::string resumed = tmux.wait_for("2/3");
  CHECK(resumed.find("1/3") == std::string::npos);
  tmux.keys(":quit");
  tmux.keys("Enter", false);
  tmux.wait_for("[exit 0]");
}

TEST_CASE("tmux: @ suspends the card, * flags it, and u takes the suspension back") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("world-capitals.yaml"), 80, 40);
  tmux.wait_for("What is the capital of Australia?");
  tmux.keys("*");
  tmux.wait_for("Flagged.");
  tmux.keys("@");
  tmux.wait_for("Suspended: not asked again");
  tmux.wait_for("2/");
  // The second card is answered in words: its commands are lines.
  tmux.keys(":undo");
  tmux.keys("Enter", false);
  tmux.wait_for("Took back the last mark.");
  tmux.keys("@");
  tmux.wait_for("2/");
  tmux.keys(":quit");
  tmux.keys("Enter", false);
  tmux.wait_for("[exit 0]");
  store::Store store = store::Store::open((dir.path / "s.db").string());
  int suspended = 0;
  int flagged = 0;
  for (const auto& card : store.cards("world-capitals")) {
    suspended += card.marks.suspended ? 1 : 0;
    flagged += card.marks.flag;
  }
  CHECK(suspended == 1);
  CHECK(flagged == 1);
  CHECK(store.review_count() == 0);
}

TEST_CASE("tmux: a flash card's footer keys work at the front and at the back") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("crss.yaml", "--card mutuality"), 80, 30);
  tmux.wait_for("press Enter to show the back");
  tmux.keys("s");  // at the front: skips, shows nothing of the back
  const std::string skipped = tmux.wait_for("Skipped.");
  CHECK(skipped.find("Back:") == std::string::npos);
  tmux.start(drill("crss.yaml", "--card mutuality"));
  tmux.wait_for("press Enter to show the back");
  tmux.keys("Enter", false);
  // The rating keys say what each would do, as after any other answer (a new card).
  const std::string back = tmux.wait_for("rate it:");
  CHECK(back.find("rate it: 1 Again 1m  2 Hard 6m  3 Good 10m  4 Easy 8d") != std::string::npos);
  tmux.keys("q");  // at the back: quits
  const std::string quit = tmux.wait_for("[exit 0]");
  std::size_t backs = 0;
  for (auto at = quit.find("Back:"); at != std::string::npos; at = quit.find("Back:", at + 1)) {
    ++backs;
  }
  CHECK(backs == 1);
  store::Store store = store::Store::open((dir.path / "s.db").string());
  CHECK(store.review_count() == 0);
}

TEST_CASE("tmux: a typed short answer with a typo is 'almost' and rated Hard") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("crss.yaml", "--card active-listening-skill"), 80, 30);
  tmux.wait_for("Name the listening skill");
  tmux.keys("reflectve listening");
  tmux.wait_for("> reflectve listening");
  tmux.keys("Enter", false);
  const std::string after = tmux.wait_for("Rating:");
  CHECK(after.find("Almost (a typo). The answer is reflective listening.") != std::string::npos);
  CHECK(after.find("Rating: Hard.") != std::string::npos);
}

TEST_CASE("tmux: u takes back the last answer and asks it again") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("world-capitals.yaml"), 80, 40);
  tmux.wait_for("What is the capital of Australia?");
  tmux.keys("C");
  tmux.wait_for("any other key to go on");
  tmux.keys(" ");
  tmux.wait_for("2/");
  tmux.keys(":undo");  // the second card is answered in words: commands are lines
  tmux.keys("Enter", false);
  tmux.wait_for("Took back the last answer.");
  const std::string again = tmux.wait_for("1/10  0 wrong");
  CHECK(again.rfind("What is the capital of Australia?") > again.find("Took back"));
  tmux.keys("q");
  tmux.wait_for("[exit 0]");
  store::Store store = store::Store::open((dir.path / "s.db").string());
  CHECK(store.review_count() == 0);
}

TEST_CASE("tmux: ? shows the hint and a right answer after it is Hard") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("world-capitals.yaml", "--card short-0b5648b8c3d9"), 80, 30);
  tmux.wait_for("What is the capital of Iceland?");
  tmux.keys("?");
  tmux.wait_for("Hint: It means \"smoky bay\".");
  tmux.keys("Reykjav\u00edk");
  tmux.keys("Enter", false);
  const std::string after = tmux.wait_for("Rating:");
  CHECK(after.find("Right.") != std::string::npos);
  CHECK(after.find("Rating: Hard (right after the hint).") != std::string::npos);
}

TEST_CASE("tmux: quit mid-session keeps what was answered, running again resumes") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("world-capitals.yaml"), 80, 30);
  tmux.wait_for("What is the capital of Australia?");
  tmux.keys("A");
  tmux.wait_for("any other key to go on");
  tmux.keys("q");
  const std::string end = tmux.wait_for("[exit 0]");
  CHECK(end.find("Done: 1 answered, 1 right, 0 wrong.") != std::string::npos);
  {
    store::Store store = store::Store::open((dir.path / "s.db").string());
    CHECK(store.review_count() == 1);
  }
  // Again, half a minute later: the nine new cards left, and the answered card, in its
  // 10-minute learning step, comes back within the session: ten to go.
  tmux.start(test::quizdeck_binary() + " drill " + test::source_dir() +
             "/decks/world-capitals.yaml --store s.db --seed 3 --now 2026-01-01T09:00:30Z "
             "--color never");
  const std::string resumed = tmux.wait_for("What is the capital of Canada?");
  CHECK(resumed.find("1/10  0 wrong") != std::string::npos);
  tmux.keys(":quit");  // a typed card: commands are lines
  tmux.keys("Enter", false);
  tmux.wait_for("[exit 0]");
}

TEST_CASE("tmux: a 40-column terminal wraps CJK text by cells") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  test::write_text_file(
      (dir.path / "cjk.yaml").string(),
      "title: CJK\ncards:\n  - question: "
      "\u65e5\u672c\u306e\u9996\u90fd\u306f\u3069\u3053\u3067\u3059\u304b\uff1f"
      "\u6b21\u306e\u4e2d\u304b\u3089\u4e00\u3064\u9078\u3093\u3067\u304f\u3060"
      "\u3055\u3044\u3002\n    choices: [\u6771\u4eac, \u5927\u962a]\n    answer: "
      "\u6771\u4eac\n    shuffle: false\n");
  Tmux narrow(dir.path,
              test::quizdeck_binary() +
                  " drill cjk.yaml --store s.db --seed 1 --now 2026-01-01T09:00:00Z --color never",
              40, 20);
  const std::string screen = narrow.wait_for("A) \u6771\u4eac");
  // 22 wide characters do not fit in 39 cells: the question is cut after 19 of them.
  CHECK(screen.find("\u65e5\u672c\u306e\u9996\u90fd\u306f\u3069\u3053\u3067\u3059\u304b\uff1f"
                    "\u6b21\u306e\u4e2d\u304b\u3089\u4e00\u3064\n") != std::string::npos);
  narrow.keys("A");
  narrow.wait_for("Right.");
}

TEST_CASE("tmux: Ctrl-C ends the session with its summary, exit 130, the terminal put back") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path,
            "stty -g > before.txt; " + drill("world-capitals.yaml") +
                "; echo $? > code.txt; stty -g > after.txt",
            80, 30);
  tmux.wait_for("What is the capital of Australia?");
  tmux.keys("A");
  tmux.wait_for("any other key to go on");
  tmux.keys("C-c", false);
  const std::string end = tmux.wait_for("[exit ");
  // The session ends with its summary and the documented exit code.
  CHECK(end.find("Done: 1 answered") != std::string::npos);
  CHECK(test::read_text_file((dir.path / "code.txt").string()) == "130\n");
  CHECK(test::read_text_file((dir.path / "before.txt").string()) ==
        test::read_text_file((dir.path / "after.txt").string()));
  store::Store store = store::Store::open((dir.path / "s.db").string());
  CHECK(store.review_count() == 1);
}

}  // namespace quizdeck::term

namespace quizdeck::term {
namespace {

std::string answer_of(const fs::path& store_path, const std::string& card_id) {
  store::Store store = store::Store::open(store_path.string());
  store::ReviewFilter filter;
  filter.card_id = card_id;
  const auto reviews = store.reviews(filter);
  return reviews.empty() ? "(none)" : reviews.back().answer;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

}  // namespace

TEST_CASE("tmux: a typed answer is edited like in a shell and graded exactly as edited") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("world-capitals.yaml"), 80, 40);
  tmux.wait_for("What is the capital of Australia?");
  tmux.keys("A");
  tmux.wait_for("any other key to go on");
  tmux.keys(" ");
  tmux.wait_for("What is the capital of Canada?");
  // Letters typed first are the answer ("salt" is not a skip).
  tmux.keys("salt London");
  tmux.wait_for("> salt London");
  tmux.keys("C-w", false);  // the last word
  const std::string cut = tmux.wait_for("> salt");
  CHECK(cut.find("London") == std::string::npos);
  tmux.keys("C-u", false);  // the line
  tmux.keys("Otawa");
  for (int i = 0; i < 3; ++i) tmux.keys("Left", false);
  tmux.keys("t");  // inserted where the cursor is
  tmux.wait_for("> Ottawa");
  tmux.keys("Enter", false);
  tmux.wait_for("Right.");
  tmux.wait_for("any other key to go on");
  tmux.keys(" ");
  tmux.wait_for("What is the capital of Japan?");
  tmux.keys("Up", false);  // this session's earlier answer
  const std::string recalled = tmux.wait_for("Japan?");
  tmux.keys("Home", false);
  tmux.keys("x");
  tmux.keys("End", false);
  tmux.keys("C-b", false);
  tmux.keys("C-k", false);  // to the end of the line: the last 'a'
  tmux.wait_for("> xOttaw");
  tmux.keys("Enter", false);
  tmux.wait_for("Wrong.");
  tmux.keys("q");
  tmux.wait_for("[exit 0]");
  CHECK(count(recalled, "> Ottawa") >= 1);
  CHECK(answer_of(dir.path / "s.db", "short-e96b7c990047") == "Ottawa");
  CHECK(answer_of(dir.path / "s.db", "short-f91a22f32727") == "xOttaw");
}

TEST_CASE("tmux: Backspace and Delete take whole wide characters, Alt-B and Alt-F move by words") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  test::write_text_file((dir.path / "cjk.yaml").string(),
                        "title: CJK\ncards:\n  - id: capital\n    question: Capital of Japan?\n"
                        "    answer: \u6771\u4eac\n");
  Tmux tmux(dir.path,
            test::quizdeck_binary() +
                " drill cjk.yaml --store s.db --seed 1 --now 2026-01-01T09:00:00Z --color never",
            40, 20);
  tmux.wait_for("Capital of Japan?");
  tmux.keys("\u6771\u4eac\u90fd x y");
  tmux.keys("M-b", false);     // before "y"
  tmux.keys("M-b", false);     // before "x"
  tmux.keys("M-b", false);     // before the first word
  tmux.keys("M-f", false);     // after it
  tmux.keys("BSpace", false);  // takes the whole of the wide character before the cursor
  tmux.keys("Right", false);
  tmux.keys("DC", false);  // Delete: the "x" under the cursor
  tmux.wait_for("> \u6771\u4eac  y");
  tmux.keys("C-e", false);
  tmux.keys("BSpace", false);
  tmux.keys("BSpace", false);
  tmux.keys("BSpace", false);
  tmux.wait_for("> \u6771\u4eac\n");
  tmux.keys("Enter", false);
  tmux.wait_for("Right.");
  CHECK(answer_of(dir.path / "s.db", "capital") == "\u6771\u4eac");
}

TEST_CASE("tmux: Ctrl-Z suspends with the terminal put back, fg shows the card and the line") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, "bash --norc --noprofile", 80, 30);
  tmux.keys("stty -g > before.txt; PS1='$ '; " + drill("world-capitals.yaml") +
            "; echo \"[exit $?]\"");
  tmux.keys("Enter", false);
  tmux.wait_for("What is the capital of Australia?");
  tmux.keys("A");
  tmux.wait_for("any other key to go on");
  tmux.keys(" ");
  tmux.wait_for("What is the capital of Canada?");
  tmux.keys("Otta");
  tmux.wait_for("> Otta");
  tmux.keys("C-z", false);
  tmux.wait_for("Stopped");
  // The shell has its terminal back as it was.
  tmux.keys("clear; stty -g > during.txt; echo saved");
  tmux.keys("Enter", false);
  tmux.wait_for("saved");
  CHECK(test::read_text_file((dir.path / "before.txt").string()) ==
        test::read_text_file((dir.path / "during.txt").string()));
  tmux.keys("fg");
  tmux.keys("Enter", false);
  tmux.wait_for("What is the capital of Canada?");
  // The line is drawn after the card: waited for, as a loaded machine may show the card
  // alone for a moment.
  const std::string back = tmux.wait_for("> Otta");
  CHECK(back.find("What is the capital of Canada?") != std::string::npos);
  tmux.keys("wa");
  tmux.keys("Enter", false);
  tmux.wait_for("Right.");
  tmux.keys(" ");
  tmux.wait_for("What is the capital of Japan?");
  tmux.keys(":quit");  // a typed card: commands are lines
  tmux.keys("Enter", false);
  // A list stopped with Ctrl-Z is not carried on after fg, so no "[exit 0]": the summary.
  tmux.wait_for("Done: 2 answered, 2 right, 0 wrong.");
  CHECK(answer_of(dir.path / "s.db", "short-e96b7c990047") == "Ottawa");
}

TEST_CASE("tmux: a control character left in a typed answer is refused before grading") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("world-capitals.yaml", "--card short-e96b7c990047"), 80, 30);
  tmux.wait_for("What is the capital of Canada?");
  tmux.keys("Ott");
  tmux.keys("C-v", false);  // a quoted insert puts the next key in as it is
  tmux.keys("C-w", false);
  tmux.keys("awa");
  tmux.keys("Enter", false);
  const std::string refused = tmux.wait_for("Not an answer:");
  CHECK(refused.find("control character, U+0017") != std::string::npos);
  tmux.keys("Ottawa");
  tmux.keys("Enter", false);
  tmux.wait_for("Right.");
  CHECK(answer_of(dir.path / "s.db", "short-e96b7c990047") == "Ottawa");
}

TEST_CASE("tmux: a closed terminal ends the session quietly with what was answered kept") {
  if (!needs_tool("tmux")) return;
  TestDir dir;
  Tmux tmux(dir.path, drill("world-capitals.yaml"), 80, 30);
  tmux.wait_for("What is the capital of Australia?");
  tmux.keys("A");
  tmux.wait_for("any other key to go on");
  tmux.keys(" ");
  tmux.wait_for("What is the capital of Canada?");
  tmux.keys("Otta");
  tmux.wait_for("> Otta");
  // The program is the only child of the shell in the pane.
  const auto child =
      test::run_process({"/usr/bin/env", "pgrep", "-P", std::to_string(tmux.pane_pid())});
  REQUIRE(child.exit_code == 0);
  const int pid = std::stoi(child.out);
  tmux.close();  // the terminal goes away: SIGHUP
  // The process ends by itself: its session is closed in the store.
  bool closed = false;
  for (int i = 0; i < 100 && !closed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    closed = ::kill(pid, 0) != 0;
  }
  CHECK(closed);
  store::Store store = store::Store::open((dir.path / "s.db").string());
  CHECK(store.review_count() == 1);
  const auto sessions = store.sessions();
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].ended_ms.has_value());
}

}  // namespace quizdeck::term
