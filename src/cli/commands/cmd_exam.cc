// SPDX-License-Identifier: MIT
// `quizdeck exam PATH...`: a practice exam: sampled questions, a timer, a pass mark and a
// scored report. One left before its end is kept unscored; --resume continues it.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/study/study.h"
#include "core/number.h"
#include "deck/scalar.h"

namespace quizdeck::cli {
namespace {

void declare_exam(Declare& d, StudyOptions& o) {
  declare_study_flags(d, o);
  d.option("--questions", &o.questions, "N",
           "how many questions (default: the deck's exam.questions, else all)")
      .at_least(1);
  d.flag("--by-tag", &o.by_tag, "spread the questions over tags in proportion");
  d.option("--time", &o.time, "DURATION", "time limit such as 30m or 1h30m")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (deck::parse_duration(text)) return std::nullopt;
        return fmt::format("--time '{}' is not a duration such as 30m or 1h30m", text);
      });
  d.option("--pass", &o.pass, "PERCENT", "pass mark such as 70%")
      .check([](const std::string& text) -> std::optional<std::string> {
        if (deck::parse_percent(text)) return std::nullopt;
        // A percentage out of range says so, rather than that it is not one.
        double value = 0;
        const char* end = text.data() + text.size() - 1;
        if (text.size() >= 2 && text.back() == '%' &&
            core::parse_double(text.data(), end, value).ptr == end) {
          if (value > 100) return fmt::format("--pass '{}' is above 100%", text);
          if (value <= 0) return fmt::format("--pass '{}' must be above 0%", text);
        }
        return fmt::format("--pass '{}' is not a percentage such as 70%", text);
      });
  d.flag("--feedback", &o.feedback, "show right or wrong after each answer");
  d.flag("--no-schedule", &o.no_schedule, "record the answers without updating the schedule");
  d.flag("--discard", &o.discard,
         "give up an unfinished exam of these decks (it stays in the history, never resumed) "
         "and start a new one");
  d.flag("--resume", &o.resume,
         "continue the last exam of these decks left unfinished: same questions, time left");
}

core::Expected<void> validate(const StudyOptions& o) {
  if (o.resume && o.discard) {
    return core::fail(ExitCode::kUsage, "--resume and --discard do not go together");
  }
  if (o.resume && (o.questions || o.by_tag || o.time || o.pass || o.no_schedule ||
                   !o.tags.empty() || o.card || o.seed)) {
    return core::fail(ExitCode::kUsage,
                      "--resume continues the exam as it was planned: --questions, --by-tag, "
                      "--time, --pass, --no-schedule, --tag, --card and --seed do not go with it");
  }
  return {};
}

core::Expected<ExitCode> run_exam(Context& context, const StudyOptions& o) {
  return run_study(context, session::Mode::kExam, o);
}

}  // namespace

Command exam_command() {
  return make_command<StudyOptions>(
      "exam", "a practice exam: sampled questions, a timer, a pass mark, a scored report",
      declare_exam, study_needs, run_exam, validate);
}

}  // namespace quizdeck::cli
