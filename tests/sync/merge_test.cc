// SPDX-License-Identifier: MIT
// How journal events merge: each review once whichever copy holds it, none an undo names,
// in replay order; marks and settings by the latest (time, device); the outcome does not
// depend on the order the events were read in (a device stamps each sync later than its
// last, so no two values of one key share a stamp).
#include "sync/merge.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

namespace quizdeck::sync {
namespace {

const std::string kA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string kB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

// (The card is a two-letter name: GCC 12 warns wrongly about copying a std::string into a
// Review returned by value.)
Review review(std::int64_t seq, std::int64_t time_ms, char card = '1') {
  Review r;
  r.seq = seq;
  r.time_ms = time_ms;
  r.deck_id = "d";
  r.card_id = {'q', card};
  return r;
}

std::vector<ReviewId> ids_of(const Merged& merged) {
  std::vector<ReviewId> ids;
  for (const auto& [id, r] : merged.reviews) ids.push_back(id);
  return ids;
}

}  // namespace

TEST_CASE("merge: a review read twice (a conflict copy) is one review") {
  const std::vector<Incoming> events{
      {kA, review(1, 100)}, {kA, review(2, 200)}, {kA, review(1, 100)}, {kB, review(1, 150)}};
  const Merged merged = merge(events);
  CHECK(ids_of(merged) == std::vector<ReviewId>{{kA, 1}, {kB, 1}, {kA, 2}});
  CHECK(merged.duplicates == 1);
}

TEST_CASE("merge: an undo removes its review whether it is read before or after it") {
  for (const bool undo_first : {false, true}) {
    std::vector<Incoming> events{{kA, review(1, 100)}, {kA, review(2, 200)}};
    const Incoming undo{kB, Undo{{kA, 2}}};
    events.insert(undo_first ? events.begin() : events.end(), undo);
    const Merged merged = merge(events);
    CHECK(ids_of(merged) == std::vector<ReviewId>{{kA, 1}});
    CHECK(merged.tombstones == std::vector<ReviewId>{{kA, 2}});
  }
}

TEST_CASE("merge: reviews replay by time, then device, then number") {
  const Merged merged = merge(
      {{kB, review(1, 100)}, {kA, review(9, 100)}, {kA, review(3, 100)}, {kB, review(2, 50)}});
  CHECK(ids_of(merged) == std::vector<ReviewId>{{kB, 2}, {kA, 3}, {kA, 9}, {kB, 1}});
  CHECK(replay_before(1, {kB, 1}, 2, {kA, 1}));
  CHECK(replay_before(1, {kA, 2}, 1, {kB, 1}));
  CHECK_FALSE(replay_before(1, {kA, 2}, 1, {kA, 2}));
}

TEST_CASE("merge: marks and settings go to the latest time, a tie to the greater device") {
  const Marks early{100, "d", "q1", true, std::nullopt, 1, false};
  const Marks late{200, "d", "q1", false, 999, 2, false};
  const Marks tie_a{200, "d", "q1", false, std::nullopt, 3, true};
  Merged merged = merge({{kB, late}, {kA, early}, {kA, tie_a}});
  REQUIRE(merged.marks.size() == 1);
  CHECK(merged.marks.begin()->second.marks == late);  // kB > kA breaks the tie at 200
  CHECK(merged.marks.begin()->second.stamp == Stamp{200, kB});
  merged = merge({{kA, tie_a}, {kA, early}});
  CHECK(merged.marks.begin()->second.marks == tie_a);

  const Setting set{100, "", "retention", "0.9"};
  const Setting unset{300, "", "retention", std::nullopt};
  const Setting other{200, "d", "retention", "0.8"};
  merged = merge({{kA, unset}, {kB, set}, {kB, other}});
  REQUIRE(merged.settings.size() == 2);
  CHECK(merged.settings.at({"", "retention"}).setting == unset);
  CHECK(merged.settings.at({"d", "retention"}).setting == other);

  CHECK(newer({2, kA}, {1, kB}));
  CHECK(newer({1, kB}, {1, kA}));
  CHECK_FALSE(newer({1, kA}, {1, kA}));
  CHECK_FALSE(newer({1, kB}, {2, kA}));
}

TEST_CASE("merge: each device's latest sync, and its earliest retirement") {
  const Merged merged = merge({{kA, Synced{5}},
                               {kA, Synced{9}},
                               {kA, Synced{7}},
                               {kA, Retire{40, kB}},
                               {kB, Retire{30, kB}}});
  CHECK(merged.synced == std::map<std::string, std::int64_t>{{kA, 9}});
  CHECK(merged.retired == std::map<std::string, std::int64_t>{{kB, 30}});
}

TEST_CASE("merge: the outcome does not depend on the order events are read in") {
  std::vector<Incoming> events;
  for (std::int64_t i = 1; i <= 30; ++i) {
    events.push_back({i % 2 == 0 ? kA : kB, review(i, (i * 37) % 11, i % 3 == 0 ? '1' : '2')});
    if (i % 7 == 0) events.push_back({kA, Undo{{kB, i - 2}}});
    events.push_back(
        {i % 2 == 0 ? kA : kB, Marks{(i * 13) % 31, "d", i % 2 == 0 ? "q1" : "q2", i % 3 == 0,
                                     std::nullopt, static_cast<int>(i % 8), false}});
    events.push_back(
        {i % 3 == 0 ? kA : kB, Setting{(i * 7) % 31, "", "retention", std::to_string(i)}});
  }
  const Merged reference = merge(events);
  std::mt19937_64 random(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(events.begin(), events.end(), random);
    const Merged merged = merge(events);
    CHECK(ids_of(merged) == ids_of(reference));
    CHECK(merged.tombstones == reference.tombstones);
    REQUIRE(merged.marks.size() == reference.marks.size());
    for (const auto& [key, held] : reference.marks) {
      CHECK(merged.marks.at(key).marks == held.marks);
      CHECK(merged.marks.at(key).stamp == held.stamp);
    }
    for (const auto& [key, held] : reference.settings) {
      CHECK(merged.settings.at(key).setting == held.setting);
    }
  }
}

TEST_CASE("merge: of a sitting's records, the one its device stamped latest wins") {
  const auto sitting = [](std::int64_t seq, std::int64_t time_ms, bool complete) {
    Sitting s;
    s.seq = seq;
    s.time_ms = time_ms;
    s.deck_ids = {"d"};
    s.complete = complete;
    return s;
  };
  // The newer record read first (an older conflict copy read after the journal) still wins.
  for (const bool newer_first : {false, true}) {
    std::vector<Incoming> events{
        {kA, sitting(1, 100, false)}, {kA, sitting(1, 200, true)}, {kB, sitting(1, 150, false)}};
    if (newer_first) std::swap(events[0], events[1]);
    const Merged merged = merge(events);
    REQUIRE(merged.sittings.size() == 2);
    CHECK(merged.sittings.at({kA, 1}).complete);
    CHECK(merged.sittings.at({kA, 1}).time_ms == 200);
    CHECK_FALSE(merged.sittings.at({kB, 1}).complete);
  }
}

}  // namespace quizdeck::sync
