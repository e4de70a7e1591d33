// SPDX-License-Identifier: MIT
#include "cli/files/apkg_package.h"

#include <zstd.h>

#include <filesystem>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "cli/files/zip_file.h"
#include "core/json.h"
#include "interchange/protobuf.h"
#include "store/sqlite.h"

namespace quizdeck::cli {
namespace {

// The largest collection read (decompressed), and the largest compressed member.
constexpr std::size_t kMaxCollectionBytes = 1024ULL * 1024 * 1024;

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

constexpr std::size_t kMaxMediaBytes = 16ULL * 1024 * 1024;
constexpr std::size_t kMaxAllMediaBytes = 256ULL * 1024 * 1024;

bool is_zstd(std::string_view bytes) {
  return bytes.starts_with("\x28\xb5\x2f\xfd");
}

// The package's `media` list: JSON {"0": "name.jpg", ...} in older packages; in newer ones
// zstd-compressed Protocol Buffers, MediaEntries { repeated MediaEntry entries = 1 } with
// MediaEntry { string name = 1; ...; uint32 legacy_zip_filename = 255 }, the member named
// by that number or else by the entry's place.
std::map<std::string, std::string> media_members(const ZipReader& zip) {
  std::map<std::string, std::string> out;
  auto list = zip.read("media", kMaxMediaBytes);
  if (!list) return out;
  if (is_zstd(*list)) {
    auto plain = unzstd(*list, kMaxMediaBytes);
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
      if (!name.empty()) out[name] = member;
    }
    return out;
  }
  core::JsonError error;
  if (const auto map = core::parse_json(*list, error); map && map->is_object()) {
    for (const auto& [member, name] : map->members) {
      if (name.is_string() && !name.text.empty()) out[name.text] = member;
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

// Schema 11: note types and decks as JSON in the col table.
void read_json_notetypes(store::Database& db, interchange::AnkiCollection& out,
                         const std::string& path) {
  store::Statement col = db.prepare("SELECT models, decks FROM col LIMIT 1");
  if (!col.step()) return;
  core::JsonError error;
  if (const auto models = core::parse_json(col.text_view(0), error);
      models && models->is_object()) {
    for (const auto& [id, model] : models->members) {
      interchange::AnkiNoteType type;
      if (const auto* name = model.find("name"); name && name->is_string()) type.name = name->text;
      if (const auto* kind = model.find("type"); kind && kind->is_number())
        type.cloze = kind->number == 1;
      out.notetypes[std::atoll(id.c_str())] = std::move(type);
    }
  } else {
    throw store::StoreError(store::StoreError::Kind::kCorrupt,
                            fmt::format("'{}': its note types are not JSON", path));
  }
  if (const auto decks = core::parse_json(col.text_view(1), error); decks && decks->is_object()) {
    for (const auto& [id, deck] : decks->members) {
      if (const auto* name = deck.find("name"); name && name->is_string()) {
        out.decks[std::atoll(id.c_str())] = name->text;
      }
    }
  }
}

// Schema 18: note types in a table, each with a protobuf config whose field 1 is its kind
// (1: cloze).
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

}  // namespace

core::Expected<std::vector<std::pair<std::string, std::string>>> read_apkg_media(
    const std::string& path, const std::map<std::string, std::string>& used) {
  std::vector<std::pair<std::string, std::string>> out;
  if (used.empty()) return out;
  ZipReader zip(path);
  if (!zip.open()) return bad_package(path, "it is not a zip archive");
  std::size_t total = 0;
  for (const auto& [name, member] : used) {
    auto bytes = zip.read(member, kMaxMediaBytes);
    if (bytes && is_zstd(*bytes)) bytes = unzstd(*bytes, kMaxMediaBytes);
    if (!bytes) {
      return bad_package(path, fmt::format("its media file '{}' is unreadable or over {} MiB", name,
                                           kMaxMediaBytes >> 20));
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
    store::Database db = store::Database::from_bytes(bytes);
    bytes.clear();
    bytes.shrink_to_fit();  // SQLite holds its own copy
    for (const char* table : {"notes", "cards", "revlog"}) {
      if (!has_table(db, table)) return bad_package(path, fmt::format("no '{}' table", table));
    }
    if (has_table(db, "notetypes")) {
      read_table_notetypes(db, out);
    } else if (has_table(db, "col")) {
      read_json_notetypes(db, out, path);
    } else {
      return bad_package(path, "no note types");
    }
    store::Statement notes = db.prepare("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id");
    while (notes.step()) {
      out.notes.push_back(
          {notes.integer(0), notes.text(1), notes.integer(2), notes.text(3), notes.text(4)});
    }
    store::Statement cards = db.prepare("SELECT id, nid, did, ord FROM cards ORDER BY id");
    while (cards.step()) {
      out.cards.push_back({cards.integer(0), cards.integer(1), cards.integer(2),
                           static_cast<int>(cards.integer(3))});
    }
    store::Statement reviews =
        db.prepare("SELECT id, cid, ease, type, factor, time FROM revlog ORDER BY id");
    while (reviews.step()) {
      out.reviews.push_back(
          {reviews.integer(0), reviews.integer(1), static_cast<int>(reviews.integer(2)),
           static_cast<int>(reviews.integer(3)), reviews.integer(4), reviews.integer(5)});
    }
  } catch (const store::StoreError& error) {
    using Kind = store::StoreError::Kind;
    const bool damaged = error.kind() == Kind::kCorrupt || error.kind() == Kind::kNotADatabase;
    return bad_package(path, damaged
                                 ? std::string("its collection is not a SQLite database, or "
                                               "a damaged one")
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
