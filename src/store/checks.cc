// SPDX-License-Identifier: MIT
// Integrity (SQLite's) and consistency (quizdeck's own) checks.
#include "store/store.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "store/schema.h"

namespace quizdeck::store {

std::vector<std::string> Store::integrity_check() {
  Statement query = db_.prepare("PRAGMA integrity_check");
  std::vector<std::string> out;
  while (query.step()) out.push_back(query.text(0));
  return out;
}

std::vector<std::string> Store::integrity_report(const std::string& path) {
  Database db = connect_read_only(path);  // a file SQLite cannot open at all throws kIo
  std::vector<std::string> out;
  sqlite3_stmt* query = nullptr;
  if (sqlite3_prepare_v2(db.handle(), "PRAGMA integrity_check", -1, &query, nullptr) != SQLITE_OK) {
    out.push_back(
        fmt::format("SQLite cannot read the store at all: {}", sqlite3_errmsg(db.handle())));
  } else {
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(query)) == SQLITE_ROW) {
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query, 0)));
    }
    if (rc != SQLITE_DONE) {
      out.push_back(fmt::format("the check stopped: {}", sqlite3_errmsg(db.handle())));
    }
  }
  sqlite3_finalize(query);
  return out;
}

std::vector<std::string> check_expressions(std::string_view sql) {
  std::vector<std::string> found;
  const auto word_at = [&](std::size_t i) {
    if (i + 5 > sql.size()) return false;
    for (std::size_t k = 0; k < 5; ++k) {
      if (std::toupper(static_cast<unsigned char>(sql[i + k])) != "CHECK"[k]) return false;
    }
    const auto part = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
    };
    return (i == 0 || !part(sql[i - 1])) && (i + 5 == sql.size() || !part(sql[i + 5]));
  };
  // Past a quoted string or name, or a comment, starting at `i`; `i` when none starts there.
  const auto skip = [&](std::size_t i) {
    const char c = sql[i];
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      const std::size_t end = sql.find(close, i + 1);
      return end == std::string_view::npos ? sql.size() : end + 1;
    }
    if (sql.substr(i, 2) == "--") {
      const std::size_t end = sql.find('\n', i);
      return end == std::string_view::npos ? sql.size() : end + 1;
    }
    if (sql.substr(i, 2) == "/*") {
      const std::size_t end = sql.find("*/", i + 2);
      return end == std::string_view::npos ? sql.size() : end + 2;
    }
    return i;
  };
  std::size_t i = 0;
  while (i < sql.size()) {
    if (const std::size_t past = skip(i); past != i) {
      i = past;
      continue;
    }
    if (!word_at(i)) {
      ++i;
      continue;
    }
    std::size_t open = i + 5;
    while (open < sql.size() && std::isspace(static_cast<unsigned char>(sql[open]))) ++open;
    if (open >= sql.size() || sql[open] != '(') {
      i += 5;
      continue;
    }
    int depth = 0;
    std::size_t at = open;
    while (at < sql.size()) {
      if (const std::size_t past = skip(at); past != at) {
        at = past;
        continue;
      }
      if (sql[at] == '(') ++depth;
      if (sql[at] == ')' && --depth == 0) break;
      ++at;
    }
    if (at >= sql.size()) break;  // never closed: SQLite would not have taken it
    found.emplace_back(sql.substr(open + 1, at - open - 1));
    i = at + 1;
  }
  return found;
}

namespace {

// Each table, index, view and trigger, as "table reviews", with a table's columns.
std::map<std::string, std::string> schema_objects(Database& db) {
  std::map<std::string, std::string> objects;
  std::vector<std::pair<std::string, std::string>> listed;
  Statement list = db.prepare(
      "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  while (list.step()) listed.emplace_back(list.text(0), list.text(1));
  for (const auto& [type, name] : listed) {
    std::string columns;
    if (type == "table") {
      Statement info = db.prepare("SELECT name FROM pragma_table_xinfo(?1)");
      info.bind(1, name);
      while (info.step()) columns += (columns.empty() ? "" : ", ") + info.text(0);
    }
    objects[type + " " + name] = columns;
  }
  return objects;
}

}  // namespace

std::vector<std::string> Store::schema_problems() {
  Database reference(":memory:", SQLITE_OPEN_READWRITE);
  create_schema(reference);
  const auto expected = schema_objects(reference);
  const auto found = schema_objects(db_);
  std::vector<std::string> problems;
  // Tables first: what is missing with them (their indexes, triggers) says less.
  std::vector<std::pair<std::string, std::string>> ordered(expected.begin(), expected.end());
  std::stable_partition(ordered.begin(), ordered.end(),
                        [](const auto& object) { return object.first.starts_with("table "); });
  for (const auto& [object, columns] : ordered) {
    const auto here = found.find(object);
    if (here == found.end()) {
      problems.push_back(fmt::format("the schema has no {}", object));
    } else if (here->second != columns) {
      problems.push_back(
          fmt::format("{} has the columns ({}), not ({})", object, here->second, columns));
    }
  }
  for (const auto& [object, columns] : found) {
    if (!expected.contains(object)) {
      problems.push_back(fmt::format("the schema has a {} quizdeck did not make", object));
    }
  }
  return problems;
}

std::vector<std::string> Store::constraint_check() {
  std::vector<std::string> problems;
  std::vector<std::pair<std::string, std::string>> tables;
  Statement list = db_.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL AND "
      "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  while (list.step()) tables.emplace_back(list.text(0), list.text(1));
  for (const auto& [table, sql] : tables) {
    std::string quoted = "\"";
    for (const char c : table) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += '"';
    for (const std::string& expression : check_expressions(sql)) {
      Statement rows =
          db_.prepare(fmt::format("SELECT count(*) FROM {} WHERE NOT ({})", quoted, expression));
      if (rows.step() && rows.integer(0) > 0) {
        const std::int64_t count = rows.integer(0);
        problems.push_back(fmt::format("table {}: {} row{} break{} CHECK ({})", table, count,
                                       count == 1 ? "" : "s", count == 1 ? "s" : "", expression));
      }
    }
  }
  return problems;
}

std::vector<std::string> Store::consistency_check() {
  std::vector<std::string> problems;
  Statement foreign = db_.prepare("PRAGMA foreign_key_check");
  while (foreign.step()) {
    problems.push_back(fmt::format("table {} row {} refers to a missing row of {}", foreign.text(0),
                                   foreign.integer(1), foreign.text(2)));
  }
  // A card's reps and lapses are what its kept, scheduled reviews say.
  Statement counts = db_.prepare(
      "SELECT c.deck_id, c.card_id, c.reps, count(r.id) FROM cards c LEFT JOIN reviews r "
      "ON r.deck_id = c.deck_id AND r.card_id = c.card_id AND r.scheduled = 1 AND r.reset_ms IS "
      "NULL "
      "GROUP BY c.deck_id, c.card_id HAVING c.reps != count(r.id)");
  while (counts.step()) {
    problems.push_back(
        fmt::format("card {}/{} says {} reviews but the log has {} (run 'quizdeck "
                    "store rebuild')",
                    counts.text(0), counts.text(1), counts.integer(2), counts.integer(3)));
  }
  Statement states = db_.prepare(
      "SELECT deck_id, card_id FROM cards WHERE (state = 0 AND reps != 0) OR "
      "(state != 0 AND (last_review_ms IS NULL OR stability <= 0 OR difficulty < 1 OR "
      "difficulty > 10 OR due_ms < last_review_ms))");
  while (states.step()) {
    problems.push_back(
        fmt::format("card {}/{} has an impossible scheduling state (run 'quizdeck "
                    "store rebuild')",
                    states.text(0), states.text(1)));
  }
  // Marks: a leech has lapsed (a reset clears the mark with the lapses); a card's note is
  // its id up to '#' (siblings share it).
  Statement marks = db_.prepare(
      "SELECT deck_id, card_id, leech != 0 AND lapses = 0 FROM cards WHERE (leech != 0 AND "
      "lapses = 0) OR (note IS NOT NULL AND note != CASE WHEN instr(card_id, '#') > 0 THEN "
      "substr(card_id, 1, instr(card_id, '#') - 1) ELSE card_id END)");
  while (marks.step()) {
    problems.push_back(marks.integer(2) != 0
                           ? fmt::format("card {}/{} is marked a leech but never lapsed (run "
                                         "'quizdeck reset' on it to clear the mark)",
                                         marks.text(0), marks.text(1))
                           : fmt::format("card {}/{} has the note of another card (study its "
                                         "deck once to sync it again)",
                                         marks.text(0), marks.text(1)));
  }
  // The summaries statistics read are what the log says.
  const auto differences = [&](const std::string& table, const std::string& expected) {
    Statement query = db_.prepare(fmt::format(
        "SELECT (SELECT count(*) FROM ({1} EXCEPT SELECT * FROM {0})) + (SELECT count(*) FROM "
        "(SELECT * FROM {0} WHERE reviews > 0 EXCEPT {1}))",
        table, expected));
    query.step();
    return query.integer(0);
  };
  const std::int64_t buckets = differences("review_buckets", expected_review_buckets_sql());
  const std::int64_t totals = differences("card_totals", expected_card_totals_sql());
  if (buckets + totals > 0) {
    problems.push_back(
        fmt::format("the review summaries disagree with the log in {} rows (run 'quizdeck "
                    "store rebuild')",
                    buckets + totals));
  }
  Statement times =
      db_.prepare("SELECT count(*) FROM reviews WHERE response_ms < 0 OR time_ms <= 0");
  times.step();
  if (times.integer(0) > 0) {
    problems.push_back(fmt::format("{} reviews have impossible times", times.integer(0)));
  }
  return problems;
}

}  // namespace quizdeck::store
