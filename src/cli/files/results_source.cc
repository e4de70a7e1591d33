// SPDX-License-Identifier: MIT
#include "cli/files/results_source.h"

#include <algorithm>
#include <set>

#include "classroom/class_push.h"
#include "core/json.h"
#include "session/exam_plan.h"

namespace quizdeck::cli {
namespace {

std::optional<std::vector<std::string>> texts_of(const std::optional<std::string>& stored) {
  if (!stored) return std::nullopt;
  return core::parse_json_strings(*stored);
}

}  // namespace

analysis::ExamSitting sitting_of(const store::SessionRecord& session) {
  analysis::ExamSitting sitting;
  sitting.attempt = session.id;
  sitting.decks = session.decks;
  sitting.started_ms = session.started_ms;
  sitting.ended_ms = session.ended_ms;
  sitting.score = session.score;
  sitting.points = session.points;
  sitting.pass_mark = session.pass_mark;
  sitting.passed = session.passed;
  sitting.complete = session.complete;
  const auto plan = session.plan ? session::read_exam_plan(*session.plan) : std::nullopt;
  if (plan) {
    for (const auto& item : plan->items) sitting.questions.push_back({item.deck_id, item.card_id});
    if (session.ended_ms) {
      sitting.time_ms =
          plan->used_ms + std::max<std::int64_t>(0, *session.ended_ms - plan->sitting_started_ms);
    }
  } else if (session.ended_ms) {
    sitting.time_ms = std::max<std::int64_t>(0, *session.ended_ms - session.started_ms);
  }
  return sitting;
}

analysis::Answer answer_of(const store::ReviewRecord& review, bool in_sitting) {
  analysis::Answer answer;
  if (in_sitting) answer.attempt = review.session_id;
  answer.mode = review.mode;
  answer.deck = review.deck_id;
  answer.card = review.card_id;
  answer.content = review.content;
  answer.question = review.question;
  answer.time_ms = review.time_ms;
  if (review.answer_form == "choices") {
    answer.shown = texts_of(review.shown);
    answer.picked = texts_of(review.answer);
  } else if (review.answer_form == "typed" || review.answer_form == "legacy") {
    answer.answer = review.answer;
  }
  answer.correct = review.correct;
  answer.credit = review.credit;
  answer.rating = static_cast<int>(review.rating);
  answer.response_ms = review.response_ms;
  answer.scheduled = review.scheduled;
  answer.reset = review.reset_ms.has_value();
  return answer;
}

core::Expected<void> class_results(const std::string& url, const LearnerRecords& records) {
  auto connection = classroom::Connection::open(url);
  if (!connection) return connection.error();
  classroom::ClassReader reader;
  reader.begin = records.begin;
  reader.sitting = [&](const analysis::ExamSitting& sitting) { records.take(sitting); };
  reader.answer = [&](const analysis::Answer& answer) { records.take(answer); };
  reader.end = records.end;
  reader.warn = records.warn;
  return classroom::read_class(*connection, reader);
}

void store_results(store::Store& store, const ResultsSelection& selection,
                   const std::function<void(const analysis::ResultsRecord&)>& take) {
  const std::set<std::string> wanted(selection.deck_ids.begin(), selection.deck_ids.end());
  const auto selected = [&](const std::string& deck) {
    return wanted.empty() || wanted.contains(deck);
  };
  std::set<std::int64_t> exams;
  auto sessions = store.sessions();
  std::stable_sort(sessions.begin(), sessions.end(),
                   [](const auto& a, const auto& b) { return a.started_ms < b.started_ms; });
  for (const store::SessionRecord& session : sessions) {
    if (session.mode != core::ReviewMode::kExam) continue;
    if (selection.since_ms && session.started_ms < *selection.since_ms) continue;
    if (std::none_of(session.decks.begin(), session.decks.end(), selected)) continue;
    exams.insert(session.id);
    take(sitting_of(session));
  }
  store::ReviewFilter filter;
  filter.since_ms = selection.since_ms;
  for (const store::ReviewRecord& review : store.reviews(filter)) {
    // An exported sitting comes whole, answers to its other decks too: its score is theirs.
    const bool in_sitting = review.session_id && exams.contains(*review.session_id);
    if (!selected(review.deck_id) && !in_sitting) continue;
    take(answer_of(review, in_sitting));
  }
}

}  // namespace quizdeck::cli
