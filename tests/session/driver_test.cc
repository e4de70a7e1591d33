// SPDX-License-Identifier: MIT
// The study driver through a fake front end: what the learner does is a list of actions,
// and what the front end was told is a list of events. Undo and re-rating change the
// store exactly as if the answer had been given that way in the first place.
#include "session/driver.h"

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <vector>

#include "deck/parse_deck.h"
#include "session/card_state.h"
#include "session/session_text.h"

namespace quizdeck::session {
namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;  // 2026-09-21T...

constexpr const char* kDeck = R"(title: Capitals
id: capitals
cards:
  - id: fr
    question: Capital of France?
    answer: Paris
  - id: de
    question: Capital of Germany?
    answer: Berlin
  - id: it
    question: Capital of Italy?
    answer: Rome
    hint: It was the capital of an empire.
)";

// Plays back scripted actions and writes down every event it is told about.
class FakeFrontEnd : public FrontEnd {
 public:
  std::deque<Action> actions;        // what the learner does next at a question
  std::deque<Action> after_results;  // what the learner does after each result
  std::vector<std::string> events;

  void nothing_to_do(Mode, std::optional<std::int64_t>) override { events.push_back("nothing"); }
  void question(const Question& q, const Session&) override {
    events.push_back("question " + q.card->id);
  }
  Action act(const Question&) override {
    if (actions.empty()) return {Action::Kind::kQuit, {}, {}, {}};
    Action next = actions.front();
    actions.pop_front();
    return next;
  }
  void hint(const Question& q) override { events.push_back("hint " + q.card->id); }
  void invalid(const Question& q, const std::string& problem) override {
    events.push_back("invalid " + q.card->id + ": " + problem);
  }
  void result(const Result& r, bool skipped) override {
    if (skipped) {
      events.push_back("skipped " + r.question.card->id);
      return;
    }
    events.push_back("result " + r.question.card->id + " " + grade_word(r) + " " +
                     core::rating_name(r.rating));
  }
  Action after_result(const Result&) override {
    if (after_results.empty()) return {Action::Kind::kGoOn, {}, {}, {}};
    Action next = after_results.front();
    after_results.pop_front();
    return next;
  }
  void rerated(const Result& r) override {
    events.push_back("rerated " + r.question.card->id + " " + core::rating_name(r.rating));
  }
  void undone(const std::optional<Session::UndoTarget>& taken) override {
    if (!taken) return events.push_back("nothing to undo");
    events.push_back("undone " + taken->card_id + (taken->mark ? " mark" : ""));
  }
  void marked(const Question& q, const Marked& m) override {
    events.push_back(std::string(mark_name(m.mark)) + " " + q.card->id +
                     (m.done ? "" : " refused: " + m.problem));
  }
  void time_up() override { events.push_back("time up"); }
  void summary(const Summary& s, std::optional<std::int64_t>) override {
    events.push_back("summary " + std::to_string(s.answered) + " answered, " +
                     std::to_string(s.correct) + " right");
  }

 private:
  static std::string grade_word(const Result& r) {
    return r.grade.verdict == grade::Verdict::kRight ? "right" : "wrong";
  }
};

// The events one per line, so a failing check shows them.
std::string lines(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& event : events) out += event + "\n";
  return out;
}

Action answer(std::string text) {
  return {Action::Kind::kAnswer, std::move(text), std::nullopt, 9000};
}
Action simple(Action::Kind kind) {
  return {kind, {}, std::nullopt, std::nullopt};
}
Action rate(core::Rating rating) {
  return {Action::Kind::kRate, {}, rating, std::nullopt};
}

struct Fixture {
  store::Store store = store::Store::open_memory();
  deck::Deck deck = *deck::parse_deck("capitals.yaml", kDeck).deck;
  SessionClock clock{kNow, true, [] { return std::int64_t{0}; }};

  Session drill() {
    std::map<std::string, schedule::Scheduler> schedulers;
    schedulers.emplace("capitals", schedule::Scheduler{schedule::Parameters{}});
    SessionOptions options;
    options.mode = Mode::kDrill;
    options.seed = 1;
    return Session({deck}, store, std::move(schedulers), options, kNow);
  }
  std::vector<store::ReviewRecord> reviews(const std::string& card) {
    store::ReviewFilter filter;
    filter.card_id = card;
    return store.reviews(filter);
  }
  // The card's state as a fresh Good (or other) answer at kNow would leave it.
  store::CardRecord answered_once(const std::string& card, core::Rating rating) {
    store::Store other = store::Store::open_memory();
    std::vector<store::CardSeen> seen;
    for (const auto& c : deck.cards) seen.push_back({c.id, c.prompt});
    other.sync_deck({"capitals", deck.title, deck.path, kNow}, seen, kNow);
    const auto before = *other.card("capitals", card);
    const schedule::Scheduler scheduler{schedule::Parameters{}};
    return with_state(before, *scheduler.next(to_schedule(before), kNow, rating));
  }
};

TEST_CASE("undo takes the last answer back and asks its card again") {
  Fixture f;
  Session session = f.drill();
  FakeFrontEnd front;
  front.actions = {answer("Lyon"), simple(Action::Kind::kUndo), answer("Paris"), answer("Berlin"),
                   answer("Rome")};
  CHECK(drive(session, front, f.clock) == ExitCode::kOk);
  CHECK(lines(front.events) ==
        lines({"question fr", "result fr wrong Again", "question de", "undone fr", "question fr",
               "result fr right Good", "question de", "result de right Good", "question it",
               "result it right Good",
               // Good on a new card is a 10-minute step: back within the
               // learn-ahead window, when the learner has stopped.
               "question fr", "summary 3 answered, 3 right"}));
  // The wrong answer is gone from the log and from the card's state.
  const auto fr = f.reviews("fr");
  REQUIRE(fr.size() == 1);
  CHECK(fr[0].answer == "Paris");
  CHECK(fr[0].rating == core::Rating::kGood);
  const auto expected = f.answered_once("fr", core::Rating::kGood);
  const auto stored = *f.store.card("capitals", "fr");
  CHECK(stored.state == expected.state);
  CHECK(stored.due_ms == expected.due_ms);
  CHECK(stored.stability == expected.stability);
  CHECK(stored.reps == 1);
  CHECK(f.store.consistency_check().empty());
}

TEST_CASE("undo with nothing to take back says so and keeps the question") {
  Fixture f;
  Session session = f.drill();
  FakeFrontEnd front;
  front.actions = {simple(Action::Kind::kUndo), answer("Paris")};
  drive(session, front, f.clock);
  REQUIRE(front.events.size() >= 3);
  CHECK(front.events[0] == "question fr");
  CHECK(front.events[1] == "nothing to undo");
  CHECK(front.events[2] == "result fr right Good");
  CHECK(f.reviews("fr").size() == 1);
}

TEST_CASE("changing the rating records the answer with the new rating, once") {
  Fixture f;
  Session session = f.drill();
  FakeFrontEnd front;
  front.actions = {answer("Paris"), answer("Berlin")};
  front.after_results = {rate(core::Rating::kEasy), rate(core::Rating::kGood)};
  drive(session, front, f.clock);
  CHECK(lines(front.events) ==
        lines({"question fr", "result fr right Good", "rerated fr Easy", "question de",
               "result de right Good", "question it", "summary 2 answered, 2 right"}));
  const auto fr = f.reviews("fr");
  REQUIRE(fr.size() == 1);
  CHECK(fr[0].rating == core::Rating::kEasy);
  const auto expected = f.answered_once("fr", core::Rating::kEasy);
  const auto stored = *f.store.card("capitals", "fr");
  CHECK(stored.due_ms == expected.due_ms);
  CHECK(stored.stability == expected.stability);
  CHECK(stored.difficulty == expected.difficulty);
  // The same rating again changes nothing.
  const auto de = f.reviews("de");
  REQUIRE(de.size() == 1);
  CHECK(de[0].rating == core::Rating::kGood);
  CHECK(f.store.consistency_check().empty());
}

TEST_CASE("re-rating a wrong answer up leaves the card out of this session's steps") {
  Fixture f;
  Session session = f.drill();
  FakeFrontEnd front;
  // Wrong (Again) puts the card in a 1-minute step; re-rated Easy, it graduates.
  front.actions = {answer("Lyon"), answer("Berlin"), answer("Rome")};
  front.after_results = {rate(core::Rating::kEasy)};
  drive(session, front, f.clock);
  CHECK(lines(front.events) ==
        lines({"question fr", "result fr wrong Again", "rerated fr Easy", "question de",
               "result de right Good", "question it", "result it right Good",
               // de's 10-minute step; fr graduated
               "question de", "summary 3 answered, 2 right"}));
  CHECK(f.store.card("capitals", "fr")->state == core::State::kReview);
}

TEST_CASE("hints, invalid answers and skips record nothing, quitting still sums up") {
  Fixture f;
  Session session = f.drill();
  FakeFrontEnd front;
  front.actions = {simple(Action::Kind::kHint), simple(Action::Kind::kSkip),
                   simple(Action::Kind::kQuit)};
  drive(session, front, f.clock);
  CHECK(lines(front.events) == lines({"question fr", "hint fr", "skipped fr", "question de",
                                      "summary 0 answered, 0 right"}));
  CHECK(f.store.review_count() == 0);
}

}  // namespace

TEST_CASE(
    "suspending or burying the card in front of the learner takes it out, and undo puts it back") {
  Fixture f;
  Session session = f.drill();
  FakeFrontEnd front;
  front.actions = {simple(Action::Kind::kSuspend), simple(Action::Kind::kBury), answer("Rome")};
  drive(session, front, f.clock);
  CHECK(lines(front.events) ==
        lines({"question fr", "suspend fr", "question de", "bury de", "question it",
               "result it right Good",
               // A new card rated Good takes its first learning step and comes back in the
               // session; the front end has no answer left and ends it.
               "question it", "summary 1 answered, 1 right"}));
  CHECK(f.store.card("capitals", "fr")->marks.suspended);
  const auto de = f.store.card("capitals", "de")->marks;
  REQUIRE(de.buried_until_ms);
  CHECK(*de.buried_until_ms > kNow);
  CHECK(f.reviews("fr").empty());
  CHECK(f.reviews("de").empty());

  // Undo: the suspended card is as it was and asked next.
  Fixture g;
  Session again = g.drill();
  FakeFrontEnd other;
  other.actions = {simple(Action::Kind::kSuspend), simple(Action::Kind::kUndo), answer("Paris")};
  drive(again, other, g.clock);
  REQUIRE(other.events.size() >= 5);
  CHECK(other.events[1] == "suspend fr");
  CHECK(other.events[3] == "undone fr mark");
  CHECK(other.events[4] == "question fr");
  CHECK_FALSE(g.store.card("capitals", "fr")->marks.suspended);
}

TEST_CASE("flagging toggles the flag and keeps the question, an exam refuses suspend") {
  Fixture f;
  Session session = f.drill();
  FakeFrontEnd front;
  front.actions = {simple(Action::Kind::kFlag), answer("Paris")};
  drive(session, front, f.clock);
  CHECK(front.events[1] == "flag fr");
  CHECK(front.events[2] == "result fr right Good");
  CHECK(f.store.card("capitals", "fr")->marks.flag == 1);

  std::map<std::string, schedule::Scheduler> schedulers;
  schedulers.emplace("capitals", schedule::Scheduler{schedule::Parameters{}});
  SessionOptions options;
  options.mode = Mode::kExam;
  options.seed = 1;
  Session exam({f.deck}, f.store, std::move(schedulers), options, kNow);
  FakeFrontEnd exam_front;
  exam_front.actions = {simple(Action::Kind::kSuspend), simple(Action::Kind::kQuit)};
  drive(exam, exam_front, f.clock);
  REQUIRE(exam_front.events.size() >= 2);
  CHECK(exam_front.events[1].find("suspend") == 0);
  CHECK(exam_front.events[1].find("refused") != std::string::npos);
}

TEST_CASE("a hint costs a grade only when the card has one") {
  Fixture f;
  Session session = f.drill();
  FakeFrontEnd front;
  // fr has no hint: asking changes nothing, a right answer is still Good; it has one: a
  // right answer after seeing it is Hard.
  front.actions = {simple(Action::Kind::kHint), answer("Paris"), answer("Berlin"),
                   simple(Action::Kind::kHint), answer("Rome")};
  drive(session, front, f.clock);
  CHECK(lines(front.events) ==
        lines({"question fr", "hint fr", "result fr right Good", "question de",
               "result de right Good", "question it", "hint it", "result it right Hard",
               "question it", "summary 3 answered, 3 right"}));
}

}  // namespace quizdeck::session
