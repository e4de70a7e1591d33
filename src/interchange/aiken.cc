// SPDX-License-Identifier: MIT
#include "interchange/aiken.h"

#include <fmt/format.h>

#include "core/utf8.h"
#include "deck/card_id.h"
#include "interchange/html_text.h"
#include "interchange/names.h"

namespace quizdeck::interchange {
namespace {

struct Line {
  std::string_view text;  // trimmed
  std::size_t offset = 0;
};

std::vector<Line> lines_of(const std::string& text) {
  std::vector<Line> lines;
  std::size_t at = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (at < text.size()) {
    std::size_t end = at;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    std::string_view line = std::string_view(text).substr(at, end - at);
    std::size_t lead = 0;
    while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) ++lead;
    line.remove_prefix(lead);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    lines.push_back({line, at + lead});
    // Past the line break: \n, \r\n or a lone \r.
    at = end;
    if (at < text.size() && text[at] == '\r') ++at;
    if (at < text.size() && text[at] == '\n') ++at;
  }
  return lines;
}

// "A. text" or "A) text": the letter's index and the text.
std::optional<std::pair<std::size_t, std::string_view>> choice_line(std::string_view line) {
  if (line.size() < 3 || line[0] < 'A' || line[0] > 'Z') return std::nullopt;
  if ((line[1] != '.' && line[1] != ')') || (line[2] != ' ' && line[2] != '\t')) {
    return std::nullopt;
  }
  std::string_view text = line.substr(3);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return std::pair{static_cast<std::size_t>(line[0] - 'A'), text};
}

}  // namespace

Bank import_aiken(const core::SourceText& source) {
  Bank bank;
  const auto error_at = [&](std::size_t offset, std::string message) {
    return core::make_diagnostic(core::Severity::kError, source, offset, 1, std::move(message));
  };
  if (const auto bad = core::find_invalid_utf8(source.text())) {
    bank.diagnostics.push_back(
        error_at(*bad, "this file is not UTF-8 text (Aiken files are UTF-8)"));
    return bank;
  }
  const std::vector<Line> lines = lines_of(source.text());
  IdSet ids;
  for (std::size_t i = 0; i < lines.size();) {
    if (lines[i].text.empty()) {
      ++i;
      continue;
    }
    // A question that cannot be read is left out, with its error, up to the blank line
    // that ends it; the questions after it still come in (as Moodle reads a file).
    const auto malformed = [&](std::size_t offset, std::string message) {
      bank.add_malformed(error_at(offset, std::move(message)));
      while (i < lines.size() && !lines[i].text.empty()) ++i;
    };
    const Line& question = lines[i++];
    Entry e;
    const auto where = source.locate(question.offset);
    e.pos = {where.line, where.column};
    e.type = deck::CardType::kChoice;
    e.question = std::string(question.text);
    std::optional<std::size_t> key;
    std::optional<std::pair<std::size_t, std::string>> bad;  // where, and what is wrong
    for (; i < lines.size() && !lines[i].text.empty(); ++i) {
      const Line& line = lines[i];
      if (line.text.starts_with("ANSWER:")) {
        std::string_view letter = line.text.substr(7);
        while (!letter.empty() && (letter.front() == ' ' || letter.front() == '\t')) {
          letter.remove_prefix(1);
        }
        if (letter.size() != 1 || letter[0] < 'A' ||
            static_cast<std::size_t>(letter[0] - 'A') >= e.choices.size()) {
          bad.emplace(
              line.offset,
              fmt::format("ANSWER: names a choice letter of this question, A to {}",
                          static_cast<char>('A' + std::max<std::size_t>(e.choices.size(), 1) - 1)));
          break;
        }
        key = static_cast<std::size_t>(letter[0] - 'A');
        ++i;
        break;
      }
      const auto choice = choice_line(line.text);
      if (!choice || choice->first != e.choices.size()) {
        bad.emplace(line.offset, fmt::format("expected choice {}) or ANSWER: after the question",
                                             static_cast<char>('A' + e.choices.size())));
        break;
      }
      deck::Choice out;
      out.text = std::string(choice->second);
      e.choices.push_back(std::move(out));
    }
    if (bad) {
      malformed(bad->first, std::move(bad->second));
      continue;
    }
    if (!key) {
      malformed(question.offset, "this question has no ANSWER: line");
      continue;
    }
    if (e.choices.size() < 2) {
      malformed(question.offset, "an Aiken question has at least two choices");
      continue;
    }
    e.answers.push_back(e.choices[*key].text);
    // Aiken has no names: the id the deck would derive from the question, written in the
    // deck, so that it travels with the card through every format that carries ids.
    e.id = ids.unique(deck::derive_card_id(e.type, e.question));
    bank.add(std::move(e), false);
  }
  return bank;
}

Exported export_aiken(const std::vector<Entry>& given, const std::string& deck_file) {
  ExportWriter writer(given, deck_file);
  std::string& out = writer.text();
  for (const Entry& e : writer.entries()) {
    if (e.type != deck::CardType::kChoice) {
      writer.leave_out(e,
                       fmt::format("Aiken carries choice questions only: this {} card is left out",
                                   deck::card_type_name(e.type)));
      continue;
    }
    if (e.choices.size() > 26) {
      writer.leave_out(e, "Aiken letters go to Z: a card with more than 26 choices is left out");
      continue;
    }
    note_media_left_out(e, deck_file, "Aiken", false, writer.notes());
    std::vector<std::string> parts;
    if (!e.explain.empty()) parts.push_back("explanation");
    if (!e.hint.empty()) parts.push_back("hint");
    if (!e.tags.empty()) parts.push_back("tags");
    if (!e.id.empty()) parts.push_back("id");
    for (const auto& choice : e.choices) {
      if (!choice.why.empty()) {
        parts.push_back("choice feedback");
        break;
      }
    }
    if (!parts.empty()) {
      std::string list;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        list += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
      }
      writer.drop(e, "Aiken has no " + list + ": left out");
    }
    if (e.question.find('\n') != std::string::npos) {
      writer.drop(e, "Aiken questions are one line: the line breaks became spaces");
    }
    out += collapse_space(e.question) + "\n";
    char key = 'A';
    for (std::size_t i = 0; i < e.choices.size(); ++i) {
      const char letter = static_cast<char>('A' + i);
      if (e.choices[i].text == e.answers.at(0)) key = letter;
      out += fmt::format("{}. {}\n", letter, collapse_space(e.choices[i].text));
    }
    out += fmt::format("ANSWER: {}\n\n", key);
  }
  return writer.take();
}

}  // namespace quizdeck::interchange
