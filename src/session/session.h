// SPDX-License-Identifier: MIT
// The study session shared by drill, exam and cram and by every front end (terminal,
// scripted lines, JSON Lines): which card comes next, grading an answer, the rating it
// earns, and committing it (review and new card state in one store transaction) before
// the next card is asked. Time is passed in; randomness comes from the seed.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/random.h"
#include "deck/deck.h"
#include "grade/grade.h"
#include "schedule/fsrs.h"
#include "session/exam_plan.h"
#include "session/queue.h"
#include "session/study_settings.h"
#include "session/today.h"
#include "store/store.h"

namespace quizdeck::session {

using Mode = core::ReviewMode;
using core::mode_name;

struct SessionOptions {
  Mode mode = Mode::kDrill;
  CardFilter filter;
  std::uint64_t seed = 0;
  bool repeat_wrong = false;
  // Each deck's study day and what its limits leave (drill; worked out from the store when
  // absent), and its study rules (burying siblings, leeches; the defaults when absent).
  std::map<std::string, DeckDay> days;
  std::map<std::string, StudySettings> rules;
  // drill
  std::optional<int> max;  // drill and cram: at most this many questions, repeats included
  bool ahead = false;      // nothing due: review the cards due soonest
  // exam
  std::optional<int> questions;
  bool by_tag = false;
  deck::Blueprint blueprint;  // questions per tag (a deck's exam.blueprint); empty: at random
  std::optional<std::int64_t> time_limit_ms;
  std::optional<double> pass_percent;
  bool schedule = true;  // exam answers update the schedule (--no-schedule: false)
  // Takes up this unfinished exam (a session id; see session/exam_plan.h) instead of
  // planning one: its questions, choice order, settings and time left come from its plan.
  std::optional<std::int64_t> resume;
  // cram
  std::optional<int> wrong_days;  // cards missed in the last N days
  std::optional<int> weakest;     // the N cards least likely recalled now
  bool all = false;
};

struct Question {
  int number = 0;  // 1-based position in the session
  int total = 0;   // planned so far (learning steps and re-asks add to it)
  const deck::Deck* deck = nullptr;
  const deck::Card* card = nullptr;
  std::vector<std::size_t> order;  // choices as shown: order[i] is shown as letter i
  bool repeat = false;             // a --repeat-wrong re-ask
};

// The order a card's choices are shown in (order[i] is shown as letter i): shuffled when
// the card shuffles, never the written order for matching answers and ordering items.
std::vector<std::size_t> shown_order(const deck::Card& card, core::Random& random);

struct Answer {
  std::string text;                         // as typed; empty with `rating` for flash cards
  std::optional<std::int64_t> response_ms;  // unknown (a script without @times): never "fast"
  bool used_hint = false;
  std::optional<core::Rating> rating;  // flash self-rating, or an override of the proposal
  bool skip = false;
};

struct Result {
  Question question;
  std::string given;  // the answer as typed (a flash card: its rating)
  grade::Grade grade;
  core::Rating rating = core::Rating::kAgain;  // what was recorded
  bool counted = true;                         // false for an exam answer after time-out
  bool scheduled = false;                      // whether the schedule changed
  std::optional<std::int64_t> review_id;
  std::optional<std::int64_t> due_ms;  // the card's next due time, when scheduled
  std::int64_t answered_ms = 0;        // when the answer (or its new rating) was recorded
  bool hinted = false;                 // right, and Hard only because the hint was shown
  // The picked choices' feedback: why the picked distractors are wrong, or, when the answer
  // was right, why the key is right.
  std::string why;
  bool leech = false;      // this answer made the card a leech
  bool suspended = false;  // ... and suspended it (leech-action suspend)
  bool set_aside = false;  // failed kSetAsideFails times (or asked kSetAsideAsks): not again
  std::vector<std::string> buried;  // siblings buried until the next study day
};

// A card failed this many times in one session is set aside for the rest of it, so no
// session asks a card for ever (see quizdeck(1), SCRIPTED SESSIONS).
inline constexpr int kSetAsideFails = 3;
// ... and so is a card a drill asked this many times (right, almost or wrong): a drill asks
// at most kSetAsideAsks questions per card it planned.
inline constexpr int kSetAsideAsks = 6;

// What a learner can do to the card in front of them besides answering it.
enum class Mark { kSuspend, kBury, kFlag };

struct Marked {
  Mark mark = Mark::kFlag;
  bool done = false;  // false: `problem` says why not (nothing was written)
  std::string problem;
  bool left = false;                  // the card left the session (suspended or buried)
  int flag = 0;                       // kFlag: the card's flag now (0: none)
  std::optional<std::int64_t> until;  // kBury: buried until then (the next study day)
};

struct TagScore {
  std::string tag;
  double earned = 0;
  double possible = 0;
  int questions = 0;
};

struct Summary {
  Mode mode = Mode::kDrill;
  int answered = 0;
  int correct = 0;
  int skipped = 0;
  double points = 0;    // earned (exam)
  double possible = 0;  // possible (exam)
  std::optional<bool> passed;
  bool timed_out = false;
  std::vector<TagScore> tags;  // weakest first
  std::vector<Result> missed;  // exam: every question not answered right
  // An exam left before its end: not scored; `quizdeck exam --resume` continues it.
  bool complete = true;
  int questions_left = 0;
  std::optional<std::int64_t> time_left_ms;
  std::optional<double> pass_percent;         // exam: the pass mark it was held to
  std::int64_t time_used_ms = 0;              // exam: answering time, over every sitting
  std::optional<std::int64_t> time_limit_ms;  // exam: the time it allowed
};

class Session {
 public:
  // Registers the decks' cards in the store and plans the session.
  Session(std::vector<deck::Deck> decks, store::Store& store,
          std::map<std::string, schedule::Scheduler> schedulers, SessionOptions options,
          std::int64_t now);

  // The next question at `now`, or nothing when the session is over.
  std::optional<Question> next(std::int64_t now);
  // Grades (or, with a rating, takes) the answer, commits it, and says what happened.
  // An answer of the wrong form is returned with verdict kInvalid and nothing recorded.
  Result answer(const Question& question, const Answer& answer, std::int64_t now);
  // Takes back the last recorded answer (its review and schedule change); false if none.
  // Its card is asked again next.
  bool undo();
  bool can_undo() const { return last_.has_value(); }
  // What undo() would take back: its card, and whether it is a mark (else an answer).
  struct UndoTarget {
    std::string deck_id;
    std::string card_id;
    bool mark = false;
  };
  std::optional<UndoTarget> undo_target() const;
  // Suspends the question's card, buries it until its deck's next study day, or flags it
  // (flag 1, or none when it was flagged): a store write in its own transaction, undoable
  // like an answer. A suspended or buried card leaves the session; an exam allows flags
  // only (it never changes what it asks).
  Marked mark(const Question& question, Mark mark, std::int64_t now);
  // Puts an asked but unanswered question back, to be asked again next.
  void requeue(const Question& question);
  // Records the last answer again with another rating (the learner overrides the proposed
  // one); returns the new result, or nothing when there is no answer to re-rate.
  std::optional<Result> rerate(core::Rating rating, std::int64_t now);
  // For the last answer, when each rating (Again, Hard, Good, Easy) would make its card
  // due, as Anki's buttons say; nothing when there is no answer that changed the schedule.
  std::optional<std::array<std::int64_t, 4>> rating_preview() const;
  // Before an answer: when each rating (Again..Easy) of the question at `now` would bring
  // its card back; none when this answer would not change the schedule.
  std::optional<std::array<std::int64_t, 4>> rating_preview(const Question& question,
                                                            std::int64_t now) const;
  std::optional<std::int64_t> last_answer_time() const;
  // A card without any question due: when the next one is due (for "nothing due").
  std::optional<std::int64_t> next_due(std::int64_t now);
  // The exam deadline, when there is a time limit.
  std::optional<std::int64_t> deadline() const { return deadline_; }
  // An exam's settings, for its opening line: its time limit and pass mark, the time used in
  // earlier sittings (a resumed exam), and whether it was resumed.
  std::optional<std::int64_t> time_limit() const { return options_.time_limit_ms; }
  std::optional<double> pass_percent() const { return options_.pass_percent; }
  std::int64_t exam_time_used() const { return exam_used_ms_; }
  bool resumed() const { return options_.resume.has_value(); }
  int planned() const { return planned_; }
  Mode mode() const { return options_.mode; }
  std::uint64_t seed() const { return options_.seed; }
  std::vector<std::string> deck_ids() const;
  int wrong_so_far() const { return wrong_; }
  int due_left() const;
  Summary finish(std::int64_t now);

  std::int64_t session_id() const { return session_id_; }

 private:
  struct Pending {
    QueueEntry entry;
    bool repeat = false;
    std::optional<std::vector<std::size_t>> order;  // an exam's planned choice order
  };
  const deck::Deck* deck_of(std::string_view deck_id) const;
  const deck::Card* find_card(const QueueEntry& entry, const deck::Deck** deck) const;
  std::vector<std::size_t> choice_order(const deck::Card& card);
  // Grades an answer (or takes a flash card's rating) and works out its rating and the
  // feedback of a wrong pick, without recording anything.
  Result judge(const Question& question, const Answer& answer) const;
  void plan_exam(std::int64_t now);
  // Takes up the unfinished exam options_.resume; false when its plan cannot be read.
  bool resume_exam(std::int64_t now);
  ExamPlan exam_plan() const;
  std::int64_t exam_used_ms_ = 0;  // exam time spent in earlier sittings
  // Ends an exam's sitting: scored, or left before its end and kept to be resumed.
  void end_exam(Summary& summary, store::SessionRecord& record, std::int64_t now) const;
  void plan_cram(std::int64_t now);

  std::vector<deck::Deck> decks_;
  store::Store& store_;
  std::map<std::string, schedule::Scheduler> schedulers_;
  SessionOptions options_;
  core::Random random_;
  std::optional<DrillQueue> drill_;
  std::vector<Pending> list_;  // exam and cram: the cards in order
  std::size_t list_next_ = 0;
  std::vector<Pending> repeats_;  // --repeat-wrong: missed cards to ask again
  std::size_t repeats_next_ = 0;
  std::optional<std::int64_t> deadline_;
  std::int64_t session_id_ = 0;
  std::int64_t started_ = 0;
  int asked_ = 0;
  int planned_ = 0;
  int wrong_ = 0;
  std::vector<Result> results_;                               // every recorded answer, in order
  std::map<std::pair<std::string, std::string>, int> fails_;  // wrong answers per card
  std::map<std::pair<std::string, std::string>, int> asks_;   // recorded answers per card
  // Writes an answer, its card's new state worked out from the state the store holds (a
  // leech marked as the deck's rules say), burying its siblings until `bury_until`.
  store::Store::Recorded record(const store::ReviewRecord& review,
                                std::optional<std::int64_t> bury_until = std::nullopt);
  const StudySettings& rules(const std::string& deck_id) const;
  bool is_set_aside(const QueueEntry& entry) const;
  // Whether an answer to the question changes its card's schedule.
  bool schedules(const Question& question) const;
  // When each rating at `when` would bring back a card of the deck in state `before`.
  std::optional<std::array<std::int64_t, 4>> preview(const std::string& deck_id,
                                                     const schedule::CardState& before,
                                                     std::int64_t when) const;
  // Takes an answer back (the card recomputed from its log if answered elsewhere since).
  void take_back(const store::Store::Recorded& recorded);

  struct Undo {
    store::Store::Recorded recorded;
    QueueEntry entry;
    std::size_t result_index;
    std::optional<store::CardMarks> marks_before;  // the last move marked a card instead
    bool left = false;                             // ... and it left the session
  };
  std::optional<Undo> last_;
};

}  // namespace quizdeck::session
