// SPDX-License-Identifier: MIT
// QTI 2.1 items in (see qti.h), read with libxml2 (no network, no external entities).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "deck/card_id.h"
#include "interchange/html_text.h"
#include "interchange/names.h"
#include "interchange/qti.h"
#include "interchange/xml_tree.h"

namespace quizdeck::interchange {
namespace {

// The text of a body: blocks on their own lines, a text entry as "{{#n}}" (its place
// for a cloze), interactions and the scorer's rubric left out.
void body_text(const xmlNode* node, std::string& out, int& blanks) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out += reinterpret_cast<const char*>(c->content);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string name = reinterpret_cast<const char*>(c->name);
    if (name == "textEntryInteraction") {
      out += fmt::format("{{{{#{}}}}}", ++blanks);
    } else if (name == "br") {
      out += "\n";
    } else if (name == "p" || name == "div") {
      if (!out.empty() && out.back() != '\n') out += "\n";
      body_text(c, out, blanks);
      out += "\n";
    } else if (name.ends_with("Interaction") || name == "rubricBlock" || name == "prompt" ||
               name == "modalFeedback") {
      continue;
    } else {
      body_text(c, out, blanks);
    }
  }
}

// Lines with their white space runs folded, empty lines dropped.
std::string tidy(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = collapse_space(std::string_view(text).substr(start, end - start));
    if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
    start = end + 1;
  }
  return out;
}

struct Response {
  std::string base_type;
  std::vector<std::string> correct;
  std::vector<std::string> mapped;  // mapEntry keys with a positive value
};

}  // namespace

Bank import_qti(const std::vector<core::SourceText>& items) {
  Bank bank;
  IdSet ids;
  for (const core::SourceText& source : items) {
    ++bank.questions;
    const XmlDoc doc = read_xml(source, bank.diagnostics);
    if (!doc) continue;
    const xmlNode* item = xmlDocGetRootElement(doc.get());
    if (!named(item, "assessmentItem")) {
      bank.diagnostics.push_back(
          xml_diagnostic(core::Severity::kError, source, 1,
                         "a QTI item has <assessmentItem> as its root element"));
      continue;
    }
    Entry e;
    e.pos = {static_cast<int>(xmlGetLineNo(item)), 1};
    const auto warn = [&](std::string message) {
      e.warned = true;
      bank.diagnostics.push_back(
          xml_diagnostic(core::Severity::kWarning, source, e.pos.line, std::move(message)));
    };
    const std::string title = attribute(item, "title");
    const bool usable = !title.empty() && deck::check_card_id(title).has_value() &&
                        title.find(' ') == std::string::npos;
    e.id = ids.unique(usable ? title : slug(title));
    std::map<std::string, Response> responses;
    std::vector<const xmlNode*> declarations;
    find_all(item, "responseDeclaration", declarations);
    for (const xmlNode* declaration : declarations) {
      Response r;
      r.base_type = attribute(declaration, "baseType");
      std::vector<const xmlNode*> values;
      find_all(find_first(declaration, "correctResponse"), "value", values);
      for (const xmlNode* value : values) r.correct.push_back(collapse_space(content(value)));
      std::vector<const xmlNode*> entries;
      find_all(find_first(declaration, "mapping"), "mapEntry", entries);
      for (const xmlNode* entry : entries) {
        if (std::atof(attribute(entry, "mappedValue").c_str()) > 0) {
          r.mapped.push_back(attribute(entry, "mapKey"));
        }
      }
      responses[attribute(declaration, "identifier")] = std::move(r);
    }
    const xmlNode* body = find_first(item, "itemBody");
    if (body == nullptr) {
      warn("an item without a body: skipped");
      ++bank.skipped;
      continue;
    }
    std::string text_with_blanks;
    int blanks = 0;
    body_text(body, text_with_blanks, blanks);
    text_with_blanks = tidy(text_with_blanks);
    std::vector<const xmlNode*> entries;
    find_all(body, "textEntryInteraction", entries);
    const xmlNode* choice = find_first(body, "choiceInteraction");
    const xmlNode* extended = find_first(body, "extendedTextInteraction");
    const xmlNode* match = find_first(body, "matchInteraction");
    const xmlNode* order = find_first(body, "orderInteraction");
    // The body's text followed by an interaction's own prompt.
    const auto question_of = [&](const xmlNode* interaction) {
      const xmlNode* prompt = find_first(interaction, "prompt");
      return tidy(text_with_blanks + (prompt ? "\n" + content(prompt) : ""));
    };
    const auto accepted = [&](const xmlNode* interaction) {
      const Response& r = responses[attribute(interaction, "responseIdentifier")];
      std::vector<std::string> out = r.mapped.empty() ? r.correct : r.mapped;
      return out;
    };
    if (choice != nullptr) {
      const Response& r = responses[attribute(choice, "responseIdentifier")];
      std::vector<const xmlNode*> simple;
      find_all(choice, "simpleChoice", simple);
      e.question = question_of(choice);
      std::vector<std::string> identifiers;
      for (const xmlNode* c : simple) {
        identifiers.push_back(attribute(c, "identifier"));
        e.choices.push_back({collapse_space(content(c)), "", {}});
      }
      const bool true_false = identifiers == std::vector<std::string>{"TRUE", "FALSE"};
      if (true_false && r.correct.size() == 1) {
        e.type = deck::CardType::kTrueFalse;
        e.truth = r.correct[0] == "TRUE";
        e.choices.clear();
      } else {
        for (std::size_t i = 0; i < identifiers.size(); ++i) {
          for (const auto& value : r.correct) {
            if (value == identifiers[i]) e.answers.push_back(e.choices[i].text);
          }
        }
        if (e.answers.empty()) {
          warn("a choice interaction without a correct response: skipped");
          ++bank.skipped;
          continue;
        }
        const std::string max = attribute(choice, "maxChoices");
        e.type =
            max == "1" && e.answers.size() == 1 ? deck::CardType::kChoice : deck::CardType::kMulti;
        e.shuffle = attribute(choice, "shuffle") != "false";
      }
    } else if (match != nullptr) {
      // The first set's choices are the prompts, the second's the answers; each right
      // pair "P A" names one of each.
      const Response& r = responses[attribute(match, "responseIdentifier")];
      std::vector<const xmlNode*> sets;
      find_all(match, "simpleMatchSet", sets);
      e.question = question_of(match);
      e.type = deck::CardType::kMatching;
      std::vector<std::pair<std::string, std::string>> sources;  // identifier, text
      std::vector<std::pair<std::string, std::string>> targets;
      if (sets.size() == 2) {
        for (std::size_t s = 0; s < 2; ++s) {
          std::vector<const xmlNode*> choices;
          find_all(sets[s], "simpleAssociableChoice", choices);
          for (const xmlNode* c : choices) {
            (s == 0 ? sources : targets)
                .emplace_back(attribute(c, "identifier"), collapse_space(content(c)));
          }
        }
      }
      const auto text_of = [](const auto& list, std::string_view id) -> const std::string* {
        for (const auto& [identifier, text] : list) {
          if (identifier == id) return &text;
        }
        return nullptr;
      };
      std::vector<std::string> used;
      for (const auto& value : r.correct) {
        const auto space = value.find(' ');
        if (space == std::string::npos) continue;
        const std::string* from = text_of(sources, value.substr(0, space));
        const std::string* to = text_of(targets, value.substr(space + 1));
        if (from == nullptr || to == nullptr) continue;
        e.pairs.push_back({*from, *to, {}});
        used.push_back(*to);
      }
      for (const auto& [identifier, text] : targets) {
        if (std::find(used.begin(), used.end(), text) == used.end()) {
          e.choices.push_back({text, "", {}});
        }
      }
      if (e.pairs.size() < sources.size()) {
        warn("a match interaction whose correct response does not pair every prompt: skipped");
        ++bank.skipped;
        continue;
      }
    } else if (order != nullptr) {
      const Response& r = responses[attribute(order, "responseIdentifier")];
      std::vector<const xmlNode*> simple;
      find_all(order, "simpleChoice", simple);
      e.question = question_of(order);
      e.type = deck::CardType::kOrdering;
      for (const auto& value : r.correct) {
        for (const xmlNode* c : simple) {
          if (attribute(c, "identifier") == value)
            e.choices.push_back({collapse_space(content(c)), "", {}});
        }
      }
      if (e.choices.size() != simple.size() || simple.empty()) {
        warn("an order interaction whose correct response does not order every choice: skipped");
        ++bank.skipped;
        continue;
      }
    } else if (entries.size() == 1 && text_with_blanks.ends_with("{{#1}}") &&
               text_with_blanks.find("{{#1}}") == text_with_blanks.size() - 6) {
      // One entry after the question: a short or numeric answer.
      e.question = tidy(text_with_blanks.substr(0, text_with_blanks.size() - 6));
      const Response& r = responses[attribute(entries[0], "responseIdentifier")];
      if (r.base_type == "float" || r.base_type == "integer") {
        char* end = nullptr;
        const std::string value = r.correct.empty() ? "" : r.correct[0];
        const double number = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0' || !std::isfinite(number)) {
          warn("a numeric entry without a correct number: skipped");
          ++bank.skipped;
          continue;
        }
        e.type = deck::CardType::kNumeric;
        e.number = number;
        if (const xmlNode* equal = find_first(item, "equal"); equal != nullptr) {
          e.tolerance = std::fabs(std::atof(attribute(equal, "tolerance").c_str()));
        }
      } else {
        e.type = deck::CardType::kShort;
        e.answers = accepted(entries[0]);
      }
    } else if (!entries.empty()) {
      // Entries inside the text: a cloze.
      e.type = deck::CardType::kCloze;
      e.question = text_with_blanks;
      for (std::size_t i = 0; i < entries.size(); ++i) {
        std::string blank = "{{";
        const auto answers = accepted(entries[i]);
        for (std::size_t a = 0; a < answers.size(); ++a) blank += (a ? "|" : "") + answers[a];
        blank += "}}";
        const std::string mark = fmt::format("{{{{#{}}}}}", i + 1);
        if (const auto at = e.question.find(mark); at != std::string::npos) {
          e.question.replace(at, mark.size(), blank);
        }
      }
    } else if (extended != nullptr) {
      e.type = deck::CardType::kFlash;
      e.question = text_with_blanks;
      const xmlNode* rubric = find_first(body, "rubricBlock");
      std::string back;
      int none = 0;
      if (rubric != nullptr) body_text(rubric, back, none);
      e.back = tidy(back);
      if (e.back.empty()) e.back = "(no model answer)";
      warn("an extended text item imported as a flash card (no automatic grading)");
    } else {
      warn("an interaction quizdeck has no card for: skipped");
      ++bank.skipped;
      continue;
    }
    // The body's first image, as a path beside the item (the command reads it from the
    // package): the card's image.
    if (const xmlNode* img = find_first(body, "img"); img != nullptr) {
      const std::string src = attribute(img, "src");
      if (!src.empty() && src.find(':') == std::string::npos && deck::is_image_path(src)) {
        e.image.path = (std::filesystem::path(source.file_name()).parent_path() / src)
                           .lexically_normal()
                           .generic_string();
      } else {
        warn("an image that is not a PNG, JPEG, GIF or BMP file of the package is left out");
      }
    }
    if (e.question.empty() ||
        (e.type != deck::CardType::kTrueFalse && e.type != deck::CardType::kFlash &&
         e.type != deck::CardType::kNumeric && e.type != deck::CardType::kCloze &&
         e.type != deck::CardType::kMatching && e.type != deck::CardType::kOrdering &&
         e.answers.empty())) {
      warn("an item without a question or an answer: skipped");
      ++bank.skipped;
      continue;
    }
    bank.entries.push_back(std::move(e));
  }
  return bank;
}

std::vector<std::string> qti_manifest_items(const core::SourceText& manifest,
                                            std::vector<core::Diagnostic>& errors) {
  std::vector<std::string> items;
  const XmlDoc doc = read_xml(manifest, errors);
  if (!doc) return items;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!named(root, "manifest")) {
    errors.push_back(
        xml_diagnostic(core::Severity::kError, manifest, 1,
                       "a content package's imsmanifest.xml has <manifest> as its root element"));
    return items;
  }
  std::vector<const xmlNode*> resources;
  find_all(root, "resource", resources);
  for (const xmlNode* resource : resources) {
    if (attribute(resource, "type").starts_with("imsqti_item")) {
      items.push_back(attribute(resource, "href"));
    }
  }
  return items;
}

}  // namespace quizdeck::interchange
