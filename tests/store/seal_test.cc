// SPDX-License-Identifier: MIT
// The seal a writer leaves at a clean close (store.cc says why it is safe): written only
// when every change to the file since a check or a seal vouched for it was the writer's
// own, and taken away when damage is met.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "store/store.h"
#include "store/store_file.h"
#include "support/process.h"

namespace quizdeck::store {
namespace {

namespace fs = std::filesystem;

struct SealDir {
  fs::path path = fs::temp_directory_path() / ("quizdeck-seal-test-" + std::to_string(::getpid()));
  SealDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~SealDir() { fs::remove_all(path); }
};

// A store with a deck of a few cards, left alone long enough for its check to seal it,
// then opened once (checked, sealed) and closed after a write.
std::string sealed_store(const SealDir& dir) {
  const std::string path = (dir.path / "s.db").string();
  {
    Store store = Store::open(path);
    store.sync_deck({"d", "Deck", "/d.yaml", 1}, {{"a", "A?"}, {"b", "B?"}, {"c", "C?"}}, 1);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // kRacyMarginNs
  {
    Store store = Store::open(path);
    store.set_setting("", "retention", "0.9");
  }
  return path;
}

bool sealed(const std::string& path) {
  const auto identity = identity_at(path);
  return identity && seal_holds(path, *identity);
}

// Rewrites one byte of the file with its own value: the content stays sound, the file's
// times move, as for any write by another program.
void touch_in_place(const std::string& path, std::int64_t offset) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekg(offset);
  char byte = 0;
  file.read(&byte, 1);
  file.seekp(offset);
  file.write(&byte, 1);
  file.flush();
  REQUIRE(file.good());
}

}  // namespace

TEST_CASE("seal: a writer that opened a sound store seals it at a clean close") {
  SealDir dir;
  const std::string path = sealed_store(dir);
  CHECK(sealed(path));
  CHECK(test::read_text_file(path + ".seal").find(" closed") != std::string::npos);
  // And again after the next write, right after: no check needed in between.
  {
    Store store = Store::open(path);
    store.set_setting("", "retention", "0.8");
  }
  CHECK(sealed(path));
}

TEST_CASE("seal: a seal that does not say the schema was compared vouches for nothing") {
  const SealDir dir;
  const std::string path = sealed_store(dir);
  REQUIRE(sealed(path));
  // As earlier builds wrote it: sealed after the quick check, even when the schema
  // comparison then refused the store.
  std::string text = test::read_text_file(path + ".seal");
  const auto word = text.find(" schema");
  REQUIRE(word != std::string::npos);
  text.erase(word, 7);
  std::ofstream(path + ".seal", std::ios::trunc) << text;
  CHECK_FALSE(sealed(path));
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // kRacyMarginNs
  { Store store = Store::open(path); }                           // checked again, sealed again
  CHECK(sealed(path));
}

TEST_CASE("seal: a change by another program during the session leaves the store unsealed") {
  SealDir dir;
  const std::string path = sealed_store(dir);
  {
    Store store = Store::open(path);
    store.set_setting("", "retention", "0.8");
    touch_in_place(path, 4096);
  }
  CHECK_FALSE(sealed(path));
  // The next open checks it (sound here) instead.
  CHECK_NOTHROW(Store::open(path));
}

TEST_CASE("seal: another connection's commit during the session leaves the store unsealed") {
  SealDir dir;
  const std::string path = sealed_store(dir);
  {
    Store store = Store::open(path);
    {
      Store other = Store::open(path);
      other.set_setting("", "fuzz", "off");
      store.set_setting("", "retention", "0.8");
    }
  }
  CHECK_FALSE(sealed(path));
}

TEST_CASE("seal: a change after the close is seen on the next open") {
  SealDir dir;
  const std::string path = sealed_store(dir);
  touch_in_place(path, 4096);
  CHECK_FALSE(sealed(path));
}

TEST_CASE("seal: damage met while reading takes the seal away") {
  SealDir dir;
  const std::string path = sealed_store(dir);
  REQUIRE(sealed(path));
  {
    Store store = Store::open(path);
    // Damage after the open: the cards table's root page scribbled.
    std::int64_t root = 0;
    {
      Statement query =
          store.database().prepare("SELECT rootpage FROM sqlite_master WHERE name = 'cards'");
      REQUIRE(query.step());
      root = query.integer(0);
    }
    {
      std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
      file.seekp((root - 1) * 4096);
      for (int i = 0; i < 1024; ++i) file.write("\xde\xad\xbe\xef", 4);
    }
    // As if the damage had left the file's times alone (a disk's bit rot): the seal
    // vouches for the damaged file.
    seal_after_close(path);
    REQUIRE(sealed(path));
    CHECK_THROWS_AS(store.cards(std::string("d")), StoreError);
  }
  CHECK_FALSE(fs::exists(path + ".seal"));
  CHECK_THROWS_AS(Store::open(path), StoreError);
}

}  // namespace quizdeck::store
