// SPDX-License-Identifier: MIT
// Simulated learners over 30 days, studying through the session the front ends drive and
// asking the real binary what is due: at every look, drill, status and stats count the
// same cards; two siblings (blanks of one cloze) are never studied on one study day; an
// always-wrong learner's drills end within the documented bound; a learner who forgets a
// card at every review ends with it suspended as a leech.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>
#include <string>

#include "core/time.h"
#include "deck/card_id.h"
#include "deck/parse_deck.h"
#include "session/session.h"
#include "support/process.h"
#include "support/tmux.h"
#include "support/zone.h"

namespace quizdeck::session {
namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kStart = 1767225600000;  // 2026-01-01T00:00:00Z

// 8 cloze notes of 3 blanks and 16 short cards: 40 cards, more than two days of new ones.
std::string month_deck() {
  std::string yaml = "title: Month\nid: month\ncards:\n";
  for (int i = 0; i < 8; ++i) {
    yaml += "  - id: note" + std::to_string(i) + "\n    cloze: Item " + std::to_string(i) +
            " has {{alpha}}, {{beta}} and {{gamma}}.\n";
  }
  for (int i = 0; i < 16; ++i) {
    yaml += "  - id: q" + std::to_string(i) + "\n    question: Word " + std::to_string(i) +
            "?\n    answer: w" + std::to_string(i) + "\n";
  }
  return yaml;
}

std::string right_text(const deck::Card& card) {
  return card.answers.front();
}

std::string iso(std::int64_t ms) {
  return core::format_iso8601(ms);
}

// The number after `key` in `text` (a JSON field or "N due"), or -1.
int number_after(const std::string& text, const std::string& key) {
  const auto at = text.find(key);
  if (at == std::string::npos) return -1;
  return std::stoi(text.substr(at + key.size()));
}

struct Counts {
  int status_due = -1;
  int status_new = -1;
  int stats_due = -1;
  int stats_new = -1;
  int drill_total = -1;
};

// What each command says is to do at `now`, each in its own process on the store file.
Counts look(const std::filesystem::path& dir, std::int64_t now) {
  test::ProcessOptions options;
  options.cwd = dir.string();
  options.env["TZ"] = "UTC0";
  const std::string bin = test::quizdeck_binary();
  Counts counts;
  const auto status = test::run_process(
      {bin, "status", "month.yaml", "--store", "s.db", "--now", iso(now)}, options);
  counts.status_due = number_after(status.out, "month: ");
  counts.status_new = number_after(status.out, " due, ");
  const auto stats = test::run_process(
      {bin, "stats", "month.yaml", "--json", "--store", "s.db", "--now", iso(now)}, options);
  counts.stats_due = number_after(stats.out, "\"due_today\":");
  counts.stats_new = number_after(stats.out, "\"new_today\":");
  // A drill that is shown nothing but its first question: its plan is all it says.
  const auto drill = test::run_process(
      {bin, "drill", "month.yaml", "--json", "--store", "s.db", "--now", iso(now)}, options);
  counts.drill_total = drill.out.find("\"nothing_due\"") != std::string::npos
                           ? 0
                           : number_after(drill.out, "\"total\":");
  return counts;
}

Session open_drill(const deck::Deck& deck, store::Store& store, std::int64_t now,
                   std::uint64_t seed) {
  std::map<std::string, schedule::Scheduler> schedulers;
  schedulers.emplace(deck.id, schedule::Scheduler{schedule::Parameters{}});
  SessionOptions options;
  options.seed = seed;
  return Session({deck}, store, std::move(schedulers), options, now);
}

}  // namespace

TEST_CASE("a month of study: drill, status and stats agree and siblings never share a day") {
  const test::Zone zone("UTC0");
  test::TestDir dir;
  test::write_text_file((dir.path / "month.yaml").string(), month_deck());
  auto parsed = deck::parse_deck((dir.path / "month.yaml").string(), month_deck());
  REQUIRE(parsed.deck);
  const deck::Deck deck = std::move(*parsed.deck);
  std::mt19937_64 random(20261130);
  std::bernoulli_distribution knows(0.8);
  // Per study day (starting 04:00), the cards studied of each note.
  std::map<std::int64_t, std::map<std::string, std::set<std::string>>> studied;
  int looks = 0;
  for (int day = 0; day < 30; ++day) {
    // Morning, evening, and the small hours that still belong to the day before.
    for (const std::int64_t hour : {8, 19, 27}) {
      const std::int64_t now = kStart + day * kDay + hour * kHour + 7 * 60'000;
      const Counts counts = look(dir.path, now);
      ++looks;
      INFO("at ", iso(now));
      REQUIRE(counts.status_due >= 0);
      CHECK(counts.status_due == counts.stats_due);
      CHECK(counts.status_new == counts.stats_new);
      CHECK(counts.status_due + counts.status_new == counts.drill_total);
      // Study: most answers right; the evening session stops after 5 questions.
      store::Store store = store::Store::open((dir.path / "s.db").string());
      Session session = open_drill(deck, store, now, random());
      std::int64_t t = now;
      int asked = 0;
      while (const auto question = session.next(t)) {
        if (hour == 19 && asked == 5) break;
        ++asked;
        REQUIRE(asked < 400);
        Answer answer;
        answer.text = knows(random) ? right_text(*question->card) : "no idea";
        answer.response_ms = 8000;
        const Result result = session.answer(*question, answer, t);
        REQUIRE(result.grade.verdict != grade::Verdict::kInvalid);
        const std::int64_t study_day = core::study_day(t, 4);
        const std::string note(deck::sibling_key(question->card->id));
        auto& cards = studied[study_day][note];
        cards.insert(question->card->id);
        if (question->card->type == deck::CardType::kCloze) {
          INFO("note ", note, " on day ", study_day);
          CHECK(cards.size() == 1);
        }
        t += 20'000;
      }
      session.finish(t);
      CHECK(store.consistency_check().empty());
    }
  }
  CHECK(looks == 90);
  // The learner got through the whole deck: every note's blanks were studied, on
  // different days.
  std::map<std::string, std::set<std::int64_t>> days_of_note;
  for (const auto& [day, notes] : studied) {
    for (const auto& [note, cards] : notes) days_of_note[note].insert(day);
  }
  for (int i = 0; i < 8; ++i) CHECK(days_of_note["note" + std::to_string(i)].size() >= 3);
}

TEST_CASE("a month of wrong answers: every drill ends within its bound, leeches are suspended") {
  const test::Zone zone("UTC0");
  const std::string yaml =
      "title: Hard\nid: hard\ncards:\n"
      "  - id: a\n    question: A?\n    answer: a\n    hint: the first letter\n"
      "  - id: b\n    question: B?\n    answer: b\n    hint: the second letter\n"
      "  - id: c\n    question: C?\n    answer: c\n    hint: the third letter\n";
  auto parsed = deck::parse_deck("hard.yaml", yaml);
  REQUIRE(parsed.deck);
  const deck::Deck deck = std::move(*parsed.deck);

  SUBCASE("always wrong: a drill asks each card at most 3 times") {
    store::Store store = store::Store::open_memory();
    for (int day = 0; day < 30; ++day) {
      const std::int64_t now = kStart + day * kDay + 9 * kHour;
      Session session = open_drill(deck, store, now, static_cast<std::uint64_t>(day));
      const int planned = session.planned();
      int asked = 0;
      std::int64_t t = now;
      while (const auto question = session.next(t)) {
        ++asked;
        REQUIRE(asked <= kSetAsideFails * 3);
        Answer answer;
        answer.text = "wrong";
        session.answer(*question, answer, t);
        t += 10'000;
      }
      // The documented bound: kSetAsideFails questions per card the drill planned.
      CHECK(asked <= kSetAsideFails * planned);
      session.finish(t);
    }
  }

  SUBCASE(
      "always right with the hint (Hard keeps a step): a drill asks each card at most 6 times") {
    store::Store store = store::Store::open_memory();
    for (int day = 0; day < 10; ++day) {
      const std::int64_t now = kStart + day * kDay + 9 * kHour;
      Session session = open_drill(deck, store, now, static_cast<std::uint64_t>(day));
      const int planned = session.planned();
      int asked = 0;
      std::int64_t t = now;
      while (const auto question = session.next(t)) {
        ++asked;
        REQUIRE(asked <= kSetAsideAsks * 3);
        Answer answer;
        answer.text = right_text(*question->card);
        answer.used_hint = true;
        answer.response_ms = 8000;
        CHECK(session.answer(*question, answer, t).rating == core::Rating::kHard);
        t += 10'000;
      }
      CHECK(asked <= kSetAsideAsks * planned);
      session.finish(t);
    }
  }

  SUBCASE("forgets at every review: the card lapses 8 times and is suspended as a leech") {
    store::Store store = store::Store::open_memory();
    int leech_results = 0;
    for (int day = 0; day < 30; ++day) {
      const std::int64_t now = kStart + day * kDay + 9 * kHour;
      Session session = open_drill(deck, store, now, static_cast<std::uint64_t>(day));
      std::int64_t t = now;
      int asked = 0;
      while (const auto question = session.next(t)) {
        REQUIRE(++asked < 100);
        const bool in_review =
            store.card("hard", question->card->id)->state == core::State::kReview;
        Answer answer;
        answer.text =
            question->card->id == "a" && in_review ? "forgot" : right_text(*question->card);
        answer.response_ms = 8000;
        const Result result = session.answer(*question, answer, t);
        if (result.leech) {
          ++leech_results;
          CHECK(question->card->id == "a");
          CHECK(result.suspended);
        }
        t += 10'000;
      }
      session.finish(t);
    }
    const auto a = *store.card("hard", "a");
    CHECK(a.lapses == 8);  // suspended at the 8th: never asked again
    CHECK(a.marks.leech);
    CHECK(a.marks.suspended);
    CHECK(leech_results == 1);  // said once
    CHECK_FALSE(store.card("hard", "b")->marks.leech);
  }
}

}  // namespace quizdeck::session
