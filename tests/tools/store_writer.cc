// SPDX-License-Identifier: MIT
// Test helper that writes to a store through the store library, as a session will:
//   store_writer STORE script FILE      apply JSON Lines ops (fixtures for golden tests):
//     {"op":"deck","id":"crss","title":"T","path":"crss.yaml","now":"2026-01-01T09:00:00Z",
//      "cards":[["card-id","prompt"],...]}
//     {"op":"review","deck":"crss","card":"c1","t":"2026-01-01T09:00:00Z","rating":3,
//      "correct":true,"answer":"A","ms":1500,"mode":"drill","scheduled":true}
//     {"op":"raw","sql":"..."}            (to damage a store on purpose)
//   store_writer STORE damage
//     overwrites cells of the review log's first page, as a failing disk might
//   store_writer STORE burst DECK CARD COUNT [START_MS]
//     COUNT reviews of one card, one transaction each; prints "ack <review id>" and flushes
//     after every commit, so a test can kill it and know what was acknowledged.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "core/json.h"
#include "core/time.h"
#include "schedule/fsrs.h"
#include "session/card_state.h"
#include "store/store.h"

namespace {

using quizdeck::core::JsonValue;
namespace store = quizdeck::store;
namespace schedule = quizdeck::schedule;

std::int64_t time_of(const JsonValue& value) {
  if (value.is_number()) return static_cast<std::int64_t>(value.number);
  return *quizdeck::core::parse_iso8601(value.text);
}

void review(store::Store& db, const std::string& deck, const std::string& card, std::int64_t time,
            int rating, bool correct, const std::string& answer, std::int64_t ms,
            const std::string& mode, bool scheduled) {
  const auto parameters = quizdeck::session::parameters_for_deck(db, deck);
  if (!parameters) {
    std::cerr << "store_writer: " << parameters.error().message() << "\n";
    std::exit(2);
  }
  const schedule::Scheduler scheduler(*parameters);
  if (!db.card(deck, card)) {
    std::cerr << "store_writer: no card " << deck << "/" << card << "\n";
    std::exit(2);
  }
  store::ReviewRecord record;
  record.time_ms = time;
  record.deck_id = deck;
  record.card_id = card;
  record.rating = static_cast<quizdeck::core::Rating>(rating);
  record.correct = correct;
  record.answer = answer;
  record.response_ms = ms;
  record.mode = quizdeck::core::parse_mode(mode).value_or(quizdeck::core::ReviewMode::kDrill);
  record.scheduled = scheduled;
  const std::int64_t id = db.record_review(record, [&](const store::CardRecord& current) {
                              const auto next =
                                  scheduler.next(quizdeck::session::to_schedule(current), time,
                                                 static_cast<schedule::Rating>(rating));
                              if (!next) {
                                std::cerr << "store_writer: " << next.error().message() << "\n";
                                std::exit(2);
                              }
                              return std::optional(quizdeck::session::with_state(current, *next));
                            }).review_id;
  std::printf("ack %lld\n", static_cast<long long>(id));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: store_writer STORE script FILE | burst DECK CARD COUNT [START_MS]\n";
    return 2;
  }
  if (std::string(argv[2]) == "damage") {
    // Find the first page of the review log, then scribble over its cells.
    std::int64_t page = 0;
    {
      store::Database db(argv[1], SQLITE_OPEN_READONLY);
      store::Statement query =
          db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'reviews'");
      if (query.step()) page = query.integer(0);
    }
    std::fstream file(argv[1], std::ios::in | std::ios::out | std::ios::binary);
    file.seekp((page - 1) * 4096 + 8);
    for (int i = 0; i < 48; ++i) file.write("\xde\xad\xbe\xef", 4);
    return page > 0 && file ? 0 : 1;
  }
  try {
    store::Store db = store::Store::open(argv[1]);
    const std::string mode = argv[2];
    if (mode == "burst" && argc >= 6) {
      const std::int64_t count = std::atoll(argv[5]);
      std::int64_t time = argc >= 7 ? std::atoll(argv[6]) : 1767258000000;
      for (std::int64_t i = 0; i < count; ++i) {
        review(db, argv[3], argv[4], time, 3, true, "burst", 1000, "drill", true);
        time += 60'000;
      }
      return 0;
    }
    if (mode != "script" || argc < 4) return 2;
    std::ifstream in(argv[3]);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      quizdeck::core::JsonError error;
      const auto op = quizdeck::core::parse_json(line, error);
      if (!op) {
        std::cerr << "store_writer: bad line: " << error.message << "\n";
        return 2;
      }
      const std::string kind = op->find("op")->text;
      if (kind == "deck") {
        std::vector<store::CardSeen> cards;
        for (const auto& card : op->find("cards")->items) {
          cards.push_back({card.items[0].text, card.items[1].text});
        }
        const std::int64_t now = time_of(*op->find("now"));
        db.sync_deck({op->find("id")->text, op->find("title")->text, op->find("path")->text, now},
                     cards, now);
      } else if (kind == "review") {
        const auto flag = [&](const char* key, bool fallback) {
          const JsonValue* v = op->find(key);
          return v ? v->boolean : fallback;
        };
        const JsonValue* answer = op->find("answer");
        const JsonValue* ms = op->find("ms");
        const JsonValue* mode_value = op->find("mode");
        review(db, op->find("deck")->text, op->find("card")->text, time_of(*op->find("t")),
               static_cast<int>(op->find("rating")->number), flag("correct", true),
               answer ? answer->text : "", ms ? static_cast<std::int64_t>(ms->number) : 1000,
               mode_value ? mode_value->text : "drill", flag("scheduled", true));
      } else if (kind == "raw") {
        db.database().exec(op->find("sql")->text);
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "store_writer: " << e.what() << "\n";
    return 1;
  }
}
