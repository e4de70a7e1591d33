// SPDX-License-Identifier: MIT
// What a scripted session prints: plain text for people reading along, or JSON Lines for
// programs (one object per event, flushed at once so a driver can answer as it goes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/streams.h"
#include "session/session.h"

namespace quizdeck::cli {

class StudyOutput {
 public:
  StudyOutput(Streams& io, bool json, session::Mode mode, bool feedback)
      : io_(io), json_(json), mode_(mode), feedback_(feedback) {}

  void question(const session::Question& question, const session::Session& session,
                std::int64_t now);
  void hint(const session::Question& question);
  void invalid(const session::Question& question, const std::string& problem);
  void result(const session::Result& result, const session::Answer& answer);
  void summary(const session::Summary& summary, std::optional<std::int64_t> next_due);
  void nothing_to_do(std::optional<std::int64_t> next_due, bool ahead);

 private:
  void emit(const std::string& json);
  // {"event": event, "card": id, key: value}
  void card_event(const char* event, const session::Question& question, const char* key,
                  const std::string& value);
  Streams& io_;
  bool json_;
  session::Mode mode_;
  bool feedback_;
};

}  // namespace quizdeck::cli
