// SPDX-License-Identifier: MIT
#include "cli/files/apkg_package.h"

#include <sqlite3.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "cli/files/zip_file.h"
#include "core/json.h"
#include "core/visible.h"
#include "interchange/protobuf.h"
#include "store/sqlite.h"

namespace quizdeck::cli {
namespace {

core::Failure bad_package(const std::string& path, const std::string& why) {
  return core::fail_in_file(ExitCode::kInvalidInput, path,
                            fmt::format("not an Anki package this quizdeck reads: {}", why));
}

// A zstd stream, decompressed with libzstd up to `limit` bytes.
std::optional<std::string> unzstd(std::string_view compressed, std::size_t limit) {
  std::unique_ptr<ZSTD_DStream, decltype(&ZSTD_freeDStream)> stream(ZSTD_createDStream(),
                                                                    &ZSTD_freeDStream);
  if (!stream) return std::nullopt;
  ZSTD_initDStream(stream.get());
  std::string out;
  std::string buffer(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer in{compressed.data(), compressed.size(), 0};
  std::size_t last = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer chunk{buffer.data(), buffer.size(), 0};
    last = ZSTD_decompressStream(stream.get(), &chunk, &in);
    if (ZSTD_isError(last)) return std::nullopt;
    out.append(buffer.data(), chunk.pos);
    if (out.size() > limit) return std::nullopt;
    if (chunk.pos == 0 && last != 0 && in.pos == in.size) break;
  }
  // Flush what is still held.
  while (last != 0) {
    ZSTD_outBuffer chunk{buffer.data(), buffer.size(), 0};
    last = ZSTD_decompressStream(stream.get(), &chunk, &in);
    if (ZSTD_isError(last) || chunk.pos == 0) break;
    out.append(buffer.data(), chunk.pos);
    if (out.size() > limit) return std::nullopt;
  }
  if (last != 0) return std::nullopt;  // a truncated frame
  return out;
}

bool is_zstd(std::string_view bytes) {
  return bytes.starts_with("\x28\xb5\x2f\xfd");
}

// The package's `media` list: JSON {"0": "name.jpg", ...} in older packages; in newer ones
// zstd-compressed Protocol Buffers, MediaEntries { repeated MediaEntry entries = 1 } with
// MediaEntry { string name = 1; ...; uint32 legacy_zip_filename = 255 }, the member named
// by that number or else by the entry's place.
std::map<std::string, std::string> media_members(const ZipReader& zip) {
  std::map<std::string, std::string> out;
  auto list = zip.read("media", kMaxNotetypeBytes);
  if (!list) return out;
  if (is_zstd(*list)) {
    auto plain = unzstd(*list, kMaxNotetypeBytes);
    if (!plain) return out;
    interchange::ProtoReader entries(*plain);
    interchange::ProtoField entry;
    std::size_t place = 0;
    while (entries.next(entry)) {
      if (entry.number != 1 || entry.wire_type != 2) continue;
      interchange::ProtoReader fields(entry.bytes);
      interchange::ProtoField field;
      std::string name;
      std::string member = std::to_string(place++);
      while (fields.next(field)) {
        if (field.number == 1 && field.wire_type == 2) name = std::string(field.bytes);
        if (field.number == 255 && field.wire_type == 0) member = std::to_string(field.value);
      }
      if (!name.empty() && out.size() < kMaxMediaFiles) out[name] = member;
    }
    return out;
  }
  core::JsonError error;
  if (const auto map = core::parse_json(*list, error); map && map->is_object()) {
    for (const auto& [member, name] : map->members) {
      if (name.is_string() && !name.text.empty() && out.size() < kMaxMediaFiles) {
        out[name.text] = member;
      }
    }
  }
  return out;
}

bool has_table(store::Database& db, const char* name) {
  store::Statement query =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  query.bind(1, name);
  return query.step();
}

// Anki's own collation (Unicode case folding); case-blind for ASCII is enough to read with.
int compare_unicase(void* /*unused*/, int left_size, const void* left, int right_size,
                    const void* right) {
  const auto* a = static_cast<const unsigned char*>(left);
  const auto* b = static_cast<const unsigned char*>(right);
  for (int i = 0; i < left_size && i < right_size; ++i) {
    const int x = std::tolower(a[i]);
    const int y = std::tolower(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return left_size == right_size ? 0 : left_size < right_size ? -1 : 1;
}

// Why the collection is refused before any row of it is read, if it is: anything in its
// schema but plain tables and indexes. A generated column's expression runs on every read
// of its row (and on SQLite's quick check), a view's query on every read of it, a
// trigger's or virtual table's code on use: another program's code, none of it ours.
std::optional<std::string> unplain_schema(store::Database& db) {
  store::Statement objects =
      db.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY rowid");
  std::vector<std::string> tables;
  while (objects.step()) {
    const std::string type = objects.text(0);
    const std::string name = core::visible(objects.text(1), core::Lines::kShow);
    std::string sql = objects.text(2).substr(0, 64);
    std::transform(sql.begin(), sql.end(), sql.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (type == "view" || type == "trigger") {
      return fmt::format("its collection's schema has a {} ('{}'); a collection holds only tables",
                         type, name);
    }
    if (type == "table" && sql.find("VIRTUAL") != std::string::npos &&
        sql.find("VIRTUAL") < sql.find('(')) {
      return fmt::format("its collection's schema has a virtual table ('{}')", name);
    }
    if (type == "table") tables.push_back(objects.text(1));
  }
  for (const auto& table : tables) {
    store::Statement columns = db.prepare("SELECT name, hidden FROM pragma_table_xinfo(?1)");
    columns.bind(1, table);
    while (columns.step()) {
      // hidden: 2 a virtual generated column, 3 a stored one (computed when written).
      if (columns.integer(1) >= 2) {
        return fmt::format(
            "column '{}' of its table '{}' is a generated column (an expression SQLite would "
            "run on every read)",
            core::visible(columns.text(0), core::Lines::kShow),
            core::visible(table, core::Lines::kShow));
      }
    }
  }
  return std::nullopt;
}

// Another program's database, in memory and read-only, opened as a hostile file.
core::Expected<store::Database> open_collection(std::string bytes, const std::string& path) {
  store::Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* handle = db.handle();
  int on = 0;
  sqlite3_db_config(handle, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
  sqlite3_db_config(handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on);
  sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &on);
  sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &on);
  sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, static_cast<int>(kMaxValueBytes));
  sqlite3_create_collation(handle, "unicase", SQLITE_UTF8, nullptr, compare_unicase);
  db.exec("PRAGMA ignore_check_constraints = ON");
  // SQLite frees the copy it is handed when the connection closes.
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size() + 1));
  if (copy == nullptr) {
    return bad_package(path, "its collection does not fit in memory");
  }
  std::memcpy(copy, bytes.data(), bytes.size());
  const auto size = static_cast<sqlite3_int64>(bytes.size());
  bytes.clear();
  bytes.shrink_to_fit();
  if (sqlite3_deserialize(handle, "main", copy, size, size + 1,
                          SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
      SQLITE_OK) {
    return bad_package(path, "its collection is not a SQLite database, or a damaged one");
  }
  if (auto why = unplain_schema(db)) return bad_package(path, *why);
  // A header SQLite accepts can still hide damage: look before anything trusts it.
  store::Statement check = db.prepare("PRAGMA quick_check");
  if (!check.step() || check.text(0) != "ok") {
    return bad_package(path, "its collection is not a SQLite database, or a damaged one");
  }
  return db;
}

std::size_t count_rows(store::Database& db, const char* table) {
  store::Statement count = db.prepare(fmt::format("SELECT count(*) FROM {}", table));
  count.step();
  return static_cast<std::size_t>(std::max<std::int64_t>(0, count.integer(0)));
}

// A JSON column of the col table, as JSON; `what` says what it holds in errors.
core::Expected<core::JsonValue> col_json(std::string_view text, const std::string& what,
                                         const std::string& path) {
  if (text.size() > kMaxNotetypeBytes) {
    return bad_package(path, fmt::format("its {} are over {} MiB", what, kMaxNotetypeBytes >> 20));
  }
  core::JsonError error;
  auto value = core::parse_json(text, error);
  if (!value) {
    return bad_package(path, fmt::format("its {} are not JSON: {} at byte {}", what, error.message,
                                         error.offset + 1));
  }
  if (!value->is_object()) {
    return bad_package(path, fmt::format("its {} are not a JSON object", what));
  }
  return std::move(*value);
}

// Schema 11: note types and decks as JSON in the col table.
core::Expected<void> read_json_notetypes(store::Database& db, interchange::AnkiCollection& out,
                                         const std::string& path) {
  store::Statement col = db.prepare("SELECT models, decks FROM col LIMIT 1");
  if (!col.step()) return bad_package(path, "its col table is empty");
  auto models = col_json(col.text_view(0), "note types (col.models)", path);
  if (!models) return models.error();
  for (const auto& [id, model] : models->members) {
    interchange::AnkiNoteType type;
    if (const auto* name = model.find("name"); name && name->is_string()) type.name = name->text;
    if (const auto* kind = model.find("type"); kind && kind->is_number())
      type.cloze = kind->number == 1;
    if (const auto* fields = model.find("flds"); fields && fields->is_array()) {
      std::vector<std::pair<double, std::string>> named;
      for (const auto& field : fields->items) {
        const auto* name = field.find("name");
        const auto* ord = field.find("ord");
        named.emplace_back(
            ord && ord->is_number() ? ord->number : static_cast<double>(named.size()),
            name && name->is_string() ? name->text : std::string());
      }
      std::stable_sort(named.begin(), named.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [ord, name] : named) type.fields.push_back(std::move(name));
    }
    out.notetypes[std::atoll(id.c_str())] = std::move(type);
  }
  auto decks = col_json(col.text_view(1), "decks (col.decks)", path);
  if (!decks) return decks.error();
  for (const auto& [id, deck] : decks->members) {
    if (const auto* name = deck.find("name"); name && name->is_string()) {
      out.decks[std::atoll(id.c_str())] = name->text;
    }
  }
  return {};
}

// Schema 18: note types in a table, each with a protobuf config whose field 1 is its kind
// (1: cloze); their fields' names in the fields table.
void read_table_notetypes(store::Database& db, interchange::AnkiCollection& out) {
  store::Statement types = db.prepare("SELECT id, name, config FROM notetypes");
  while (types.step()) {
    interchange::AnkiNoteType type;
    type.name = types.text(1);
    interchange::ProtoReader config(types.blob_view(2));
    interchange::ProtoField field;
    while (config.next(field)) {
      if (field.number == 1 && field.wire_type == 0) type.cloze = field.value == 1;
    }
    out.notetypes[types.integer(0)] = std::move(type);
  }
  if (has_table(db, "fields")) {
    store::Statement fields = db.prepare("SELECT ntid, name FROM fields ORDER BY ntid, ord");
    while (fields.step()) {
      const auto type = out.notetypes.find(fields.integer(0));
      if (type != out.notetypes.end()) type->second.fields.push_back(fields.text(1));
    }
  }
  store::Statement decks = db.prepare("SELECT id, name FROM decks");
  while (decks.step()) {
    // The newer schema separates a deck path's parts with 0x1f.
    std::string name = decks.text(1);
    std::string path;
    for (const char c : name) {
      if (c == '\x1f') {
        path += "::";
      } else {
        path += c;
      }
    }
    out.decks[decks.integer(0)] = std::move(path);
  }
}

// The notes, cards and review log, each within its budget.
core::Expected<void> read_rows(store::Database& db, interchange::AnkiCollection& out,
                               const std::string& path) {
  const auto over = [&](std::size_t rows, std::size_t limit, const char* what) {
    return bad_package(path, fmt::format("it holds {} {}, more than the {} a package may hold",
                                         rows, what, limit));
  };
  if (const std::size_t n = count_rows(db, "notes"); n > kMaxNotes)
    return over(n, kMaxNotes, "notes");
  if (const std::size_t n = count_rows(db, "cards"); n > kMaxCards)
    return over(n, kMaxCards, "cards");
  if (const std::size_t n = count_rows(db, "revlog"); n > kMaxReviews) {
    return over(n, kMaxReviews, "reviews");
  }
  std::size_t text = 0;
  store::Statement notes = db.prepare("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id");
  while (notes.step()) {
    out.notes.push_back(
        {notes.integer(0), notes.text(1), notes.integer(2), notes.text(3), notes.text(4)});
    text += out.notes.back().tags.size() + out.notes.back().fields.size();
    if (text > kMaxFieldBytes) {
      return bad_package(
          path, fmt::format("its notes hold more than {} MiB of text", kMaxFieldBytes >> 20));
    }
  }
  store::Statement cards =
      db.prepare("SELECT id, nid, did, ord, queue, flags FROM cards ORDER BY id");
  while (cards.step()) {
    out.cards.push_back({cards.integer(0), cards.integer(1), cards.integer(2),
                         static_cast<int>(cards.integer(3)), static_cast<int>(cards.integer(4)),
                         static_cast<int>(cards.integer(5) & 0xFF)});
  }
  store::Statement reviews =
      db.prepare("SELECT id, cid, ease, type, factor, time FROM revlog ORDER BY id");
  while (reviews.step()) {
    out.reviews.push_back(
        {reviews.integer(0), reviews.integer(1), static_cast<int>(reviews.integer(2)),
         static_cast<int>(reviews.integer(3)), reviews.integer(4), reviews.integer(5)});
  }
  return {};
}

}  // namespace

core::Expected<std::vector<std::pair<std::string, std::string>>> read_apkg_media(
    const std::string& path, const std::map<std::string, std::string>& used) {
  std::vector<std::pair<std::string, std::string>> out;
  if (used.empty()) return out;
  ZipReader zip(path);
  if (!zip.open()) return bad_package(path, "it is not a zip archive");
  std::size_t total = 0;
  for (const auto& [name, member] : used) {
    auto bytes = zip.read(member, kMaxMediaFileBytes);
    if (bytes && is_zstd(*bytes)) bytes = unzstd(*bytes, kMaxMediaFileBytes);
    if (!bytes) {
      return bad_package(path, fmt::format("its media file '{}' is unreadable or over {} MiB", name,
                                           kMaxMediaFileBytes >> 20));
    }
    total += bytes->size();
    if (total > kMaxAllMediaBytes) {
      return bad_package(path, fmt::format("its media are over {} MiB", kMaxAllMediaBytes >> 20));
    }
    out.emplace_back(name, std::move(*bytes));
  }
  return out;
}

core::Expected<interchange::AnkiCollection> read_collection(std::string bytes,
                                                            const std::string& path) {
  interchange::AnkiCollection out;
  try {
    auto opened = open_collection(std::move(bytes), path);
    if (!opened) return opened.error();
    store::Database& db = *opened;
    for (const char* table : {"notes", "cards", "revlog"}) {
      if (!has_table(db, table)) return bad_package(path, fmt::format("no '{}' table", table));
    }
    if (has_table(db, "notetypes")) {
      read_table_notetypes(db, out);
    } else if (has_table(db, "col")) {
      if (auto read = read_json_notetypes(db, out, path); !read) return read.error();
    } else {
      return bad_package(path, "no note types");
    }
    if (auto read = read_rows(db, out, path); !read) return read.error();
  } catch (const store::StoreError& error) {
    using Kind = store::StoreError::Kind;
    const bool damaged = error.kind() == Kind::kCorrupt || error.kind() == Kind::kNotADatabase;
    return bad_package(
        path, damaged ? std::string("its collection is not a SQLite database, or "
                                    "a damaged one")
              : std::string_view(error.what()).find("too big") != std::string_view::npos
                  ? fmt::format("a value in its collection is over {} MiB", kMaxValueBytes >> 20)
                  : fmt::format("its collection cannot be read: {}", error.what()));
  }
  return out;
}

core::Expected<interchange::AnkiCollection> read_apkg(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return core::fail(ExitCode::kIoError,
                      fmt::format("cannot read '{}': {}", path,
                                  error ? error.message()
                                  : std::filesystem::exists(path, error)
                                      ? std::string("not a regular file")
                                      : std::string("No such file or directory")));
  }
  ZipReader zip(path);
  if (!zip.open()) return bad_package(path, "it is not a zip archive");
  std::string bytes;
  bool compressed = false;
  for (const char* name : {"collection.anki21b", "collection.anki21", "collection.anki2"}) {
    if (!zip.has(name)) continue;
    auto member = zip.read(name, kMaxCollectionBytes);
    if (!member) {
      return bad_package(path, fmt::format("its {} is unreadable or over {} MiB", name,
                                           kMaxCollectionBytes >> 20));
    }
    bytes = std::move(*member);
    compressed = std::string_view(name).ends_with('b');
    break;
  }
  if (bytes.empty()) return bad_package(path, "it has no collection.anki2, .anki21 or .anki21b");
  if (compressed) {
    auto plain = unzstd(bytes, kMaxCollectionBytes);
    if (!plain) {
      return bad_package(path, fmt::format("its collection.anki21b is not zstd data of at most "
                                           "{} MiB",
                                           kMaxCollectionBytes >> 20));
    }
    bytes = std::move(*plain);
  }
  auto out = read_collection(std::move(bytes), path);
  if (!out) return out.error();
  for (const auto& name : zip.names()) {
    if (!name.starts_with("collection.") && name != "media" && name != "meta") ++out->media;
  }
  out->media_members = media_members(zip);
  return out;
}

}  // namespace quizdeck::cli
