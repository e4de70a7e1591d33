// SPDX-License-Identifier: MIT
// The report as `quizdeck analyze --format json` writes it (quizdeck(1), ITEM ANALYSIS).
#include "analysis/item_analysis.h"
#include "core/json_writer.h"

namespace quizdeck::analysis {
namespace {

void write_figures(core::JsonWriter& json, const ItemFigures& f) {
  json.begin_object();
  json.key("attempts").value(f.attempts);
  json.key("facility").value(100.0 * f.facility);
  json.key("sd").value(f.sd ? std::optional<double>(100.0 * *f.sd) : std::nullopt);
  json.key("discrimination").value(f.discrimination);
  json.key("efficiency").value(f.efficiency);
  json.key("median_seconds").value(f.median_seconds);
  json.key("with_choices").value(f.with_choices);
  json.key("group").value(f.group);
  json.key("choices").begin_array();
  for (const ChoiceShare& c : f.choices) {
    json.begin_object();
    json.key("label").value(c.label);
    json.key("text").value(c.text);
    json.key("key").value(c.key);
    json.key("picked").value(c.picked);
    json.key("share").value(100.0 * c.share);
    json.key("strong").value(c.strong ? std::optional<double>(100.0 * *c.strong) : std::nullopt);
    json.key("weak").value(c.weak ? std::optional<double>(100.0 * *c.weak) : std::nullopt);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

std::string report_json(const Report& report) {
  core::JsonWriter json;
  json.begin_object();
  json.key("format").value("quizdeck-analysis");
  json.key("version").value(1);
  json.key("learners").value(report.learners);
  json.key("answers").value(report.answers);
  json.key("ignored").value(report.ignored);
  json.key("not_chosen").value(report.not_chosen);
  json.key("sittings").value(report.sittings);
  json.key("regraded").value(report.regraded);
  json.key("kept").value(report.kept);
  json.key("mismatched").value(report.mismatched);
  json.key("mismatches").begin_array();
  for (const Regrade& m : report.mismatches) {
    json.begin_object();
    json.key("learner").value(m.learner);
    json.key("deck").value(m.deck);
    json.key("card").value(m.card);
    json.key("claimed").value(m.claimed);
    json.key("given").value(m.given);
    json.key("regraded").value(m.regraded);
    json.end_object();
  }
  json.end_array();
  json.key("items").begin_array();
  for (const ItemReport& item : report.items) {
    json.begin_object();
    json.key("deck").value(item.deck);
    json.key("card").value(item.card);
    json.key("content").value(item.content);
    json.key("version").value(version_name(item.version));
    json.key("type").value(item.type);
    json.key("prompt").value(item.prompt);
    json.key("points").value(item.points);
    json.key("problems").begin_array();
    for (const Problem& p : item.problems) {
      json.begin_object().key("code").value(p.code).key("reason").value(p.reason).end_object();
    }
    json.end_array();
    json.key("note").value(item.note);
    json.key("wrong_responses").begin_array();
    for (const ResponseCount& r : item.wrong_responses) {
      json.begin_object().key("text").value(r.text).key("count").value(r.count).end_object();
    }
    json.end_array();
    json.key("near_misses").begin_array();
    for (const ResponseCount& r : item.near_misses) {
      json.begin_object().key("text").value(r.text).key("count").value(r.count);
      json.key("near").value(r.near).end_object();
    }
    json.end_array();
    json.key("parts").begin_array();
    for (const PartShare& p : item.parts) {
      json.begin_object();
      json.key("label").value(p.label).key("right").value(p.right);
      json.key("attempts").value(p.attempts).key("correct").value(p.correct);
      json.end_object();
    }
    json.end_array();
    json.key("exam");
    if (item.exam) {
      write_figures(json, *item.exam);
    } else {
      json.null();
    }
    json.key("drill");
    if (item.drill) {
      write_figures(json, *item.drill);
    } else {
      json.null();
    }
    json.key("memory");
    if (item.memory) {
      const DrillMemory& m = *item.memory;
      json.begin_object();
      json.key("learners").value(m.learners);
      json.key("answers").value(m.answers);
      json.key("difficulty").value(m.difficulty);
      json.key("review_answers").value(m.review_answers);
      json.key("lapses").value(m.lapses);
      json.key("lapse_rate")
          .value(m.lapse_rate ? std::optional<double>(100.0 * *m.lapse_rate) : std::nullopt);
      json.end_object();
    } else {
      json.null();
    }
    json.end_object();
  }
  json.end_array();
  json.key("exams").begin_array();
  for (const ExamReport& exam : report.exams) {
    json.begin_object();
    json.key("decks").value(exam.decks);
    json.key("sittings").value(exam.attempts);
    json.key("questions").value(exam.questions);
    json.key("basis").value(exam.basis);
    json.key("alpha").value(exam.alpha);
    json.key("error_ratio").value(exam.error_ratio);
    json.key("standard_error").value(exam.standard_error);
    json.key("alpha_note").value(exam.alpha_note);
    json.key("mean").value(exam.mean_percent);
    json.key("median").value(exam.median_percent);
    json.key("sd").value(exam.sd_percent);
    json.key("skewness").value(exam.skewness);
    json.key("kurtosis").value(exam.kurtosis);
    json.key("weights").begin_array();
    for (const EffectiveWeight& w : exam.weights) {
      json.begin_object();
      if (w.card.empty()) {
        json.key("position").value(w.position);
      } else {
        json.key("deck").value(w.deck).key("card").value(w.card);
      }
      json.key("weight").value(w.weight);
      json.end_object();
    }
    json.end_array();
    json.key("distribution").begin_array();
    for (const int n : exam.distribution) json.value(n);
    json.end_array();
    json.key("passed").value(exam.passed);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.take();
}

}  // namespace quizdeck::analysis
