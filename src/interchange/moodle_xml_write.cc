// SPDX-License-Identifier: MIT
// Entries written as Moodle XML (moodle_xml.h), with what Moodle cannot carry reported.
#include "interchange/moodle_xml.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <variant>

#include <fmt/format.h>

#include "core/base64.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "deck/card_id.h"
#include "interchange/entry_id.h"
#include "interchange/html_text.h"
#include "interchange/moodle_syntax.h"
#include "interchange/names.h"
#include "interchange/xml_tree.h"

namespace quizdeck::interchange {
namespace {

// The fractions Moodle accepts for an answer (question_bank::fraction_options_full), as
// positive values; their negatives and 0 too. A value within 0.00001 of one is that one.
constexpr double kFractions[] = {1.0,       0.9,       0.8333333, 0.8,       0.75, 0.7,  0.6666667,
                                 0.6,       0.5,       0.4,       0.3333333, 0.3,  0.25, 0.2,
                                 0.1666667, 0.1428571, 0.125,     0.1111111, 0.1,  0.05};

// The fraction Moodle allows nearest to `value` (0 < value <= 1).
double nearest_fraction(double value) {
  double best = kFractions[0];
  for (const double f : kFractions) {
    if (std::fabs(f - value) < std::fabs(best - value)) best = f;
  }
  return best;
}

// A text element in Moodle's plain_text format (shown as written, line breaks and all).
std::string text_element(const char* name, std::string_view text, const char* indent) {
  return fmt::format("{}<{} format=\"plain_text\"><text>{}</text></{}>\n", indent, name,
                     xml_escape(text), name);
}

std::string number_text(double value) {
  return fmt::format("{}", value);
}

// The Moodle question type a card becomes.
const char* moodle_type(deck::CardType type) {
  switch (type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti:
      return "multichoice";
    case deck::CardType::kTrueFalse:
      return "truefalse";
    case deck::CardType::kShort:
      return "shortanswer";
    case deck::CardType::kNumeric:
      return "numerical";
    case deck::CardType::kFlash:
      return "essay";
    case deck::CardType::kCloze:
      return "cloze";
    case deck::CardType::kMatching:
      return "matching";
    case deck::CardType::kOrdering:
      return "ordering";
  }
  return "";
}

// Plain text as HTML that reads back the same: markup escaped, line breaks as <br>, and
// spaces HTML would fold (a run, or at a line's ends) as no-break spaces.
std::string html_of(std::string_view text) {
  std::string html;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      html += "<br>";
      line_start = i + 1;
      continue;
    }
    const bool folded = c == ' ' && (i == line_start || i + 1 == text.size() ||
                                     text[i + 1] == '\n' || text[i - 1] == ' ');
    html += folded ? "&nbsp;" : xml_escape(text.substr(i, 1));
  }
  return html;
}

// The question's text element: HTML with the image and its file inside when the card's
// image is among the deck's media, else plain text.
std::string question_text(const Entry& e, const std::string& question, const MediaFiles& media,
                          ExportWriter& writer) {
  std::string out;
  const auto image = e.image.path.empty() ? media.end() : media.find(e.image.path);
  if (!e.image.path.empty() && image == media.end()) {
    writer.drop(e, "image '" + e.image.path + "' cannot be read: it is left out");
  }
  if (image != media.end()) {
    // HTML, so the picture has a place: the text, then the image, its file inside.
    const std::string name = std::filesystem::path(e.image.path).filename().string();
    std::string html = "<p>" + html_of(question) + "</p><p><img src=\"@@PLUGINFILE@@/" +
                       xml_escape(name) + "\" alt=\"\"></p>";
    out += "    <questiontext format=\"html\">\n      <text>" + xml_escape(html) +
           "</text>\n      <file name=\"" + xml_escape(name, true) +
           "\" path=\"/\" encoding=\"base64\">" + core::base64_encode(image->second) +
           "</file>\n    </questiontext>\n";
  } else {
    out += text_element("questiontext", question, "    ");
  }
  return out;
}

// A multi card's fractions: +1/k for each of its k keys and -1/k for each other choice
// (quizdeck's scoring), or the nearest fractions Moodle allows, reported.
double multi_share(const Entry& e, ExportWriter& writer) {
  const double share = 1.0 / static_cast<double>(e.answers.size());
  const double nearest = nearest_fraction(share);
  if (std::fabs(nearest - share) > kFractionTolerance) {
    writer.drop(e, fmt::format("Moodle has no fraction of 1/{}: each key is written as {}% and "
                               "each other choice as -{}% (quizdeck scores each {}%)",
                               e.answers.size(), moodle_percent(nearest), moodle_percent(nearest),
                               moodle_percent(share)));
  }
  return nearest;
}

// What each question type has beyond the text: the answers, and the type's settings.
std::string answers_of(const Entry& e, ExportWriter& writer) {
  std::string out;
  switch (e.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti: {
      const bool multi = e.type == deck::CardType::kMulti;
      const double share = multi ? multi_share(e, writer) : 1;
      out += fmt::format("    <single>{}</single>\n", multi ? "false" : "true");
      out += fmt::format("    <shuffleanswers>{}</shuffleanswers>\n", e.shuffle ? 1 : 0);
      out += "    <answernumbering>ABCD</answernumbering>\n";
      for (const auto& choice : e.choices) {
        const bool key =
            std::find(e.answers.begin(), e.answers.end(), choice.text) != e.answers.end();
        const double fraction = key ? share : multi ? -share : 0;
        out += fmt::format("    <answer fraction=\"{}\" format=\"plain_text\">\n",
                           moodle_percent(fraction));
        out += "      <text>" + xml_escape(choice.text) + "</text>\n";
        if (!choice.why.empty()) out += text_element("feedback", choice.why, "      ");
        out += "    </answer>\n";
      }
      break;
    }
    case deck::CardType::kTrueFalse: {
      // The explanation's "True: ..." and "False: ..." lines are each answer's feedback.
      const TrueFalseFeedback feedback = true_false_feedback(e.explain);
      for (const bool answer : {true, false}) {
        const std::string& why = answer ? feedback.if_true : feedback.if_false;
        out += fmt::format("    <answer fraction=\"{}\"><text>{}</text>",
                           answer == e.truth ? 100 : 0, answer ? "true" : "false");
        out += why.empty() ? "</answer>\n"
                           : "\n" + text_element("feedback", why, "      ") + "    </answer>\n";
      }
      break;
    }
    case deck::CardType::kShort:
      out += fmt::format("    <usecase>{}</usecase>\n", e.match == deck::MatchRule::kExact ? 1 : 0);
      for (const auto& answer : e.answers) {
        out += "    <answer fraction=\"100\" format=\"plain_text\"><text>" + xml_escape(answer) +
               "</text></answer>\n";
      }
      break;
    case deck::CardType::kNumeric:
      out += "    <answer fraction=\"100\"><text>" + number_text(e.number) + "</text><tolerance>" +
             number_text(e.tolerance) + "</tolerance></answer>\n";
      break;
    case deck::CardType::kFlash:
      out += "    <responseformat>plain</responseformat>\n";
      break;
    case deck::CardType::kCloze:
      break;
    case deck::CardType::kMatching:
      out += "    <shuffleanswers>true</shuffleanswers>\n";
      for (const auto& pair : e.pairs) {
        out += "    <subquestion format=\"plain_text\">\n      <text>" + xml_escape(pair.prompt) +
               "</text>\n      <answer><text>" + xml_escape(pair.answer) +
               "</text></answer>\n    </subquestion>\n";
      }
      for (const auto& choice : e.choices) {
        out +=
            "    <subquestion format=\"plain_text\">\n      <text></text>\n"
            "      <answer><text>" +
            xml_escape(choice.text) + "</text></answer>\n    </subquestion>\n";
      }
      break;
    case deck::CardType::kOrdering:
      // Moodle's ordering question (core since 4.4): each item's place in its fraction;
      // graded like quizdeck, by the longest subset in the right order.
      out +=
          "    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n"
          "    <selectcount>0</selectcount>\n"
          "    <gradingtype>LONGEST_ORDERED_SUBSET</gradingtype>\n";
      for (std::size_t i = 0; i < e.choices.size(); ++i) {
        out += fmt::format("    <answer fraction=\"{}\" format=\"plain_text\"><text>", i + 1) +
               xml_escape(e.choices[i].text) + "</text></answer>\n";
      }
      break;
  }
  return out;
}

}  // namespace

Exported export_moodle_xml(const std::vector<Entry>& given, const std::string& deck_file,
                           const std::string& title, const MediaFiles& media) {
  ExportWriter writer(given, deck_file);
  std::string& out = writer.text();
  out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n";
  // A comment may not hold "--" (nor end in '-'); the title is shown, never obeyed.
  std::string comment = xml_escape(core::visible(title, core::Lines::kShow));
  for (auto at = comment.find("--"); at != std::string::npos; at = comment.find("--")) {
    comment.replace(at, 2, "- -");
  }
  out += "<!-- " + comment + ", exported by quizdeck -->\n";
  for (std::size_t i = 0; i < given.size(); ++i) {
    const Entry& e = writer.entries()[i];  // its text shown (bank.h, visible_entries)
    if (e.match == deck::MatchRule::kFuzzy) {
      writer.drop(e, "Moodle has no fuzzy match: 'fuzzy' is left out");
    }
    if (any_text(e, EntryTexts::kWithNotes, has_xml_noncharacter)) {
      writer.drop(e, "U+FFFE and U+FFFF, which XML cannot hold, are written as U+FFFD");
    }
    out += fmt::format("  <question type=\"{}\">\n", moodle_type(e.type));
    // The name is the card's id (as its deck has it, whatever the text shown), so the card
    // comes back with it, and with its progress.
    const std::string id = entry_card_id(given[i]);
    out += "    <name><text>" + xml_escape(id) + "</text></name>\n";
    const std::string question =
        e.type == deck::CardType::kCloze ? embedded_answers(e) : e.question;
    note_media_left_out(e, deck_file, "Moodle XML", true, writer.notes());
    out += question_text(e, question, media, writer);
    const std::string feedback = e.type == deck::CardType::kFlash ? e.back
                                 : e.type == deck::CardType::kTrueFalse
                                     ? true_false_feedback(e.explain).general
                                     : e.explain;
    if (!feedback.empty()) out += text_element("generalfeedback", feedback, "    ");
    if (e.type == deck::CardType::kFlash && !e.explain.empty()) {
      writer.drop(e, "an essay has one feedback, the back: the explanation is left out");
    }
    out += "    <defaultgrade>" + number_text(e.points) + "</defaultgrade>\n";
    // Moodle's idnumbers have at most 100 characters.
    if (!e.id.empty() && core::count_code_points(e.id) <= 100) {
      out += "    <idnumber>" + xml_escape(e.id) + "</idnumber>\n";
    }
    out += answers_of(e, writer);
    if (!e.hint.empty()) out += text_element("hint", e.hint, "    ");
    if (!e.tags.empty()) {
      out += "    <tags>\n";
      for (const auto& tag : e.tags) {
        out += "      <tag><text>" + xml_escape(tag) + "</text></tag>\n";
      }
      out += "    </tags>\n";
    }
    out += "  </question>\n";
  }
  out += "</quiz>\n";
  return writer.take();
}

}  // namespace quizdeck::interchange
