// SPDX-License-Identifier: MIT
#include "cli/files/apkg_writer.h"

#include <sqlite3.h>
#include <zip.h>

#include <memory>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "store/sqlite.h"

namespace quizdeck::cli {
namespace {

// Anki's schema 11, as its own rslib/src/storage/schema11.sql has it.
constexpr const char* kSchema11 =
    "CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, "
    "scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, "
    "ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL, "
    "dconf text NOT NULL, tags text NOT NULL);"
    "CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, "
    "mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, "
    "sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);"
    "CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, "
    "ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, "
    "queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT "
    "NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer "
    "NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);"
    "CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, "
    "ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT "
    "NULL, time integer NOT NULL, type integer NOT NULL);"
    "CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);"
    "CREATE INDEX ix_notes_usn ON notes (usn);"
    "CREATE INDEX ix_cards_usn ON cards (usn);"
    "CREATE INDEX ix_revlog_usn ON revlog (usn);"
    "CREATE INDEX ix_cards_nid ON cards (nid);"
    "CREATE INDEX ix_cards_sched ON cards (did, queue, due);"
    "CREATE INDEX ix_revlog_cid ON revlog (cid);"
    "CREATE INDEX ix_notes_csum ON notes (csum);";

// The collection database's bytes.
std::string collection_bytes(const interchange::ApkgPackage& p) {
  store::Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db.exec(kSchema11);
  db.exec("BEGIN");
  db.prepare("INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')")
      .bind(1, p.created_s)
      .bind(2, p.mod_ms)
      .bind(3, p.conf)
      .bind(4, p.models)
      .bind(5, p.decks)
      .bind(6, p.deck_options)
      .run();
  store::Statement note =
      db.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')");
  for (const auto& n : p.notes) {
    note.bind(1, n.id)
        .bind(2, n.guid)
        .bind(3, n.notetype)
        .bind(4, n.mod)
        .bind(5, n.tags)
        .bind(6, n.fields)
        .bind(7, n.sort_field)
        .bind(8, static_cast<std::int64_t>(n.checksum))
        .run();
  }
  store::Statement card = db.prepare(
      "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, -1, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, "
      "0, ?14, ?15)");
  for (const auto& c : p.cards) {
    card.bind(1, c.id)
        .bind(2, c.note)
        .bind(3, c.deck)
        .bind(4, c.ord)
        .bind(5, p.mod_ms / 1000)
        .bind(6, c.type)
        .bind(7, c.queue)
        .bind(8, c.due)
        .bind(9, c.interval)
        .bind(10, c.factor)
        .bind(11, c.reps)
        .bind(12, c.lapses)
        .bind(13, c.left)
        .bind(14, c.flags)
        .bind(15, c.data)
        .run();
  }
  store::Statement review =
      db.prepare("INSERT INTO revlog VALUES (?1, ?2, -1, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (const auto& r : p.revlog) {
    review.bind(1, r.id)
        .bind(2, r.card)
        .bind(3, r.ease)
        .bind(4, r.interval)
        .bind(5, r.last_interval)
        .bind(6, r.factor)
        .bind(7, r.time)
        .bind(8, r.type)
        .run();
  }
  db.exec("COMMIT");
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db.handle(), "main", &size, 0);
  if (bytes == nullptr) throw store::StoreError(store::StoreError::Kind::kIo, "out of memory");
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  return out;
}

// A zip archive made in memory.
std::optional<std::string> zip_bytes(
    const std::vector<std::pair<std::string, const std::string*>>& members) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) return std::nullopt;
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    return std::nullopt;
  }
  zip_source_keep(buffer);  // read back after the archive is closed
  for (const auto& [name, content] : members) {
    zip_source_t* source = zip_source_buffer(archive, content->data(), content->size(), 0);
    if (source == nullptr ||
        zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (source != nullptr) zip_source_free(source);
      zip_discard(archive);
      zip_source_free(buffer);
      return std::nullopt;
    }
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    return std::nullopt;
  }
  std::string out;
  zip_stat_t stat;
  if (zip_source_stat(buffer, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0 &&
      zip_source_open(buffer) == 0) {
    out.resize(stat.size);
    const zip_int64_t got = zip_source_read(buffer, out.data(), stat.size);
    zip_source_close(buffer);
    if (got != static_cast<zip_int64_t>(stat.size)) out.clear();
  }
  zip_source_free(buffer);
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

core::Expected<std::string> apkg_bytes(const interchange::ApkgPackage& package,
                                       const interchange::MediaFiles& media) {
  std::string collection;
  try {
    collection = collection_bytes(package);
  } catch (const store::StoreError& error) {
    return core::fail(ExitCode::kInternal,
                      fmt::format("cannot make the package's collection: {}", error.what()));
  }
  std::vector<std::pair<std::string, const std::string*>> members{
      {"collection.anki2", &collection}};
  core::JsonWriter map;
  map.begin_object();
  std::vector<std::string> numbers;
  numbers.reserve(package.media.size());
  for (std::size_t i = 0; i < package.media.size(); ++i) {
    const auto& [name, path] = package.media[i];
    numbers.push_back(std::to_string(i));
    map.key(numbers.back()).value(name);
  }
  map.end_object();
  const std::string media_map = map.take();
  members.emplace_back("media", &media_map);
  for (std::size_t i = 0; i < package.media.size(); ++i) {
    members.emplace_back(numbers[i], &media.at(package.media[i].second));
  }
  auto zipped = zip_bytes(members);
  if (!zipped) return core::fail(ExitCode::kInternal, "cannot make the package's zip archive");
  return std::move(*zipped);
}

}  // namespace quizdeck::cli
