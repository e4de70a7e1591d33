// SPDX-License-Identifier: MIT
#include "classroom/class_push.h"

#include <map>

#include <fmt/format.h>

#include "classroom/class_schema.h"
#include "classroom/class_url.h"
#include "core/visible.h"

namespace quizdeck::classroom {
namespace {

core::Expected<void> usable(Connection& connection) {
  auto version = class_schema_version(connection);
  if (!version) return version.error();
  if (*version == 0) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("{} is not a class database (no quizdeck schema): the "
                                  "instructor runs `quizdeck class init` first",
                                  masked_url(connection.url())));
  }
  if (*version < kClassSchemaVersion) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("the class database has schema version {}; this quizdeck "
                                  "needs {}: the instructor runs `quizdeck class init` again",
                                  *version, kClassSchemaVersion));
  }
  return {};
}

}  // namespace

core::Expected<void> push_batch(Connection& connection, const PushBatch& batch) {
  if (auto ok = usable(connection); !ok) return ok.error();
  if (auto begun = connection.exec("BEGIN"); !begun) return begun.error();
  const auto rollback = [&](core::Failure failure) -> core::Expected<void> {
    (void)connection.exec("ROLLBACK");
    return failure;
  };
  if (batch.sitting) {
    auto inserted = connection.run(
        "INSERT INTO quizdeck.sittings (id, started_ms, record) VALUES ($1, $2, $3) "
        "ON CONFLICT (id) DO NOTHING",
        {batch.id, std::to_string(batch.sitting->started_ms),
         analysis::write_results_line(*batch.sitting)});
    if (!inserted) return rollback(inserted.error());
  }
  for (std::size_t i = 0; i < batch.answers.size(); ++i) {
    const analysis::Answer& answer = batch.answers[i];
    auto inserted = connection.run(
        "INSERT INTO quizdeck.answers (batch, position, in_sitting, time_ms, record) VALUES "
        "($1, $2, $3, $4, $5) ON CONFLICT (batch, position) DO NOTHING",
        {batch.id, std::to_string(i + 1), batch.sitting ? "true" : "false",
         std::to_string(answer.time_ms), analysis::write_results_line(answer)});
    if (!inserted) return rollback(inserted.error());
  }
  if (auto committed = connection.exec("COMMIT"); !committed) return committed.error();
  return {};
}

core::Expected<void> read_class(Connection& connection, const ClassReader& reader) {
  if (auto ok = usable(connection); !ok) return ok.error();
  // One ordered stream: per learner, sittings (kind 0) then answers (kind 1).
  constexpr std::string_view kQuery =
      "SELECT learner, 0 AS kind, id::text AS batch, 0 AS position, started_ms AS at, record, "
      "true AS in_sitting FROM quizdeck.sittings UNION ALL SELECT learner, 1, batch::text, "
      "position, time_ms, record, in_sitting FROM quizdeck.answers ORDER BY 1, 2, 5, 3, 4";
  std::optional<std::string> learner;
  std::map<std::string, std::int64_t> attempts;  // the learner's sitting ids -> 1, 2, ...
  auto streamed =
      connection.stream(kQuery, {}, [&](const std::vector<std::optional<std::string_view>>& row) {
        const std::string who(row[0].value_or(""));
        if (!learner || *learner != who) {
          if (learner) reader.end();
          learner = who;
          attempts.clear();
          reader.begin(who);
        }
        const bool is_sitting = row[1] == "0";
        const std::string batch(row[2].value_or(""));
        const auto warn = [&](const std::string& why) {
          reader.warn(fmt::format("learner '{}', {} {}{}: {}; left out",
                                  core::visible(who, core::Lines::kShow),
                                  is_sitting ? "sitting" : "answer", batch,
                                  is_sitting ? "" : fmt::format(" #{}", row[3].value_or("")), why));
        };
        auto record = analysis::read_results_line(row[5].value_or(""));
        if (!record) return warn(record.error().message());
        if (is_sitting) {
          auto* sitting = std::get_if<analysis::ExamSitting>(&*record);
          if (sitting == nullptr) return warn("not an exam sitting");
          const std::int64_t number = static_cast<std::int64_t>(attempts.size()) + 1;
          if (!attempts.emplace(batch, number).second) return warn("a second copy");
          sitting->attempt = number;
          reader.sitting(*sitting);
          return;
        }
        auto* answer = std::get_if<analysis::Answer>(&*record);
        if (answer == nullptr) return warn("not an answer");
        answer->attempt.reset();
        if (row[6] == "t") {
          const auto it = attempts.find(batch);
          if (it == attempts.end()) return warn("its exam sitting is not in the database");
          answer->attempt = it->second;
        }
        reader.answer(*answer);
      });
  if (learner) reader.end();
  return streamed;
}

}  // namespace quizdeck::classroom
