// SPDX-License-Identifier: MIT
// The learner's side of a class (quizdeck(1), CLASS): finished exam sittings (and, with
// `class-drill` on, drill sessions) are queued in the store, each under a random UUID,
// and pushed to the class database at the store's `class` setting. A push sends each
// entry in one transaction and marks it pushed after the server committed it; killed in
// between, the next push sends it again and the server keeps the first copy (the UUID is
// its key), so every sitting arrives once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/expected.h"
#include "store/store.h"

namespace quizdeck::cli {

// The setting keys (global only).
inline constexpr std::string_view kClassKey = "class";
inline constexpr std::string_view kClassDrillKey = "class-drill";

// The class address the store has; nothing when none is set.
std::optional<std::string> class_address(store::Store& store);

// A random (version 4) UUID from the system's random source.
std::string random_uuid();

// Queues a session that has just ended when the store has a class: an exam sitting that
// was completed, a drill when `class-drill` is on. Whether it was queued.
bool queue_finished_session(store::Store& store, std::int64_t session_id, std::int64_t now);

struct PushOutcome {
  int pushed = 0;   // entries pushed now
  int waiting = 0;  // entries still queued
  // The server could not be reached: the queue waits (the message says where it goes).
  std::optional<std::string> offline;
};

// Pushes the queue, oldest first, to `url`. A server out of reach is no failure (the queue
// waits: `offline` says so); anything else (a refused login, a class database not
// initialised) is.
core::Expected<PushOutcome> push_class_queue(store::Store& store, const std::string& url,
                                             std::int64_t now);

// "1 exam sitting" / "2 drill sessions", for messages.
std::string queue_count_text(int exams, int drills);

}  // namespace quizdeck::cli
