// SPDX-License-Identifier: MIT
// QTI 2.1 items in (see qti.h), read with libxml2 (xml_tree.h).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "deck/card_id.h"
#include "interchange/entry_id.h"
#include "interchange/html_text.h"
#include "interchange/qti.h"
#include "interchange/qti_flow.h"
#include "interchange/xml_tree.h"

namespace quizdeck::interchange {
namespace {

using qti_flow::FlowText;
using qti_flow::tidy;

struct Response {
  std::string base_type;
  std::string cardinality;
  std::vector<std::string> correct;
  bool mapped = false;                              // it has a <mapping>
  std::vector<std::pair<std::string, double>> map;  // mapKey, mappedValue
  double default_value = 0;
  std::optional<double> lower;
  std::optional<double> upper;

  double value_of(std::string_view key) const {
    for (const auto& [k, v] : map) {
      if (k == key) return v;
    }
    return default_value;
  }

  // The most a response can earn by its mapping: the upper bound, else the best key (one
  // value) or the positive keys together (several).
  double most() const {
    if (upper) return *upper;
    double sum = 0;
    double best = 0;
    for (const auto& [key, value] : map) {
      if (value > 0) sum += value;
      best = std::max(best, value);
    }
    return cardinality == "single" ? best : sum;
  }
};

// One item file on its way to an entry: its response declarations, the text of its body,
// and the interaction that says what kind of card it is.
class ItemReader {
 public:
  ItemReader(const core::SourceText& source, const XmlText& xml, const xmlNode* item, Bank& bank)
      : source_(source), xml_(xml), item_(item), bank_(bank) {}

  // The entry (its id the one the item gives, not yet made unique), or nothing when the
  // item is skipped (with a warning saying why).
  std::optional<Entry> read() {
    e_.pos = {xml_.line_of(item_), 1};
    read_responses();
    body_ = find_first(item_, "itemBody");
    if (body_ == nullptr) return skip("an item without a body: skipped");
    body_flow_.read(body_, body_raw_);
    text_with_blanks_ = tidy(body_raw_);
    if (!read_interaction()) return std::nullopt;
    read_image();
    if (xml_.external_entity_line > 0) {
      warn("a reference to an external entity (a file or URL) is never read: left out");
    }
    if (body_flow_.flattened_math || flow_.flattened_math) {
      warn("MathML without a TeX annotation or alttext is shown as its symbols in a row");
    }
    const deck::CardType type = e_.type;
    if (e_.question.empty() ||
        (type != deck::CardType::kTrueFalse && type != deck::CardType::kFlash &&
         type != deck::CardType::kNumeric && type != deck::CardType::kCloze &&
         type != deck::CardType::kMatching && type != deck::CardType::kOrdering &&
         e_.answers.empty())) {
      return skip("an item without a question or an answer: skipped");
    }
    e_.points = points();
    e_.id = written_id(e_, given_id());
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

  // The id the item gives: its identifier, decoded when quizdeck encoded it, else as it is
  // when it can be an id, else one from its title.
  std::string given_id() const {
    const std::string identifier = attribute(item_, "identifier");
    if (const auto id = id_of_qti_identifier(identifier); id && deck::check_card_id(*id)) {
      return *id;
    }
    if (deck::check_card_id(identifier)) return identifier;
    return id_from_name(attribute(item_, "title"));
  }

  void read_responses() {
    std::vector<const xmlNode*> declarations;
    find_all(item_, "responseDeclaration", declarations);
    for (const xmlNode* declaration : declarations) {
      Response r;
      r.base_type = attribute(declaration, "baseType");
      r.cardinality = attribute(declaration, "cardinality");
      std::vector<const xmlNode*> values;
      find_all(find_first(declaration, "correctResponse"), "value", values);
      for (const xmlNode* value : values) r.correct.push_back(collapse_space(content(value)));
      if (const xmlNode* mapping = find_first(declaration, "mapping")) {
        r.mapped = true;
        r.default_value = number_of(attribute(mapping, "defaultValue")).value_or(0);
        r.lower = number_of(attribute(mapping, "lowerBound"));
        r.upper = number_of(attribute(mapping, "upperBound"));
        std::vector<const xmlNode*> entries;
        find_all(mapping, "mapEntry", entries);
        for (const xmlNode* entry : entries) {
          r.map.emplace_back(attribute(entry, "mapKey"),
                             number_of(attribute(entry, "mappedValue")).value_or(0));
        }
      }
      responses_[attribute(declaration, "identifier")] = std::move(r);
    }
  }

  const Response& response(const xmlNode* interaction) {
    return responses_[attribute(interaction, "responseIdentifier")];
  }

  // The most the item can score: its MAXSCORE, else SCORE's normalMaximum, else what its
  // mappings give, else 1; a cloze's points are per blank.
  double points() {
    std::optional<double> most;
    std::vector<const xmlNode*> outcomes;
    find_all(item_, "outcomeDeclaration", outcomes);
    for (const xmlNode* outcome : outcomes) {
      const std::string identifier = attribute(outcome, "identifier");
      if (identifier == "MAXSCORE") {
        most = number_of(content(find_first(find_first(outcome, "defaultValue"), "value")));
        if (most) break;
      }
    }
    for (const xmlNode* outcome : outcomes) {
      if (!most && attribute(outcome, "identifier") == "SCORE") {
        most = number_of(attribute(outcome, "normalMaximum"));
      }
    }
    if (!most) {
      double sum = 0;
      bool any = false;
      for (const auto& [identifier, r] : responses_) {
        if (!r.mapped) continue;
        sum += r.most();
        any = true;
      }
      if (any) most = sum;
    }
    double points = most.value_or(1);
    if (e_.type == deck::CardType::kCloze && body_flow_.blanks > 0) points /= body_flow_.blanks;
    return std::isfinite(points) && points > 0 ? points : 1;
  }

  // The body's text followed by an interaction's own prompt.
  std::string question_of(const xmlNode* interaction) {
    const xmlNode* prompt = find_first(interaction, "prompt");
    std::string raw = body_raw_;
    if (prompt != nullptr) {
      raw += '\n';
      flow_.read(prompt, raw);
    }
    return tidy(raw);
  }

  std::vector<std::string> accepted(const xmlNode* interaction) {
    const Response& r = response(interaction);
    std::vector<std::string> keys;
    for (const auto& [key, value] : r.map) {
      if (value > 0) keys.push_back(key);
    }
    return keys.empty() ? r.correct : keys;
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

  // A choice's text, without its feedback; the feedback inside it is its why.
  deck::Choice choice_of(const xmlNode* c) {
    deck::Choice choice;
    choice.text = flow_.text(c);
    std::vector<const xmlNode*> feedback;
    find_all(c, "feedbackInline", feedback);
    find_all(c, "feedbackBlock", feedback);
    for (const xmlNode* f : feedback) {
      const std::string why = flow_.text(f);
      if (!why.empty()) choice.why += (choice.why.empty() ? "" : "\n") + why;
    }
    return choice;
  }

  bool read_choice(const xmlNode* interaction) {
    const Response& r = response(interaction);
    std::vector<const xmlNode*> simple;
    find_all(interaction, "simpleChoice", simple);
    e_.question = question_of(interaction);
    std::vector<std::string> identifiers;
    for (const xmlNode* c : simple) {
      identifiers.push_back(attribute(c, "identifier"));
      e_.choices.push_back(choice_of(c));
    }
    const bool true_false = identifiers == std::vector<std::string>{"TRUE", "FALSE"};
    if (true_false && r.correct.size() == 1) {
      e_.type = deck::CardType::kTrueFalse;
      e_.truth = r.correct[0] == "TRUE";
      e_.choices.clear();
      return true;
    }
    std::vector<bool> keys(identifiers.size(), false);
    for (std::size_t i = 0; i < identifiers.size(); ++i) {
      for (const auto& value : r.correct) {
        if (value == identifiers[i] && !keys[i]) {
          e_.answers.push_back(e_.choices[i].text);
          keys[i] = true;
        }
      }
    }
    if (e_.answers.empty()) {
      warn("a choice interaction without a correct response: skipped");
      return false;
    }
    const std::string max = attribute(interaction, "maxChoices");
    e_.type =
        max == "1" && e_.answers.size() == 1 ? deck::CardType::kChoice : deck::CardType::kMulti;
    e_.shuffle = attribute(interaction, "shuffle") != "false";
    check_choice_scoring(r, identifiers, keys);
    return true;
  }

  // quizdeck scores a choice card right or wrong, and a multi card with k keys +1/k of
  // its points for each key picked and -1/k for each other choice (at least 0); an item
  // scored otherwise is reported.
  void check_choice_scoring(const Response& r, const std::vector<std::string>& identifiers,
                            const std::vector<bool>& keys) {
    if (e_.type == deck::CardType::kChoice) {
      for (std::size_t i = 0; i < identifiers.size(); ++i) {
        if (!keys[i] && r.mapped && r.value_of(identifiers[i]) != 0) {
          warn(
              "credit or penalties for other choices left out (a choice card is right or "
              "wrong)");
          return;
        }
      }
      return;
    }
    const std::size_t k = e_.answers.size();
    const std::string rule = fmt::format(
        "quizdeck's scoring is kept: each key picked earns 1/{} of the points and each other "
        "choice picked costs 1/{}",
        k, k);
    if (!r.mapped) {
      warn("this item scores all or nothing (no mapping); " + rule);
      return;
    }
    // The values quizdeck's rule gives, for the points the mapping's keys add up to.
    double most = 0;
    for (std::size_t i = 0; i < identifiers.size(); ++i) {
      if (keys[i]) most += r.value_of(identifiers[i]);
    }
    const double share = most / static_cast<double>(k);
    bool same = share > 0 && r.lower && *r.lower == 0;
    for (std::size_t i = 0; i < identifiers.size() && same; ++i) {
      const double want = keys[i] ? share : -share;
      same = std::fabs(r.value_of(identifiers[i]) - want) <= 1e-6 * std::max(1.0, most);
    }
    if (!same) warn("this item's mapping scores otherwise; " + rule);
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
          (s == 0 ? sources : targets).emplace_back(attribute(c, "identifier"), flow_.text(c));
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
        if (attribute(c, "identifier") == value) e_.choices.push_back({flow_.text(c), "", {}});
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
    std::string question = text_with_blanks_.substr(0, text_with_blanks_.size() - 6);
    while (!question.empty() && (question.back() == ' ' || question.back() == '\n')) {
      question.pop_back();
    }
    e_.question = std::move(question);
    const Response& r = response(entry);
    if (r.base_type != "float" && r.base_type != "integer") {
      e_.type = deck::CardType::kShort;
      e_.answers = accepted(entry);
      if (const xmlNode* mapping = find_first(item_, "mapEntry");
          mapping != nullptr && attribute(mapping, "caseSensitive") == "true") {
        e_.match = deck::MatchRule::kExact;
      }
      return true;
    }
    const std::string value = r.correct.empty() ? "" : r.correct[0];
    const auto number = number_of(value);
    if (!number) {
      warn("a numeric entry without a correct number: skipped");
      return false;
    }
    e_.type = deck::CardType::kNumeric;
    e_.number = *number;
    if (const xmlNode* equal = find_first(item_, "equal"); equal != nullptr) {
      const std::string tolerance = attribute(equal, "tolerance");
      e_.tolerance = std::fabs(std::atof(tolerance.c_str()));
    }
    return true;
  }

  // Entries inside the text: a cloze.
  void read_cloze(const std::vector<const xmlNode*>& entries) {
    e_.type = deck::CardType::kCloze;
    e_.question = text_with_blanks_;
    bool exact = false;
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
    if (const xmlNode* mapping = find_first(item_, "mapEntry")) {
      exact = attribute(mapping, "caseSensitive") == "true";
    }
    if (exact) e_.match = deck::MatchRule::kExact;
  }

  void read_extended() {
    e_.type = deck::CardType::kFlash;
    e_.question = text_with_blanks_;
    const xmlNode* rubric = find_first(body_, "rubricBlock");
    if (rubric != nullptr) e_.back = flow_.text(rubric);
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
  const XmlText& xml_;
  const xmlNode* item_;
  Bank& bank_;
  Entry e_;
  std::map<std::string, Response> responses_;
  const xmlNode* body_ = nullptr;
  FlowText body_flow_;            // the body's (its text entries numbered in order)
  FlowText flow_;                 // prompts', choices' and rubrics'
  std::string body_raw_;          // the body's text as gathered
  std::string text_with_blanks_;  // and tidied, a text entry as "{{#n}}"
  bool warned_ = false;
};

// One item read: an entry, one skipped (a warning said why), or a malformed one.
struct Read {
  std::optional<Entry> entry;
  bool warned = false;
  std::optional<core::Diagnostic> malformed;
};

Read read_item(const core::SourceText& source, Bank& bank, XmlBudget& budget) {
  const XmlText xml = read_xml(source, "QTI", budget);
  if (!xml.doc) return {std::nullopt, false, *xml.error};
  const xmlNode* item = xmlDocGetRootElement(xml.doc.get());
  if (!named(item, "assessmentItem")) {
    return {
        std::nullopt,
        false,
        xml_diagnostic(
            core::Severity::kError, source, xml.line_of(item),
            fmt::format("not a QTI item: its root element is <{}>, not "
                        "<assessmentItem>",
                        item != nullptr ? reinterpret_cast<const char*>(item->name) : "")),
    };
  }
  ItemReader reader(source, xml, item, bank);
  auto entry = reader.read();
  return {std::move(entry), reader.warned(), std::nullopt};
}

// The items' entries in order, their ids made unique once all are read.
void add_all(std::vector<Read>& reads, Bank& bank) {
  std::vector<std::string> ids;
  for (const Read& read : reads) ids.push_back(read.entry ? read.entry->id : "");
  make_unique(ids);
  for (std::size_t i = 0; i < reads.size(); ++i) {
    if (reads[i].malformed) {
      bank.add_malformed(std::move(*reads[i].malformed));
      continue;
    }
    if (reads[i].entry) reads[i].entry->id = ids[i];
    bank.add(std::move(reads[i].entry), reads[i].warned);
  }
}

}  // namespace

Bank import_qti(const std::vector<core::SourceText>& items) {
  Bank bank;
  XmlBudget budget;
  std::vector<Read> reads;
  for (const core::SourceText& source : items) reads.push_back(read_item(source, bank, budget));
  add_all(reads, bank);
  return bank;
}

core::Expected<Bank> import_qti_item(const core::SourceText& item) {
  Bank bank;
  XmlBudget budget;
  std::vector<Read> reads;
  reads.push_back(read_item(item, bank, budget));
  if (reads.back().malformed)
    return core::fail_at(ExitCode::kInvalidInput, *reads.back().malformed);
  add_all(reads, bank);
  return bank;
}

core::Expected<std::vector<QtiResource>> qti_manifest_items(const core::SourceText& manifest) {
  XmlBudget budget;
  const XmlText xml = read_xml(manifest, "QTI", budget);
  if (!xml.doc) return core::fail_at(ExitCode::kInvalidInput, *xml.error);
  const xmlNode* root = xmlDocGetRootElement(xml.doc.get());
  if (!named(root, "manifest")) {
    return core::fail_at(
        ExitCode::kInvalidInput,
        xml_diagnostic(core::Severity::kError, manifest, xml.line_of(root),
                       "a content package's imsmanifest.xml has <manifest> as its root element"));
  }
  std::vector<QtiResource> items;
  std::vector<const xmlNode*> resources;
  find_all(root, "resource", resources);
  for (const xmlNode* resource : resources) {
    if (attribute(resource, "type").starts_with("imsqti_item")) {
      items.push_back({attribute(resource, "href"), xml.line_of(resource)});
    }
  }
  return items;
}

}  // namespace quizdeck::interchange
