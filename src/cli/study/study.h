// SPDX-License-Identifier: MIT
// What drill, exam and cram share: their options, the flags all three take, their needs
// (the clock, the decks, the store created when missing, the schedulers), and running a
// session with the front end that fits: the terminal, or scripted lines when standard
// input is not a terminal (or with --script).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "session/session.h"

namespace quizdeck::cli {

struct StudyOptions {
  std::vector<std::string> paths;
  std::vector<std::string> tags;
  std::optional<std::string> card;
  std::optional<std::uint64_t> seed;
  bool repeat_wrong = false;
  bool json = false;
  bool script = false;
  std::string color = "auto";
  bool no_images = false;
  // drill
  std::optional<int> new_per_day;
  std::optional<int> max;
  bool ahead = false;
  std::optional<std::string> exam_date;  // YYYY-MM-DD, over the decks' exam-date settings
  // exam
  std::optional<int> questions;
  bool by_tag = false;
  std::optional<std::string> time;
  std::optional<std::string> pass;
  bool feedback = false;
  bool no_schedule = false;
  bool resume = false;
  bool discard = false;  // give up an unfinished exam of these decks for a new one
  // cram
  std::optional<int> wrong_days;
  std::optional<int> weakest;
  bool all = false;
};

// The flags every study mode takes.
// `deck_optional`: without a deck the command studies every deck the store has (drill).
void declare_study_flags(Declare& d, StudyOptions& o, bool deck_optional = false);

// The check of an --exam-date value (drill, plan, simulate): none for a date such as
// 2026-12-20, else the message.
std::optional<std::string> exam_date_problem(const std::string& text);
Needs study_needs(const StudyOptions& o);
core::Expected<ExitCode> run_study(Context& context, session::Mode mode,
                                   const StudyOptions& options);

}  // namespace quizdeck::cli
