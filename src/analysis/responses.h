// SPDX-License-Identifier: MIT
// Answers given outside quizdeck, read into the results format: a paper answer sheet
// (CSV: learner, form, one answer per question as the printed form numbers them), a
// Google Forms responses sheet (CSV: a timestamp, who answered, one column per question
// named by its text) and Moodle's quiz Responses report (CSV: who, the attempt's state
// and start, each slot's question text and response). Each row is one exam sitting; every answer is
// graded against the deck's card, and every column, row or answer that matches nothing is reported
// with its position. Pure: the CSV text, the deck and the forms in, records and findings out.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/results.h"
#include "core/diagnostic.h"
#include "core/expected.h"
#include "core/source_text.h"
#include "deck/deck.h"

namespace quizdeck::analysis {

enum class ResponsesFormat { kSheet, kForms, kMoodle };

std::optional<ResponsesFormat> parse_responses_format(std::string_view name);
std::string_view responses_format_name(ResponsesFormat format);
// From the first row: "learner,form,..." is a sheet, "Timestamp,..." a Forms export, a
// row with "Response N" columns Moodle's quiz Responses report.
std::optional<ResponsesFormat> detect_responses_format(const core::SourceText& source);

// One question of a printed form, in the order printed: the card (an index into the
// deck's cards) and the order its choices were printed in (indexes into its choices).
struct FormQuestion {
  std::size_t card = 0;
  std::vector<std::size_t> shown;
};
// The questions of the form a sheet names ("7": the form `print --exam --seed 7` printed),
// or nothing for a name that is no form.
using FormOf = std::function<std::optional<std::vector<FormQuestion>>(std::string_view form)>;

// One learner's sittings and answers, in the order their rows came.
struct LearnerResponses {
  std::string learner;
  std::vector<ExamSitting> sittings;
  std::vector<Answer> answers;
};

struct ResponsesRead {
  std::vector<LearnerResponses> learners;  // in the order each first appears
  std::size_t rows = 0;                    // sittings read
  std::size_t answers = 0;
  // Warnings: what matched nothing and was left out, with where; notes: what was skipped
  // with nothing in it (users Moodle lists without an attempt).
  std::vector<core::Diagnostic> findings;  // the first 100
  std::size_t unreported = 0;              // warnings past those, counted
};

// `when_ms`: the time of a sitting whose row says none (a sheet; a Forms timestamp that
// cannot be read, which is reported). An error (exit 1) only for a file with no header
// or a quote never closed; nothing is read then.
core::Expected<ResponsesRead> read_responses(const core::SourceText& source, ResponsesFormat format,
                                             const deck::Deck& deck, const FormOf& form_of,
                                             std::int64_t when_ms);

}  // namespace quizdeck::analysis
