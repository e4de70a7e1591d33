// SPDX-License-Identifier: MIT
// What each fuzzer feeds its input to. The libFuzzer mains (fuzz_*.cc) and the regression
// test (fuzz_regression_test.cc, which replays every saved input) call the same functions,
// so a crash found once stays fixed.
#pragma once

#include <string_view>

namespace quizdeck::fuzz {

// The input is a deck file: parsed, checked, and every card rendered as the sessions do.
void deck_loader(std::string_view input);

// A deck, then a line "%%", then answers one per line: every answer is graded against
// every card of the deck (when the deck is valid), in the deck's order and reversed.
void answer_grader(std::string_view input);

// Scripted answer lines ("@12s B", "?", "", "good", ...) driving a drill, then an exam,
// of a fixed deck with every card type, on an in-memory store.
void scripted_answers(std::string_view input);

// The input is a deck cache blob: 'H' and a header, 'I', a card count (4 bytes, little
// endian) and an index, or 'C' and a chunk of cards. Decoding never crashes, and what
// decodes re-encodes to the same bytes.
void deck_cache_blob(std::string_view input);

// Any bytes, as text on its way out: what visible() makes holds no control character and
// is valid UTF-8 (and stays as it is when shown again); a JSON string of them reads back
// as the same text, bytes that are not UTF-8 replaced.
void shown_text(std::string_view input);

// The input is an exam plan as the store keeps it (session/exam_plan.h): reading never
// crashes, and what reads writes back to text that reads the same.
void exam_plan(std::string_view input);

// Key presses typed into the line editor through a pseudo-terminal (escape sequences,
// Ctrl-W, Ctrl-V, Ctrl-Z, bytes that are not UTF-8 ...): every line the terminal would send
// on as an answer is valid UTF-8 without a control character.
void typed_keys(std::string_view input);

// A GIFT file, then an Aiken file (the same bytes): importing never crashes; a bank with
// no errors makes a deck the deck loader accepts whole, and every entry of it exports to
// GIFT and imports back without an error.
void gift_import(std::string_view input);
void aiken_import(std::string_view input);
void anki_text_import(std::string_view input);
void table_import(std::string_view input);  // CSV, the first row naming the columns
void moodle_xml_import(std::string_view input);
void qti_import(std::string_view input);  // one assessmentItem file

// A results file (analysis/results.h), line by line: reading never crashes, what reads
// writes back to a line that reads the same; the records (each line a learner) go through
// the item analysis of a small deck, whose figures are finite and whose JSON report parses.
void results_analysis(std::string_view input);

// A CSV of answers given elsewhere (analysis/responses.h), read as a paper sheet, a Google
// Forms export and a Moodle Responses report against a deck of every card type: never
// crashes; every learner label is valid UTF-8 as a message shows it; every answer is to a
// card of the deck with a credit from 0 to 1, and writes a results line that reads back;
// every finding renders as valid UTF-8 without control characters (tabs aside, as
// visible() keeps them).
void responses_import(std::string_view input);

// The input is an Anki collection database (an .apkg's collection.anki2, unpacked):
// reading it never crashes; a collection that reads imports as a bank the deck loader
// takes, and its history names only cards that bank made. The same bytes also go through
// the Protocol Buffers reader, which never reads past its input.
void anki_collection(std::string_view input);

// A review-log CSV (card_id,review_time,review_rating,review_state,...): read, turned into
// training items, evaluated and fitted (one epoch); every item predicts a review a day or
// more after its previous one, and every figure and fitted parameter is a finite number.
void review_log(std::string_view input);

// A class database address (a libpq connection string; tests/fuzz/class_address.cc):
// parsing never crashes; the address as shown reads back as the same server, database and
// user with the password masked, a message about it never holds its password, and a
// learner's address built from it keeps the server and database with their own login.
void class_address(std::string_view input);

// A CREATE TABLE statement as sqlite_master may hold it (store/store.h): the reader of its
// CHECK expressions never crashes nor reads past the text, each expression it finds is a
// piece of the text, and one found, written back into a CHECK of its own, reads back as
// itself alone.
void check_expressions(std::string_view input);

// A sync journal (sync/journal.h): a header line, then one event a line. Reading never
// crashes; every line that reads writes back to a line that reads the same; the events
// merge into reviews each held once, none of them undone, in replay order.
void sync_journal(std::string_view input);

}  // namespace quizdeck::fuzz
