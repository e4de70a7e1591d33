// SPDX-License-Identifier: MIT
#include "cli/files/class_queue.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <stdexcept>

#include <fmt/format.h>

#include "classroom/class_push.h"
#include "classroom/class_url.h"
#include "classroom/connection.h"
#include "cli/files/results_source.h"

namespace quizdeck::cli {
namespace {

std::optional<std::string> global_setting(store::Store& store, std::string_view key) {
  const auto settings = store.settings("");
  const auto it = settings.find(std::string(key));
  if (it == settings.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

classroom::PushBatch batch_of(store::Store& store, const store::ClassQueueEntry& entry) {
  classroom::PushBatch batch;
  batch.id = entry.id;
  const bool exam = entry.mode == core::ReviewMode::kExam;
  if (exam) {
    if (const auto session = store.session(entry.session_id)) batch.sitting = sitting_of(*session);
  }
  store::ReviewFilter filter;
  filter.session_id = entry.session_id;
  for (const store::ReviewRecord& review : store.reviews(filter)) {
    batch.answers.push_back(answer_of(review, exam));
  }
  return batch;
}

}  // namespace

std::optional<std::string> class_address(store::Store& store) {
  return global_setting(store, kClassKey);
}

std::string random_uuid() {
  std::array<unsigned char, 16> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("the system's random source failed");
    }
    got += static_cast<std::size_t>(n);
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += fmt::format("{:02x}", bytes[i]);
  }
  return out;
}

bool queue_finished_session(store::Store& store, std::int64_t session_id, std::int64_t now) {
  if (!class_address(store)) return false;
  const auto session = store.session(session_id);
  if (!session || !session->ended_ms) return false;
  store::ClassQueueEntry entry;
  entry.id = random_uuid();
  entry.session_id = session_id;
  entry.queued_ms = now;
  if (session->mode == core::ReviewMode::kExam) {
    if (!session->complete) return false;
    entry.mode = core::ReviewMode::kExam;
  } else if (session->mode == core::ReviewMode::kDrill) {
    if (global_setting(store, kClassDrillKey).value_or("no") != "yes") return false;
    store::ReviewFilter filter;
    filter.session_id = session_id;
    if (store.reviews(filter).empty()) return false;
    entry.mode = core::ReviewMode::kDrill;
  } else {
    return false;
  }
  return store.queue_for_class(entry);
}

core::Expected<PushOutcome> push_class_queue(store::Store& store, const std::string& url,
                                             std::int64_t now) {
  PushOutcome outcome;
  const auto queue = store.class_queue();
  outcome.waiting = static_cast<int>(queue.size());
  if (queue.empty()) return outcome;
  auto connection = classroom::Connection::open(url);
  if (!connection) {
    if (!classroom::is_unreachable(connection.error())) return connection.error();
    outcome.offline = connection.error().message();
    return outcome;
  }
  for (const store::ClassQueueEntry& entry : queue) {
    auto pushed = classroom::push_batch(*connection, batch_of(store, entry));
    if (!pushed) {
      if (!classroom::is_unreachable(pushed.error())) return pushed.error();
      outcome.offline = pushed.error().message();
      return outcome;
    }
    store.mark_class_pushed(entry.id, now);
    ++outcome.pushed;
    --outcome.waiting;
  }
  return outcome;
}

std::string queue_count_text(int exams, int drills) {
  std::string out;
  if (exams > 0 || drills == 0) {
    out = fmt::format("{} exam sitting{}", exams, exams == 1 ? "" : "s");
  }
  if (drills > 0) {
    out += fmt::format("{}{} drill session{}", out.empty() ? "" : " and ", drills,
                       drills == 1 ? "" : "s");
  }
  return out;
}

}  // namespace quizdeck::cli
