// SPDX-License-Identifier: MIT
// Item analysis over a class: answers and exam sittings from many learners' results files
// in, per card and per exam figures out, computed as Moodle's quiz statistics report does
// (facility index, discrimination index, discriminative efficiency, Cronbach's alpha).
// Records stream in learner by learner and are counted by value as each learner ends:
// memory holds one learner's answers and grows with the learners and the marks, rests of
// the test and times that differ, not with the answers read (observations.h).
// Pure: the method is described in quizdeck(1), ITEM ANALYSIS.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/regrade.h"
#include "analysis/results.h"
#include "deck/card.h"

namespace quizdeck::analysis {

// What analysis knows of a card of the deck as it is now.
struct DeckCard {
  std::string deck;
  std::string card;
  std::string content;   // deck::card_content_hash
  std::string question;  // deck::card_question_hash (empty: answers of another content are
                         // never regraded)
  std::string prompt;
  std::string type;                  // the deck format's type name
  std::vector<std::string> choices;  // choice and multi cards: as written
  std::vector<bool> keys;            // which of those are right
  double points = 1;
  double guess = 0;  // the share a random guess earns (0: not worked out)
  // The card itself, to regrade answers to this content against (none: answers keep the
  // verdict their file records). Must outlive the analysis.
  const deck::Card* source = nullptr;
};

// Fewer attempts than this and an item's figures are shown but not judged.
inline constexpr int kMinJudgedAttempts = 5;
// Fewer attempts than this in each of the strongest and weakest 27% (under 19 attempts)
// and no distractor is flagged for drawing strong learners (the default of
// AnalysisOptions::min_group).
inline constexpr int kMinFlagGroup = 5;

// What an analysis counts, and how many attempts a flag needs.
struct AnalysisOptions {
  // Which of each learner's complete exam sittings count (drill answers are not sittings).
  AttemptChoice attempts = AttemptChoice::kAll;
  // Only exam sittings started, and drill answers given, at or after this time.
  std::optional<std::int64_t> since_ms;
  // Attempts needed in each of the strongest and weakest 27% before a distractor is flagged
  // for drawing the strong.
  int min_group = kMinFlagGroup;
};

struct ChoiceShare {
  std::string label;  // "A", "B", ... as written in the deck; "?" for a text it no longer has
  std::string text;
  bool key = false;
  int picked = 0;
  double share = 0;              // of the attempts that picked something
  std::optional<double> strong;  // share among the strongest 27% of attempts
  std::optional<double> weak;    // and among the weakest 27%
};

// A typed response (short, numeric, cloze) and how many answers gave it.
struct ResponseCount {
  std::string text;  // of the spellings equal once normalized (counted together), the one
                     // typed most (of as many, the normalized one, else the first in byte
                     // order)
  int count = 0;
  std::string near;  // near misses: the accepted answer it comes close to (near_miss.h)
};

// One part of a matching card (a pair) or an ordering card (a position): how often it was
// answered right.
struct PartShare {
  std::string label;  // matching: the pair's prompt; ordering: "1", "2", ...
  std::string right;  // the answer that goes there
  int attempts = 0;   // answers that gave this part
  int correct = 0;
};

// The figures of one population of attempts at an item: exam sittings, or drill learners.
struct ItemFigures {
  int attempts = 0;
  double facility = 0;                   // mean mark over the maximum mark, 0 to 1
  std::optional<double> sd;              // of the marks over the maximum, sample
  std::optional<double> discrimination;  // percent, -100 to 100
  std::optional<double> efficiency;      // discriminative efficiency, percent
  std::optional<double> median_seconds;
  int with_choices = 0;  // attempts that picked among choices
  int group = 0;         // attempts in each of the strongest and weakest 27%
  std::vector<ChoiceShare> choices;
};

struct DrillMemory {
  int learners = 0;                  // learners with scheduled answers
  int answers = 0;                   // drill answers, every one
  std::optional<double> difficulty;  // mean FSRS difficulty (1 to 10) after each learner's
                                     // answers, default parameters
  int review_answers = 0;            // answers given to a card in review
  int lapses = 0;                    // of which forgotten (Again)
  std::optional<double> lapse_rate;
};

enum class Version {
  kCurrent,  // the card as the deck has it now
  kEarlier,  // answers to an earlier content of the card
  kUnknown,  // answers an older quizdeck stored without the card's content
  kGone,     // a card the deck no longer has
};

std::string_view version_name(Version version);

struct Problem {
  std::string code;    // "too-easy", "negative-discrimination", ...
  std::string reason;  // one line: "too easy: 98% correct"
  int rank = 0;        // lower is worse
};

struct ItemReport {
  std::string deck;
  std::string card;
  std::string content;
  std::string prompt;
  std::string type;
  Version version = Version::kCurrent;
  int position = 0;  // in the deck; after every card for others
  double points = 1;
  std::optional<ItemFigures> exam;
  std::optional<ItemFigures> drill;
  std::optional<DrillMemory> memory;
  std::vector<Problem> problems;  // worst first; only current cards are judged
  std::string note;               // why an item is not judged, when it is not
  // Typed cards: the most common wrong responses over every answer, most first (at most
  // kWrongResponses).
  std::vector<ResponseCount> wrong_responses;
  // Of those wrong responses (all of them, not only the most common), the ones close to an
  // accepted answer: worth accepting, or a deck edit and a regrade (current version only;
  // most first, at most kWrongResponses).
  std::vector<ResponseCount> near_misses;
  std::vector<PartShare> parts;  // matching: per pair; ordering: per position (current only)
};

inline constexpr std::size_t kWrongResponses = 5;

// The figures an item is judged on: its exam attempts when there are enough, else its
// drill attempts when there are enough; null when neither.
const ItemFigures* judged_figures(const ItemReport& item);

// A question's share of the spread of an exam's scores, as Moodle's effective weight:
// the square root of its covariance with the total, over the sum of those roots; none for a
// question whose marks go against the total.
struct EffectiveWeight {
  std::string deck;  // basis "cards": the card; "positions": empty
  std::string card;
  int position = 0;              // basis "positions": 1-based
  std::optional<double> weight;  // percent; the weights given add up to 100
};

struct ExamReport {
  std::vector<std::string> decks;
  int attempts = 0;             // complete sittings
  int questions = 0;            // per sitting (the most asked)
  std::string basis;            // "cards": the same cards in every sitting; "positions": drawn ones
  std::optional<double> alpha;  // Cronbach's alpha, percent
  std::optional<double> error_ratio;     // percent
  std::optional<double> standard_error;  // percent of the maximum score
  std::string alpha_note;                // why there is no alpha, when there is none
  double mean_percent = 0;
  double median_percent = 0;
  std::optional<double> sd_percent;
  std::optional<double> skewness;        // of the scores, Moodle's (k-statistics); 3+ sittings
  std::optional<double> kurtosis;        // excess kurtosis, Moodle's; 4+ sittings
  std::vector<EffectiveWeight> weights;  // per card or position, with alpha
  std::array<int, 10> distribution{};    // sittings per 10-point band (90-100 in the last)
  std::optional<int> passed;             // sittings at or over their pass mark
};

struct Report {
  int learners = 0;
  std::int64_t answers = 0;         // answers read
  std::int64_t ignored = 0;         // to decks not analysed, cram answers and answers set aside
  std::int64_t not_chosen = 0;      // of sittings --attempt does not count, or before --since
  std::int64_t regraded = 0;        // answers graded again against the deck's card
  std::int64_t kept = 0;            // answers to a version of a card the deck no longer has: their
                                    // file's verdict is used
  std::int64_t mismatched = 0;      // regraded answers whose file claimed otherwise
  std::vector<Regrade> mismatches;  // the first kListedMismatches of them
  int sittings = 0;                 // exam sittings read (complete or not)
  std::vector<ItemReport> items;    // problems first (worst first), then deck order
  std::vector<ExamReport> exams;
};

class ItemAnalysis {
 public:
  explicit ItemAnalysis(std::vector<DeckCard> cards, AnalysisOptions options = {});
  ~ItemAnalysis();
  ItemAnalysis(const ItemAnalysis&) = delete;
  ItemAnalysis& operator=(const ItemAnalysis&) = delete;

  // One learner's records, between begin_learner and end_learner.
  void begin_learner();
  // The label mismatches of the learner being read are reported under.
  void name_learner(std::string label);
  void add(const ExamSitting& sitting);
  void add(const Answer& answer);
  // The same without a copy: the answer is swapped into the analysis, and `answer` is left
  // holding one it has done with (whose strings keep their memory, for reading into again).
  void take(Answer& answer);
  void end_learner();

  // The report over every learner ended so far (records of one not yet ended are not in it).
  Report finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The report as one JSON document.
std::string report_json(const Report& report);

}  // namespace quizdeck::analysis
