// SPDX-License-Identifier: MIT
// Test helper that writes an Anki package (.apkg) from a JSON description, as Anki's
// exporter lays it out, so tests need no binary fixtures:
//   anki_package OUT.apkg SPEC.json
//   anki_package --collection OUT SPEC.json   (the collection database alone, unpacked)
//   {"format": "anki2" | "anki21b",                 (JSON note types, or tables + zstd)
//    "notetypes": [{"id": 1, "name": "Basic", "cloze": false,
//                   "fields": ["Front", "Back", "Extra"]}],  (names; default Front, Back)
//    "decks": [{"id": 1, "name": "Geography::Europe"}],      (a name may be {"text", "times"})
//    "notes": [{"id": 10, "guid": "Ab1", "type": 1, "tags": " a b ", "fields": ["f", "b"]}],
//              (a field may be {"text": "ab", "times": 1000}: the text that many times;
//               "copies": 50 repeats the note with ids and GUIDs numbered on)
//    "cards": [{"id": 100, "note": 10, "deck": 1, "ord": 0, "queue": -1, "flags": 2}],
//              ("copies": 50 repeats the card for the note's copies, ids numbered on)
//    "revlog": [{"id": 1700000000000, "card": 100, "ease": 3, "type": 0, "factor": 0,
//                "time": 6000}],
//    "media": ["a.jpg"],                           (members "0", "1", ... of a few bytes)
//    "models": "{not json",                        (col.models as given, anki2 only)
//    "hostile": "generated" | "trigger" | "view" | "virtual" | "check",
//                                  (a schema with code in it: SQLite runs it when read)
//    "damage": "truncate" | "zstd" | "sqlite"}       (optional: break the package on purpose)
#include <sqlite3.h>
#include <zip.h>
#include <zstd.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/json.h"

namespace {

using quizdeck::core::JsonValue;

std::int64_t integer(const JsonValue& object, const char* name) {
  const JsonValue* value = object.find(name);
  return value != nullptr && value->is_number() ? static_cast<std::int64_t>(std::stoll(value->text))
                                                : 0;
}

std::string text(const JsonValue& object, const char* name) {
  const JsonValue* value = object.find(name);
  return value != nullptr && value->is_string() ? value->text : std::string();
}

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::cerr << "anki_package: " << error << "\n  in " << sql << "\n";
    std::exit(1);
  }
}

// A text as given, or {"text": "ab", "times": 1000}: the text that many times.
std::string repeated(const JsonValue& value) {
  std::string out = value.text;
  if (value.is_object()) {
    for (std::int64_t i = 0; i < integer(value, "times"); ++i) out += text(value, "text");
  }
  return out;
}

std::string repeated(const JsonValue& object, const char* name) {
  const JsonValue* value = object.find(name);
  return value != nullptr ? repeated(*value) : std::string();
}

// Runs `sql` with the values bound in order (integers, text or blobs).
struct Value {
  enum class Kind { kInt, kText, kBlob } kind;
  std::int64_t number = 0;
  std::string bytes;
};
Value int_value(std::int64_t n) {
  return {Value::Kind::kInt, n, {}};
}
Value text_value(std::string s) {
  return {Value::Kind::kText, 0, std::move(s)};
}
Value blob_value(std::string s) {
  return {Value::Kind::kBlob, 0, std::move(s)};
}

void run(sqlite3* db, const char* sql, const std::vector<Value>& values) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
    std::cerr << "anki_package: " << sqlite3_errmsg(db) << "\n";
    std::exit(1);
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    const int at = static_cast<int>(i + 1);
    const Value& v = values[i];
    if (v.kind == Value::Kind::kInt) sqlite3_bind_int64(statement, at, v.number);
    if (v.kind == Value::Kind::kText)
      sqlite3_bind_text(statement, at, v.bytes.c_str(), -1, SQLITE_TRANSIENT);
    if (v.kind == Value::Kind::kBlob) {
      sqlite3_bind_blob(statement, at, v.bytes.data(), static_cast<int>(v.bytes.size()),
                        SQLITE_TRANSIENT);
    }
  }
  if (sqlite3_step(statement) != SQLITE_DONE) {
    std::cerr << "anki_package: " << sqlite3_errmsg(db) << "\n";
    std::exit(1);
  }
  sqlite3_finalize(statement);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A note type's field names: as given, else Front and Back.
std::vector<std::string> field_names(const JsonValue& type) {
  std::vector<std::string> names;
  if (const JsonValue* given = type.find("fields"); given != nullptr) {
    for (const auto& name : given->items) names.push_back(name.text);
  } else {
    names = {"Front", "Back"};
  }
  return names;
}

std::string collection(const JsonValue& spec, bool tables) {
  char name[] = "/tmp/anki_package.XXXXXX";
  const int fd = mkstemp(name);
  if (fd < 0) std::exit(1);
  close(fd);
  const std::string path = name;
  std::remove(path.c_str());  // SQLite makes it afresh
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const std::string hostile = text(spec, "hostile");
  // Fields that are a generated column: every read of a note (and SQLite's quick check)
  // builds a 100 MB string.
  const std::string flds = hostile == "generated"
                               ? "flds TEXT GENERATED ALWAYS AS (printf('%.*c', 100000000, 'x'))"
                               : "flds TEXT";
  const std::string check =
      hostile == "check" ? " CHECK (length(printf('%.*c', 100000000, 'x')) > 0)" : "";
  exec(db,
       "CREATE TABLE notes (id INTEGER PRIMARY KEY" + check +
           ", guid TEXT, mid INTEGER, mod "
           "INTEGER, usn INTEGER, tags TEXT, " +
           flds +
           ", sfld TEXT, csum INTEGER, flags INTEGER, "
           "data TEXT);"
           "CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER, did INTEGER, ord INTEGER, mod "
           "INTEGER, usn INTEGER, type INTEGER, queue INTEGER, due INTEGER, ivl INTEGER, factor "
           "INTEGER, reps INTEGER, lapses INTEGER, left INTEGER, odue INTEGER, odid INTEGER, flags "
           "INTEGER, data TEXT);"
           "CREATE TABLE revlog (id INTEGER PRIMARY KEY, cid INTEGER, usn INTEGER, ease INTEGER, "
           "ivl INTEGER, lastIvl INTEGER, factor INTEGER, time INTEGER, type INTEGER);"
           "CREATE TABLE col (id INTEGER PRIMARY KEY, crt INTEGER, mod INTEGER, scm INTEGER, ver "
           "INTEGER, dty INTEGER, usn INTEGER, ls INTEGER, conf TEXT, models TEXT, decks TEXT, "
           "dconf TEXT, tags TEXT);");
  if (hostile == "check") exec(db, "PRAGMA ignore_check_constraints = ON");
  const JsonValue* types = spec.find("notetypes");
  const JsonValue* decks = spec.find("decks");
  if (tables) {
    exec(db,
         "CREATE TABLE notetypes (id INTEGER PRIMARY KEY, name TEXT, mtime_secs INTEGER, usn "
         "INTEGER, config BLOB);"
         "CREATE TABLE decks (id INTEGER PRIMARY KEY, name TEXT, mtime_secs INTEGER, usn "
         "INTEGER, common BLOB, kind BLOB);"
         "CREATE TABLE fields (ntid INTEGER NOT NULL, ord INTEGER NOT NULL, name TEXT NOT NULL, "
         "config BLOB NOT NULL, PRIMARY KEY (ntid, ord)) WITHOUT ROWID;");
    for (const auto& type : types ? types->items : std::vector<JsonValue>{}) {
      // NotetypeConfig: field 1 (kind, 1 for cloze), and a field 3 (css) to skip over.
      std::string config;
      const JsonValue* cloze = type.find("cloze");
      if (cloze != nullptr && cloze->boolean) config += std::string("\x08\x01", 2);
      config += "\x1a\x05.card";
      run(db, "INSERT INTO notetypes VALUES (?1, ?2, 0, 0, ?3)",
          {int_value(integer(type, "id")), text_value(text(type, "name")), blob_value(config)});
      const auto names = field_names(type);
      for (std::size_t i = 0; i < names.size(); ++i) {
        run(db, "INSERT INTO fields VALUES (?1, ?2, ?3, x'')",
            {int_value(integer(type, "id")), int_value(static_cast<std::int64_t>(i)),
             text_value(names[i])});
      }
    }
    for (const auto& deck : decks ? decks->items : std::vector<JsonValue>{}) {
      std::string name = repeated(deck, "name");
      for (std::size_t at = name.find("::"); at != std::string::npos; at = name.find("::", at)) {
        name.replace(at, 2, "\x1f");
      }
      run(db, "INSERT INTO decks VALUES (?1, ?2, 0, 0, x'', x'')",
          {int_value(integer(deck, "id")), text_value(name)});
    }
    exec(db, "INSERT INTO col VALUES (1, 0, 0, 0, 18, 0, 0, 0, '', '', '', '', '')");
  } else {
    std::string models = "{";
    for (const auto& type : types ? types->items : std::vector<JsonValue>{}) {
      const JsonValue* cloze = type.find("cloze");
      std::string fields;
      const auto names = field_names(type);
      for (std::size_t i = 0; i < names.size(); ++i) {
        fields += (i == 0 ? "" : ",") + std::string("{\"name\":") +
                  quizdeck::core::to_json(JsonValue::make_string(names[i])) +
                  ",\"ord\":" + std::to_string(i) + "}";
      }
      models +=
          (models.size() > 1 ? "," : "") + std::string("\"") + std::to_string(integer(type, "id")) +
          "\":{\"name\":" + quizdeck::core::to_json(JsonValue::make_string(text(type, "name"))) +
          ",\"type\":" + (cloze != nullptr && cloze->boolean ? "1" : "0") + ",\"flds\":[" + fields +
          "]}";
    }
    models += "}";
    if (spec.find("models") != nullptr) models = text(spec, "models");
    std::string deck_json = "{";
    for (const auto& deck : decks ? decks->items : std::vector<JsonValue>{}) {
      deck_json += (deck_json.size() > 1 ? "," : "") + std::string("\"") +
                   std::to_string(integer(deck, "id")) + "\":{\"name\":" +
                   quizdeck::core::to_json(JsonValue::make_string(repeated(deck, "name"))) + "}";
    }
    deck_json += "}";
    run(db, "INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', ?1, ?2, '{}', '{}')",
        {text_value(models), text_value(deck_json)});
  }
  exec(db, "BEGIN");
  for (const auto& note :
       spec.find("notes") ? spec.find("notes")->items : std::vector<JsonValue>{}) {
    std::string fields;
    for (const auto& field : note.find("fields")->items) {
      fields += (fields.empty() ? "" : "\x1f") + repeated(field);
    }
    const std::int64_t copies = std::max<std::int64_t>(1, integer(note, "copies"));
    for (std::int64_t copy = 0; copy < copies; ++copy) {
      const std::string guid =
          copy == 0 ? text(note, "guid") : text(note, "guid") + "-" + std::to_string(copy);
      const char* sql = hostile == "generated"
                            ? "INSERT INTO notes (id, guid, mid, mod, usn, tags, sfld, csum, "
                              "flags, data) VALUES (?1, ?2, ?3, 0, 0, ?4, '', 0, 0, '')"
                            : "INSERT INTO notes VALUES (?1, ?2, ?3, 0, 0, ?4, ?5, '', 0, 0, '')";
      std::vector<Value> values{int_value(integer(note, "id") + copy), text_value(guid),
                                int_value(integer(note, "type")), text_value(text(note, "tags"))};
      if (hostile != "generated") values.push_back(text_value(fields));
      run(db, sql, values);
    }
  }
  for (const auto& card :
       spec.find("cards") ? spec.find("cards")->items : std::vector<JsonValue>{}) {
    // "copies": the card again for each copy of its note, ids numbered on.
    const std::int64_t copies = std::max<std::int64_t>(1, integer(card, "copies"));
    for (std::int64_t copy = 0; copy < copies; ++copy) {
      run(db,
          "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, 0, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, ?6, '')",
          {int_value(integer(card, "id") + copy), int_value(integer(card, "note") + copy),
           int_value(integer(card, "deck")), int_value(integer(card, "ord")),
           int_value(integer(card, "queue")), int_value(integer(card, "flags"))});
    }
  }
  for (const auto& r :
       spec.find("revlog") ? spec.find("revlog")->items : std::vector<JsonValue>{}) {
    run(db, "INSERT INTO revlog VALUES (?1, ?2, 0, ?3, 0, 0, ?4, ?5, ?6)",
        {int_value(integer(r, "id")), int_value(integer(r, "card")), int_value(integer(r, "ease")),
         int_value(integer(r, "factor")), int_value(integer(r, "time")),
         int_value(integer(r, "type"))});
  }
  exec(db, "COMMIT");
  if (hostile == "virtual") exec(db, "CREATE VIRTUAL TABLE search USING fts5(x)");
  if (hostile == "trigger") {
    exec(db,
         "CREATE TABLE log (x TEXT); CREATE TRIGGER t AFTER INSERT ON notes BEGIN "
         "INSERT INTO log VALUES (printf('%.*c', 100000000, 'x')); END;");
  }
  if (hostile == "view") {
    exec(db, "CREATE VIEW v AS SELECT printf('%.*c', 100000000, 'x') AS x FROM notes;");
  }
  sqlite3_close(db);
  std::string bytes = read_file(path);
  std::remove(path.c_str());
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  const bool only_collection = argc == 4 && std::string(argv[1]) == "--collection";
  if (only_collection) {
    ++argv;
    --argc;
  }
  if (argc != 3) {
    std::cerr << "usage: anki_package [--collection] OUT SPEC.json\n";
    return 2;
  }
  quizdeck::core::JsonError error;
  const auto spec = quizdeck::core::parse_json(read_file(argv[2]), error);
  if (!spec || !spec->is_object()) {
    std::cerr << "anki_package: " << argv[2] << ": not a JSON object\n";
    return 2;
  }
  const bool modern = text(*spec, "format") == "anki21b";
  const std::string damage = text(*spec, "damage");
  std::string db = collection(*spec, modern);
  if (damage == "sqlite") db = db.substr(0, 100) + std::string(db.size() - 100, '\x5a');
  if (only_collection) {
    std::ofstream(argv[1], std::ios::binary | std::ios::trunc) << db;
    return 0;
  }
  std::vector<std::pair<std::string, std::string>> members;
  if (modern) {
    std::string packed(ZSTD_compressBound(db.size()), '\0');
    packed.resize(ZSTD_compress(packed.data(), packed.size(), db.data(), db.size(), 3));
    if (damage == "zstd") packed.resize(packed.size() / 2);
    members.emplace_back("collection.anki21b", packed);
    // As Anki does: a stub collection for versions that cannot read the newer one.
    JsonValue stub;
    stub.kind = JsonValue::Kind::kObject;
    members.emplace_back("collection.anki2", collection(stub, false));
    members.emplace_back("meta", std::string("\x08\x03", 2));
  } else {
    members.emplace_back("collection.anki2", db);
  }
  // Media: a name (a few bytes of content), or {"name": ..., "from": FILE} (that file's
  // bytes). Older packages list them as JSON and store them as they are; newer ones list
  // them as zstd-compressed MediaEntries and compress each.
  std::string media = "{";
  std::string entries;  // MediaEntries, protobuf
  int number = 0;
  const auto zstd = [](const std::string& bytes) {
    std::string packed(ZSTD_compressBound(bytes.size()), '\0');
    packed.resize(ZSTD_compress(packed.data(), packed.size(), bytes.data(), bytes.size(), 3));
    return packed;
  };
  for (const auto& item :
       spec->find("media") ? spec->find("media")->items : std::vector<JsonValue>{}) {
    const std::string name = item.is_string() ? item.text : text(item, "name");
    const std::string bytes =
        item.is_string() ? std::string("media bytes") : read_file(text(item, "from"));
    media += (media.size() > 1 ? "," : "") + std::string("\"") + std::to_string(number) +
             "\":" + quizdeck::core::to_json(JsonValue::make_string(name));
    const std::string entry = "\x0a" + std::string(1, static_cast<char>(name.size())) + name;
    entries += "\x0a" + std::string(1, static_cast<char>(entry.size())) + entry;
    members.emplace_back(std::to_string(number++), modern ? zstd(bytes) : bytes);
  }
  members.emplace_back("media", modern ? zstd(entries) : media + "}");
  int code = 0;
  zip_t* archive = zip_open(argv[1], ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (archive == nullptr) return 1;
  for (const auto& [name, content] : members) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
  }
  if (zip_close(archive) != 0) return 1;
  if (damage == "truncate") {
    const std::string whole = read_file(argv[1]);
    std::ofstream(argv[1], std::ios::binary | std::ios::trunc) << whole.substr(0, whole.size() / 2);
  }
  return 0;
}
