// SPDX-License-Identifier: MIT
// Pushing a learner's queued work to the class database, and reading the whole class
// back for analysis. The records are the results format's lines (analysis/results.h).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/results.h"
#include "classroom/connection.h"
#include "core/expected.h"

namespace quizdeck::classroom {

// One queued batch: an exam sitting with its answers, or a drill session's answers.
struct PushBatch {
  std::string id;                                // the queue's UUID: the sitting's key
  std::optional<analysis::ExamSitting> sitting;  // none: a drill session's answers
  std::vector<analysis::Answer> answers;
};

// Writes the batch in one transaction, as the connection's role (the learner). Rows
// already there (a push repeated after a crash) are left as they are: pushing a batch
// twice adds it once.
core::Expected<void> push_batch(Connection& connection, const PushBatch& batch);

// Every learner's records, learner by learner (in name order): begin(learner), their
// sittings (by start) and their answers (by time), end(). Each learner's sittings are
// numbered 1, 2, ... and their answers point at those numbers, whatever machine they came
// from. A row that is not a record of its kind (the database holds what learners sent) is
// left out, with a warning naming the learner and the row.
struct ClassReader {
  std::function<void(const std::string& learner)> begin;
  std::function<void(const analysis::ExamSitting&)> sitting;
  std::function<void(const analysis::Answer&)> answer;
  std::function<void()> end;
  std::function<void(const std::string& message)> warn;
};
core::Expected<void> read_class(Connection& connection, const ClassReader& reader);

}  // namespace quizdeck::classroom
