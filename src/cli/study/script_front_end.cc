// SPDX-License-Identifier: MIT
#include "cli/study/script_front_end.h"

#include <algorithm>
#include <climits>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "cli/study/answer_json.h"
#include "core/json_writer.h"
#include "core/time.h"
#include "core/visible.h"
#include "session/script.h"
#include "session/session_text.h"

namespace quizdeck::cli {

ScriptFrontEnd::ScriptFrontEnd(Streams& io, bool json, bool feedback, bool ahead,
                               session::SessionClock& clock)
    : io_(io), json_(json), feedback_(feedback), ahead_(ahead), clock_(clock) {}

namespace {

enum class LineRead { kLine, kTooLong, kEnd };

// A time for JSON: ISO 8601 UTC, or nothing (null).
std::optional<std::string> iso_time(std::optional<std::int64_t> ms) {
  if (!ms) return std::nullopt;
  return core::format_iso8601(*ms);
}

// One line of at most `max` bytes (its newline dropped). The rest of a longer line is
// read and dropped, never kept.
LineRead read_bounded_line(std::istream& in, std::string& line, std::size_t max) {
  line.clear();
  std::streambuf* buffer = in.rdbuf();
  bool any = false;
  bool too_long = false;
  while (true) {
    const int c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      if (!any) return LineRead::kEnd;
      break;
    }
    any = true;
    if (c == '\n') break;
    if (too_long) continue;
    if (line.size() == max) {
      too_long = true;
      line.clear();
      line.shrink_to_fit();
      continue;
    }
    line.push_back(static_cast<char>(c));
  }
  return too_long ? LineRead::kTooLong : LineRead::kLine;
}

}  // namespace

session::Action ScriptFrontEnd::act(const session::Question& question) {
  session::Action action;
  std::string line;
  const LineRead read = read_bounded_line(io_.in, line, kMaxAnswerBytes);
  if (read == LineRead::kEnd) {
    action.kind = session::Action::Kind::kQuit;  // end of input ends the session; all is saved
    return action;
  }
  if (read == LineRead::kTooLong) {
    action.kind = session::Action::Kind::kInvalid;
    action.text = fmt::format("the answer is longer than {} bytes", kMaxAnswerBytes);
    return action;
  }
  session::ScriptLine script = session::parse_script_line(line);
  if (script.took_ms) clock_.advance(*script.took_ms);
  if (script.text == "?") {
    action.kind = session::Action::Kind::kHint;
    return action;
  }
  // A line starting with ':' is a command; '::' starts an answer that starts with ':'.
  if (script.text.starts_with("::")) {
    script.text.erase(0, 1);
  } else if (script.text.starts_with(':')) {
    return session::parse_command(script.text, feedback_);
  }
  action.response_ms = script.took_ms;
  if (!script.took_ms && !clock_.frozen()) action.response_ms = clock_.wall() - asked_at_;
  if (script.text.empty()) {
    action.kind = session::Action::Kind::kSkip;
    return action;
  }
  if (question.card->type == deck::CardType::kFlash)
    action.rating = core::parse_rating(script.text);
  action.text = std::move(script.text);
  return action;
}

session::Action ScriptFrontEnd::after_result(const session::Result&) {
  return {session::Action::Kind::kGoOn, {}, {}, {}};
}

void ScriptFrontEnd::rerated(const session::Result& result) {
  if (!json_) {
    for (const auto& line : session::feedback_lines(result)) {
      if (line.starts_with("Rating:")) say(line);
    }
    return;
  }
  core::JsonWriter json;
  json.begin_object();
  json.key("event").value("rerated");
  json.key("deck").value(result.question.deck->id);
  json.key("card").value(result.question.card->id);
  json.key("rating").value(core::rating_name(result.rating));
  json.key("due").value(iso_time(result.due_ms));
  json.end_object();
  emit(json.str());
}

void ScriptFrontEnd::undone(const std::optional<session::Session::UndoTarget>& taken) {
  if (!json_) return say(session::undone_text(taken));
  core::JsonWriter json;
  json.begin_object();
  json.key("event").value("undone");
  json.key("done").value(taken.has_value());
  if (taken) {
    json.key("deck").value(taken->deck_id);
    json.key("card").value(taken->card_id);
    json.key("took_back").value(taken->mark ? "mark" : "answer");
  }
  json.end_object();
  emit(json.str());
}

void ScriptFrontEnd::marked(const session::Question& question, const session::Marked& marked) {
  if (!json_) return say(session::marked_text(question, marked));
  core::JsonWriter json;
  json.begin_object();
  json.key("event").value("marked");
  json.key("deck").value(question.deck->id);
  json.key("card").value(question.card->id);
  json.key("mark").value(session::mark_name(marked.mark));
  json.key("done").value(marked.done);
  if (!marked.done) json.key("message").value(marked.problem);
  if (marked.done && marked.mark == session::Mark::kFlag) json.key("flag").value(marked.flag);
  if (marked.until) json.key("until").value(core::format_iso8601(*marked.until));
  json.end_object();
  emit(json.str());
}
void ScriptFrontEnd::time_up() {}

void ScriptFrontEnd::start(const session::Session& session, std::int64_t now) {
  if (!json_) {
    if (session.mode() == session::Mode::kExam) say(session::exam_intro(session));
    return;
  }
  core::JsonWriter json;
  json.begin_object();
  json.key("event").value("hello");
  json.key("protocol").value(kProtocolVersion);
  json.key("mode").value(session::mode_name(session.mode()));
  json.key("decks").begin_array();
  for (const auto& id : session.deck_ids()) json.value(id);
  json.end_array();
  json.key("seed");
  if (session.seed() <= static_cast<std::uint64_t>(INT64_MAX)) {
    json.value(static_cast<std::int64_t>(session.seed()));
  } else {
    json.value(std::to_string(session.seed()));
  }
  json.key("now").value(core::format_iso8601(now));
  json.key("feedback").value(feedback_);
  if (session.mode() == session::Mode::kExam) {
    json.key("exam").begin_object();
    json.key("questions").value(static_cast<std::int64_t>(session.planned()));
    json.key("time_limit_ms").value(session.time_limit());
    json.key("time_used_ms").value(session.exam_time_used());
    json.key("pass_percent").value(session.pass_percent());
    json.key("resumed").value(session.resumed());
    json.end_object();
  }
  json.end_object();
  emit(json.str());
}

void ScriptFrontEnd::say(const std::string& text) {
  // Deck text and typed answers are shown, never obeyed (newlines in them stay lines).
  io_.out << core::visible(text) << '\n';
  io_.out.flush();
}

void ScriptFrontEnd::emit(const std::string& json) {
  io_.out << json << '\n';
  io_.out.flush();
}

void ScriptFrontEnd::question(const session::Question& question, const session::Session& session) {
  const std::int64_t now = clock_.now();
  const deck::Card& card = *question.card;
  if (json_) {
    core::JsonWriter json;
    json.begin_object();
    json.key("event").value("question");
    json.key("deck").value(question.deck->id);
    json.key("card").value(card.id);
    json.key("type").value(deck::card_type_name(card.type));
    json.key("prompt").value(card.prompt);
    json.key("choices").begin_array();
    for (const std::size_t index : question.order) json.value(card.choices[index].text);
    json.end_array();
    // Media paths as the deck writes them, relative to its file (question.deck->path).
    if (!card.image.path.empty()) json.key("image").value(card.image.path);
    if (!card.audio.path.empty()) json.key("audio").value(card.audio.path);
    if (std::any_of(card.choices.begin(), card.choices.end(),
                    [](const deck::Choice& c) { return !c.image.path.empty(); })) {
      json.key("choice_images").begin_array();
      for (const std::size_t index : question.order) {
        const std::string& path = card.choices[index].image.path;
        if (path.empty()) {
          json.null();
        } else {
          json.value(path);
        }
      }
      json.end_array();
    }
    if (card.type == deck::CardType::kMatching) {
      json.key("prompts").begin_array();
      for (const auto& pair : card.pairs) json.value(pair.prompt);
      json.end_array();
    }
    json.key("index").value(question.number);
    json.key("total").value(question.total);
    json.key("hint").value(!card.hint.empty());
    if (session.deadline()) {
      json.key("seconds_left").value(std::max<std::int64_t>(0, (*session.deadline() - now) / 1000));
    }
    json.end_object();
    emit(json.str());
    asked_at_ = clock_.wall();
    return;
  }
  say(fmt::format("Question {}/{} · {}{}", question.number, question.total, question.deck->id,
                  question.repeat ? " · again" : ""));
  for (const auto& line : session::question_lines(question)) say(line);
  say(session::answer_hint(question));
  asked_at_ = clock_.wall();
}

void ScriptFrontEnd::card_event(const char* event, const session::Question& question,
                                const char* key, const std::string& value) {
  core::JsonWriter json;
  json.begin_object();
  json.key("event").value(event);
  json.key("deck").value(question.deck->id);
  json.key("card").value(question.card->id);
  json.key(key).value(value);
  json.end_object();
  emit(json.str());
}

void ScriptFrontEnd::hint(const session::Question& question) {
  const std::string& hint = question.card->hint;
  if (json_) return card_event("hint", question, "hint", hint);
  say(hint.empty() ? std::string("No hint for this card.") : "Hint: " + hint);
}

void ScriptFrontEnd::invalid(const session::Question& question, const std::string& problem) {
  if (json_) return card_event("invalid", question, "message", problem);
  say("Not an answer: " + problem);
}

void ScriptFrontEnd::result(const session::Result& result, bool skipped) {
  const deck::Card& card = *result.question.card;
  if (json_) {
    core::JsonWriter json;
    json.begin_object();
    // One skip event in every mode.
    json.key("event").value(skipped ? "skipped" : feedback_ ? "result" : "answered");
    json.key("deck").value(result.question.deck->id);
    json.key("card").value(card.id);
    if (skipped) {
      json.end_object();
      emit(json.str());
      return;
    }
    json.key("given").value(result.given);
    if (!feedback_) {
      json.key("counted").value(result.counted);
      json.end_object();
      emit(json.str());
      return;
    }
    json.key("correct").value(result.grade.verdict != grade::Verdict::kWrong);
    json.key("verdict").value(result.grade.verdict == grade::Verdict::kRight    ? "right"
                              : result.grade.verdict == grade::Verdict::kAlmost ? "almost"
                                                                                : "wrong");
    json.key("credit").value(result.grade.credit);
    json.key("expected");
    write_expected(json, card, result.question.order);
    json.key("rating").value(core::rating_name(result.rating));
    json.key("due").value(iso_time(result.due_ms));
    json.key("why").value(result.why);
    json.key("explain").value(card.explain);
    if (!card.source.empty()) json.key("source").value(card.source);
    // What the study rules did: present only when they did something.
    if (result.leech) json.key("leech").value(true);
    if (result.suspended) json.key("suspended").value(true);
    if (result.set_aside) json.key("set_aside").value(true);
    if (!result.buried.empty()) {
      json.key("buried").begin_array();
      for (const auto& sibling : result.buried) json.value(sibling);
      json.end_array();
    }
    json.end_object();
    emit(json.str());
    return;
  }
  if (skipped) {
    say("Skipped.\n");
    return;
  }
  say("Answer: " + result.given);
  if (!result.counted) {
    say("Too late: time was up, this answer does not count.\n");
  } else if (!feedback_) {
    say("Recorded.\n");
  } else {
    for (const auto& line : session::feedback_lines(result)) say(line);
    say("");
  }
}

void ScriptFrontEnd::summary(const session::Summary& summary,
                             std::optional<std::int64_t> next_due) {
  if (json_) {
    core::JsonWriter json;
    json.begin_object();
    json.key("event").value("summary");
    json.key("mode").value(session::mode_name(summary.mode));
    if (summary.mode == session::Mode::kExam && !summary.complete) {
      // Left before its end: not scored, and nothing tells right from wrong.
      json.key("answered").value(summary.answered);
      json.key("skipped").value(summary.skipped);
      json.key("complete").value(false);
      json.key("questions_left").value(summary.questions_left);
      json.key("time_left_ms").value(summary.time_left_ms);
      json.key("passed").null();
      if (!resume_command_.empty()) json.key("resume").value(resume_command_);
      json.end_object();
      emit(json.str());
      return;
    }
    json.key("answered").value(summary.answered);
    json.key("correct").value(summary.correct);
    json.key("skipped").value(summary.skipped);
    if (summary.mode == session::Mode::kExam) {
      json.key("points").value(summary.points);
      json.key("possible").value(summary.possible);
      json.key("score").value(summary.possible > 0 ? 100 * summary.points / summary.possible : 0.0);
      json.key("timed_out").value(summary.timed_out);
      json.key("complete").value(true);
      json.key("pass_percent").value(summary.pass_percent);
      json.key("time_used_ms").value(summary.time_used_ms);
    } else {
      json.key("score").value(summary.answered > 0 ? 100.0 * summary.correct / summary.answered
                                                   : 0.0);
    }
    json.key("passed").value(summary.passed);
    if (summary.mode == session::Mode::kExam) {
      json.key("tags").begin_array();
      for (const auto& tag : summary.tags) {
        json.begin_object();
        json.key("tag").value(tag.tag);
        json.key("points").value(tag.earned);
        json.key("possible").value(tag.possible);
        json.key("questions").value(tag.questions);
        json.end_object();
      }
      json.end_array();
      json.key("missed").begin_array();
      for (const auto& missed : summary.missed) {
        json.begin_object();
        json.key("card").value(missed.question.card->id);
        json.key("given");
        if (missed.counted) {
          json.value(missed.given);
        } else {
          json.null();
        }
        json.key("deck").value(missed.question.deck->id);
        json.key("expected");
        write_expected(json, *missed.question.card, missed.question.order);
        json.key("why").value(missed.why);
        json.key("explain").value(missed.question.card->explain);
        if (!missed.question.card->source.empty()) {
          json.key("source").value(missed.question.card->source);
        }
        json.end_object();
      }
      json.end_array();
    }
    json.key("next_due");
    if (next_due && summary.mode == session::Mode::kDrill) {
      json.value(core::format_iso8601(*next_due));
    } else {
      json.null();
    }
    json.end_object();
    emit(json.str());
    return;
  }
  for (const auto& line : session::summary_lines(summary, next_due, resume_command_)) say(line);
}

void ScriptFrontEnd::nothing_to_do(session::Mode mode, std::optional<std::int64_t> next_due) {
  if (json_) {
    core::JsonWriter json;
    json.begin_object();
    json.key("event").value(mode == session::Mode::kDrill ? "nothing_due" : "no_cards");
    json.key("next_due");
    if (next_due) {
      json.value(core::format_iso8601(*next_due));
    } else {
      json.null();
    }
    json.end_object();
    emit(json.str());
    return;
  }
  say(session::nothing_to_do_text(mode, next_due, ahead_));
}

}  // namespace quizdeck::cli
