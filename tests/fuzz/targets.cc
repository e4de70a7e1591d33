// SPDX-License-Identifier: MIT
#include "fuzz/targets.h"

#include "session/exam_plan.h"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "analysis/item_analysis.h"
#include "analysis/responses.h"
#include "analysis/results.h"
#include "cli/files/apkg_package.h"
#include "cli/files/revlog_csv.h"
#include "core/diagnostic.h"
#include "core/json.h"
#include "core/json_writer.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "deck/deck_codec.h"
#include "deck/item_checks.h"
#include "deck/parse_deck.h"
#include "grade/grade.h"
#include "interchange/aiken.h"
#include "interchange/anki_text.h"
#include "interchange/apkg.h"
#include "interchange/finish.h"
#include "interchange/gift.h"
#include "interchange/moodle_xml.h"
#include "interchange/protobuf.h"
#include "interchange/qti.h"
#include "interchange/table.h"
#include "optimize/evaluate.h"
#include "optimize/pretrain.h"
#include "optimize/train.h"
#include "schedule/fsrs.h"
#include "session/script.h"
#include "session/session.h"
#include "session/session_text.h"
#include "store/store.h"
#include "support/pty.h"
#include "sync/journal.h"
#include "sync/merge.h"
#include "term/line_editor.h"

namespace quizdeck::fuzz {
namespace {

// A property the harness checks; a violation aborts, which libFuzzer reports as a crash.
void expect(bool condition) {
  if (!condition) std::abort();
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// Every choice of every card in the order given, and reversed.
std::vector<std::vector<std::size_t>> orders(const deck::Card& card) {
  std::vector<std::size_t> order(card.choices.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<std::size_t> reversed(order.rbegin(), order.rend());
  return {order, reversed};
}

constexpr std::string_view kSessionDeck = R"(title: Fuzz
id: fuzz
cards:
  - question: Capital of Australia?
    choices: [Sydney, Canberra, Melbourne]
    answer: Canberra
    hint: not the largest city
  - question: Pick the primes
    choices: ["2", "3", "4", "9"]
    answer: ["2", "3"]
  - question: The sky is green.
    answer: false
  - question: Chemical symbol for gold?
    answer: [Au]
    match: fuzzy
  - question: Pi to two places?
    answer: 3.14
    tolerance: 0.005
  - front: Hund
    back: dog
  - cloze: "{{Canberra}} is the capital of {{Australia}}."
)";

}  // namespace

void deck_loader(std::string_view input) {
  deck::DeckParse parse = deck::parse_deck("fuzz.yaml", input);
  for (const auto& diagnostic : parse.diagnostics) {
    expect(!core::render_text(diagnostic).empty());
    expect(!core::render_json(diagnostic).empty());
  }
  // The item-writing checks read whatever text a deck holds, a rejected one's too.
  for (const deck::Deck* read :
       {parse.deck ? &*parse.deck : nullptr, parse.rejected ? &*parse.rejected : nullptr}) {
    if (read == nullptr) continue;
    for (const auto& finding : deck::item_findings(*read)) {
      expect(finding.message.ends_with("[" + std::string(finding.rule) + "]"));
    }
  }
  if (!parse.deck) return;
  std::vector<core::Diagnostic> warnings;
  for (const auto& d : parse.diagnostics) {
    expect(d.severity != core::Severity::kError);
    warnings.push_back(d);
  }
  for (const auto& card : parse.deck->cards) {
    session::Question question;
    question.deck = &*parse.deck;
    question.card = &card;
    question.order = orders(card).front();
    expect(!session::question_lines(question).empty());
    (void)session::answer_hint(question);
    (void)grade::expected_answer(card);
    (void)grade::fast_threshold_ms(card);
  }
  // What the deck cache would store comes back the same, header and chunks; the header's
  // index finds every card.
  const deck::EncodedDeck encoded = deck::encode_deck(*parse.deck, warnings);
  const auto decoded = deck::decode_deck(encoded);
  expect(decoded.has_value());
  const deck::EncodedDeck again = deck::encode_deck(decoded->deck, decoded->warnings);
  expect(again.header == encoded.header && again.chunks == encoded.chunks);
  const auto header = deck::decode_header(encoded.header);
  expect(header.has_value() && header->cards == parse.deck->cards.size());
  const auto index = deck::decode_index(encoded.index, parse.deck->cards.size());
  expect(index.has_value());
  for (std::size_t i = 0; i < parse.deck->cards.size(); ++i) {
    expect(index->find(parse.deck->cards.id(i)) == i);
  }
}

void answer_grader(std::string_view input) {
  const auto split = input.find("\n%%\n");
  const std::string_view deck_text = input.substr(0, split);
  const std::string_view answers =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 4);
  const deck::DeckParse parse = deck::parse_deck("fuzz.yaml", deck_text);
  if (!parse.deck) return;
  for (const auto line : split_lines(answers)) {
    for (const auto& card : parse.deck->cards) {
      if (card.type == deck::CardType::kFlash) continue;
      for (const auto& order : orders(card)) {
        const grade::Grade grade = grade::grade_answer(card, line, order);
        expect(grade.credit >= 0 && grade.credit <= 1);
        for (const auto picked : grade.picked) expect(picked < card.choices.size());
        expect((grade.verdict == grade::Verdict::kInvalid) == !grade.problem.empty());
        const int rating = static_cast<int>(
            grade::rating_for(grade.verdict, false, 1000, grade::fast_threshold_ms(card)));
        expect(rating >= 1 && rating <= 4);
      }
    }
    (void)grade::parse_number(line);
    (void)grade::allowed_typos(line);
  }
}

void scripted_answers(std::string_view input) {
  static const deck::Deck fuzz_deck = *deck::parse_deck("fuzz.yaml", kSessionDeck).deck;
  const std::vector<std::string_view> lines = split_lines(input);
  for (const session::Mode mode : {session::Mode::kDrill, session::Mode::kExam}) {
    store::Store store = store::Store::open_memory();
    std::map<std::string, schedule::Scheduler> schedulers;
    schedulers.emplace(fuzz_deck.id, schedule::Scheduler{schedule::Parameters{}});
    session::SessionOptions options;
    options.mode = mode;
    options.repeat_wrong = true;
    std::int64_t now = 1'790'000'000'000;
    session::Session session({fuzz_deck}, store, schedulers, options, now);
    std::size_t at = 0;
    while (at < lines.size()) {
      const auto question = session.next(now);
      if (!question) break;
      bool used_hint = false;
      while (at < lines.size()) {
        const session::ScriptLine script = session::parse_script_line(std::string(lines[at++]));
        if (script.took_ms) {
          expect(*script.took_ms >= 0);
          now += *script.took_ms;
        }
        if (script.text == "?") {
          used_hint = true;
          continue;
        }
        session::Answer answer;
        answer.used_hint = used_hint;
        answer.response_ms = script.took_ms;
        answer.skip = script.text.empty();
        if (question->card->type == deck::CardType::kFlash) {
          if (const auto rating = schedule::parse_rating(script.text)) {
            answer.rating = *rating;
          }
        }
        answer.text = script.text;
        const session::Result result = session.answer(*question, answer, now);
        if (result.grade.verdict == grade::Verdict::kInvalid) continue;
        (void)session::feedback_lines(result);
        if (script.text == "u") session.undo();
        break;
      }
    }
    (void)session::summary_lines(session.finish(now), session.next_due(now));
  }
}

void deck_cache_blob(std::string_view input) {
  // The first byte says what the rest is: 'H' a header, 'I' a card count (u32, little
  // endian) and an index of that many cards, 'C' a chunk of cards. What decodes re-encodes
  // to the same bytes.
  if (input.empty()) return;
  const char kind = input.front();
  input.remove_prefix(1);
  if (kind == 'H') {
    if (auto header = deck::decode_header(input)) {
      // A deck of that many cards (its cards say nothing to the header but their number).
      if (header->cards > 4096) return;
      deck::Deck deck = header->deck;
      for (std::size_t i = 0; i < header->cards; ++i) {
        deck::Card card;
        card.id = "c" + std::to_string(i);
        deck.cards.push_back(std::move(card));
      }
      expect(deck::encode_deck(deck, header->warnings).header == input);
    }
  } else if (kind == 'I' && input.size() >= 4) {
    std::uint32_t count = 0;
    for (int i = 0; i < 4; ++i) {
      count |=
          static_cast<std::uint32_t>(static_cast<unsigned char>(input[static_cast<std::size_t>(i)]))
          << (8 * i);
    }
    input.remove_prefix(4);
    if (auto index = deck::decode_index(std::string(input), count)) {
      // A deck whose cards have only the ids and tags the index gives.
      deck::Deck deck;
      for (std::size_t i = 0; i < index->size(); ++i) {
        deck::Card card;
        card.id = std::string(index->id(i));
        std::vector<std::string_view> tags;
        index->tags(i, tags);
        for (const auto tag : tags) card.tags.emplace_back(tag);
        expect(index->find(card.id) == i);
        deck.cards.push_back(std::move(card));
      }
      expect(deck::encode_deck(deck, {}).index == input);
    }
  } else if (kind == 'C') {
    if (auto cards = deck::decode_chunk(input)) {
      deck::Deck deck;
      for (auto& card : *cards) deck.cards.push_back(std::move(card));
      const auto encoded = deck::encode_deck(deck, {});
      expect(encoded.chunks.size() == 1 && encoded.chunks[0] == input);
    }
  }
}

void shown_text(std::string_view input) {
  for (const core::Lines lines : {core::Lines::kKeep, core::Lines::kShow}) {
    const std::string shown = core::visible(input, lines);
    expect(!core::find_invalid_utf8(shown));
    expect(!core::find_control(shown));
    expect(lines == core::Lines::kKeep || shown.find('\n') == std::string::npos);
    expect(core::visible(shown, lines) == shown);
    expect(core::needs_visible(input, lines) == (shown != input));
  }
  const std::string quoted = core::json_quote(input);
  expect(!core::find_invalid_utf8(quoted));
  core::JsonError error;
  const auto parsed = core::parse_json(quoted, error);
  expect(parsed.has_value() && parsed->is_string());
  expect(parsed->text == core::valid_utf8(input));
}

void exam_plan(std::string_view input) {
  const auto plan = session::read_exam_plan(input);
  if (!plan) return;
  const std::string text = session::write_exam_plan(*plan);
  const auto again = session::read_exam_plan(text);
  expect(again.has_value());
  expect(session::write_exam_plan(*again) == text);
}

void typed_keys(std::string_view input) {
  // As a session has it: the editor starts on the terminal as found, then it goes raw.
  static const test::Pty pty = test::open_pty();
  static term::LineEditor editor(pty.slave, pty.slave);
  static const bool raw = (test::make_raw(pty), true);
  (void)raw;
  // Within what the terminal's input queue holds at once.
  input = input.substr(0, 2000);
  ::tcflush(pty.slave, TCIFLUSH);
  for (std::size_t at = 0; at < input.size();) {
    const auto written = ::write(pty.master, input.data() + at, input.size() - at);
    expect(written > 0);
    at += static_cast<std::size_t>(written);
  }
  term::LineEditor::Options options;
  options.instant = "?";
  options.tick_ms = 5;
  options.time_up = [] { return true; };  // the first pause ends the input
  for (int reads = 0; reads < 10'000; ++reads) {
    const term::LineEditor::Read read = editor.read(options);
    options.initial.clear();
    using Kind = term::LineEditor::Read::Kind;
    if (read.kind == Kind::kTimeUp || read.kind == Kind::kEnd || read.kind == Kind::kHangup) {
      break;
    }
    if (read.kind == Kind::kSuspend || read.kind == Kind::kRedraw) {
      options.initial = read.text;
      continue;
    }
    if (read.kind != Kind::kLine) continue;
    const session::Action action = session::typed_line(read.text, true);
    if (action.kind == session::Action::Kind::kAnswer) {
      expect(!core::find_invalid_utf8(action.text));
      expect(!core::find_control(action.text));
      editor.remember(action.text);
    } else if (action.kind == session::Action::Kind::kInvalid) {
      expect(!action.text.empty());
    }
  }
}

namespace {

// A bank without errors makes a deck the loader takes whole; that deck goes out as GIFT
// and comes back in without an error.
void check_bank(interchange::Bank bank) {
  for (const auto& d : bank.diagnostics) {
    if (d.severity == core::Severity::kError) return;  // malformed input: reported, no deck
    (void)core::render_text(d);
  }
  const interchange::DeckText text = interchange::finish_deck(bank, "bank", {"fuzz"});
  if (bank.entries.empty()) return;
  const deck::DeckParse parse = deck::parse_deck("imported.yaml", text.yaml);
  expect(parse.deck.has_value());
  std::vector<deck::Card> cards(parse.deck->cards.begin(), parse.deck->cards.end());
  const auto exported = interchange::export_gift(interchange::entries_of(cards, {}), "deck");
  const core::SourceText again("exported.gift", exported.text);
  for (const auto& d : interchange::import_gift(again).diagnostics) {
    expect(d.severity != core::Severity::kError);
  }
}

}  // namespace

void gift_import(std::string_view input) {
  check_bank(interchange::import_gift(core::SourceText("bank.gift", std::string(input))));
}

void aiken_import(std::string_view input) {
  check_bank(interchange::import_aiken(core::SourceText("bank.txt", std::string(input))));
}

void anki_text_import(std::string_view input) {
  check_bank(interchange::import_anki_text(core::SourceText("notes.txt", std::string(input))));
}

namespace {

// A deck's cards, and their entries as an export takes them.
struct Loaded {
  std::vector<std::string> ids;
  std::vector<std::string> prompts;
  std::vector<interchange::Entry> entries;
};

std::optional<Loaded> load_bank(interchange::Bank& bank) {
  const interchange::DeckText text = interchange::finish_deck(bank, "bank", {"fuzz"});
  // What the import counted adds up, whatever the deck loader left out after it.
  expect(bank.questions == static_cast<int>(bank.entries.size()) + bank.skipped);
  if (bank.entries.empty()) return std::nullopt;
  const deck::DeckParse parse = deck::parse_deck("imported.yaml", text.yaml);
  expect(parse.deck.has_value());
  Loaded loaded;
  std::vector<deck::Card> cards(parse.deck->cards.begin(), parse.deck->cards.end());
  for (const auto& card : cards) {
    loaded.ids.push_back(card.id);
    loaded.prompts.push_back(card.prompt);
  }
  loaded.entries = interchange::entries_of(cards, {});
  return loaded;
}

// A Moodle XML file or a QTI item: refused whole, or every question imported or left out
// (each malformed one with one error), the counts adding up; what came in makes a deck
// the loader takes whole, which goes out through the same format and comes back without
// an error, every card with its id (and its prompt, when the export reported nothing).
void check_xml_bank(core::Expected<interchange::Bank> imported, bool qti) {
  if (!imported) {
    (void)core::render_text(imported.error().diagnostic);
    return;
  }
  interchange::Bank& bank = *imported;
  int errors = 0;
  for (const auto& d : bank.diagnostics) {
    errors += d.severity == core::Severity::kError ? 1 : 0;
    (void)core::render_text(d);
  }
  expect(errors == bank.malformed);
  expect(bank.questions == static_cast<int>(bank.entries.size()) + bank.skipped);
  const auto first = load_bank(bank);
  if (!first) return;
  const interchange::Exported exported =
      qti ? interchange::export_qti(first->entries, "deck.yaml", "deck", "Deck")
          : interchange::export_moodle_xml(first->entries, "deck.yaml", "Deck");
  interchange::Bank again;
  if (qti) {
    std::vector<core::SourceText> items;
    for (const auto& [name, content] : exported.files) {
      if (name != "imsmanifest.xml") items.emplace_back(name, content);
    }
    again = interchange::import_qti(items);
  } else {
    auto back = interchange::import_moodle_xml(core::SourceText("exported.xml", exported.text));
    expect(back.has_value());
    again = std::move(*back);
  }
  expect(again.malformed == 0);
  const auto second = load_bank(again);
  expect(second.has_value() && second->ids == first->ids);
  if (exported.notes.empty()) expect(second->prompts == first->prompts);
}

}  // namespace

void moodle_xml_import(std::string_view input) {
  check_xml_bank(interchange::import_moodle_xml(core::SourceText("bank.xml", std::string(input))),
                 false);
}

void qti_import(std::string_view input) {
  check_xml_bank(interchange::import_qti_item(core::SourceText("item.xml", std::string(input))),
                 true);
}

void table_import(std::string_view input) {
  check_bank(interchange::import_table(core::SourceText("bank.csv", std::string(input)), ',', {}));
}

void anki_collection(std::string_view input) {
  constexpr std::int64_t kFuzzNowMs = 1'800'000'000'000;  // 2027
  interchange::ProtoReader proto(input);
  interchange::ProtoField field;
  while (proto.next(field)) {
    expect(field.bytes.empty() ||
           (field.bytes.data() >= input.data() &&
            field.bytes.data() + field.bytes.size() <= input.data() + input.size()));
  }
  auto collection = cli::read_collection(std::string(input), "fuzz.apkg");
  if (!collection) return;
  auto imported = interchange::import_anki_collection(*collection, "fuzz.apkg");
  std::set<std::string> ids;
  for (const auto& entry : imported.bank.entries) ids.insert(entry.id);
  for (const auto& review :
       interchange::history_of(*collection, imported, "fuzz.apkg", kFuzzNowMs).reviews) {
    expect(ids.contains(review.card_id.substr(0, review.card_id.find('#'))));
    expect(review.rating >= 1 && review.rating <= 4);
  }
  check_bank(std::move(imported.bank));
}

void review_log(std::string_view input) {
  const core::SourceText source("revlog.csv", std::string(input));
  const auto log = cli::read_revlog_csv(source, 4);
  if (!log) return;
  const optimize::Conversion c = optimize::items_from_log(*log);
  expect(c.reviews <= log->size());
  for (const auto& item : c.items) {
    expect(item.length >= 2);
    expect(item.current().delta_t >= 1);
    for (const auto& r : item.reviews()) expect(r.rating >= 1 && r.rating <= 4 && r.delta_t >= 0);
  }
  const auto scored = optimize::evaluation_items(c.items);
  if (!scored.empty()) {
    const auto e = optimize::evaluate(scored, optimize::default_params());
    expect(std::isfinite(e.log_loss) && std::isfinite(e.rmse_bins));
  }
  optimize::FitOptions options;
  options.epochs = 1;
  const auto fit = optimize::fit(c.items, options);
  for (const double w : fit.params) expect(std::isfinite(w));
}

void check_expressions(std::string_view input) {
  const std::vector<std::string> found = store::check_expressions(input);
  std::size_t from = 0;
  for (const std::string& expression : found) {
    // In the order written, each a piece of the text between its parentheses.
    const std::size_t at = input.find(expression, from);
    expect(at != std::string_view::npos);
    if (at == std::string_view::npos) return;
    from = at + expression.size();
    const std::vector<std::string> again =
        store::check_expressions("CREATE TABLE t (x CHECK (" + expression + "))");
    expect(again.size() == 1 && again.front() == expression);
  }
}

void responses_import(std::string_view input) {
  static const deck::Deck fuzz_deck = *deck::parse_deck("fuzz.yaml", kSessionDeck).deck;
  // Form "1": every card in deck order, choices as written; form "2": reversed, choices
  // reversed; anything else is no form.
  const analysis::FormOf form_of =
      [](std::string_view form) -> std::optional<std::vector<analysis::FormQuestion>> {
    if (form != "1" && form != "2") return std::nullopt;
    std::vector<analysis::FormQuestion> out;
    for (std::size_t i = 0; i < fuzz_deck.cards.size(); ++i) {
      std::vector<std::size_t> shown(fuzz_deck.cards[i].choices.size());
      std::iota(shown.begin(), shown.end(), std::size_t{0});
      if (form == "2") std::reverse(shown.begin(), shown.end());
      out.push_back({i, shown});
    }
    if (form == "2") std::reverse(out.begin(), out.end());
    return out;
  };
  const core::SourceText source("answers.csv", std::string(input));
  (void)analysis::detect_responses_format(source);
  for (const auto format : {analysis::ResponsesFormat::kSheet, analysis::ResponsesFormat::kForms,
                            analysis::ResponsesFormat::kMoodle}) {
    const auto read =
        analysis::read_responses(source, format, fuzz_deck, form_of, 1'800'000'000'000);
    if (!read) continue;
    std::size_t answers = 0;
    for (const auto& learner : read->learners) {
      // Valid UTF-8, as a message shows it already (no control character raw).
      expect(!core::find_invalid_utf8(learner.learner) &&
             core::visible(learner.learner, core::Lines::kShow) == learner.learner);
      for (const auto& sitting : learner.sittings) {
        expect(sitting.score && sitting.points && *sitting.score <= *sitting.points + 1e-9);
        const auto line = analysis::write_results_line(sitting);
        expect(analysis::read_results_line(line).has_value());
      }
      for (const auto& answer : learner.answers) {
        expect(fuzz_deck.cards.index_of(answer.card).has_value());
        expect(answer.credit && *answer.credit >= 0 && *answer.credit <= 1);
        const auto line = analysis::write_results_line(answer);
        const auto back = analysis::read_results_line(line);
        expect(back.has_value() && std::holds_alternative<analysis::Answer>(*back));
        ++answers;
      }
    }
    expect(answers == read->answers);
    for (const auto& finding : read->findings) {
      const std::string text = core::render_text(finding);
      expect(!core::find_invalid_utf8(text));
      for (const char c : text) {
        expect(c == '\n' || c == '\t' || static_cast<unsigned char>(c) >= 0x20);
      }
    }
  }
}

void results_analysis(std::string_view input) {
  std::vector<analysis::DeckCard> cards(3);
  for (std::size_t i = 0; i < cards.size(); ++i) {
    cards[i].deck = "bank";
    cards[i].card = "q" + std::to_string(i + 1);
    cards[i].content = "v1";
    cards[i].type = "choice";
    cards[i].choices = {"A", "B", "C"};
    cards[i].keys = {true, false, false};
    cards[i].points = static_cast<double>(i + 1);
    cards[i].guess = 1.0 / 3;
  }
  analysis::ItemAnalysis analysis(cards);
  // Lines read one into the record of the last (as results files are read) read as each
  // does alone, whatever came before.
  analysis::ResultsReader reader;
  analysis::ResultsRecord reused;
  std::size_t start = 0;
  int learners = 0;
  while (start < input.size()) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    const std::string_view line = input.substr(start, end - start);
    start = end + 1;
    const auto record = analysis::read_results_line(line);
    const auto read = reader.read(line, reused);
    expect(read.has_value() == record.has_value());
    if (!record) {
      expect(read.error().message() == record.error().message());
      continue;
    }
    expect(analysis::write_results_line(reused) == analysis::write_results_line(*record));
    const std::string written = analysis::write_results_line(*record);
    const auto again = analysis::read_results_line(written);
    expect(again.has_value());
    expect(analysis::write_results_line(*again) == written);
    if (std::holds_alternative<analysis::ResultsHeader>(*record)) {
      analysis.begin_learner();
      ++learners;
    }
    if (const auto* exam = std::get_if<analysis::ExamSitting>(&*record)) analysis.add(*exam);
    if (const auto* answer = std::get_if<analysis::Answer>(&*record)) analysis.add(*answer);
  }
  analysis.end_learner();
  const analysis::Report report = analysis.finish();
  const auto finite = [](const std::optional<double>& v) { return !v || std::isfinite(*v); };
  for (const auto& item : report.items) {
    for (const auto* f : {item.exam ? &*item.exam : nullptr, item.drill ? &*item.drill : nullptr}) {
      if (f == nullptr) continue;
      expect(std::isfinite(f->facility) && finite(f->sd) && finite(f->discrimination) &&
             finite(f->efficiency) && finite(f->median_seconds));
      for (const auto& c : f->choices) {
        expect(c.share >= 0 && c.share <= 1);
        expect(!c.strong || (*c.strong >= 0 && *c.strong <= 1 + 1e-12));
        expect(!c.weak || (*c.weak >= 0 && *c.weak <= 1 + 1e-12));
      }
    }
  }
  for (const auto& exam : report.exams) {
    expect(std::isfinite(exam.mean_percent) && finite(exam.alpha) && finite(exam.sd_percent));
  }
  core::JsonError error;
  expect(core::parse_json(analysis::report_json(report), error).has_value());
}

void sync_journal(std::string_view input) {
  std::string device = "0123456789abcdef0123456789abcdef";
  std::vector<sync::Incoming> events;
  bool first = true;
  for (const auto& line : sync::complete_lines(input, sync::kMaxLinesPerRun)) {
    if (first) {
      first = false;
      if (auto header = sync::parse_header(line.text)) {
        device = header->device;
        const auto again = sync::parse_header(sync::format_header(*header));
        expect(again.has_value() && again->device == header->device);
        continue;
      }
    }
    auto event = sync::parse_event(line.text);
    if (!event) continue;
    const std::string written = sync::format_event(*event);
    expect(written.find('\n') == std::string::npos);
    const auto again = sync::parse_event(written);
    expect(again.has_value() && *again == *event);
    events.push_back({device, std::move(*event)});
  }
  const sync::Merged merged = sync::merge(events);
  std::set<sync::ReviewId> seen;
  for (std::size_t i = 0; i < merged.reviews.size(); ++i) {
    const auto& [id, review] = merged.reviews[i];
    expect(seen.insert(id).second);
    expect(!std::binary_search(merged.tombstones.begin(), merged.tombstones.end(), id));
    if (i > 0) {
      const auto& [before_id, before] = merged.reviews[i - 1];
      expect(sync::replay_before(before.time_ms, before_id, review.time_ms, id));
    }
  }
}

}  // namespace quizdeck::fuzz
