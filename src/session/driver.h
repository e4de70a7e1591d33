// SPDX-License-Identifier: MIT
// The one study loop every front end shares: ask the next question, take what the learner
// does (answer, hint, skip, undo, quit, change the rating), record it through the Session,
// and tell the front end what happened. A front end (the terminal, scripted lines, JSON
// events, a test's fake) only reads input and shows output; the rules live here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/exit_code.h"
#include "session/session.h"

namespace quizdeck::session {

// The session's clock: frozen at a given time (moved only by advance(), say by a script's
// "@90s"), or the real clock from `start` on.
class SessionClock {
 public:
  // `wall` reads the real clock in ms; frozen clocks never call it.
  SessionClock(std::int64_t start, bool frozen, std::function<std::int64_t()> wall);
  std::int64_t now() const;
  void advance(std::int64_t ms) { offset_ += ms; }
  bool frozen() const { return frozen_; }
  // The real clock, for measuring how long an answer took (frozen or not).
  std::int64_t wall() const { return wall_(); }

 private:
  std::int64_t start_;
  bool frozen_;
  std::function<std::int64_t()> wall_;
  std::int64_t wall_start_ = 0;
  std::int64_t offset_ = 0;
};

// What the learner does at a question.
struct Action {
  enum class Kind {
    kAnswer,  // `text` (and, for a flash card, `rating`)
    kHint,
    kSkip,
    kUndo,       // take back the previous answer
    kQuit,       // stop here (q, Ctrl-D, end of input)
    kInterrupt,  // stop here, interrupted (Ctrl-C): the session ends with exit 130
    kTimeUp,     // the exam's time ran out while waiting
    kRate,       // after a result, or at the next question: re-record the last answer with `rating`
    kGoOn,       // after a result: nothing to change
    kInvalid,    // input that cannot be an answer (`text` says why): refused, asked again
    kSuspend,    // suspend the card (it leaves the session)
    kBury,       // bury it until the next study day (it leaves the session)
    kFlag,       // flag it, or unflag a flagged one
  };
  Kind kind = Kind::kAnswer;
  std::string text;
  std::optional<core::Rating> rating;
  std::optional<std::int64_t> response_ms;  // unknown: never counts as fast
};

class FrontEnd {
 public:
  virtual ~FrontEnd() = default;
  // Before anything else (a scripted driver's greeting).
  virtual void start(const Session& session, std::int64_t now) {
    (void)session;
    (void)now;
  }
  // Nothing to ask (nothing due, no cards selected).
  virtual void nothing_to_do(Mode mode, std::optional<std::int64_t> next_due) = 0;
  virtual void question(const Question& question, const Session& session) = 0;
  // The learner's next move at this question.
  virtual Action act(const Question& question) = 0;
  virtual void hint(const Question& question) = 0;
  virtual void invalid(const Question& question, const std::string& problem) = 0;
  // An answer was recorded, or skipped (result.question, result.counted ...).
  virtual void result(const Result& result, bool skipped) = 0;
  // After a scheduled result: whether to change its rating (kRate), stop (kQuit) or go on
  // (kGoOn). Front ends that never offer it return kGoOn.
  virtual Action after_result(const Result& result) = 0;
  virtual void rerated(const Result& result) = 0;
  // An undo: what it took back, or nothing when there was nothing to undo.
  virtual void undone(const std::optional<Session::UndoTarget>& taken) = 0;
  // The card was suspended, buried or flagged (or `marked.problem` says why not).
  virtual void marked(const Question& question, const Marked& marked) = 0;
  virtual void time_up() = 0;
  virtual void summary(const Summary& summary, std::optional<std::int64_t> next_due) = 0;
};

// Runs the session to its end, or until the learner quits or the input ends; returns
// kExamFailed for an exam below its pass mark, else kOk.
ExitCode drive(Session& session, FrontEnd& front_end, SessionClock& clock);

}  // namespace quizdeck::session
