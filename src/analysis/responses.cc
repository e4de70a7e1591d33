// SPDX-License-Identifier: MIT
#include "analysis/responses.h"

#include "analysis/response_columns.h"
#include "analysis/response_times.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "core/normalize.h"
#include "core/time.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "deck/card_id.h"
#include "grade/grade.h"
#include "interchange/delimited.h"

namespace quizdeck::analysis {
namespace {

using core::Diagnostic;
using core::Severity;
using namespace columns;

// A sheet of more questions than this is no exam (quizdeck(1), LIMITS); more answers than
// this in one run would hold gigabytes of results.
constexpr std::size_t kMaxColumns = 10'000;
// Findings kept with their line (each holds a copy of it); past this, only counted.
constexpr std::size_t kMaxFindings = 100;
constexpr std::size_t kMaxAnswers = 1'000'000;

class Reader {
 public:
  Reader(const core::SourceText& source, const deck::Deck& deck) : source_(source), deck_(deck) {}

  // The first kMaxFindings findings are kept whole; the rest only counted.
  void warn(std::size_t offset, std::string message) {
    if (out.findings.size() >= kMaxFindings) {
      ++out.unreported;
      return;
    }
    out.findings.push_back(
        core::make_diagnostic(Severity::kWarning, source_, offset, 1, std::move(message)));
  }

  // One sitting: the questions asked (card index and shown order) and the cell given to
  // each (nothing: not answered).
  struct Given {
    std::size_t card = 0;
    std::vector<std::size_t> shown;
    std::optional<std::string> cell;
    std::size_t offset = 0;  // the row's, for findings
    std::string label;       // "question 2 (column 4)", "column 5 ('What is ...?')"
    // Choices given by their text, several joined by this (", " in Forms, "; " in Moodle);
    // empty: by letter, as a paper sheet gives them.
    std::string_view joined_by = {};
  };

  void sitting(std::string learner, std::int64_t when, const std::vector<Given>& asked,
               bool complete = true) {
    // A label as `results --learner` takes one: valid UTF-8, no control characters (shown
    // as ^[ and the like), at most 200 bytes.
    learner = core::visible(core::valid_utf8(learner.substr(0, 200)), core::Lines::kShow);
    auto found = index_.find(learner);
    if (found == index_.end()) {
      found = index_.emplace(learner, out.learners.size()).first;
      out.learners.push_back({learner, {}, {}});
    }
    LearnerResponses& responses = out.learners[found->second];
    ExamSitting sitting;
    sitting.attempt = static_cast<std::int64_t>(responses.sittings.size()) + 1;
    sitting.decks = {deck_.id};
    sitting.started_ms = when;
    sitting.ended_ms = when;
    sitting.complete = complete;
    double score = 0;
    double points = 0;
    for (const Given& given : asked) {
      const deck::Card& card = deck_.cards[given.card];
      sitting.questions.push_back({deck_.id, card.id});
      points += card.points;
      if (!given.cell || core::is_blank(*given.cell)) continue;  // not answered: no credit
      Answer answer;
      answer.attempt = sitting.attempt;
      answer.mode = core::ReviewMode::kExam;
      answer.deck = deck_.id;
      answer.card = card.id;
      answer.content = content_of(given.card);
      answer.question = question_of(given.card);
      answer.time_ms = when;
      if (!grade_into(card, given, answer)) continue;
      score += card.points * answer.credit.value_or(answer.correct ? 1.0 : 0.0);
      responses.answers.push_back(std::move(answer));
      ++out.answers;
    }
    sitting.score = score;
    sitting.points = points;
    sitting.pass_mark = deck_.exam.pass_percent;
    if (deck_.exam.pass_percent && points > 0) {
      sitting.passed = 100 * score / points >= *deck_.exam.pass_percent;
    }
    responses.sittings.push_back(std::move(sitting));
    ++out.rows;
  }

  const std::string& file_name() const { return source_.file_name(); }
  const core::SourceText& source() const { return source_; }
  // A learner the row does not name: the file and the row's line, so two files' rows are
  // never one learner.
  std::string unnamed(std::size_t offset) const {
    return fmt::format("{} line {}", source_.file_name(), source_.locate(offset).line);
  }
  void note(std::size_t offset, std::string message) {
    if (out.findings.size() >= kMaxFindings) return;
    out.findings.push_back(
        core::make_diagnostic(Severity::kNote, source_, offset, 1, std::move(message)));
  }

  // More answers than one run takes: the rest of the file is not read.
  bool full() const { return out.answers >= kMaxAnswers; }
  core::Failure too_many() const {
    return core::fail_in_file(ExitCode::kInvalidInput, source_.file_name(),
                              fmt::format("more than {} answers: split the file (nothing was "
                                          "written)",
                                          kMaxAnswers));
  }

  ResponsesRead out;

 private:
  // Grades the cell against the card as the learner saw it; false (and a finding) for a
  // cell that is no answer to it.
  bool grade_into(const deck::Card& card, const Given& given, Answer& answer) {
    const std::string cell(core::trim(*given.cell));
    const std::string& where = given.label;
    if (core::find_invalid_utf8(cell)) {
      warn(given.offset, fmt::format("{}: the answer is not valid UTF-8; left out", where));
      return false;
    }
    std::string typed = cell;
    const bool choices =
        card.type == deck::CardType::kChoice || card.type == deck::CardType::kMulti;
    if (card.type == deck::CardType::kMatching || card.type == deck::CardType::kOrdering ||
        card.type == deck::CardType::kFlash) {
      warn(given.offset, fmt::format("{}: a {} card's answer cannot be read from one cell; left "
                                     "out",
                                     where, deck::card_type_name(card.type)));
      return false;
    }
    if (choices && !given.joined_by.empty()) {
      // Choices given by their text: the letters they were shown as.
      auto letters = letters_of(card, given.shown, cell, given.joined_by);
      if (!letters) {
        warn(given.offset, fmt::format("{}: '{}' is none of card '{}''s choices; left out", where,
                                       shown(cell), card.id));
        return false;
      }
      typed = *letters;
    }
    const grade::Grade grade = grade::grade_answer(card, typed, given.shown);
    if (grade.verdict == grade::Verdict::kInvalid) {
      warn(given.offset, fmt::format("{}: '{}' is no answer to card '{}' ({}); left out", where,
                                     shown(cell), card.id, grade.problem));
      return false;
    }
    if (choices) {
      std::vector<std::string> shown;
      for (const std::size_t i : given.shown) shown.push_back(card.choices[i].text);
      std::vector<std::string> picked;
      for (const std::size_t i : grade.picked) picked.push_back(card.choices[i].text);
      answer.shown = std::move(shown);
      answer.picked = std::move(picked);
    } else {
      answer.answer = cell;
    }
    answer.correct = grade.verdict != grade::Verdict::kWrong;
    answer.credit = std::clamp(grade.credit, 0.0, 1.0);
    answer.rating = answer.correct ? 3 : 1;
    return true;
  }

  // Choice texts, joined by `joiner` (as Forms and Moodle join a question's several), as
  // shown letters: at each step the longest run of the rest, up to a joiner or its end,
  // that is a choice.
  static std::optional<std::string> letters_of(const deck::Card& card,
                                               const std::vector<std::size_t>& shown,
                                               std::string_view cell, std::string_view joiner) {
    if (cell.size() > kLongestChoices) return std::nullopt;
    std::map<std::string, std::size_t> letter_of;  // comparable text -> shown position
    for (std::size_t i = 0; i < shown.size(); ++i) {
      letter_of.emplace(comparable(card.choices[shown[i]].text), i);
    }
    std::string letters;
    std::string_view rest = cell;
    while (!rest.empty()) {
      std::vector<std::size_t> ends;  // where a choice could end: each joiner and the end
      for (auto at = rest.find(joiner); at != std::string_view::npos;
           at = rest.find(joiner, at + 1)) {
        ends.push_back(at);
      }
      ends.push_back(rest.size());
      std::optional<std::size_t> taken;
      for (auto end = ends.rbegin(); end != ends.rend() && !taken; ++end) {
        const auto found = letter_of.find(comparable(rest.substr(0, *end)));
        if (found == letter_of.end()) continue;
        letters += (letters.empty() ? "" : ",") + grade::choice_letter(found->second);
        taken = *end;
      }
      if (!taken) return std::nullopt;
      rest.remove_prefix(*taken);
      if (rest.starts_with(joiner)) rest.remove_prefix(joiner.size());
    }
    return letters;
  }

  // A cell longer than this is no list of choices (the check above costs its length
  // times its commas).
  static constexpr std::size_t kLongestChoices = 4096;

  const core::SourceText& source_;
  const deck::Deck& deck_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::string> hashes_;     // each card's content hash, made once
  std::vector<std::string> questions_;  // and its question hash

  const std::string& content_of(std::size_t card) {
    if (hashes_.empty()) hashes_.resize(deck_.cards.size());
    if (hashes_[card].empty()) hashes_[card] = deck::card_content_hash(deck_.cards[card]);
    return hashes_[card];
  }
  const std::string& question_of(std::size_t card) {
    if (questions_.empty()) questions_.resize(deck_.cards.size());
    if (questions_[card].empty()) questions_[card] = deck::card_question_hash(deck_.cards[card]);
    return questions_[card];
  }
};

// The rows after the header, one at a time: a sheet is never held whole.
class Rows {
 public:
  explicit Rows(const core::SourceText& source) : reader_(source, ',') {
    reader_.limit_cells(kMaxColumns);
  }
  // The next row; nothing at the end, or after a malformed row (then `failure` is set).
  const interchange::Row* next() {
    const auto next = reader_.next(row_, error_);
    if (next == interchange::RowReader::Next::kMalformed) {
      failure = core::fail_at(ExitCode::kInvalidInput, *error_);
      return nullptr;
    }
    return next == interchange::RowReader::Next::kRow ? &row_ : nullptr;
  }
  std::optional<core::Failure> failure;

 private:
  interchange::RowReader reader_;
  interchange::Row row_;
  std::optional<core::Diagnostic> error_;
};

core::Expected<void> read_sheet(Rows& rows, const interchange::Row& header, Reader& reader,
                                const deck::Deck& deck, const FormOf& form_of,
                                std::int64_t when_ms) {
  // learner, form, then the questions' numbers in order: answers are read by position.
  for (std::size_t c = 2; c < header.cells.size(); ++c) {
    if (core::trim(header.cells[c]) != std::to_string(c - 1)) {
      return core::fail_at(
          ExitCode::kInvalidInput,
          core::make_diagnostic(Severity::kError, reader.source(), header.offset, 1,
                                fmt::format("column {} should be question {} but says '{}': a "
                                            "sheet's header is learner, form, 1, 2, 3 ... in "
                                            "order",
                                            c + 1, c - 1, shown(header.cells[c]))));
    }
  }
  while (const interchange::Row* next = rows.next()) {
    if (reader.full()) return reader.too_many();
    const auto& row = *next;
    const std::string learner(row.cells.empty() ? "" : core::trim(row.cells[0]));
    if (learner.empty()) {
      reader.warn(row.offset, "a row without a learner; left out");
      continue;
    }
    const std::string form(row.cells.size() > 1 ? core::trim(row.cells[1]) : "");
    const auto questions = form_of(form);
    if (!questions) {
      reader.warn(row.offset, fmt::format("{}: '{}' is no form of deck '{}' (a form is the seed "
                                          "`print --exam --seed N` printed it with); row "
                                          "left out",
                                          shown(learner), shown(form), deck.id));
      continue;
    }
    if (row.cells.size() > questions->size() + 2) {
      reader.warn(row.offset, fmt::format("{}: {} answers for a form of {} questions; the rest "
                                          "left out",
                                          shown(learner), row.cells.size() - 2, questions->size()));
    }
    std::vector<Reader::Given> asked;
    for (std::size_t q = 0; q < questions->size(); ++q) {
      Reader::Given given{(*questions)[q].card, (*questions)[q].shown, std::nullopt, row.offset,
                          fmt::format("{}, question {} (column {})", shown(learner), q + 1, q + 3)};
      if (q + 2 < row.cells.size()) given.cell = row.cells[q + 2];
      asked.push_back(std::move(given));
    }
    reader.sitting(learner, when_ms, asked);
  }
  return {};
}

core::Expected<void> read_forms(Rows& rows, const interchange::Row& header, Reader& reader,
                                const deck::Deck& deck, std::int64_t when_ms) {
  const auto by_text = cards_by_text(deck);
  std::optional<std::size_t> time_column;
  std::optional<std::size_t> who_column;
  std::vector<std::pair<std::size_t, std::size_t>> questions;  // (column, card)
  std::vector<std::size_t> blank_columns;  // reported once, if a row has something there
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    const std::string& name = header.cells[c];
    if (core::ascii_lower(name) == "timestamp" && !time_column) time_column = c;
    if (forms_identity(name) && !who_column) who_column = c;
    if (forms_meta(name)) continue;
    const auto card = card_of_header(deck, name, by_text);
    const auto twice = std::find_if(questions.begin(), questions.end(),
                                    [&](const auto& q) { return card && q.second == *card; });
    if (card && *card == kShared) {
      reader.warn(header.offset, fmt::format("column {} ('{}') is the text of more than one card "
                                             "of deck '{}': name one with [id]; left out",
                                             c + 1, shown(name), deck.id));
    } else if (card && twice != questions.end()) {
      reader.warn(header.offset,
                  fmt::format("column {} ('{}') asks card '{}' again (column {} "
                              "asks it first); left out",
                              c + 1, shown(name), deck.cards[*card].id, twice->first + 1));
    } else if (card) {
      questions.emplace_back(c, *card);
    } else if (!core::is_blank(name)) {
      reader.warn(header.offset, fmt::format("column {} ('{}') asks no question of deck '{}'; "
                                             "left out",
                                             c + 1, shown(name), deck.id));
    } else {
      blank_columns.push_back(c);
    }
  }
  Undated undated;
  while (const interchange::Row* next = rows.next()) {
    if (reader.full()) return reader.too_many();
    const auto& row = *next;
    const auto cell = [&row](std::optional<std::size_t> c) { return cell_of(row, c); };
    std::string learner = cell(who_column);
    if (learner.empty()) learner = reader.unnamed(row.offset);
    for (auto blank = blank_columns.begin(); blank != blank_columns.end();) {
      if (cell(*blank).empty()) {
        ++blank;
        continue;
      }
      reader.warn(row.offset,
                  fmt::format("column {} has no header, but answers in it; left out", *blank + 1));
      blank = blank_columns.erase(blank);
    }
    const std::int64_t when = undated.when(forms_time(cell(time_column)), when_ms, row.offset);
    std::vector<Reader::Given> asked;
    for (const auto& [column, card] : questions) {
      Reader::Given given{card,
                          deck_order(deck.cards[card]),
                          std::nullopt,
                          row.offset,
                          fmt::format("{}, column {} ('{}')", shown(learner), column + 1,
                                      shown(header.cells[column])),
                          ", "};
      if (column < row.cells.size()) given.cell = row.cells[column];
      asked.push_back(std::move(given));
    }
    reader.sitting(learner, when, asked);
  }
  if (undated.count > 0) {
    reader.warn(
        undated.first,
        fmt::format("{} row{} without a timestamp that can be read (ISO 8601, "
                    "2026/05/14 10:23:11 AM GMT+2 or 5/14/2026 10:23:11); their "
                    "sittings are dated {}",
                    undated.count, undated.count == 1 ? "" : "s", core::format_iso8601(when_ms)));
  }
  return {};
}

// Moodle's quiz Responses report, downloaded as CSV: who (email, username or names),
// the attempt's state and start, then per question slot N "Question N" (its text, with
// the report's "Question text" option) and "Response N" (the response summary: a choice's
// text, several joined by "; ", the words or number typed, "-" for none).
core::Expected<void> read_moodle(Rows& rows, const interchange::Row& header, Reader& reader,
                                 const deck::Deck& deck, std::int64_t when_ms) {
  const auto by_text = cards_by_text(deck);
  std::map<std::string, std::size_t> column;  // lower-case header -> first column with it
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    column.emplace(core::ascii_lower(core::trim(header.cells[c])), c);
  }
  const auto find = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
    for (const char* name : names) {
      if (auto at = column.find(name); at != column.end()) return at->second;
    }
    return std::nullopt;
  };
  const auto email = find({"email address", "email"});
  const auto username = find({"username"});
  const auto first = find({"first name"});
  const auto last = find({"last name", "surname"});
  const auto state = find({"state", "status"});
  const auto started = find({"started on", "started"});
  // The slots: "Response N" with its "Question N".
  struct Slot {
    std::string number;
    std::size_t response = 0;
    std::optional<std::size_t> question;
  };
  std::vector<Slot> slots;
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    const std::string_view name = core::trim(header.cells[c]);
    if (!name.starts_with("Response ")) continue;
    Slot slot{std::string(name.substr(9)), c, std::nullopt};
    slot.question = find({("question " + core::ascii_lower(slot.number)).c_str()});
    if (!slot.question) {
      return core::fail_in_file(
          ExitCode::kInvalidInput, reader.file_name(),
          fmt::format("column {} ('{}') has no 'Question {}' beside it: download Moodle's "
                      "Responses report with 'Question text' ticked, so each response can be "
                      "matched to its card",
                      c + 1, shown(name), shown(slot.number)));
    }
    slots.push_back(std::move(slot));
  }
  std::size_t without_attempt = 0;
  std::size_t first_without = 0;
  Undated undated;
  while (const interchange::Row* next = rows.next()) {
    if (reader.full()) return reader.too_many();
    const auto& row = *next;
    const auto cell = [&row](std::optional<std::size_t> c) { return cell_of(row, c); };
    // Moodle's own last row of averages, and users without an attempt, are no sittings.
    const std::string status = core::ascii_lower(cell(state));
    if (row.cells.empty() || core::ascii_lower(cell(0)).starts_with("overall average")) continue;
    if (status.empty() || status == "-") {
      if (without_attempt++ == 0) first_without = row.offset;
      continue;
    }
    std::string learner = cell(email);
    if (learner.empty()) learner = cell(username);
    if (learner.empty()) learner = std::string(core::trim(cell(first) + " " + cell(last)));
    if (learner.empty()) learner = reader.unnamed(row.offset);
    const std::int64_t when = undated.when(moodle_time(cell(started)), when_ms, row.offset);
    std::vector<Reader::Given> asked;
    for (const Slot& slot : slots) {
      const std::string text = cell(slot.question);
      auto card = card_of_header(deck, text, by_text);
      const bool again = card && std::any_of(asked.begin(), asked.end(), [&](const auto& given) {
                           return given.card == *card;
                         });
      if (card && (*card == kShared || again)) {
        reader.warn(row.offset,
                    fmt::format("{}, question {}: '{}' {}; left out", shown(learner),
                                shown(slot.number), shown(text),
                                again ? "was asked already in this attempt"
                                      : "is the text of more than one card: name one with [id]"));
        continue;
      }
      if (!card) {
        if (text.empty() || text == "-") continue;  // a slot this attempt did not reach
        reader.warn(row.offset,
                    fmt::format("{}, question {}: '{}' is no question of deck '{}'; "
                                "left out",
                                shown(learner), shown(slot.number), shown(text), deck.id));
        continue;
      }
      Reader::Given given{*card,
                          deck_order(deck.cards[*card]),
                          std::nullopt,
                          row.offset,
                          fmt::format("{}, response {}", shown(learner), shown(slot.number)),
                          "; "};
      if (const std::string response = cell(slot.response); response != "-") {
        given.cell = response;
      }
      asked.push_back(std::move(given));
    }
    reader.sitting(learner, when, asked, status == "finished");
  }
  if (without_attempt > 0) {
    // Users the report lists without an attempt: nothing of theirs is left out.
    reader.note(first_without, fmt::format("{} row{} without an attempt (no state)",
                                           without_attempt, without_attempt == 1 ? "" : "s"));
  }
  if (undated.count > 0) {
    reader.warn(
        undated.first,
        fmt::format("{} attempt{} without a start time that can be read (\"14 May 2026, "
                    "10:23 AM\" or ISO 8601); dated {}",
                    undated.count, undated.count == 1 ? "" : "s", core::format_iso8601(when_ms)));
  }
  return {};
}

}  // namespace

std::optional<ResponsesFormat> parse_responses_format(std::string_view name) {
  if (name == "sheet") return ResponsesFormat::kSheet;
  if (name == "forms") return ResponsesFormat::kForms;
  if (name == "moodle") return ResponsesFormat::kMoodle;
  return std::nullopt;
}

std::string_view responses_format_name(ResponsesFormat format) {
  switch (format) {
    case ResponsesFormat::kSheet:
      return "sheet";
    case ResponsesFormat::kForms:
      return "forms";
    case ResponsesFormat::kMoodle:
      return "moodle";
  }
  return "sheet";
}

std::optional<ResponsesFormat> detect_responses_format(const core::SourceText& source) {
  interchange::RowReader reader(source, ',');
  interchange::Row row;
  std::optional<core::Diagnostic> error;
  if (reader.next(row, error) != interchange::RowReader::Next::kRow || row.cells.empty()) {
    return std::nullopt;
  }
  std::string first = core::ascii_lower(core::trim(row.cells[0]));
  if (first.starts_with("\xEF\xBB\xBF")) first.erase(0, 3);  // a byte order mark
  if (first == "learner") return ResponsesFormat::kSheet;
  if (first == "timestamp") return ResponsesFormat::kForms;
  for (const auto& cell : row.cells) {
    if (core::trim(cell).starts_with("Response ")) return ResponsesFormat::kMoodle;
  }
  return std::nullopt;
}

core::Expected<ResponsesRead> read_responses(const core::SourceText& source, ResponsesFormat format,
                                             const deck::Deck& deck, const FormOf& form_of,
                                             std::int64_t when_ms) {
  Rows rows(source);
  const interchange::Row* first = rows.next();
  if (rows.failure) return *rows.failure;
  if (first == nullptr) {
    return core::fail_in_file(ExitCode::kInvalidInput, source.file_name(),
                              "no header row: nothing to read");
  }
  const interchange::Row header = *first;
  Reader reader(source, deck);
  core::Expected<void> read;
  switch (format) {
    case ResponsesFormat::kSheet:
      read = read_sheet(rows, header, reader, deck, form_of, when_ms);
      break;
    case ResponsesFormat::kForms:
      read = read_forms(rows, header, reader, deck, when_ms);
      break;
    case ResponsesFormat::kMoodle:
      read = read_moodle(rows, header, reader, deck, when_ms);
      break;
  }
  if (!read) return read.error();
  if (rows.failure) return *rows.failure;
  return std::move(reader.out);
}

}  // namespace quizdeck::analysis
