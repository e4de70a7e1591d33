// SPDX-License-Identifier: MIT
#include "interchange/anki_text.h"

#include <cctype>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "core/markup.h"
#include "core/normalize.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "deck/card_id.h"
#include "interchange/anki_card_field.h"
#include "interchange/delimited.h"
#include "interchange/html_text.h"

namespace quizdeck::interchange {
namespace {

struct Headers {
  char separator = 0;
  bool html = true;
  std::vector<std::string> tags;
  std::string notetype;
  std::string deck;
  int tags_column = 0;  // 1-based; 0: none
  int notetype_column = 0;
  int deck_column = 0;
  int guid_column = 0;
  std::size_t body = 0;  // where the rows start
};

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == ',') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

Headers read_headers(const std::string& text) {
  Headers h;
  std::size_t at = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (at < text.size() && text[at] == '#') {
    std::size_t end = at;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    const std::string_view line = std::string_view(text).substr(at + 1, end - at - 1);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      const std::string key = core::ascii_lower(line.substr(0, colon));
      const std::string_view value = line.substr(colon + 1);
      const auto number = [&] { return std::atoi(std::string(value).c_str()); };
      if (key == "separator") {
        const std::string name = core::ascii_lower(value);
        static const std::map<std::string, char> kNames = {{"tab", '\t'},      {"comma", ','},
                                                           {"semicolon", ';'}, {"space", ' '},
                                                           {"pipe", '|'},      {"colon", ':'}};
        if (const auto it = kNames.find(name); it != kNames.end()) {
          h.separator = it->second;
        } else if (value.size() == 1) {
          h.separator = value[0];
        }
      } else if (key == "html") {
        h.html = core::ascii_lower(value) == "true";
      } else if (key == "tags") {
        h.tags = split_words(value);
      } else if (key == "notetype") {
        h.notetype = std::string(value);
      } else if (key == "deck") {
        h.deck = std::string(value);
      } else if (key == "tags column") {
        h.tags_column = number();
      } else if (key == "notetype column") {
        h.notetype_column = number();
      } else if (key == "deck column") {
        h.deck_column = number();
      } else if (key == "guid column") {
        h.guid_column = number();
      }
    }
    at = end;
    if (at < text.size() && text[at] == '\r') ++at;
    if (at < text.size() && text[at] == '\n') ++at;
  }
  h.body = at;
  if (h.separator == 0) {
    const std::string_view first = std::string_view(text).substr(at, text.find('\n', at) - at);
    h.separator = first.find('\t') != std::string_view::npos  ? '\t'
                  : first.find(';') != std::string_view::npos ? ';'
                                                              : ',';
  }
  return h;
}

// An Anki GUID as a card id: as it is when it can be one, else a stable id made from it.
std::string id_of_guid(const std::string& guid) {
  if (guid.empty()) return "";
  if (deck::check_card_id(guid) && guid.find(' ') == std::string::npos) return guid;
  return fmt::format("anki-{:012x}", deck::fnv1a64(guid) & 0xFFFFFFFFFFFFULL);
}

// "{{c1::answer::hint}}" -> "{{answer}}"; nothing when a cloze cannot be carried over.
// `numbers` gets each blank's N (of cN), in the order of the blanks.
std::optional<std::string> cloze_of(const std::string& text, bool& hints,
                                    std::vector<int>& numbers) {
  std::string out;
  std::size_t at = 0;
  bool any = false;
  while (true) {
    const std::size_t open = text.find("{{c", at);
    if (open == std::string::npos) break;
    std::size_t digits = open + 3;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    if (digits == open + 3 || text.compare(digits, 2, "::") != 0) {
      out += text.substr(at, open + 2 - at);
      at = open + 2;
      continue;
    }
    const std::size_t close = text.find("}}", digits + 2);
    if (close == std::string::npos) return std::nullopt;
    std::string answer = text.substr(digits + 2, close - digits - 2);
    if (const std::size_t hint = answer.find("::"); hint != std::string::npos) {
      hints = true;
      answer.erase(hint);
    }
    if (answer.empty() || answer.find('|') != std::string::npos ||
        answer.find("{{") != std::string::npos) {
      return std::nullopt;
    }
    out += text.substr(at, open - at) + "{{" + answer + "}}";
    numbers.push_back(std::atoi(text.substr(open + 3, digits - open - 3).c_str()));
    at = close + 2;
    any = true;
  }
  if (!any) return std::nullopt;
  return out + text.substr(at);
}

// Plain text as Anki's HTML fields: line breaks as <br>, and spaces that HTML would fold
// (a run, or at a line's start) as &nbsp;, so code keeps its indentation.
std::string escape_html(std::string_view text) {
  std::string out;
  char previous = '\n';
  for (const char c : text) {
    const char before = previous;
    previous = c;
    if (c == ' ' && (before == ' ' || before == '\n')) {
      out += "&nbsp;";
      continue;
    }
    if (c == '\n') {
      out += "<br>";
    } else if (c == '\t') {
      out += ' ';
    } else {
      out += core::escape_markup(std::string_view(&c, 1));
    }
  }
  return out;
}

// A cell as Anki reads it: quoted when it holds a quote, a separator or a line break.
std::string cell(std::string_view text) {
  if (text.find_first_of("\t\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A cloze's text as Anki's: {{Berlin|Wien}} as {{c1::Berlin}}; Anki takes one answer, so
// `alternatives` says whether others were left out.
std::string cloze_front(const std::string& question, bool& alternatives) {
  std::string front;
  int number = 0;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = question.find("{{", at);
    const std::size_t close =
        open == std::string::npos ? std::string::npos : question.find("}}", open);
    if (close == std::string::npos) break;
    front += escape_html(question.substr(at, open - at));
    std::string answer = question.substr(open + 2, close - open - 2);
    if (const auto bar = answer.find('|'); bar != std::string::npos) {
      alternatives = true;
      answer.erase(bar);
    }
    front += fmt::format("{{{{c{}::{}}}}}", ++number, escape_html(answer));
    at = close + 2;
  }
  front += escape_html(question.substr(at));
  return front;
}

// A card as an Anki note: its note type and its two fields (the explanation not yet added).
struct Note {
  std::string type = "Basic";
  std::string front;
  std::string back;
};

Note note_of(const Entry& e, ExportWriter& writer) {
  Note note;
  note.front = escape_html(e.question);
  switch (e.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti: {
      writer.drop(e, "Anki has no choice notes: a Basic note with the choices on its front");
      std::string keys;
      for (std::size_t i = 0; i < e.choices.size(); ++i) {
        const std::string letter(1, static_cast<char>('A' + i));
        note.front += "<br>" + letter + ") " + escape_html(e.choices[i].text);
        for (const auto& answer : e.answers) {
          if (answer == e.choices[i].text) {
            keys += (keys.empty() ? "" : "<br>") + letter + ") " + escape_html(answer);
          }
        }
      }
      note.back = keys;
      break;
    }
    case deck::CardType::kTrueFalse:
      note.back = e.truth ? "True" : "False";
      break;
    case deck::CardType::kShort:
      note.type = "Basic (type in the answer)";
      note.back = escape_html(e.answers.at(0));
      if (e.answers.size() > 1)
        writer.drop(e, "Anki types in one answer: the alternatives are left out");
      break;
    case deck::CardType::kNumeric:
      note.type = "Basic (type in the answer)";
      note.back = fmt::format("{}", e.number);
      if (e.tolerance > 0)
        writer.drop(e, "Anki compares typed answers exactly: the tolerance is left out");
      break;
    case deck::CardType::kFlash:
      note.back = escape_html(e.back);
      break;
    case deck::CardType::kCloze: {
      note.type = "Cloze";
      bool alternatives = false;
      note.front = cloze_front(e.question, alternatives);
      if (alternatives)
        writer.drop(e, "Anki clozes take one answer: the alternatives are left out");
      note.back = escape_html(e.explain);
      break;
    }
    case deck::CardType::kMatching:
      writer.drop(e,
                  "Anki has no matching notes: a Basic note with the prompts on its front and "
                  "the pairs on its back");
      for (const auto& pair : e.pairs) {
        note.front += "<br>" + escape_html(pair.prompt);
        note.back += (note.back.empty() ? "" : "<br>") + escape_html(pair.prompt) + ": " +
                     escape_html(pair.answer);
      }
      if (!e.choices.empty()) writer.drop(e, "the distractors are left out");
      break;
    case deck::CardType::kOrdering:
      writer.drop(e,
                  "Anki has no ordering notes: a Basic note with the items in order on its back");
      for (std::size_t i = 0; i < e.choices.size(); ++i) {
        note.back +=
            fmt::format("{}{}. {}", i == 0 ? "" : "<br>", i + 1, escape_html(e.choices[i].text));
      }
      break;
  }
  return note;
}

}  // namespace

namespace {

// The note's fields past the first `used` (and its card field) as labelled paragraphs:
// "Extra: text", one per field that holds text.
std::string extra_fields(const AnkiNote& note, std::size_t used,
                         const std::function<std::string(const std::string&)>& text_of) {
  std::string out;
  for (std::size_t i = used; i < note.fields.size(); ++i) {
    if (is_card_field(note.fields[i])) continue;
    const std::string text = text_of(note.fields[i]);
    if (text.empty()) continue;
    const std::string name = i < note.field_names.size() && !note.field_names[i].empty()
                                 ? note.field_names[i]
                                 : fmt::format("Field {}", i + 1);
    out += (out.empty() ? "" : "\n\n") + name + ": " + text;
  }
  return out;
}

void append_paragraph(std::string& text, const std::string& paragraph) {
  if (paragraph.empty()) return;
  text += (text.empty() ? "" : "\n\n") + paragraph;
}

// A note quizdeck exported: its card from the card field, when one of the fields is one.
std::optional<Entry> entry_of_card_field(const AnkiNote& note,
                                         const std::function<void(std::string)>& warn,
                                         std::vector<int>* blank_numbers, bool& found) {
  for (const auto& field : note.fields) {
    if (!is_card_field(field)) continue;
    found = true;
    auto decoded = decode_card_field(field);
    if (!decoded) {
      warn("its quizdeck field does not hold a card quizdeck reads: read from its other fields");
      return std::nullopt;
    }
    Entry e = std::move(decoded->entry);
    if (const std::string id = id_of_guid(note.guid); !id.empty()) e.id = id;
    // The package's media come in by the names the note's front gives them.
    e.image = {};
    e.audio = {};
    for (auto& choice : e.choices) choice.image = {};
    if (blank_numbers != nullptr) {
      blank_numbers->clear();
      for (int n = 1; n <= decoded->blanks; ++n) blank_numbers->push_back(n);
    }
    return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Entry> entry_of_note(const AnkiNote& note, bool html,
                                   const std::function<void(std::string)>& warn,
                                   std::vector<int>* blank_numbers) {
  const auto text_of = [&](const std::string& raw) {
    return html ? html_to_text(raw) : collapse_space(raw);
  };
  bool card_field = false;
  if (auto e = entry_of_card_field(note, warn, blank_numbers, card_field)) return e;
  Entry e;
  e.id = id_of_guid(note.guid);
  for (const auto& tag : note.tags) {
    // A tag is a word of text: one holding control characters or bytes that are not UTF-8
    // (a damaged file) is left out, and said so.
    if (core::find_invalid_utf8(tag) || core::find_control(tag)) {
      warn(fmt::format("tag '{}' left out: it is not text", core::visible(tag)));
      continue;
    }
    e.tags.push_back(tag);
  }
  const std::string notetype = core::ascii_lower(note.notetype);
  const auto& fields = note.fields;
  const auto field_text = [&](std::size_t i) {
    return i < fields.size() && !is_card_field(fields[i]) ? text_of(fields[i]) : std::string();
  };
  const std::string first = field_text(0);
  const std::string second = field_text(1);
  if (note.cloze || notetype.find("cloze") != std::string::npos) {
    bool hints = false;
    std::vector<int> numbers;
    const auto cloze = cloze_of(first, hints, numbers);
    if (!cloze) {
      warn("cloze note without a blank quizdeck can ask ({{c1::...}}, no '|'): skipped");
      return std::nullopt;
    }
    if (hints) warn("cloze hints (::hint) left out");
    if (blank_numbers != nullptr) *blank_numbers = std::move(numbers);
    e.type = deck::CardType::kCloze;
    e.question = *cloze;
    e.explain = second;
  } else if (notetype.find("type in") != std::string::npos) {
    e.type = deck::CardType::kShort;
    e.question = first;
    e.answers = {second};
  } else {
    if (!notetype.empty() && notetype != "basic" && !card_field) {
      warn(fmt::format("note type '{}' imported as a flash card from its first two fields",
                       core::visible(note.notetype)));
    }
    e.type = deck::CardType::kFlash;
    e.question = first;
    e.back = second;
  }
  // Nothing of the note is dropped: its other fields go into the explanation, by name.
  append_paragraph(e.explain, extra_fields(note, 2, text_of));
  if (e.question.empty() || (e.type == deck::CardType::kFlash && e.back.empty()) ||
      (e.type == deck::CardType::kShort && second.empty())) {
    warn("a note with an empty field: skipped");
    return std::nullopt;
  }
  return e;
}

std::string anki_html(std::string_view text) {
  return escape_html(text);
}

std::string anki_cloze(const std::string& question, bool& alternatives) {
  return cloze_front(question, alternatives);
}

Bank import_anki_text(const core::SourceText& source) {
  Bank bank;
  if (const auto bad = core::find_invalid_utf8(source.text())) {
    bank.diagnostics.push_back(core::make_diagnostic(core::Severity::kError, source, *bad, 1,
                                                     "this file is not UTF-8 text"));
    return bank;
  }
  const Headers h = read_headers(source.text());
  Rows rows = read_rows(source, h.separator, h.body, true);
  if (rows.error) {
    bank.diagnostics.push_back(std::move(*rows.error));
    return bank;
  }
  for (const Row& row : rows.rows) {
    ++bank.questions;
    Entry e;
    const auto where = source.locate(row.offset);
    e.pos = {where.line, where.column};
    const auto warn = [&](std::string message) {
      e.warned = true;
      bank.diagnostics.push_back(core::make_diagnostic(core::Severity::kWarning, source, row.offset,
                                                       1, std::move(message)));
    };
    const auto column = [&](int number) -> std::string {
      return number > 0 && static_cast<std::size_t>(number) <= row.cells.size()
                 ? row.cells[static_cast<std::size_t>(number - 1)]
                 : "";
    };
    std::vector<std::string> fields;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      const int number = static_cast<int>(i + 1);
      if (number == h.tags_column || number == h.notetype_column || number == h.deck_column ||
          number == h.guid_column) {
        continue;
      }
      fields.push_back(row.cells[i]);
    }
    AnkiNote note;
    note.guid = column(h.guid_column);
    note.notetype = h.notetype_column ? column(h.notetype_column) : h.notetype;
    note.fields = std::move(fields);
    note.tags = h.tags;
    for (auto& tag : split_words(column(h.tags_column))) note.tags.push_back(std::move(tag));
    auto entry = entry_of_note(note, h.html, warn);
    if (!entry) {
      ++bank.skipped;
      continue;
    }
    entry->pos = e.pos;
    entry->warned = e.warned;
    bank.entries.push_back(std::move(*entry));
  }
  return bank;
}

Exported export_anki_text(const std::vector<Entry>& given, const std::string& deck_file,
                          const std::string& deck_name) {
  ExportWriter writer(given, deck_file);
  // The title is a cell like any other: its control characters shown, never written raw.
  const std::string deck_title = core::visible(deck_name, core::Lines::kShow);
  if (deck_title != deck_name) {
    writer.notes().push_back(core::make_file_diagnostic(
        core::Severity::kWarning, deck_file,
        "the deck's title holds control characters: written as text ('^[' for escape)"));
  }
  std::string& out = writer.text();
  out =
      "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
      "#tags column:6\n";
  for (const Entry& e : writer.entries()) {
    note_media_left_out(e, deck_file, "Anki text", false, writer.notes());
    const std::string id = e.id.empty() ? deck::derive_card_id(e.type, e.question) : e.id;
    Note note = note_of(e, writer);
    // A typed answer's back is what is compared: nothing may follow it there.
    const bool typed = e.type == deck::CardType::kShort || e.type == deck::CardType::kNumeric;
    if (!e.explain.empty() && typed) {
      writer.drop(e,
                  "Anki compares a typed answer with the whole back: the explanation is left out");
    } else if (!e.explain.empty() && e.type != deck::CardType::kCloze) {
      note.back += "<br><br>" + escape_html(e.explain);
    }
    if (!e.hint.empty())
      writer.drop(e, "Anki's Basic notes have no hint field: the hint is left out");
    std::string tags;
    for (const auto& tag : e.tags) tags += (tags.empty() ? "" : " ") + tag;
    out += cell(id) + "\t" + cell(note.type) + "\t" + cell(deck_title) + "\t" + cell(note.front) +
           "\t" + cell(note.back) + "\t" + cell(tags) + "\n";
  }
  return writer.take();
}

}  // namespace quizdeck::interchange
