// SPDX-License-Identifier: MIT
// The words of a session, shared by the scripted output and the terminal: a question's
// lines, how to answer it, the feedback after an answer, the closing summary.
#pragma once

#include <array>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "session/session.h"

namespace quizdeck::session {

std::vector<std::string> question_lines(const Question& question);
std::string answer_hint(const Question& question);
std::string verdict_word(grade::Verdict verdict);
std::vector<std::string> feedback_lines(const Result& result);
// What the study rules did after an answer (a leech, a card set aside, siblings buried),
// one line each; part of feedback_lines.
std::vector<std::string> rule_lines(const Result& result);
// "1 Again 10m  2 Hard 1d  3 Good 4d  4 Easy 9d": what each rating key would do.
std::string rating_keys_text(const std::array<std::int64_t, 4>& due, std::int64_t answered);
// An interval as a learner reads it: 10m, 5h, 4d, 2.5mo, 1.2y.
std::string interval_text(std::int64_t ms);
// "Rating: Good. Next due in 4d.": the rating recorded and when the card comes back,
// counted from the answer; "(the schedule is unchanged)" when it did not change.
std::string rating_line(const Result& result);
// What marking a card did, in a sentence ("Suspended: ..."), or why it did not.
std::string marked_text(const Question& question, const Marked& marked);
// What an undo took back ("Took back the last answer.", or the last mark), or that there
// was nothing to undo.
std::string undone_text(const std::optional<Session::UndoTarget>& taken);
// The name of a mark in the scripted protocol: suspend, bury, flag.
std::string_view mark_name(Mark mark);
// An exam's opening line: how many questions, the time, the pass mark (a resumed exam:
// what is left of them).
std::string exam_intro(const Session& session);
// The closing lines. `resume_command` is what continues an exam left unfinished, as the
// learner can paste it ("quizdeck exam crss.yaml --resume"); empty: said in words.
std::vector<std::string> summary_lines(const Summary& summary, std::optional<std::int64_t> next_due,
                                       std::string_view resume_command = {});
std::string nothing_to_do_text(Mode mode, std::optional<std::int64_t> next_due, bool ahead);

}  // namespace quizdeck::session
