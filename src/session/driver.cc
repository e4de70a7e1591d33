// SPDX-License-Identifier: MIT
#include "session/driver.h"

namespace quizdeck::session {

SessionClock::SessionClock(std::int64_t start, bool frozen, std::function<std::int64_t()> wall)
    : start_(start), frozen_(frozen), wall_(std::move(wall)) {
  if (!frozen_) wall_start_ = wall_();
}

std::int64_t SessionClock::now() const {
  return frozen_ ? start_ + offset_ : start_ + (wall_() - wall_start_) + offset_;
}

namespace {

enum class Outcome { kNext, kQuit, kInterrupt };

// One question, from showing it to the learner's last word on it.
Outcome ask(Session& session, FrontEnd& front_end, SessionClock& clock, const Question& question) {
  front_end.question(question, session);
  Answer answer;
  while (true) {
    const Action action = front_end.act(question);
    switch (action.kind) {
      case Action::Kind::kQuit:
        return Outcome::kQuit;
      case Action::Kind::kInterrupt:
        return Outcome::kInterrupt;
      case Action::Kind::kTimeUp:
        front_end.time_up();
        return Outcome::kQuit;
      case Action::Kind::kHint:
        // A hint costs a grade only when there is one to see.
        answer.used_hint = answer.used_hint || !question.card->hint.empty();
        front_end.hint(question);
        continue;
      case Action::Kind::kUndo: {
        const auto taken = session.undo_target();
        if (!taken) {
          front_end.undone(std::nullopt);
          continue;
        }
        // This question goes back, and the undone card comes before it.
        session.requeue(question);
        session.undo();
        front_end.undone(taken);
        return Outcome::kNext;
      }
      case Action::Kind::kSkip: {
        answer.skip = true;
        const Result result = session.answer(question, answer, clock.now());
        front_end.result(result, true);
        return Outcome::kNext;
      }
      case Action::Kind::kInvalid:
        front_end.invalid(question, action.text);
        continue;
      case Action::Kind::kSuspend:
      case Action::Kind::kBury:
      case Action::Kind::kFlag: {
        const Mark mark = action.kind == Action::Kind::kSuspend ? Mark::kSuspend
                          : action.kind == Action::Kind::kBury  ? Mark::kBury
                                                                : Mark::kFlag;
        const Marked marked = session.mark(question, mark, clock.now());
        front_end.marked(question, marked);
        if (marked.done && marked.left) return Outcome::kNext;
        continue;
      }
      case Action::Kind::kRate:
        // At a question: the previous answer, recorded again with another rating.
        if (!action.rating) continue;
        if (const auto changed = session.rerate(*action.rating, clock.now())) {
          front_end.rerated(*changed);
        } else {
          front_end.invalid(question, "there is no answer to rate again");
        }
        continue;
      case Action::Kind::kGoOn:
        continue;  // only meaningful after a result
      case Action::Kind::kAnswer:
        break;
    }
    answer.text = action.text;
    answer.rating = action.rating;
    answer.response_ms = action.response_ms;
    const Result result = session.answer(question, answer, clock.now());
    if (result.grade.verdict == grade::Verdict::kInvalid) {
      front_end.invalid(question, result.grade.problem);
      continue;
    }
    front_end.result(result, false);
    if (!result.review_id || !result.counted || !result.scheduled) return Outcome::kNext;
    const Action after = front_end.after_result(result);
    if (after.kind == Action::Kind::kQuit) return Outcome::kQuit;
    if (after.kind == Action::Kind::kInterrupt) return Outcome::kInterrupt;
    if (after.kind == Action::Kind::kRate && after.rating && *after.rating != result.rating) {
      if (const auto changed = session.rerate(*after.rating, clock.now())) {
        front_end.rerated(*changed);
      }
    }
    return Outcome::kNext;
  }
}

}  // namespace

ExitCode drive(Session& session, FrontEnd& front_end, SessionClock& clock) {
  front_end.start(session, clock.now());
  if (session.planned() == 0) {
    front_end.nothing_to_do(session.mode(), session.next_due(clock.now()));
    session.finish(clock.now());
    return ExitCode::kOk;
  }
  bool interrupted = false;
  while (const auto question = session.next(clock.now())) {
    const Outcome outcome = ask(session, front_end, clock, *question);
    interrupted = outcome == Outcome::kInterrupt;
    if (outcome != Outcome::kNext) break;
  }
  const Summary summary = session.finish(clock.now());
  front_end.summary(summary, session.next_due(clock.now()));
  if (interrupted) return ExitCode::kInterrupted;
  if (summary.passed && !*summary.passed) return ExitCode::kExamFailed;
  return ExitCode::kOk;
}

}  // namespace quizdeck::session
