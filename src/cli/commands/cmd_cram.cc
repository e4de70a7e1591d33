// SPDX-License-Identifier: MIT
// `quizdeck cram PATH...`: practice any cards without touching the schedule.
#include "cli/commands.h"
#include "cli/study/study.h"

namespace quizdeck::cli {
namespace {

void declare_cram(Declare& d, StudyOptions& o) {
  declare_study_flags(d, o);
  d.option("--wrong", &o.wrong_days, "DAYS", "cards missed in the last N days").at_least(1);
  d.option("--weakest", &o.weakest, "N", "the N cards least likely recalled now").at_least(1);
  d.flag("--all", &o.all, "every card (the default without --wrong/--weakest)");
  d.option("--max", &o.max, "N", "at most this many questions (re-asks included)").at_least(1);
}

core::Expected<ExitCode> run_cram(Context& context, const StudyOptions& o) {
  return run_study(context, session::Mode::kCram, o);
}

}  // namespace

Command cram_command() {
  return make_command<StudyOptions>("cram", "practise any cards without touching the schedule",
                                    declare_cram, study_needs, run_cram);
}

}  // namespace quizdeck::cli
