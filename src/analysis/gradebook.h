// SPDX-License-Identifier: MIT
// A class's gradebook for one deck's exam: per learner the sittings chosen (first, last,
// best or all, as Moodle's grading methods), each scored with every answer regraded
// against the deck's card of the same content, passed or not, timed, scored per tag, and
// the items missed with what was given, its why and the card's explanation (for the
// learner's sheet). Records stream in learner by learner. Pure: records in, grades out.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/item_analysis.h"
#include "analysis/regrade.h"
#include "analysis/results.h"

namespace quizdeck::analysis {

struct TagScore {
  std::string tag;
  double score = 0;   // points earned on the tag's questions
  double points = 0;  // points possible
};

// A question the learner did not get full credit for.
struct MissedItem {
  std::string deck;
  std::string card;
  std::string prompt;
  double credit = 0;             // earned, 0 to 1
  std::string given;             // "picked 'B: 5'", "answered 'radial'", "answered nothing"
  std::vector<std::string> why;  // the deck's why of each choice picked, where it has one
  std::string expected;          // the right answer in words (empty: card no longer known)
  std::string explain;           // the card's explanation
  std::string source;            // and where its facts come from
  bool earlier_version = false;  // asked from a version of the card the deck no longer has
};

struct GradedSitting {
  std::int64_t attempt = 0;
  std::int64_t started_ms = 0;
  std::optional<std::int64_t> time_ms;  // time used answering
  double score = 0;                     // points, regraded
  double points = 0;
  double percent = 0;
  std::optional<double> pass_mark;  // percent
  std::optional<bool> passed;
  std::vector<TagScore> tags;      // the deck's tags asked in this sitting, in deck order
  std::vector<MissedItem> missed;  // in the order asked
};

struct LearnerGrades {
  std::string learner;
  int complete = 0;                     // complete sittings of the deck's exam
  int unfinished = 0;                   // sittings left before their end: not graded
  std::vector<GradedSitting> sittings;  // the ones chosen, in the order sat
};

class Gradebook {
 public:
  // `cards`: the deck's cards, each with its source card (DeckCard::source) to regrade
  // against; they must outlive the gradebook.
  explicit Gradebook(std::vector<DeckCard> cards);
  ~Gradebook();
  Gradebook(const Gradebook&) = delete;
  Gradebook& operator=(const Gradebook&) = delete;

  void begin_learner(std::string label);
  void add(const ExamSitting& sitting);
  void add(const Answer& answer);
  // The learner's grades, their sittings chosen by `choice`.
  LearnerGrades end_learner(AttemptChoice choice);

  std::int64_t regraded() const;    // answers graded again against the deck's card
  std::int64_t kept() const;        // answers to other versions: their file's verdict stands
  std::int64_t mismatched() const;  // regraded answers whose file claimed otherwise
  const std::vector<Regrade>& mismatches() const;  // the first kListedMismatches of them
  const std::vector<std::string>& tags() const;    // the deck's tags, in first use

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Every learner's grades as one JSON document.
std::string grades_json(const std::vector<LearnerGrades>& learners, const Gradebook& book,
                        AttemptChoice choice);

}  // namespace quizdeck::analysis
