// SPDX-License-Identifier: MIT
#include "cli/commands/sync_sittings.h"

#include "cli/files/results_source.h"
#include "session/exam_plan.h"

namespace quizdeck::cli {

sync::Sitting sitting_record(const store::SittingToSend& sitting) {
  const store::SessionRecord& s = sitting.session;
  sync::Sitting out;
  out.seq = s.origin_id;
  out.deck_ids = s.decks;
  out.started_ms = s.started_ms;
  out.ended_ms = s.ended_ms;
  out.score = s.score;
  out.points = s.points;
  out.pass_mark = s.pass_mark;
  out.passed = s.passed;
  out.complete = s.complete;
  // What `results` reads of the plan, as it reads it: the questions, and the time spent
  // (only a plan knows the time of earlier sittings of a resumed exam).
  if (s.plan && session::read_exam_plan(*s.plan)) {
    const analysis::ExamSitting exported = sitting_of(s);
    for (const auto& question : exported.questions) {
      out.questions.push_back({question.deck, question.card});
    }
    out.spent_ms = exported.time_ms;
  }
  for (const std::int64_t seq : sitting.answers) {
    if (!out.answers.empty() && out.answers.back().second + 1 == seq) {
      out.answers.back().second = seq;
    } else {
      out.answers.emplace_back(seq, seq);
    }
  }
  return out;
}

std::string sitting_fingerprint(sync::Sitting sitting) {
  sitting.time_ms = 0;
  return sync::format_event(sitting);
}

store::SyncedSitting taken_sitting(const std::string& device, const sync::Sitting& sitting) {
  store::SyncedSitting out;
  store::SessionRecord& s = out.session;
  s.mode = core::ReviewMode::kExam;
  s.decks = sitting.deck_ids;
  s.started_ms = sitting.started_ms;
  s.ended_ms = sitting.ended_ms;
  s.score = sitting.score;
  s.points = sitting.points;
  s.pass_mark = sitting.pass_mark;
  s.passed = sitting.passed;
  s.complete = sitting.complete;
  s.origin = device;
  s.origin_id = sitting.seq;
  if (!sitting.questions.empty() || sitting.spent_ms) {
    // A plan that gives `results` the same questions and time: all of it spent before a
    // "sitting" that began as it ended. Not one to resume (nor is it offered: the sitting
    // is another device's).
    session::ExamPlan plan;
    for (const auto& question : sitting.questions) {
      plan.items.push_back({question.deck_id, question.card_id, {}});
    }
    plan.used_ms = sitting.spent_ms.value_or(0);
    plan.sitting_started_ms = sitting.ended_ms.value_or(0);
    plan.pass_percent = sitting.pass_mark;
    s.plan = session::write_exam_plan(plan);
  }
  out.time_ms = sitting.time_ms;
  out.record = sitting_fingerprint(sitting);
  out.answers = sitting.answers;
  return out;
}

}  // namespace quizdeck::cli
