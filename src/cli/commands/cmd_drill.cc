// SPDX-License-Identifier: MIT
// `quizdeck drill PATH...`: spaced repetition; due cards first, then new ones, every
// answer updating the schedule.
#include "cli/commands.h"
#include "cli/study/study.h"

namespace quizdeck::cli {
namespace {

void declare_drill(Declare& d, StudyOptions& o) {
  declare_study_flags(d, o, true);
  d.option("--new", &o.new_per_day, "N", "new cards per deck per day (default 20)").at_least(0);
  d.option("--max", &o.max, "N", "at most this many questions (learning steps included)")
      .at_least(1);
  d.flag("--ahead", &o.ahead, "nothing due: review the cards due soonest (still scheduled)");
  d.option("--exam-date", &o.exam_date, "DATE",
           "study towards an exam on this date, YYYY-MM-DD (default: the deck's exam-date "
           "setting; see quizdeck plan)")
      .check(exam_date_problem);
}

core::Expected<ExitCode> run_drill(Context& context, const StudyOptions& o) {
  return run_study(context, session::Mode::kDrill, o);
}

}  // namespace

Command drill_command() {
  return make_command<StudyOptions>(
      "drill", "study: due cards first, then new ones; every answer updates the schedule",
      declare_drill, study_needs, run_drill);
}

}  // namespace quizdeck::cli
