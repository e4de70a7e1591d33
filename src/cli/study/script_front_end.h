// SPDX-License-Identifier: MIT
// The scripted front end: answers one per line on standard input ("@90s B" gives the time
// taken, "?" asks for the hint, an empty line skips, end of input ends the session), and
// plain text for people reading along, or JSON Lines for programs (one object per event,
// flushed at once so a driver can answer as it goes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/streams.h"
#include "session/driver.h"

namespace quizdeck::cli {

// The longest answer line read; a longer one is refused (an invalid answer) and skipped
// to its end without being held in memory.
inline constexpr std::size_t kMaxAnswerBytes = 64 * 1024;

// The scripted protocol's version, in the hello event (quizdeck(1), SCRIPTED SESSIONS).
inline constexpr int kProtocolVersion = 2;

class ScriptFrontEnd : public session::FrontEnd {
 public:
  // `feedback`: show right or wrong after each answer (an exam without --feedback: no);
  // `ahead`: --ahead was given (for the "nothing due" words).
  ScriptFrontEnd(Streams& io, bool json, bool feedback, bool ahead, session::SessionClock& clock);

  // What continues an exam left unfinished, as the learner can paste it.
  void set_resume_command(std::string command) { resume_command_ = std::move(command); }

  void start(const session::Session& session, std::int64_t now) override;
  void nothing_to_do(session::Mode mode, std::optional<std::int64_t> next_due) override;
  void question(const session::Question& question, const session::Session& session) override;
  session::Action act(const session::Question& question) override;
  void hint(const session::Question& question) override;
  void invalid(const session::Question& question, const std::string& problem) override;
  void result(const session::Result& result, bool skipped) override;
  session::Action after_result(const session::Result& result) override;
  void rerated(const session::Result& result) override;
  void undone(const std::optional<session::Session::UndoTarget>& taken) override;
  void marked(const session::Question& question, const session::Marked& marked) override;
  void time_up() override;
  void summary(const session::Summary& summary, std::optional<std::int64_t> next_due) override;

 private:
  void emit(const std::string& json);
  // One line of the text protocol, control characters shown.
  void say(const std::string& text);
  // A ':' line: the action it stands for, or kInvalid saying why it is none.
  // {"event": event, "card": id, key: value}
  void card_event(const char* event, const session::Question& question, const char* key,
                  const std::string& value);
  Streams& io_;
  bool json_;
  bool feedback_;
  bool ahead_;
  session::SessionClock& clock_;
  std::int64_t asked_at_ = 0;  // wall clock when the question was shown
  std::string resume_command_;
};

}  // namespace quizdeck::cli
