// SPDX-License-Identifier: MIT
#include "deck/card_list.h"

namespace quizdeck::deck {

CardList::CardList(std::shared_ptr<const Source> source) : source_(std::move(source)) {}
CardList::CardList(CardList&&) noexcept = default;
CardList& CardList::operator=(CardList&&) noexcept = default;
CardList::~CardList() = default;

CardList::CardList(const CardList& other) : source_(other.source_) {
  whole_.reserve(other.whole_.size());
  for (const auto& card : other.whole_) whole_.push_back(std::make_unique<Card>(*card));
}

CardList& CardList::operator=(const CardList& other) {
  if (this != &other) *this = CardList(other);
  return *this;
}

std::size_t CardList::size() const {
  return source_ ? source_->size() : whole_.size();
}

void CardList::push_back(Card card) {
  if (source_) throw std::logic_error("a lazy card list is read-only");
  ids_.clear();
  whole_.push_back(std::make_unique<Card>(std::move(card)));
}

void CardList::reserve(std::size_t count) {
  whole_.reserve(count);
}

const Card& CardList::operator[](std::size_t index) const {
  if (!source_) return *whole_[index];
  const std::size_t per_chunk = source_->chunk_size();
  const std::size_t chunk = index / per_chunk;
  if (chunks_.size() <= chunk) chunks_.resize(chunk + 1);
  if (!chunks_[chunk]) {
    auto cards = source_->load_chunk(chunk);
    const std::size_t first = chunk * per_chunk;
    const std::size_t expected = std::min(per_chunk, source_->size() - first);
    if (!cards || cards->size() != expected) {
      throw CardsUnavailable(
          "the deck cache no longer holds this deck whole (it was damaged or changed while "
          "in use); run the command again and the deck will be read from its file");
    }
    chunks_[chunk] = std::make_unique<std::vector<Card>>(std::move(*cards));
  }
  return (*chunks_[chunk])[index % per_chunk];
}

std::string_view CardList::id(std::size_t index) const {
  return source_ ? source_->id(index) : std::string_view(whole_[index]->id);
}

std::vector<std::string_view> CardList::tags(std::size_t index) const {
  std::vector<std::string_view> out;
  if (source_) {
    source_->tags(index, out);
  } else {
    for (const auto& tag : whole_[index]->tags) out.emplace_back(tag);
  }
  return out;
}

std::optional<std::size_t> CardList::index_of(std::string_view id) const {
  if (source_) return source_->find(id);
  if (ids_.empty() && !whole_.empty()) {
    ids_.reserve(whole_.size());
    for (std::size_t i = 0; i < whole_.size(); ++i) ids_.emplace(whole_[i]->id, i);
  }
  const auto it = ids_.find(id);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

const Card* CardList::find(std::string_view id) const {
  const auto index = index_of(id);
  return index ? &(*this)[*index] : nullptr;
}

}  // namespace quizdeck::deck
