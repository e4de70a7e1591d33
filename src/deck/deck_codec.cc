// SPDX-License-Identifier: MIT
#include "deck/deck_codec.h"

#include <bit>
#include <cstdint>

namespace quizdeck::deck {
namespace {

// Bumped whenever Deck, Card, Choice or Diagnostic change shape.
constexpr std::string_view kMagic = "QZDECK\x01\x00";
constexpr int kMaxNoteDepth = 4;

class Writer {
 public:
  void u32(std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out_ += static_cast<char>(value >> (8 * i) & 0xff);
  }
  void i32(int value) { u32(static_cast<std::uint32_t>(value)); }
  void u64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>(value >> (8 * i) & 0xff);
  }
  void f64(double value) { u64(std::bit_cast<std::uint64_t>(value)); }
  void boolean(bool value) { out_ += value ? '\1' : '\0'; }
  void text(std::string_view value) {
    u32(static_cast<std::uint32_t>(value.size()));
    out_ += value;
  }
  void texts(const std::vector<std::string>& values) {
    u32(static_cast<std::uint32_t>(values.size()));
    for (const auto& value : values) text(value);
  }
  void pos(const SourcePos& value) {
    i32(value.line);
    i32(value.column);
  }
  void diagnostic(const core::Diagnostic& d) {
    u32(static_cast<std::uint32_t>(d.severity));
    text(d.file);
    i32(d.line);
    i32(d.column);
    i32(d.length);
    text(d.message);
    text(d.source_line);
    u32(static_cast<std::uint32_t>(d.notes.size()));
    for (const auto& note : d.notes) diagnostic(note);
  }
  std::string take() { return std::move(out_); }
  void raw(std::string_view bytes) { out_ += bytes; }

 private:
  std::string out_;
};

// Every read checks what is left; the first failure sticks and the result is discarded.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  void fail() { ok_ = false; }
  bool at_end() const { return in_.empty(); }
  bool raw(std::string_view expected) {
    if (!ok_ || !in_.starts_with(expected)) return ok_ = false;
    in_.remove_prefix(expected.size());
    return true;
  }
  std::uint32_t u32() {
    std::uint64_t value = 0;
    if (!take(4, value)) return 0;
    return static_cast<std::uint32_t>(value);
  }
  int i32() { return static_cast<int>(u32()); }
  std::uint64_t u64() {
    std::uint64_t value = 0;
    take(8, value);
    return value;
  }
  double f64() { return std::bit_cast<double>(u64()); }
  bool boolean() {
    if (!ok_ || in_.empty() || static_cast<unsigned char>(in_[0]) > 1) {
      ok_ = false;
      return false;
    }
    const bool value = in_[0] == 1;
    in_.remove_prefix(1);
    return value;
  }
  // A count of items that take at least `min_bytes` each: refused when more than fit.
  std::size_t count(std::size_t min_bytes) {
    const std::uint32_t n = u32();
    if (!ok_ || n > in_.size() / min_bytes) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  template <typename Enum>
  Enum enumeration(Enum last) {
    const std::uint32_t value = u32();
    if (value > static_cast<std::uint32_t>(last)) ok_ = false;
    return ok_ ? static_cast<Enum>(value) : Enum{};
  }
  std::string text() {
    const std::uint32_t n = u32();
    if (!ok_ || n > in_.size()) {
      ok_ = false;
      return {};
    }
    std::string value(in_.substr(0, n));
    in_.remove_prefix(n);
    return value;
  }
  std::vector<std::string> texts() {
    std::vector<std::string> values(count(4));
    for (auto& value : values) value = text();
    return values;
  }
  // The same checks, nothing kept.
  void skip_text() {
    const std::uint32_t n = u32();
    if (!ok_ || n > in_.size()) {
      ok_ = false;
      return;
    }
    in_.remove_prefix(n);
  }
  void skip_texts() {
    const std::size_t n = count(4);
    for (std::size_t i = 0; ok_ && i < n; ++i) skip_text();
  }
  SourcePos pos() {
    SourcePos value;
    value.line = i32();
    value.column = i32();
    return value;
  }
  core::Diagnostic diagnostic(int depth) {
    core::Diagnostic d;
    d.severity = enumeration(core::Severity::kNote);
    d.file = text();
    d.line = i32();
    d.column = i32();
    d.length = i32();
    d.message = text();
    d.source_line = text();
    const std::size_t notes = count(32);
    if (notes > 0 && depth >= kMaxNoteDepth) ok_ = false;
    for (std::size_t i = 0; ok_ && i < notes; ++i) d.notes.push_back(diagnostic(depth + 1));
    return d;
  }

 private:
  bool take(std::size_t n, std::uint64_t& value) {
    if (!ok_ || in_.size() < n) return ok_ = false;
    for (std::size_t i = 0; i < n; ++i) {
      value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[i])) << (8 * i);
    }
    in_.remove_prefix(n);
    return true;
  }

  std::string_view in_;
  bool ok_ = true;
};

void write_card(Writer& w, const Card& card, Detail detail) {
  const bool full = detail == Detail::kFull;
  const auto text = [&](std::string_view value) { w.text(full ? value : std::string_view()); };
  w.text(card.id);
  w.boolean(card.id_given);
  w.u32(static_cast<std::uint32_t>(card.type));
  w.pos(card.pos);
  text(card.prompt);
  w.u32(full ? static_cast<std::uint32_t>(card.choices.size()) : 0);
  if (full) {
    for (const auto& choice : card.choices) {
      w.text(choice.text);
      w.text(choice.why);
      w.pos(choice.pos);
    }
  }
  if (full) {
    w.texts(card.answers);
  } else {
    w.u32(0);  // no answers
  }
  w.boolean(card.truth);
  w.f64(card.number);
  w.f64(card.tolerance);
  w.u32(static_cast<std::uint32_t>(card.match));
  text(card.back);
  text(card.cloze_text);
  w.i32(card.blank);
  text(card.explain);
  text(card.hint);
  w.texts(card.tags);
  w.f64(card.points);
  w.boolean(card.shuffle);
}

// Into a fresh card in place: a deck has up to hundreds of thousands.
void read_card(Reader& r, Detail detail, Card& card) {
  const bool full = detail == Detail::kFull;
  const auto text = [&](std::string& value) {
    if (full) {
      value = r.text();
    } else {
      r.skip_text();
    }
  };
  card.id = r.text();
  card.id_given = r.boolean();
  card.type = r.enumeration(CardType::kCloze);
  card.pos = r.pos();
  text(card.prompt);
  const std::size_t choices = r.count(16);
  if (full) card.choices.resize(choices);
  for (std::size_t i = 0; r.ok() && i < choices; ++i) {
    Choice skipped;
    Choice& choice = full ? card.choices[i] : skipped;
    text(choice.text);
    text(choice.why);
    choice.pos = r.pos();
  }
  if (full) {
    card.answers = r.texts();
  } else {
    r.skip_texts();
  }
  card.truth = r.boolean();
  card.number = r.f64();
  card.tolerance = r.f64();
  card.match = r.enumeration(MatchRule::kFuzzy);
  text(card.back);
  text(card.cloze_text);
  card.blank = r.i32();
  text(card.explain);
  text(card.hint);
  card.tags = r.texts();
  card.points = r.f64();
  card.shuffle = r.boolean();
}

}  // namespace

std::string encode_deck(const Deck& deck, const std::vector<core::Diagnostic>& warnings,
                        Detail detail) {
  Writer w;
  w.raw(kMagic);
  w.text(deck.path);
  w.text(deck.id);
  w.boolean(deck.id_given);
  w.pos(deck.id_pos);
  w.text(deck.title);
  w.text(deck.description);
  w.text(deck.author);
  w.text(deck.source);
  w.texts(deck.tags);
  w.boolean(deck.shuffle);
  w.boolean(deck.exam.questions.has_value());
  w.i32(deck.exam.questions.value_or(0));
  w.boolean(deck.exam.time_seconds.has_value());
  w.i32(deck.exam.time_seconds.value_or(0));
  w.boolean(deck.exam.pass_percent.has_value());
  w.f64(deck.exam.pass_percent.value_or(0));
  w.u32(static_cast<std::uint32_t>(deck.cards.size()));
  for (const auto& card : deck.cards) write_card(w, card, detail);
  w.u32(static_cast<std::uint32_t>(warnings.size()));
  for (const auto& warning : warnings) w.diagnostic(warning);
  return w.take();
}

std::optional<CachedDeck> decode_deck(std::string_view bytes, Detail detail) {
  Reader r(bytes);
  CachedDeck out;
  Deck& deck = out.deck;
  r.raw(kMagic);
  deck.path = r.text();
  deck.id = r.text();
  deck.id_given = r.boolean();
  deck.id_pos = r.pos();
  deck.title = r.text();
  deck.description = r.text();
  deck.author = r.text();
  deck.source = r.text();
  deck.tags = r.texts();
  deck.shuffle = r.boolean();
  // An absent optional is written as false and a zero; anything else is not canonical.
  const auto optional_int = [&r]() -> std::optional<int> {
    const bool present = r.boolean();
    const int value = r.i32();
    if (!present && value != 0) r.fail();
    return present ? std::optional<int>(value) : std::nullopt;
  };
  deck.exam.questions = optional_int();
  deck.exam.time_seconds = optional_int();
  const bool has_pass = r.boolean();
  const std::uint64_t pass_bits = r.u64();
  if (!has_pass && pass_bits != 0) r.fail();
  if (has_pass) deck.exam.pass_percent = std::bit_cast<double>(pass_bits);
  // The smallest card takes well over 64 bytes; the bound keeps a forged count cheap.
  const std::size_t cards = r.count(64);
  deck.cards.reserve(cards);
  for (std::size_t i = 0; r.ok() && i < cards; ++i) {
    read_card(r, detail, deck.cards.emplace_back());
  }
  const std::size_t warnings = r.count(32);
  for (std::size_t i = 0; r.ok() && i < warnings; ++i) out.warnings.push_back(r.diagnostic(0));
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return out;
}

}  // namespace quizdeck::deck
