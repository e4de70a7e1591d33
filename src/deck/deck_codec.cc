// SPDX-License-Identifier: MIT
#include "deck/deck_codec.h"
#include "deck/codec_stream.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace quizdeck::deck {
namespace {

using codec_stream::Reader;
using codec_stream::Writer;

// Bumped whenever Deck, Card, Choice, Diagnostic or this layout change shape.
constexpr std::string_view kMagic = "QZDECK\x07\x00";
constexpr std::string_view kIndexMagic = "QZINDX\x02\x00";
constexpr std::string_view kChunkMagic = "QZCHNK\x07\x00";
void write_card(Writer& w, const Card& card) {
  w.text(card.id);
  w.boolean(card.id_given);
  w.u32(static_cast<std::uint32_t>(card.type));
  w.pos(card.pos);
  w.text(card.prompt);
  w.pos(card.prompt_pos);
  w.u32(static_cast<std::uint32_t>(card.choices.size()));
  for (const auto& choice : card.choices) {
    w.text(choice.text);
    w.text(choice.why);
    w.pos(choice.pos);
    w.media(choice.image);
  }
  w.u32(static_cast<std::uint32_t>(card.pairs.size()));
  for (const auto& pair : card.pairs) {
    w.text(pair.prompt);
    w.text(pair.answer);
    w.pos(pair.pos);
  }
  w.texts(card.answers);
  w.boolean(card.truth);
  w.f64(card.number);
  w.f64(card.tolerance);
  w.u32(static_cast<std::uint32_t>(card.match));
  w.text(card.back);
  w.text(card.cloze_text);
  w.i32(card.blank);
  w.text(card.explain);
  w.text(card.source);
  w.text(card.hint);
  w.media(card.image);
  w.media(card.audio);
  w.texts(card.tags);
  w.texts(card.allow);
  w.f64(card.points);
  for (const auto* list : {&card.accept, &card.reject}) {
    w.u32(static_cast<std::uint32_t>(list->size()));
    for (const auto& example : *list) {
      w.text(example.text);
      w.pos(example.pos);
    }
  }
  w.boolean(card.shuffle);
}

// Into a fresh card in place.
void read_card(Reader& r, Card& card) {
  card.id = r.text();
  card.id_given = r.boolean();
  card.type = r.enumeration(CardType::kOrdering);
  card.pos = r.pos();
  card.prompt = r.text();
  card.prompt_pos = r.pos();
  const std::size_t choices = r.count(16);
  card.choices.resize(choices);
  for (std::size_t i = 0; r.ok() && i < choices; ++i) {
    Choice& choice = card.choices[i];
    choice.text = r.text();
    choice.why = r.text();
    choice.pos = r.pos();
    choice.image = r.media();
  }
  const std::size_t pairs = r.count(16);
  card.pairs.resize(pairs);
  for (std::size_t i = 0; r.ok() && i < pairs; ++i) {
    Pair& pair = card.pairs[i];
    pair.prompt = r.text();
    pair.answer = r.text();
    pair.pos = r.pos();
  }
  card.answers = r.texts();
  card.truth = r.boolean();
  card.number = r.f64();
  card.tolerance = r.f64();
  card.match = r.enumeration(MatchRule::kFuzzy);
  card.back = r.text();
  card.cloze_text = r.text();
  card.blank = r.i32();
  card.explain = r.text();
  card.source = r.text();
  card.hint = r.text();
  card.image = r.media();
  card.audio = r.media();
  card.tags = r.texts();
  card.allow = r.texts();
  card.points = r.f64();
  for (auto* list : {&card.accept, &card.reject}) {
    const std::size_t count = r.count(12);
    list->resize(count);
    for (std::size_t i = 0; r.ok() && i < count; ++i) {
      (*list)[i].text = r.text();
      (*list)[i].pos = r.pos();
    }
  }
  card.shuffle = r.boolean();
}

void write_deck_fields(Writer& w, const Deck& deck) {
  w.text(deck.path);
  w.text(deck.content_hash);
  w.text(deck.id);
  w.boolean(deck.id_given);
  w.pos(deck.id_pos);
  w.text(deck.title);
  w.text(deck.description);
  w.text(deck.author);
  w.text(deck.source);
  w.texts(deck.tags);
  w.texts(deck.allow);
  w.boolean(deck.shuffle);
  w.boolean(deck.exam.questions.has_value());
  w.i32(deck.exam.questions.value_or(0));
  w.boolean(deck.exam.time_seconds.has_value());
  w.i32(deck.exam.time_seconds.value_or(0));
  w.boolean(deck.exam.pass_percent.has_value());
  w.f64(deck.exam.pass_percent.value_or(0));
  w.boolean(deck.exam.blueprint.percent);
  w.u32(static_cast<std::uint32_t>(deck.exam.blueprint.shares.size()));
  for (const auto& share : deck.exam.blueprint.shares) {
    w.text(share.tag);
    w.f64(share.amount);
    w.pos(share.pos);
  }
}

void read_deck_fields(Reader& r, Deck& deck) {
  deck.path = r.text();
  deck.content_hash = r.text();
  deck.id = r.text();
  deck.id_given = r.boolean();
  deck.id_pos = r.pos();
  deck.title = r.text();
  deck.description = r.text();
  deck.author = r.text();
  deck.source = r.text();
  deck.tags = r.texts();
  deck.allow = r.texts();
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
  deck.exam.blueprint.percent = r.boolean();
  const std::uint32_t shares = r.u32();
  for (std::uint32_t i = 0; i < shares && r.ok(); ++i) {
    BlueprintShare share;
    share.tag = r.text();
    share.amount = r.f64();
    share.pos = r.pos();
    deck.exam.blueprint.shares.push_back(std::move(share));
  }
}

}  // namespace

std::uint32_t CardIndex::Words::operator[](std::size_t i) const {
  const char* p = at + 4 * i;
  std::uint32_t value;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&value, p, 4);
  } else {
    value = 0;
    for (int k = 0; k < 4; ++k) {
      value |= static_cast<std::uint32_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    }
  }
  return value;
}

std::string_view CardIndex::id(std::size_t index) const {
  const std::uint32_t start = index == 0 ? 0 : id_ends_[index - 1];
  return {id_bytes_ + start, id_ends_[index] - start};
}

void CardIndex::tags(std::size_t index, std::vector<std::string_view>& out) const {
  const std::uint32_t first = index == 0 ? 0 : tag_ends_[index - 1];
  for (std::uint32_t i = first; i < tag_ends_[index]; ++i) {
    const std::uint32_t tag = card_tags_[i];
    const std::uint32_t start = tag == 0 ? 0 : tag_name_ends_[tag - 1];
    out.emplace_back(tag_bytes_ + start, tag_name_ends_[tag] - start);
  }
}

std::optional<std::size_t> CardIndex::find(std::string_view id) const {
  std::size_t low = 0;
  std::size_t high = cards_;
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (this->id(by_id_[middle]) < id) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  if (low == cards_ || this->id(by_id_[low]) != id) return std::nullopt;
  return by_id_[low];
}

// The index of a header: u32 arrays and byte blocks taken in place, then checked whole so
// that what is accepted is exactly what encode_deck writes (canonical).
//   tags: count T, T name ends, the names' bytes
//   cards: count N, N id ends, the ids' bytes, N tag ends, the tag numbers, N in id order
struct IndexBuilder {
  static void keep(CardIndex& index, std::shared_ptr<const std::string> bytes) {
    index.bytes_ = std::move(bytes);
  }

  class Cursor {
   public:
    explicit Cursor(std::string_view bytes) : at_(bytes.data()), end_(at_ + bytes.size()) {}
    std::size_t left() const { return static_cast<std::size_t>(end_ - at_); }
    // `count` u32 words, or null when there are not that many left.
    const char* words(std::size_t count) {
      if (count > left() / 4) return nullptr;
      const char* start = at_;
      at_ += 4 * count;
      return start;
    }
    std::optional<std::uint32_t> u32() {
      const char* p = words(1);
      if (p == nullptr) return std::nullopt;
      return CardIndex::Words{p}[0];
    }
    const char* bytes(std::size_t count) {
      if (count > left()) return nullptr;
      const char* start = at_;
      at_ += count;
      return start;
    }

   private:
    const char* at_;
    const char* end_;
  };

  // Ends of `count` pieces: never decreasing; returns the last (the bytes they span).
  static std::optional<std::uint32_t> check_ends(CardIndex::Words ends, std::size_t count) {
    std::uint32_t last = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t end = ends[i];
      if (end < last) return std::nullopt;
      last = end;
    }
    return last;
  }

  static bool read(std::string_view bytes, std::size_t card_count, CardIndex& index) {
    if (!bytes.starts_with(kIndexMagic)) return false;
    Cursor c(bytes.substr(kIndexMagic.size()));
    const auto tag_count = c.u32();
    if (!tag_count) return false;
    const char* tag_name_ends = c.words(*tag_count);
    if (tag_name_ends == nullptr) return false;
    index.tag_name_ends_ = {tag_name_ends};
    const auto tag_bytes = check_ends(index.tag_name_ends_, *tag_count);
    if (!tag_bytes || (index.tag_bytes_ = c.bytes(*tag_bytes)) == nullptr) return false;
    const std::optional<std::uint32_t> cards = static_cast<std::uint32_t>(card_count);
    if (card_count > c.left() / 12) return false;
    index.cards_ = *cards;
    const char* id_ends = c.words(*cards);
    if (id_ends == nullptr) return false;
    index.id_ends_ = {id_ends};
    const auto id_bytes = check_ends(index.id_ends_, *cards);
    if (!id_bytes || (index.id_bytes_ = c.bytes(*id_bytes)) == nullptr) return false;
    const char* tag_ends = c.words(*cards);
    if (tag_ends == nullptr) return false;
    index.tag_ends_ = {tag_ends};
    const auto tags = check_ends(index.tag_ends_, *cards);
    const char* card_tags = tags ? c.words(*tags) : nullptr;
    if (card_tags == nullptr) return false;
    index.card_tags_ = {card_tags};
    // Tags are numbered in order of first use, and every tag named is used.
    std::uint32_t next_new_tag = 0;
    for (std::uint32_t i = 0; i < *tags; ++i) {
      const std::uint32_t tag = index.card_tags_[i];
      if (tag > next_new_tag || tag >= *tag_count) return false;
      if (tag == next_new_tag) ++next_new_tag;
    }
    if (next_new_tag != *tag_count) return false;
    const char* by_id = c.words(*cards);
    if (by_id == nullptr) return false;
    index.by_id_ = {by_id};
    // Card numbers in range with strictly increasing ids: then no number comes twice, so
    // it is a permutation of the cards, in id order, and no id is used twice.
    std::string_view previous;
    for (std::uint32_t i = 0; i < *cards; ++i) {
      const std::uint32_t at = index.by_id_[i];
      if (at >= *cards) return false;
      const std::string_view id = index.id(at);
      if (i > 0 && !(previous < id)) return false;
      previous = id;
    }
    return c.left() == 0;
  }
};

EncodedDeck encode_deck(const Deck& deck, const std::vector<core::Diagnostic>& warnings) {
  EncodedDeck out;
  Writer w;
  w.raw(kMagic);
  write_deck_fields(w, deck);
  w.u32(static_cast<std::uint32_t>(warnings.size()));
  for (const auto& warning : warnings) w.diagnostic(warning);
  w.u32(static_cast<std::uint32_t>(deck.cards.size()));
  out.header = w.take();
  // The index (see IndexBuilder): tag names in order of first use, each card's id and tag
  // numbers, then the cards in id order.
  std::vector<std::string_view> tag_names;
  std::unordered_map<std::string_view, std::uint32_t> tag_numbers;
  std::vector<std::uint32_t> tag_ends;
  std::vector<std::uint32_t> card_tags;
  for (std::size_t i = 0; i < deck.cards.size(); ++i) {
    for (const auto& tag : deck.cards[i].tags) {
      const auto [it, added] =
          tag_numbers.try_emplace(tag, static_cast<std::uint32_t>(tag_names.size()));
      if (added) tag_names.push_back(tag);
      card_tags.push_back(it->second);
    }
    tag_ends.push_back(static_cast<std::uint32_t>(card_tags.size()));
  }
  Writer x;
  x.raw(kIndexMagic);
  const auto pieces = [&x](const auto& texts) {
    std::uint32_t end = 0;
    for (const auto& text : texts) x.u32(end += static_cast<std::uint32_t>(text.size()));
    for (const auto& text : texts) x.raw(text);
  };
  x.u32(static_cast<std::uint32_t>(tag_names.size()));
  pieces(tag_names);
  std::vector<std::string_view> ids;
  for (std::size_t i = 0; i < deck.cards.size(); ++i) ids.push_back(deck.cards.id(i));
  pieces(ids);
  for (const std::uint32_t end : tag_ends) x.u32(end);
  for (const std::uint32_t tag : card_tags) x.u32(tag);
  std::vector<std::uint32_t> by_id(ids.size());
  for (std::size_t i = 0; i < by_id.size(); ++i) by_id[i] = static_cast<std::uint32_t>(i);
  std::sort(by_id.begin(), by_id.end(),
            [&](std::uint32_t a, std::uint32_t b) { return ids[a] < ids[b]; });
  for (const std::uint32_t at : by_id) x.u32(at);
  out.index = x.take();
  for (std::size_t first = 0; first < deck.cards.size(); first += kChunkCards) {
    Writer chunk;
    chunk.raw(kChunkMagic);
    const std::size_t count = std::min(kChunkCards, deck.cards.size() - first);
    chunk.u32(static_cast<std::uint32_t>(count));
    for (std::size_t i = first; i < first + count; ++i) write_card(chunk, deck.cards[i]);
    out.chunks.push_back(chunk.take());
  }
  return out;
}

std::optional<DeckHeader> decode_header(std::string_view bytes) {
  Reader r(bytes);
  DeckHeader out;
  r.raw(kMagic);
  read_deck_fields(r, out.deck);
  const std::size_t warnings = r.count(32);
  for (std::size_t i = 0; r.ok() && i < warnings; ++i) out.warnings.push_back(r.diagnostic(0));
  out.cards = r.u32();
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return out;
}

std::optional<CardIndex> decode_index(std::string bytes, std::size_t cards) {
  auto owned = std::make_shared<const std::string>(std::move(bytes));
  CardIndex index;
  if (!IndexBuilder::read(*owned, cards, index)) return std::nullopt;
  IndexBuilder::keep(index, std::move(owned));
  return index;
}

std::optional<std::vector<Card>> decode_chunk(std::string_view bytes) {
  Reader r(bytes);
  r.raw(kChunkMagic);
  // The smallest card takes well over 64 bytes; the bound keeps a forged count cheap.
  const std::size_t count = r.count(64);
  if (count == 0 || count > kChunkCards) r.fail();
  std::vector<Card> cards;
  cards.reserve(count);
  for (std::size_t i = 0; r.ok() && i < count; ++i) read_card(r, cards.emplace_back());
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return cards;
}

std::optional<CachedDeck> decode_deck(const EncodedDeck& encoded) {
  auto header = decode_header(encoded.header);
  if (!header) return std::nullopt;
  auto index = decode_index(encoded.index, header->cards);
  if (!index) return std::nullopt;
  const std::size_t chunks = (header->cards + kChunkCards - 1) / kChunkCards;
  if (encoded.chunks.size() != chunks) return std::nullopt;
  CachedDeck out{std::move(header->deck), std::move(header->warnings)};
  out.deck.cards.reserve(header->cards);
  for (std::size_t c = 0; c < chunks; ++c) {
    auto cards = decode_chunk(encoded.chunks[c]);
    const std::size_t first = c * kChunkCards;
    if (!cards || cards->size() != std::min(kChunkCards, header->cards - first)) {
      return std::nullopt;
    }
    for (std::size_t i = 0; i < cards->size(); ++i) {
      Card& card = (*cards)[i];
      if (card.id != index->id(first + i)) return std::nullopt;
      std::vector<std::string_view> tags;
      index->tags(first + i, tags);
      if (!std::equal(tags.begin(), tags.end(), card.tags.begin(), card.tags.end())) {
        return std::nullopt;
      }
      out.deck.cards.push_back(std::move(card));
    }
  }
  return out;
}

}  // namespace quizdeck::deck
