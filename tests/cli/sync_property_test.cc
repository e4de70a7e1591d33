// SPDX-License-Identifier: MIT
// `quizdeck sync` as issue #30 states it: stores that study the same deck in random
// interleavings, with random syncs (some killed with SIGKILL part way), undos, marks,
// settings, exam sittings (some left unfinished and resumed later) and clocks set back, end
// (after everyone syncs twice) with the same history, marks, settings and exam sittings
// (`results` the same), and every card in the state one store that saw every review in time
// order would give it. And a sync tool's conflict copy of a journal loses nothing.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "analysis/results.h"
#include "cli/commands/sync_run.h"
#include "cli/files/results_source.h"
#include "core/time.h"
#include "session/card_state.h"
#include "session/exam_plan.h"
#include "store/store.h"
#include "support/process.h"
#include "sync/journal.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kT0 = 1'790'000'000'000;  // 2026-09-21
constexpr std::int64_t kHour = 3'600'000;
constexpr int kCards = 6;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("quizdeck-{}-{}", name, ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir / "sync");
  return dir;
}

std::string card_name(int i) {
  return "c" + std::to_string(i);
}

store::Store open_with_deck(const std::string& path, std::int64_t now) {
  store::Store store = store::Store::open(path);
  std::vector<store::CardSeen> cards;
  for (int i = 0; i < kCards; ++i) cards.push_back({card_name(i), "Question " + card_name(i)});
  store.sync_deck({"d", "Deck", "d.yaml", now}, cards, now);
  return store;
}

schedule::Scheduler scheduler_of(store::Store& store) {
  auto parameters = session::parameters_for_deck(store, "d");
  REQUIRE(parameters);
  return schedule::Scheduler(*parameters);
}

store::Store::Replay replay_with(const schedule::Scheduler& scheduler) {
  return
      [&scheduler](const store::CardRecord& card, const std::vector<store::ReviewRecord>& reviews) {
        return session::replay_reviews(scheduler, card, reviews);
      };
}

SyncSummary sync_now(const std::string& path, const std::string& dir, std::int64_t now) {
  store::Store store = store::Store::open(path);
  std::vector<std::string> problems;
  auto done = sync_store(store, {dir, now, false, std::nullopt},
                         [&](const core::Diagnostic& d) { problems.push_back(d.message); });
  REQUIRE_MESSAGE(done, (done ? "" : done.error().message()));
  CHECK(problems.empty());
  return *done;
}

// `quizdeck sync` in a process of its own, killed with SIGKILL after `delay_us` (it may
// have finished by then).
void sync_killed(const std::string& path, const std::string& dir, std::int64_t now, int delay_us) {
  const std::string bin = test::quizdeck_binary();
  const std::string when = core::format_iso8601(now);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execl(bin.c_str(), bin.c_str(), "sync", dir.c_str(), "--store", path.c_str(), "--now",
            when.c_str(), nullptr);
    ::_exit(127);
  }
  ::usleep(static_cast<useconds_t>(delay_us));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) CHECK(WEXITSTATUS(status) == 0);
}

struct Device {
  std::string path;
  std::string id;
  std::int64_t clock = kT0;
  std::vector<store::Store::Recorded> undoable;
  std::optional<std::int64_t> unfinished;  // an exam sitting left before its end
};

// A review as every store must hold it: its id, and what was answered when.
using HeldReview = std::tuple<std::string, std::int64_t, std::int64_t, std::string, int, bool>;

std::vector<HeldReview> history_of(store::Store& store) {
  std::vector<HeldReview> out;
  for (const auto& r : store.reviews({})) {
    out.emplace_back(r.origin, r.seq, r.time_ms, r.card_id, static_cast<int>(r.rating),
                     r.scheduled);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// What a card's schedule is (not where it came from: a card a store made for history it
// received has its own creation time).
using CardSchedule = std::tuple<int, std::int64_t, double, double, std::int64_t, std::int64_t,
                                std::int64_t, std::int64_t, std::optional<std::int64_t>>;
CardSchedule schedule_of(const store::CardRecord& c) {
  return {
      static_cast<int>(c.state), c.due_ms,         c.stability,     c.difficulty, c.reps, c.lapses,
      c.scheduled_days,          c.learning_steps, c.last_review_ms};
}

// Each card replayed from the store's kept, scheduled reviews sorted by (time, device,
// number) here, independently of the store's own ordering.
std::map<std::string, CardSchedule> reference_states(store::Store& store) {
  const schedule::Scheduler scheduler = scheduler_of(store);
  std::map<std::string, CardSchedule> out;
  for (int i = 0; i < kCards; ++i) {
    const auto card = store.card("d", card_name(i));
    REQUIRE(card);
    store::ReviewFilter filter;
    filter.deck_id = "d";
    filter.card_id = card_name(i);
    filter.only_scheduled_and_kept = true;
    auto reviews = store.reviews(filter);
    std::sort(reviews.begin(), reviews.end(), [](const auto& a, const auto& b) {
      return std::tie(a.time_ms, a.origin, a.seq) < std::tie(b.time_ms, b.origin, b.seq);
    });
    if (reviews.empty()) continue;
    out[card_name(i)] = schedule_of(session::replay_reviews(scheduler, *card, reviews));
  }
  return out;
}

std::map<std::string, CardSchedule> states_of(store::Store& store) {
  std::map<std::string, CardSchedule> out;
  for (int i = 0; i < kCards; ++i) {
    const auto card = store.card("d", card_name(i));
    REQUIRE(card);
    if (card->reps > 0 || card->last_review_ms) out[card_name(i)] = schedule_of(*card);
  }
  return out;
}

// Every setting, global and the deck's, as "scope/key=value" lines.
std::string settings_of(store::Store& store) {
  std::string out;
  for (const std::string scope : {"", "d"}) {
    for (const auto& [key, value] : store.settings(scope)) {
      out += fmt::format("{}/{}={}\n", scope, key, value);
    }
  }
  return out;
}

std::map<std::string, store::CardMarks> marks_of(store::Store& store) {
  std::map<std::string, store::CardMarks> out;
  for (const auto& card : store.cards("d")) out[card.card_id] = card.marks;
  return out;
}

// What `quizdeck results` writes of the store, its lines sorted, each sitting's number (the
// store's own) replaced by its id across stores: every store must write the same.
std::vector<std::string> results_of(store::Store& store) {
  std::map<std::int64_t, std::string> ids;
  for (const auto& session : store.sessions()) {
    ids[session.id] = fmt::format("{}/{}", session.origin, session.origin_id);
  }
  std::vector<std::string> lines;
  store_results(store, {}, [&](const analysis::ResultsRecord& record) {
    std::optional<std::int64_t> attempt;
    analysis::ResultsRecord written = record;
    if (auto* sitting = std::get_if<analysis::ExamSitting>(&written)) {
      attempt = sitting->attempt;
      sitting->attempt = 0;
    } else if (auto* answer = std::get_if<analysis::Answer>(&written)) {
      attempt = answer->attempt;
      answer->attempt.reset();
    }
    lines.push_back(analysis::write_results_line(written) +
                    (attempt ? " in " + ids[*attempt] : std::string()));
  });
  std::sort(lines.begin(), lines.end());
  return lines;
}

void run_scenario(std::uint64_t seed, int devices, int steps, bool kills) {
  CAPTURE(seed);
  const fs::path dir = fresh_dir("sync-" + std::to_string(seed));
  const std::string sync_dir = (dir / "sync").string();
  std::mt19937_64 random(seed);
  const auto roll = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  std::vector<Device> all(static_cast<std::size_t>(devices));
  for (int i = 0; i < devices; ++i) {
    Device& device = all[static_cast<std::size_t>(i)];
    device.path = (dir / fmt::format("s{}.db", i)).string();
    store::Store store = open_with_deck(device.path, device.clock);
    device.id = store.device_id();
  }
  // What was answered and not taken back: (device, time, card, rating).
  std::multiset<std::tuple<std::string, std::int64_t, std::string, int>> expected;
  // A review of a random card, in an exam sitting or not.
  const auto answer = [&](store::Store& store, Device& device,
                          std::optional<std::int64_t> session_id) {
    const schedule::Scheduler scheduler = scheduler_of(store);
    const std::string card = card_name(roll(kCards));
    const auto rating = static_cast<core::Rating>(1 + roll(4));
    store::ReviewRecord review;
    review.time_ms = device.clock;
    review.deck_id = "d";
    review.card_id = card;
    review.rating = rating;
    review.correct = rating != core::Rating::kAgain;
    review.answer = "x";
    review.response_ms = 1000;
    review.session_id = session_id;
    if (session_id) review.mode = core::ReviewMode::kExam;
    const std::int64_t now = device.clock;
    auto recorded = store.record_review(review, [&](const store::CardRecord& current) {
      auto next = scheduler.next(session::to_schedule(current), now, rating);
      return next ? std::optional(session::with_state(current, *next)) : std::nullopt;
    });
    device.undoable.push_back(recorded);
    expected.emplace(device.id, now, card, static_cast<int>(rating));
  };
  // An exam sitting of a few answers, finished or left before its end; or the one left,
  // resumed (and finished, or left again).
  const auto sit_exam = [&](Device& device, bool finish) {
    store::Store store = store::Store::open(device.path);
    session::ExamPlan plan;
    for (int i = 0; i < 3; ++i) plan.items.push_back({"d", card_name(roll(kCards)), {}});
    plan.sitting_started_ms = device.clock;
    std::int64_t id = 0;
    if (device.unfinished && roll(2) == 0) {
      id = *device.unfinished;
      plan.used_ms = 60'000 * (1 + roll(5));
      store.resume_session(id, session::write_exam_plan(plan));
    } else {
      store::SessionRecord record;
      record.mode = core::ReviewMode::kExam;
      record.decks = {"d"};
      record.started_ms = device.clock;
      record.pass_mark = 60;
      record.plan = session::write_exam_plan(plan);
      id = store.begin_session(record);
    }
    device.unfinished.reset();
    const int answers = 1 + roll(3);
    for (int i = 0; i < answers; ++i) {
      device.clock += 1000 * (1 + roll(60));
      answer(store, device, id);
    }
    store::SessionRecord ended = *store.session(id);
    ended.ended_ms = device.clock;
    ended.complete = finish || roll(3) != 0;
    ended.points = 3;
    ended.score = roll(4);
    ended.passed = *ended.score >= 2;
    store.end_session(ended);
    if (!ended.complete) device.unfinished = id;
  };
  int kills_done = 0;
  for (int step = 0; step < steps; ++step) {
    Device& device = all[static_cast<std::size_t>(roll(devices))];
    // The clock moves on, sometimes by days, and now and then is set back.
    device.clock += (roll(10) == 0 ? -roll(30) : roll(50)) * kHour + roll(3600) * 1000;
    const int what = roll(100);
    if (what < 50) {
      store::Store store = store::Store::open(device.path);
      answer(store, device, std::nullopt);
    } else if (what < 60) {
      if (device.undoable.empty()) continue;
      const store::Store::Recorded recorded = device.undoable.back();
      device.undoable.pop_back();
      store::Store store = store::Store::open(device.path);
      const schedule::Scheduler scheduler = scheduler_of(store);
      store::ReviewFilter filter;
      filter.deck_id = "d";
      filter.card_id = recorded.before.card_id;
      const auto review = store.reviews(filter);
      store.undo_review(recorded, replay_with(scheduler));
      const auto it = std::find_if(review.begin(), review.end(),
                                   [&](const auto& r) { return r.id == recorded.review_id; });
      REQUIRE(it != review.end());
      const auto gone =
          expected.find({device.id, it->time_ms, it->card_id, static_cast<int>(it->rating)});
      REQUIRE(gone != expected.end());
      expected.erase(gone);
    } else if (what < 70) {
      store::Store store = store::Store::open(device.path);
      store::CardMarks marks;
      marks.suspended = roll(2) == 0;
      marks.flag = roll(8);
      if (roll(3) == 0) marks.buried_until_ms = device.clock + kHour * roll(48);
      store.set_marks("d", card_name(roll(kCards)), marks);
    } else if (what < 75) {
      store::Store store = store::Store::open(device.path);
      if (roll(4) == 0) {
        store.unset_setting(roll(2) == 0 ? "" : "d", "new-per-day");
      } else {
        store.set_setting(roll(2) == 0 ? "" : "d", "new-per-day", std::to_string(1 + roll(50)));
      }
    } else if (what < 80) {
      sit_exam(device, false);
    } else if (kills && roll(3) == 0) {
      sync_killed(device.path, sync_dir, device.clock, roll(40'000));
      ++kills_done;
    } else {
      sync_now(device.path, sync_dir, device.clock);
    }
  }
  // At least one finished exam sitting on each machine.
  for (auto& device : all) sit_exam(device, true);
  for (int round = 0; round < 2; ++round) {
    for (auto& device : all) sync_now(device.path, sync_dir, device.clock += kHour);
  }
  if (kills) CHECK(kills_done > 0);

  store::Store first = store::Store::open(all.front().path);
  const auto history = history_of(first);
  const auto states = states_of(first);
  const auto marks = marks_of(first);
  const std::string settings = settings_of(first);
  const std::vector<std::string> results = results_of(first);
  CHECK(results.size() > all.size());
  // The history is what was answered and not taken back, each review once.
  std::multiset<std::tuple<std::string, std::int64_t, std::string, int>> held;
  for (const auto& [origin, seq, time, card, rating, scheduled] : history) {
    held.emplace(origin, time, card, rating);
  }
  CHECK(held == expected);
  CHECK(states == reference_states(first));
  for (std::size_t i = 1; i < all.size(); ++i) {
    CAPTURE(i);
    store::Store store = store::Store::open(all[i].path);
    CHECK(history_of(store) == history);
    CHECK(states_of(store) == states);
    CHECK(marks_of(store) == marks);
    CHECK(settings_of(store) == settings);
    CHECK(results_of(store) == results);
    CHECK(store.consistency_check().empty());
    CHECK(store.integrity_check() == std::vector<std::string>{"ok"});
  }
  fs::remove_all(dir);
}

}  // namespace

TEST_CASE("sync: stores that study apart and sync at random end equal to one that saw all") {
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    run_scenario(seed, seed % 2 == 0 ? 3 : 2, 120, false);
  }
}

TEST_CASE("sync: syncs killed with SIGKILL at random points change nothing of the outcome") {
  for (const std::uint64_t seed : {11u, 12u, 13u}) run_scenario(seed, 3, 90, true);
}

TEST_CASE("sync: a conflict copy of a journal is read as its device's and loses nothing") {
  const fs::path dir = fresh_dir("sync-conflict");
  const std::string sync_dir = (dir / "sync").string();
  const std::string a = (dir / "a.db").string();
  const std::string b = (dir / "b.db").string();
  std::string device;
  const auto answer = [&](std::int64_t time, const std::string& card) {
    store::Store store = open_with_deck(a, kT0);
    device = store.device_id();
    const schedule::Scheduler scheduler = scheduler_of(store);
    store::ReviewRecord review;
    review.time_ms = time;
    review.deck_id = "d";
    review.card_id = card;
    store.record_review(review, [&](const store::CardRecord& current) {
      auto next = scheduler.next(session::to_schedule(current), time, core::Rating::kGood);
      return next ? std::optional(session::with_state(current, *next)) : std::nullopt;
    });
  };
  { open_with_deck(b, kT0); }
  answer(kT0 + kHour, "c0");
  sync_now(a, sync_dir, kT0 + 2 * kHour);
  const fs::path journal = fs::path(sync_dir) / sync::journal_name(device);
  const std::string older = test::read_text_file(journal.string());
  answer(kT0 + 3 * kHour, "c1");
  sync_now(a, sync_dir, kT0 + 4 * kHour);
  // The sync tool kept the newer journal as a conflict copy and put the older one back.
  const fs::path copy = fs::path(sync_dir) / fmt::format(
                                                 "quizdeck-{}.sync-conflict-20260921-"
                                                 "101500-ABCDEFG.journal",
                                                 device);
  fs::rename(journal, copy);
  test::write_text_file(journal.string(), older);
  SyncSummary summary = sync_now(b, sync_dir, kT0 + 5 * kHour);
  CHECK(summary.counts.reviews_added == 2);
  CHECK(summary.journals == 2);
  // The tool settles on the newer one: read on from where it was, nothing twice.
  fs::rename(copy, journal);
  summary = sync_now(b, sync_dir, kT0 + 6 * kHour);
  CHECK(summary.counts.reviews_added == 0);
  // A second sync with nothing new adds nothing.
  summary = sync_now(b, sync_dir, kT0 + 7 * kHour);
  CHECK(summary.counts.reviews_added == 0);
  CHECK(summary.sent_reviews == 0);
  store::Store store_a = store::Store::open(a);
  store::Store store_b = store::Store::open(b);
  CHECK(history_of(store_b) == history_of(store_a));
  CHECK(states_of(store_b) == states_of(store_a));
  fs::remove_all(dir);
}

TEST_CASE("sync: status and stats say when each device last synced") {
  const std::string self = "3f9c21d0aaaaaaaaaaaaaaaaaaaaaaaa";
  const std::string other = "77aa0b1cbbbbbbbbbbbbbbbbbbbbbbbb";
  const std::int64_t now = kT0 + 50 * kHour;
  const auto ends_with = [](const std::string& text, const std::string& end) {
    return text.size() >= end.size() &&
           text.compare(text.size() - end.size(), end.size(), end) == 0;
  };
  const std::string mine = device_line({self, now - 2 * kHour - 60'000, std::nullopt}, self, now);
  CHECK(mine.starts_with("3f9c21d0 (this device): last synced "));
  CHECK(ends_with(mine, " (2h ago)"));
  const std::string theirs = device_line({other, now - 49 * kHour, now - kHour}, self, now);
  CHECK(theirs.starts_with("77aa0b1c: last synced "));
  CHECK(theirs.find(" (2d ago), retired ") != std::string::npos);
  CHECK(device_line({other, now - 30'000, std::nullopt}, self, now).ends_with("(just now)"));
  CHECK(device_line({other, std::nullopt, std::nullopt}, self, now) == "77aa0b1c: not synced yet");

  // And the sync itself records both: this device at its sync, the other at its own.
  const fs::path dir = fresh_dir("sync-devices");
  const std::string sync_dir = (dir / "sync").string();
  const std::string a = (dir / "a.db").string();
  const std::string b = (dir / "b.db").string();
  { open_with_deck(a, kT0); }
  { open_with_deck(b, kT0); }
  sync_now(a, sync_dir, kT0 + kHour);
  sync_now(b, sync_dir, kT0 + 2 * kHour);
  store::Store store = store::Store::open(b);
  const auto devices = store.sync_devices();
  REQUIRE(devices.size() == 2);
  for (const auto& device : devices) {
    CHECK(device.synced_ms == (device.device == store.device_id() ? kT0 + 2 * kHour : kT0 + kHour));
    CHECK_FALSE(device.retired_ms);
  }
  fs::remove_all(dir);
}

}  // namespace quizdeck::cli
