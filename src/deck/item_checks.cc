// SPDX-License-Identifier: MIT
#include "deck/item_checks.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "core/normalize.h"
#include "core/suggest.h"
#include "core/utf8.h"
#include "deck/diagnostic_rules.h"
#include "deck/item_text.h"

namespace quizdeck::deck {
namespace {

std::size_t length(std::string_view text) {
  return core::count_code_points(text);
}

bool is_answer(const Card& card, const Choice& choice) {
  return std::find(card.answers.begin(), card.answers.end(), choice.text) != card.answers.end();
}

std::string finding_text(std::string_view rule, std::string message) {
  return fmt::format("{} [{}]", message, rule);
}

// A choice's words to underline where it stands: its first line.
std::string first_line(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

// A choice quoted in a message: its first line, at most 40 code points.
std::string quoted(std::string_view text) {
  std::string first(text.substr(0, text.find('\n')));
  if (length(first) > 40) first = core::fit_to_width(first, 40);
  return first;
}

std::optional<std::string_view> above_phrase(std::string_view text) {
  std::string lower = core::ascii_lower(core::trim(text));
  while (!lower.empty() && std::ispunct(static_cast<unsigned char>(lower.back())) != 0) {
    lower.pop_back();
  }
  for (const std::string_view phrase :
       {"all of the above", "none of the above", "all the above", "none of these", "all of these",
        "both of the above", "neither of the above", "all are correct", "none are correct",
        "none is correct"}) {
    if (lower == phrase || (lower.starts_with(phrase) && lower.size() > phrase.size() &&
                            std::ispunct(static_cast<unsigned char>(lower[phrase.size()])) != 0)) {
      return phrase;
    }
  }
  return std::nullopt;
}

// The key is much longer than every distractor: writers qualify the right answer until it
// is exact, and leave the wrong ones short.
void longest_key(const Card& card, std::vector<ItemFinding>& out) {
  if (card.type != CardType::kChoice || card.choices.size() < 3) return;
  // The length of a program's output says nothing about the writer.
  if (std::any_of(card.choices.begin(), card.choices.end(),
                  [](const Choice& choice) { return has_code(choice.text); })) {
    return;
  }
  const Choice* key = nullptr;
  std::size_t longest_other = 0;
  for (const auto& choice : card.choices) {
    if (is_answer(card, choice)) {
      key = &choice;
    } else {
      longest_other = std::max(longest_other, length(choice.text));
    }
  }
  // "All of the above" as the key has a rule of its own.
  if (key == nullptr || above_phrase(key->text)) return;
  // A name ("AWS Management Console" against "AWS CLI") is as long as it is: the cue is
  // in statements, qualified until exact (four words or more).
  if (words_of(key->text).size() < 4) return;
  const std::size_t key_length = length(key->text);
  // Clear margin: half as long again as the longest distractor, and 15 characters more.
  if (2 * key_length < 3 * longest_other || key_length < longest_other + 15) return;
  out.push_back({"item/longest-key", key->pos, first_line(key->text),
                 finding_text("item/longest-key",
                              fmt::format("the key is the longest choice by far ({} characters, "
                                          "the longest distractor {}): a test-wise learner picks "
                                          "it unread",
                                          key_length, longest_other))});
}

void all_of_the_above(const Card& card, std::vector<ItemFinding>& out) {
  for (const auto& choice : card.choices) {
    if (const auto phrase = above_phrase(choice.text)) {
      out.push_back(
          {"item/all-of-the-above", choice.pos, first_line(choice.text),
           finding_text("item/all-of-the-above",
                        fmt::format("'{}' is a choice: a learner who knows two of the others "
                                    "(or rules out one) answers without knowing the rest; write "
                                    "another plausible distractor",
                                    *phrase))});
    }
  }
}

const std::set<std::string, std::less<>>& absolute_words() {
  // The specific determiners of the item-writing guides, not every word of quantity:
  // "say nothing", "nobody there", "regardless of" name actions and conditions, and
  // flagged them on a well-written bank.
  static const std::set<std::string, std::less<>> words{
      "always",  "never",      "completely", "entirely",   "absolutely",
      "totally", "invariably", "guaranteed", "impossible", "undoubtedly"};
  return words;
}

// In a statement (three words or more): a one-word choice "Always" is a song's title.
std::optional<std::string> absolute_in(std::string_view text) {
  const auto words = words_of(prose(text));
  if (words.size() < 3) return std::nullopt;
  for (const auto& w : words) {
    if (absolute_words().contains(w.lower)) return w.text;
  }
  return std::nullopt;
}

// Absolute words mark a distractor: a test-wise learner rules out every choice that says
// always or never. Not when the key has one too, or the question does (the choices echo
// it).
void absolute_word(const Card& card, std::vector<ItemFinding>& out) {
  if (card.type != CardType::kChoice || card.choices.size() < 3) return;
  if (absolute_in(card.prompt)) return;
  const Choice* first = nullptr;
  std::string word;
  for (const auto& choice : card.choices) {
    const auto found = absolute_in(choice.text);
    if (!found) continue;
    if (is_answer(card, choice)) return;
    if (first == nullptr) {
      first = &choice;
      word = *found;
    }
  }
  if (first == nullptr) return;
  out.push_back({"item/absolute-word", first->pos, word,
                 finding_text("item/absolute-word",
                              fmt::format("'{}' appears only in wrong choices: absolute words "
                                          "mark distractors to a test-wise learner",
                                          word))});
}

bool starts_with_vowel_sound(std::string_view text) {
  const auto words = words_of(text);
  if (words.empty()) return false;
  const std::string& w = words.front().lower;
  // The common exceptions: a silent h, a "you" or "wuh" sound.
  for (const std::string_view prefix : {"hour", "honest", "honor", "honour", "heir"}) {
    if (w.starts_with(prefix)) return true;
  }
  for (const std::string_view prefix : {"uni", "use", "usu", "uti", "eu", "one", "once"}) {
    if (w.starts_with(prefix)) return false;
  }
  return std::string_view("aeiou").find(w.front()) != std::string_view::npos;
}

// "... is an ___": the article fits only the choices that start with a vowel (or not).
void grammar_cue(const Card& card, std::vector<ItemFinding>& out) {
  if (card.type != CardType::kChoice) return;
  std::string_view stem = core::trim(card.prompt);
  while (!stem.empty() && std::string_view("_.:…?- ").find(stem.back()) != std::string_view::npos) {
    stem.remove_suffix(1);
  }
  // "…" is three bytes; what is left of it is not a word byte either.
  const auto words = words_of(stem);
  if (words.empty() || words.back().offset + words.back().text.size() + 3 < stem.size()) return;
  // Written in lower case after a space: "D.A.?" and "S.p.A." end in no article.
  const Word& last = words.back();
  if (last.text != "a" && last.text != "an") return;
  if (last.offset == 0 || std::isspace(static_cast<unsigned char>(stem[last.offset - 1])) == 0) {
    return;
  }
  const std::string& article = last.lower;
  const bool wants_vowel = article == "an";
  const Choice* key = nullptr;
  const Choice* misfit = nullptr;
  for (const auto& choice : card.choices) {
    const auto first = words_of(choice.text);
    // "looking for a ..." with "a snack" among the choices: the blank takes the article.
    if (!first.empty() && (first.front().lower == "a" || first.front().lower == "an")) return;
    const bool fits = starts_with_vowel_sound(choice.text) == wants_vowel;
    if (is_answer(card, choice)) {
      if (!fits) return;
      key = &choice;
    } else if (!fits && misfit == nullptr) {
      misfit = &choice;
    }
  }
  if (key == nullptr || misfit == nullptr) return;
  out.push_back({"item/grammar-cue", card.prompt_pos, words.back().text,
                 finding_text("item/grammar-cue",
                              fmt::format("'{}' before the blank fits the key but not '{}'; end "
                                          "the question before the article, or write a(n)",
                                          words.back().text, quoted(misfit->text)))});
}

// In capitals (NOT, EXCEPT, ISN'T) or marked (*not*, _not_).
bool emphasised(std::string_view prompt, const Word& word) {
  const bool capitals =
      word.text.size() > 1 && std::none_of(word.text.begin(), word.text.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) != 0;
      });
  const bool marked =
      word.offset > 0 && (prompt[word.offset - 1] == '*' || prompt[word.offset - 1] == '_');
  return capitals || marked;
}

std::string ascii_upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Words that open a clause: a negative after one belongs to the clause ("messages that
// are not lost", "when she does not call"), not to what the question asks for.
bool opens_clause(std::string_view lower) {
  static const std::set<std::string, std::less<>> words{
      "that",  "who",    "whom",  "whose", "when",     "whenever", "if",      "because",
      "since", "unless", "where", "while", "although", "though",   "so",      "to",
      "after", "before", "until", "once",  "whether",  "as",       "without", "for"};
  return words.contains(lower);
}

// "least" asks for the worst choice only before a judgement ("least likely"), not before a
// quantity ("the least amount of effort").
bool judgement(std::string_view lower) {
  static const std::set<std::string, std::less<>> words{
      "likely",     "appropriate", "helpful",    "effective",  "useful",      "important",
      "accurate",   "correct",     "suitable",   "true",       "consistent",  "fitting",
      "relevant",   "ethical",     "acceptable", "supportive", "recommended", "probable",
      "beneficial", "desirable",   "valid",      "reliable",   "safe",        "respectful"};
  return words.contains(lower);
}

// "Which is not ...", "All of these EXCEPT", "least likely": a learner reading fast
// answers the positive question. Asking for the wrong choice is fine when the word stands
// out. Only in the asking sentence (the last), outside code and quotations, and not after
// a word that opens a clause.
void negative_stem(const Card& card, std::vector<ItemFinding>& out) {
  if (card.type != CardType::kChoice && card.type != CardType::kMulti) return;
  const std::string text = prose(card.prompt);
  std::size_t offset = 0;
  const std::string_view sentence = asking_sentence(text, offset);
  const auto words = words_of(sentence);
  for (std::size_t i = 0; i < words.size(); ++i) {
    Word word = words[i];
    if (opens_clause(word.lower)) return;
    if (word.lower != "not" && word.lower != "except" && word.lower != "least") continue;
    // Inside a quotation ("the Principle of Least Privilege").
    const std::string_view lead = sentence.substr(0, word.offset);
    if (std::count(lead.begin(), lead.end(), '"') % 2 == 1) continue;
    const std::string_view next = i + 1 < words.size() ? std::string_view(words[i + 1].lower) : "";
    if (word.lower == "least" && !judgement(next)) continue;
    // ", not the supporter, ...", "not only": a contrast, not a question about the wrong
    // choice.
    word.offset += offset;
    const auto before = core::trim(std::string_view(text).substr(0, word.offset));
    if (word.lower == "not" && (before.ends_with(',') || next == "only" || next == "just")) {
      continue;
    }
    if (emphasised(card.prompt, word)) continue;
    out.push_back({"item/negative-stem", card.prompt_pos, word.text,
                   finding_text("item/negative-stem",
                                fmt::format("the question asks for the wrong choice and '{}' is "
                                            "easy to miss; write it in capitals ({}) or ask for "
                                            "the right one",
                                            word.text, ascii_upper(word.text)))});
    return;
  }
}

bool has_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// Code and outputs: there punctuation and case are the answer (`a.b` is not `a["b"]`).
bool code_like(std::string_view text) {
  return text.find_first_of("`(){}[]<>=;*/\\|&") != std::string_view::npos;
}

// Two choices that differ only in case, punctuation or articles: the learner wonders which
// of them the writer meant.

void similar_choices(const Card& card, std::vector<ItemFinding>& out) {
  if (card.type != CardType::kChoice && card.type != CardType::kMulti) return;
  for (std::size_t j = 1; j < card.choices.size(); ++j) {
    const Choice& b = card.choices[j];
    if (code_like(b.text)) continue;
    for (std::size_t i = 0; i < j; ++i) {
      const Choice& a = card.choices[i];
      if (code_like(a.text)) continue;
      const std::string ga = gist(a.text);
      const std::string gb = gist(b.text);
      if (ga.empty() || gb.empty()) continue;
      // Only the same words: word order and a letter or two are how deliberate
      // distractors differ ("more regions than zones", "infrequently coupled").
      const bool same = ga == gb;
      if (!same) continue;
      out.push_back({"item/similar-choices", b.pos, first_line(b.text),
                     finding_text("item/similar-choices",
                                  fmt::format("this choice says the same as '{}'; make each "
                                              "choice a different answer",
                                              quoted(a.text)))});
      break;
    }
  }
}

const std::set<std::string, std::less<>>& common_words() {
  static const std::set<std::string, std::less<>> words{
      "about",   "above",   "after",  "again",   "also",      "because",   "been",   "before",
      "being",   "best",    "both",   "does",    "doing",     "each",      "from",   "have",
      "having",  "into",    "just",   "like",    "more",      "most",      "much",   "only",
      "other",   "over",    "same",   "should",  "some",      "such",      "than",   "that",
      "their",   "them",    "then",   "there",   "these",     "they",      "this",   "those",
      "through", "under",   "very",   "what",    "when",      "where",     "which",  "while",
      "will",    "with",    "would",  "your",    "following", "describes", "likely", "statement",
      "true",    "example", "person", "someone", "says",      "said"};
  return words;
}

// A content word's stem for matching: its first five letters (peer/peers, confidential/
// confidentiality).
std::set<std::string> content_stems(std::string_view text) {
  std::set<std::string> out;
  for (const auto& w : words_of(text)) {
    if (length(w.lower) < 4 || common_words().contains(w.lower) || has_digit(w.lower)) continue;
    out.insert(w.lower.substr(0, 5));
  }
  return out;
}

// The key repeats the question's words and no distractor does: a learner matches words
// instead of knowing.
void key_echoes_stem(const Card& card, std::vector<ItemFinding>& out) {
  if (card.type != CardType::kChoice || card.choices.size() < 3) return;
  const auto stem = content_stems(prose(card.prompt));
  const Choice* key = nullptr;
  std::vector<std::string> shared;
  for (const auto& choice : card.choices) {
    const auto stems = content_stems(prose(choice.text));
    std::vector<std::string> common;
    std::set_intersection(stem.begin(), stem.end(), stems.begin(), stems.end(),
                          std::back_inserter(common));
    if (is_answer(card, choice)) {
      key = &choice;
      shared = std::move(common);
    } else if (!common.empty()) {
      return;
    }
  }
  // Two words or more: one shared word is often the subject both must name.
  if (key == nullptr || shared.size() < 2) return;
  // The words as the key writes them.
  std::vector<std::string> named;
  for (const auto& w : words_of(key->text)) {
    if (length(w.lower) >= 4 &&
        std::find(shared.begin(), shared.end(), w.lower.substr(0, 5)) != shared.end()) {
      if (std::find(named.begin(), named.end(), w.text) == named.end()) named.push_back(w.text);
    }
  }
  std::string list;
  for (std::size_t i = 0; i < named.size() && i < 3; ++i) {
    list += (i == 0 ? "'" : ", '") + named[i] + "'";
  }
  out.push_back({"item/key-echoes-stem", key->pos, first_line(key->text),
                 finding_text("item/key-echoes-stem",
                              fmt::format("only the key repeats words of the question ({}): a "
                                          "learner can match words instead of knowing",
                                          list))});
}

void missing_why(const Card& card, bool deck_gives_whys, std::vector<ItemFinding>& out) {
  if (!deck_gives_whys || (card.type != CardType::kChoice && card.type != CardType::kMulti)) {
    return;
  }
  const Choice* first = nullptr;
  std::size_t missing = 0;
  std::size_t distractors = 0;
  for (const auto& choice : card.choices) {
    if (is_answer(card, choice) || above_phrase(choice.text)) continue;
    ++distractors;
    if (!core::is_blank(choice.why)) continue;
    ++missing;
    if (first == nullptr) first = &choice;
  }
  if (first == nullptr) return;
  out.push_back(
      {"item/missing-why", first->pos, first_line(first->text),
       finding_text("item/missing-why",
                    missing == 1
                        ? std::string("this wrong choice has no 'why', though the deck says why "
                                      "its wrong choices are wrong")
                        : fmt::format("{} of this card's {} wrong choices have no 'why', though "
                                      "the deck says why its wrong choices are wrong",
                                      missing, distractors))});
}

bool gives_whys(const Card& card) {
  if (card.type != CardType::kChoice && card.type != CardType::kMulti) return false;
  return std::any_of(card.choices.begin(), card.choices.end(), [&](const Choice& choice) {
    return !is_answer(card, choice) && !core::is_blank(choice.why);
  });
}

}  // namespace

std::span<const DiagnosticRule> item_rules() {
  // They stand together at the end of the rule table, each name starting "item/".
  static const std::span<const DiagnosticRule> rules = [] {
    const auto all = diagnostic_rules();
    const auto first = std::find_if(all.begin(), all.end(), [](const DiagnosticRule& rule) {
      return rule.name.starts_with("item/");
    });
    return all.subspan(static_cast<std::size_t>(first - all.begin()));
  }();
  return rules;
}

std::vector<ItemFinding> card_item_findings(const Card& card, bool deck_gives_whys) {
  std::vector<ItemFinding> all;
  if (card.type != CardType::kChoice && card.type != CardType::kMulti) return all;
  longest_key(card, all);
  all_of_the_above(card, all);
  absolute_word(card, all);
  grammar_cue(card, all);
  negative_stem(card, all);
  similar_choices(card, all);
  key_echoes_stem(card, all);
  missing_why(card, deck_gives_whys, all);
  std::vector<ItemFinding> out;
  for (auto& finding : all) {
    if (std::find(card.allow.begin(), card.allow.end(), finding.rule) == card.allow.end()) {
      out.push_back(std::move(finding));
    }
  }
  return out;
}

std::vector<ItemFinding> item_findings(const Deck& deck) {
  bool whys = false;
  for (const auto& card : deck.cards) {
    if (gives_whys(card)) {
      whys = true;
      break;
    }
  }
  std::vector<ItemFinding> out;
  for (const auto& card : deck.cards) {
    auto findings = card_item_findings(card, whys);
    out.insert(out.end(), std::make_move_iterator(findings.begin()),
               std::make_move_iterator(findings.end()));
  }
  return out;
}

std::vector<std::string> read_allow(FieldReader& fields, const Entry& entry) {
  std::vector<std::string> names;
  for (const auto& rule : item_rules()) names.emplace_back(rule.name);
  std::vector<std::string> out;
  for (const auto& [name, node] : fields.read_texts(entry, "allow", "a rule")) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      auto& d = fields.error(*node, fmt::format("unknown item-writing rule '{}' in 'allow'", name));
      // "negative-stem" for "item/negative-stem": the name without its family.
      const std::string prefixed = "item/" + name;
      const bool family_missing = std::find(names.begin(), names.end(), prefixed) != names.end();
      if (const auto near = family_missing ? std::optional(prefixed) : core::suggest(name, names)) {
        FieldReader::add_note(d, fmt::format("did you mean '{}'?", *near));
      } else {
        std::string list;
        for (const auto& rule : item_rules()) {
          list += (list.empty() ? "" : ", ") + std::string(rule.name);
        }
        FieldReader::add_note(d, "the rules: " + list);
      }
      continue;
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

}  // namespace quizdeck::deck
