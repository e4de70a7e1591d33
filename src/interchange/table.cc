// SPDX-License-Identifier: MIT
#include "interchange/table.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "core/normalize.h"
#include "core/utf8.h"
#include "deck/card_id.h"
#include "interchange/delimited.h"
#include "interchange/html_text.h"
#include "interchange/names.h"

namespace quizdeck::interchange {
namespace {

enum class Role { kSkip, kQuestion, kAnswer, kBack, kChoice, kTags, kId, kExplain, kHint };

// A column name as a key: lower case, spaces and tabs left out ("Question " is question).
std::string key_of(std::string_view name) {
  std::string out;
  for (const char c : core::ascii_lower(name)) {
    if (c != ' ' && c != '\t') out += c;
  }
  return out;
}

std::optional<Role> role_of(std::string_view name) {
  const std::string key = key_of(name);
  if (key == "question" || key == "front" || key == "prompt") return Role::kQuestion;
  if (key == "answer" || key == "key" || key == "answers") return Role::kAnswer;
  if (key == "back") return Role::kBack;
  if (key == "choice" || key == "choices" || key == "option" || key == "distractor") {
    return Role::kChoice;
  }
  if (key == "tags" || key == "tag") return Role::kTags;
  if (key == "id" || key == "guid") return Role::kId;
  if (key == "explain" || key == "explanation") return Role::kExplain;
  if (key == "hint") return Role::kHint;
  if (key == "skip" || key == "-" || key.empty()) return Role::kSkip;
  return std::nullopt;
}

// A cell as text: one holding HTML (a tag such as <b> or </p>) as plain text, one holding
// only character references ("&lt;memory&gt;", as export writes text that looks like
// markup) with them decoded, any other as it is; spaces and tabs around it dropped.
std::string cell_text(const std::string& cell) {
  if (has_tag(cell)) return html_to_text(cell);
  std::string_view text = cell;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return has_entity(text) ? decode_entities(text) : std::string(text);
}

// A text as a cell cell_text reads back: one that would read as markup (a tag, a character
// reference) with its '&', '<' and '>' written as references, any other as it is.
std::string cell_of(const std::string& text) {
  if (!has_tag(text) && !has_entity(text)) return text;
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::optional<double> number_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (*end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

// A row's cells by their column's role.
struct RowCells {
  Entry e;
  std::string back;
  std::vector<std::string> choices;
};

RowCells read_cells(const core::SourceText& source, const Row& row,
                    const std::vector<Role>& roles) {
  RowCells cells;
  Entry& e = cells.e;
  std::string& back = cells.back;
  std::vector<std::string>& choices = cells.choices;
  const auto where = source.locate(row.offset);
  e.pos = {where.line, where.column};
  for (std::size_t i = 0; i < row.cells.size() && i < roles.size(); ++i) {
    const std::string text = cell_text(row.cells[i]);
    if (text.empty()) continue;
    switch (roles[i]) {
      case Role::kSkip:
        break;
      case Role::kQuestion:
        e.question = text;
        break;
      case Role::kAnswer:
        e.answers.push_back(text);
        break;
      case Role::kBack:
        back = text;
        break;
      case Role::kChoice:
        choices.push_back(text);
        break;
      case Role::kTags:
        for (std::size_t at = 0; at < text.size();) {
          const std::size_t end = std::min(text.find_first_of(" ,\t", at), text.size());
          if (end > at) e.tags.push_back(text.substr(at, end - at));
          at = end + 1;
        }
        break;
      case Role::kId:
        e.id = text;
        break;
      case Role::kExplain:
        e.explain = text;
        break;
      case Role::kHint:
        e.hint = text;
        break;
    }
  }
  return cells;
}

// The card type the cells make, from what they hold; nothing, or why the row is skipped.
const char* make_card(RowCells& cells) {
  Entry& e = cells.e;
  std::vector<std::string>& choices = cells.choices;
  if (e.question.empty()) return "a row without a question: skipped";
  if (!choices.empty()) {
    if (e.answers.empty()) return "a row with choices but no answer: skipped";
    // The answers are choices too, first, unless a choice column already has them.
    for (auto it = e.answers.rbegin(); it != e.answers.rend(); ++it) {
      if (std::find(choices.begin(), choices.end(), *it) == choices.end()) {
        choices.insert(choices.begin(), *it);
      }
    }
    for (auto& text : choices) e.choices.push_back({std::move(text), "", {}});
    e.type = e.answers.size() == 1 ? deck::CardType::kChoice : deck::CardType::kMulti;
  } else if (!cells.back.empty() && e.answers.empty()) {
    e.type = deck::CardType::kFlash;
    e.back = cells.back;
  } else if (e.answers.size() == 1 && (core::ascii_lower(e.answers[0]) == "true" ||
                                       core::ascii_lower(e.answers[0]) == "false")) {
    e.type = deck::CardType::kTrueFalse;
    e.truth = core::ascii_lower(e.answers[0]) == "true";
    e.answers.clear();
  } else if (e.answers.size() == 1 && number_of(e.answers[0])) {
    e.type = deck::CardType::kNumeric;
    e.number = *number_of(e.answers[0]);
    e.answers.clear();
  } else if (!e.answers.empty()) {
    e.type = deck::CardType::kShort;
  } else {
    return "a row without an answer: skipped";
  }
  return nullptr;
}

// What each kept row says, before the widths of the answer and choice columns are known.
struct TableRow {
  const Entry* entry;
  std::vector<std::string> answers;
  std::vector<std::string> choices;
  std::string back;
};

// An entry's row, with a warning for each thing a table cannot carry; nothing when the
// card is left out.
std::optional<TableRow> row_of(const Entry& e, const std::string& deck_file, ExportWriter& writer) {
  TableRow row{&e, {}, {}, {}};
  switch (e.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti:
      row.answers = e.answers;
      for (const auto& choice : e.choices) row.choices.push_back(choice.text);
      break;
    case deck::CardType::kTrueFalse:
      row.answers = {e.truth ? "true" : "false"};
      break;
    case deck::CardType::kNumeric:
      row.answers = {fmt::format("{}", e.number)};
      if (e.tolerance > 0) writer.drop(e, "a table has no tolerance: it is left out");
      break;
    case deck::CardType::kShort:
      row.answers = e.answers;
      // One answer that reads as true/false or a number makes another card type.
      if (const std::string lower = core::ascii_lower(e.answers.at(0));
          e.answers.size() == 1 &&
          (lower == "true" || lower == "false" || number_of(e.answers[0]))) {
        writer.drop(e, fmt::format("the answer '{}' reads back as a {} card", e.answers[0],
                                   number_of(e.answers[0]) ? "numeric" : "true/false"));
      }
      break;
    case deck::CardType::kFlash:
      row.back = e.back;
      row.answers.clear();
      break;
    case deck::CardType::kCloze:
    case deck::CardType::kMatching:
    case deck::CardType::kOrdering:
      writer.leave_out(e, fmt::format("a table has no {} cards: this card is left out",
                                      deck::card_type_name(e.type)));
      return std::nullopt;
  }
  if (e.match != deck::MatchRule::kNormalized) {
    writer.drop(e, fmt::format("a table has no match rule: '{}' is left out",
                               deck::match_rule_name(e.match)));
  }
  if (e.points != 1) writer.drop(e, "a table has no points: the card's points are left out");
  if (!e.shuffle) writer.drop(e, "a table has no shuffle setting: 'shuffle: false' is left out");
  for (const auto& choice : e.choices) {
    if (!choice.why.empty()) {
      writer.drop(e, "a table has no choice feedback: the whys are left out");
      break;
    }
  }
  note_media_left_out(e, deck_file, "A table", false, writer.notes());
  return row;
}

// The rows' ids as card ids: each kept as written where it can be one and is the first
// use of it; a later use, or one a card id cannot be, gets a free one, with a warning.
void separate_ids(const core::SourceText& source, Bank& bank) {
  IdSet ids;
  std::vector<bool> first(bank.entries.size(), false);
  for (std::size_t i = 0; i < bank.entries.size(); ++i) {
    const std::string& id = bank.entries[i].id;
    if (!id.empty() && deck::check_card_id(id) && !ids.taken(id)) {
      ids.take(id);
      first[i] = true;
    }
  }
  for (std::size_t i = 0; i < bank.entries.size(); ++i) {
    Entry& e = bank.entries[i];
    if (e.id.empty() || first[i]) continue;
    const std::string given = e.id;
    const bool valid = static_cast<bool>(deck::check_card_id(given));
    e.id = ids.unique(valid ? given : id_slug(given));
    e.warned = true;
    core::Diagnostic d = core::make_diagnostic(
        core::Severity::kWarning, source, source.offset_of_line(e.pos.line), 1,
        fmt::format("the id '{}' {}: imported as '{}'", given,
                    valid ? "is taken by an earlier row" : "cannot be a card id as written", e.id));
    bank.report(std::move(d));
  }
}

}  // namespace

Bank import_table(const core::SourceText& source, char separator,
                  const std::vector<std::string>& columns, bool skip_header) {
  Bank bank;
  const auto refuse = [&](std::size_t offset, std::string message) {
    bank.report(
        core::make_diagnostic(core::Severity::kError, source, offset, 1, std::move(message)));
    return std::move(bank);
  };
  if (const auto bad = core::find_invalid_utf8(source.text())) {
    return refuse(*bad, "this file is not UTF-8 text");
  }
  RowReader reader(source, separator);
  Row row;
  std::optional<core::Diagnostic> error;
  // Without --columns the first row names the columns; with it, every row is a question.
  std::vector<std::string> names = columns;
  std::size_t header_offset = 0;
  if (columns.empty() || skip_header) {
    RowReader::Next first = reader.next(row, error);
    while (first == RowReader::Next::kMalformed) {
      bank.add_malformed(std::move(*error));
      first = reader.next(row, error);
    }
    if (first == RowReader::Next::kEnd) return bank;
    if (columns.empty()) names = std::move(row.cells);
    header_offset = row.offset;
  }
  std::vector<Role> roles;
  bool question = false;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto role = role_of(names[i]);
    if (!role && !columns.empty()) {
      return refuse(
          0, fmt::format("--columns names '{}'; a column is one of {}", names[i], kTableColumns));
    }
    roles.push_back(role.value_or(Role::kSkip));
    question = question || role == Role::kQuestion;
    if (!role) {
      bank.report(core::make_diagnostic(
          core::Severity::kWarning, source, header_offset, 1,
          fmt::format("column '{}' is not imported (name the columns with --columns: {})", names[i],
                      kTableColumns)));
    }
  }
  if (!question && !columns.empty()) {
    return refuse(0, fmt::format("--columns names no question column ({})", kTableColumns));
  }
  if (!question) {
    return refuse(header_offset, fmt::format("no question column: the first row names the "
                                             "columns, or --columns does ({})",
                                             kTableColumns));
  }
  std::vector<std::size_t> renamed;  // entries whose id cannot be a card id as written
  while (true) {
    const RowReader::Next next = reader.next(row, error);
    if (next == RowReader::Next::kEnd) break;
    if (next == RowReader::Next::kMalformed) {
      bank.add_malformed(std::move(*error));
      continue;
    }
    // A row of empty cells (",,,", as spreadsheets write below a table) is no question.
    if (std::all_of(row.cells.begin(), row.cells.end(),
                    [](const std::string& cell) { return cell_text(cell).empty(); })) {
      continue;
    }
    RowCells cells = read_cells(source, row, roles);
    if (const char* why = make_card(cells)) {
      bank.report(core::make_diagnostic(core::Severity::kWarning, source, row.offset, 1, why));
      bank.add(std::nullopt, true);
      continue;
    }
    bank.add(std::move(cells.e), false);
  }
  separate_ids(source, bank);
  return bank;
}

Exported export_table(const std::vector<Entry>& given, const std::string& deck_file,
                      char separator) {
  ExportWriter writer(given, deck_file);
  std::vector<TableRow> rows;
  std::size_t answer_columns = 1;
  std::size_t choice_columns = 0;
  for (const Entry& e : writer.entries()) {
    auto row = row_of(e, deck_file, writer);
    if (!row) continue;
    answer_columns = std::max(answer_columns, row->answers.size());
    choice_columns = std::max(choice_columns, row->choices.size());
    rows.push_back(std::move(*row));
  }
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out += (i ? std::string(1, separator) : "") + write_cell(cell_of(cells[i]), separator);
    }
    return out + "\n";
  };
  std::vector<std::string> header{"id", "question"};
  header.insert(header.end(), answer_columns, "answer");
  header.insert(header.end(), choice_columns, "choice");
  for (const char* name : {"back", "explain", "hint", "tags"}) header.emplace_back(name);
  writer.text() = line(header);
  for (const TableRow& row : rows) {
    const Entry& e = *row.entry;
    std::vector<std::string> cells{e.id, e.question};
    for (std::size_t i = 0; i < answer_columns; ++i) {
      cells.push_back(i < row.answers.size() ? row.answers[i] : "");
    }
    for (std::size_t i = 0; i < choice_columns; ++i) {
      cells.push_back(i < row.choices.size() ? row.choices[i] : "");
    }
    std::string tags;
    for (const auto& tag : e.tags) tags += (tags.empty() ? "" : " ") + tag;
    for (const std::string* text :
         std::initializer_list<const std::string*>{&row.back, &e.explain, &e.hint, &tags}) {
      cells.push_back(*text);
    }
    writer.text() += line(cells);
  }
  return writer.take();
}

}  // namespace quizdeck::interchange
