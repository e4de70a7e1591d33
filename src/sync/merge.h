// SPDX-License-Identifier: MIT
// How journals merge (quizdeck(1), SYNC): reviews are a grow-only set keyed by their id,
// minus the ids an undo tombstoned; a card's state is the replay of its reviews in time
// order (ties: device id, then number), so stores that hold the same reviews hold the same
// states whatever order they merged them in; a card's marks and a setting are last writer
// wins by (time, device id); an exam sitting is its device's alone, and its latest record
// (the one a later sync of that device stamped) wins. Pure: events in, decisions out.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sync/journal.h"

namespace quizdeck::sync {

// When and where a mark or setting was written: the later time wins, the greater device
// id breaks a tie, so every store picks the same winner.
struct Stamp {
  std::int64_t time_ms = 0;
  std::string device;
  // Written out: libc++ 14's std::string has no operator<=> to default one from.
  friend std::strong_ordering operator<=>(const Stamp& a, const Stamp& b) {
    if (a.time_ms != b.time_ms) return a.time_ms <=> b.time_ms;
    const int c = a.device.compare(b.device);
    return c < 0   ? std::strong_ordering::less
           : c > 0 ? std::strong_ordering::greater
                   : std::strong_ordering::equal;
  }
  friend bool operator==(const Stamp&, const Stamp&) = default;
};

// Whether a value stamped `incoming` replaces one stamped `held`.
bool newer(const Stamp& incoming, const Stamp& held);

// The order of a card's reviews for its replay: time, then device id, then number.
bool replay_before(std::int64_t time_a, const ReviewId& a, std::int64_t time_b, const ReviewId& b);

// An event as read, with the device whose journal (or copy of one) held it.
struct Incoming {
  std::string device;
  Event event;
};

// What a batch of journal events comes to, before it meets the store: each review once
// (the first copy read; copies of one id are the same review), none whose id an undo
// in the batch names, in replay order; the tombstoned ids; the newest marks of each card
// and value of each setting; the latest record of each exam sitting; each device's latest
// sync and retirement.
struct Merged {
  struct StampedMarks {
    Stamp stamp;
    Marks marks;
  };
  struct StampedSetting {
    Stamp stamp;
    Setting setting;
  };
  std::vector<std::pair<ReviewId, Review>> reviews;
  std::vector<ReviewId> tombstones;                                        // sorted, each once
  std::map<std::pair<std::string, std::string>, StampedMarks> marks;       // by (deck, card)
  std::map<std::pair<std::string, std::string>, StampedSetting> settings;  // by (scope, key)
  std::map<ReviewId, Sitting> sittings;         // by (device, its number there): the latest stamp
  std::map<std::string, std::int64_t> synced;   // device: its latest sync
  std::map<std::string, std::int64_t> retired;  // device: when it was retired
  std::size_t duplicates = 0;                   // review copies read more than once
};
Merged merge(const std::vector<Incoming>& events);

}  // namespace quizdeck::sync
