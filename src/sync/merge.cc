// SPDX-License-Identifier: MIT
#include "sync/merge.h"

#include <algorithm>
#include <set>

namespace quizdeck::sync {

bool newer(const Stamp& incoming, const Stamp& held) {
  return held < incoming;
}

bool replay_before(std::int64_t time_a, const ReviewId& a, std::int64_t time_b, const ReviewId& b) {
  if (time_a != time_b) return time_a < time_b;
  return a < b;
}

Merged merge(const std::vector<Incoming>& events) {
  Merged merged;
  std::set<ReviewId> tombstones;
  std::map<ReviewId, const Review*> reviews;
  for (const Incoming& incoming : events) {
    const Event& event = incoming.event;
    if (const auto* review = std::get_if<Review>(&event)) {
      if (!reviews.emplace(ReviewId{incoming.device, review->seq}, review).second) {
        ++merged.duplicates;
      }
    } else if (const auto* undo = std::get_if<Undo>(&event)) {
      tombstones.insert(undo->review);
    } else if (const auto* marks = std::get_if<Marks>(&event)) {
      Stamp stamp{marks->time_ms, incoming.device};
      auto& held = merged.marks[{marks->deck_id, marks->card_id}];
      if (held.stamp.device.empty() || newer(stamp, held.stamp)) {
        held = {std::move(stamp), *marks};
      }
    } else if (const auto* setting = std::get_if<Setting>(&event)) {
      Stamp stamp{setting->time_ms, incoming.device};
      auto& held = merged.settings[{setting->scope, setting->key}];
      if (held.stamp.device.empty() || newer(stamp, held.stamp)) {
        held = {std::move(stamp), *setting};
      }
    } else if (const auto* sitting = std::get_if<Sitting>(&event)) {
      // Stamps of one device's syncs only grow, so the later stamp is the later record; of
      // equal ones (copies of one line) the one read last.
      auto [at, added] = merged.sittings.emplace(ReviewId{incoming.device, sitting->seq}, *sitting);
      if (!added && at->second.time_ms <= sitting->time_ms) at->second = *sitting;
    } else if (const auto* synced = std::get_if<Synced>(&event)) {
      auto& latest = merged.synced[incoming.device];
      latest = std::max(latest, synced->time_ms);
    } else if (const auto* retire = std::get_if<Retire>(&event)) {
      auto [at, added] = merged.retired.emplace(retire->device, retire->time_ms);
      if (!added) at->second = std::min(at->second, retire->time_ms);
    }
  }
  for (const auto& [id, review] : reviews) {
    if (!tombstones.contains(id)) merged.reviews.emplace_back(id, *review);
  }
  std::sort(merged.reviews.begin(), merged.reviews.end(), [](const auto& a, const auto& b) {
    return replay_before(a.second.time_ms, a.first, b.second.time_ms, b.first);
  });
  merged.tombstones.assign(tombstones.begin(), tombstones.end());
  return merged;
}

}  // namespace quizdeck::sync
