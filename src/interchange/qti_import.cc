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

// One item file on its way to an entry: its response declarations, the text of its body,
// and the interaction that says what kind of card it is.
class ItemReader {
 public:
  ItemReader(const core::SourceText& source, const xmlNode* item, Bank& bank)
      : source_(source), item_(item), bank_(bank) {}

  // The entry, or nothing when the item is skipped (with a warning saying why); its id is
  // made unique among `ids`.
  std::optional<Entry> read(IdSet& ids) {
    e_.pos = {static_cast<int>(xmlGetLineNo(item_)), 1};
    const std::string title = attribute(item_, "title");
    const bool usable = !title.empty() && deck::check_card_id(title).has_value() &&
                        title.find(' ') == std::string::npos;
    e_.id = ids.unique(usable ? title : slug(title));
    read_responses();
    body_ = find_first(item_, "itemBody");
    if (body_ == nullptr) return skip("an item without a body: skipped");
    int blanks = 0;
    body_text(body_, text_with_blanks_, blanks);
    text_with_blanks_ = tidy(text_with_blanks_);
    if (!read_interaction()) return std::nullopt;
    read_image();
    const deck::CardType type = e_.type;
    if (e_.question.empty() ||
        (type != deck::CardType::kTrueFalse && type != deck::CardType::kFlash &&
         type != deck::CardType::kNumeric && type != deck::CardType::kCloze &&
         type != deck::CardType::kMatching && type != deck::CardType::kOrdering &&
         e_.answers.empty())) {
      return skip("an item without a question or an answer: skipped");
    }
    return std::move(e_);
  }

  bool warned() const { return warned_; }

 private:
  void warn(std::string message) {
    warned_ = true;
    bank_.diagnostics.push_back(
        xml_diagnostic(core::Severity::kWarning, source_, e_.pos.line, std::move(message)));
  }

  std::nullopt_t skip(std::string message) {
    warn(std::move(message));
    return std::nullopt;
  }

  void read_responses() {
    std::vector<const xmlNode*> declarations;
    find_all(item_, "responseDeclaration", declarations);
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
      responses_[attribute(declaration, "identifier")] = std::move(r);
    }
  }

  const Response& response(const xmlNode* interaction) {
    return responses_[attribute(interaction, "responseIdentifier")];
  }

  // The body's text followed by an interaction's own prompt.
  std::string question_of(const xmlNode* interaction) const {
    const xmlNode* prompt = find_first(interaction, "prompt");
    return tidy(text_with_blanks_ + (prompt ? "\n" + content(prompt) : ""));
  }

  std::vector<std::string> accepted(const xmlNode* interaction) {
    const Response& r = response(interaction);
    return r.mapped.empty() ? r.correct : r.mapped;
  }

  // The card the body's interaction makes; false when the item is skipped.
  bool read_interaction() {
    std::vector<const xmlNode*> entries;
    find_all(body_, "textEntryInteraction", entries);
    if (const xmlNode* choice = find_first(body_, "choiceInteraction")) return read_choice(choice);
    if (const xmlNode* match = find_first(body_, "matchInteraction")) return read_match(match);
    if (const xmlNode* order = find_first(body_, "orderInteraction")) return read_order(order);
    if (entries.size() == 1 && text_with_blanks_.ends_with("{{#1}}") &&
        text_with_blanks_.find("{{#1}}") == text_with_blanks_.size() - 6) {
      return read_entry(entries[0]);
    }
    if (!entries.empty()) {
      read_cloze(entries);
      return true;
    }
    if (find_first(body_, "extendedTextInteraction") != nullptr) {
      read_extended();
      return true;
    }
    warn("an interaction quizdeck has no card for: skipped");
    return false;
  }

  bool read_choice(const xmlNode* choice) {
    const Response& r = response(choice);
    std::vector<const xmlNode*> simple;
    find_all(choice, "simpleChoice", simple);
    e_.question = question_of(choice);
    std::vector<std::string> identifiers;
    for (const xmlNode* c : simple) {
      identifiers.push_back(attribute(c, "identifier"));
      e_.choices.push_back({collapse_space(content(c)), "", {}});
    }
    const bool true_false = identifiers == std::vector<std::string>{"TRUE", "FALSE"};
    if (true_false && r.correct.size() == 1) {
      e_.type = deck::CardType::kTrueFalse;
      e_.truth = r.correct[0] == "TRUE";
      e_.choices.clear();
      return true;
    }
    for (std::size_t i = 0; i < identifiers.size(); ++i) {
      for (const auto& value : r.correct) {
        if (value == identifiers[i]) e_.answers.push_back(e_.choices[i].text);
      }
    }
    if (e_.answers.empty()) {
      warn("a choice interaction without a correct response: skipped");
      return false;
    }
    const std::string max = attribute(choice, "maxChoices");
    e_.type =
        max == "1" && e_.answers.size() == 1 ? deck::CardType::kChoice : deck::CardType::kMulti;
    e_.shuffle = attribute(choice, "shuffle") != "false";
    return true;
  }

  // The first set's choices are the prompts, the second's the answers; each right pair
  // "P A" names one of each.
  bool read_match(const xmlNode* match) {
    const Response& r = response(match);
    std::vector<const xmlNode*> sets;
    find_all(match, "simpleMatchSet", sets);
    e_.question = question_of(match);
    e_.type = deck::CardType::kMatching;
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
      e_.pairs.push_back({*from, *to, {}});
      used.push_back(*to);
    }
    for (const auto& [identifier, text] : targets) {
      if (std::find(used.begin(), used.end(), text) == used.end()) {
        e_.choices.push_back({text, "", {}});
      }
    }
    if (e_.pairs.size() < sources.size()) {
      warn("a match interaction whose correct response does not pair every prompt: skipped");
      return false;
    }
    return true;
  }

  bool read_order(const xmlNode* order) {
    const Response& r = response(order);
    std::vector<const xmlNode*> simple;
    find_all(order, "simpleChoice", simple);
    e_.question = question_of(order);
    e_.type = deck::CardType::kOrdering;
    for (const auto& value : r.correct) {
      for (const xmlNode* c : simple) {
        if (attribute(c, "identifier") == value)
          e_.choices.push_back({collapse_space(content(c)), "", {}});
      }
    }
    if (e_.choices.size() != simple.size() || simple.empty()) {
      warn("an order interaction whose correct response does not order every choice: skipped");
      return false;
    }
    return true;
  }

  // One entry after the question: a short or numeric answer.
  bool read_entry(const xmlNode* entry) {
    e_.question = tidy(text_with_blanks_.substr(0, text_with_blanks_.size() - 6));
    const Response& r = response(entry);
    if (r.base_type != "float" && r.base_type != "integer") {
      e_.type = deck::CardType::kShort;
      e_.answers = accepted(entry);
      return true;
    }
    char* end = nullptr;
    const std::string value = r.correct.empty() ? "" : r.correct[0];
    const double number = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !std::isfinite(number)) {
      warn("a numeric entry without a correct number: skipped");
      return false;
    }
    e_.type = deck::CardType::kNumeric;
    e_.number = number;
    if (const xmlNode* equal = find_first(item_, "equal"); equal != nullptr) {
      e_.tolerance = std::fabs(std::atof(attribute(equal, "tolerance").c_str()));
    }
    return true;
  }

  // Entries inside the text: a cloze.
  void read_cloze(const std::vector<const xmlNode*>& entries) {
    e_.type = deck::CardType::kCloze;
    e_.question = text_with_blanks_;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      std::string blank = "{{";
      const auto answers = accepted(entries[i]);
      for (std::size_t a = 0; a < answers.size(); ++a) blank += (a ? "|" : "") + answers[a];
      blank += "}}";
      const std::string mark = fmt::format("{{{{#{}}}}}", i + 1);
      if (const auto at = e_.question.find(mark); at != std::string::npos) {
        e_.question.replace(at, mark.size(), blank);
      }
    }
  }

  void read_extended() {
    e_.type = deck::CardType::kFlash;
    e_.question = text_with_blanks_;
    const xmlNode* rubric = find_first(body_, "rubricBlock");
    std::string back;
    int none = 0;
    if (rubric != nullptr) body_text(rubric, back, none);
    e_.back = tidy(back);
    if (e_.back.empty()) e_.back = "(no model answer)";
    warn("an extended text item imported as a flash card (no automatic grading)");
  }

  // The body's first image, as a path beside the item (the command reads it from the
  // package): the card's image.
  void read_image() {
    const xmlNode* img = find_first(body_, "img");
    if (img == nullptr) return;
    const std::string src = attribute(img, "src");
    if (!src.empty() && src.find(':') == std::string::npos && deck::is_image_path(src)) {
      e_.image.path = (std::filesystem::path(source_.file_name()).parent_path() / src)
                          .lexically_normal()
                          .generic_string();
    } else {
      warn("an image that is not a PNG, JPEG, GIF or BMP file of the package is left out");
    }
  }

  const core::SourceText& source_;
  const xmlNode* item_;
  Bank& bank_;
  Entry e_;
  std::map<std::string, Response> responses_;
  const xmlNode* body_ = nullptr;
  std::string text_with_blanks_;  // the body's text, a text entry as "{{#n}}"
  bool warned_ = false;
};

}  // namespace

Bank import_qti(const std::vector<core::SourceText>& items) {
  Bank bank;
  IdSet ids;
  for (const core::SourceText& source : items) {
    const XmlDoc doc = read_xml(source, bank.diagnostics);
    const xmlNode* item = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!named(item, "assessmentItem")) {
      if (doc) {
        bank.diagnostics.push_back(
            xml_diagnostic(core::Severity::kError, source, 1,
                           "a QTI item has <assessmentItem> as its root element"));
      }
      ++bank.questions;  // unreadable: neither imported nor skipped
      continue;
    }
    ItemReader reader(source, item, bank);
    auto entry = reader.read(ids);
    bank.add(std::move(entry), reader.warned());
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
