// SPDX-License-Identifier: MIT
// A deck's cards: held whole (a deck just parsed from YAML), or read on demand from a
// source such as the deck cache, a chunk of cards at a time, so that a drill on a deck of
// 50,000 cards decodes only the cards it asks. Ids and tags are known without decoding a
// card. Cards handed out stay where they are for the list's lifetime.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "deck/card.h"

namespace quizdeck::deck {

// A lazy list's cards could not be read after all (say, a damaged cache entry found only
// when a card was asked for). Rare and not the learner's doing: it ends the command.
class CardsUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CardList {
 public:
  // Where a lazy list's cards come from: ids and tags for all, cards a chunk at a time.
  class Source {
   public:
    virtual ~Source() = default;
    virtual std::size_t size() const = 0;
    virtual std::string_view id(std::size_t index) const = 0;
    // The card's tags, in order (the deck's first).
    virtual void tags(std::size_t index, std::vector<std::string_view>& out) const = 0;
    virtual std::optional<std::size_t> find(std::string_view id) const = 0;
    virtual std::size_t chunk_size() const = 0;  // cards per chunk; the last may be short
    // The cards of chunk `chunk`, decoded (in order, with the ids the source gives for
    // them); nothing when they cannot be read.
    virtual std::optional<std::vector<Card>> load_chunk(std::size_t chunk) const = 0;
  };

  CardList() = default;
  explicit CardList(std::shared_ptr<const Source> source);
  CardList(CardList&&) noexcept;
  CardList& operator=(CardList&&) noexcept;
  CardList(const CardList& other);
  CardList& operator=(const CardList& other);
  ~CardList();

  bool lazy() const { return source_ != nullptr; }
  std::size_t size() const;
  bool empty() const { return size() == 0; }

  // Whole lists only (a lazy one is read-only).
  void push_back(Card card);
  void reserve(std::size_t count);

  // Decodes the card's chunk on first use (throws CardsUnavailable when it cannot).
  const Card& operator[](std::size_t index) const;
  const Card& front() const { return (*this)[0]; }
  std::string_view id(std::size_t index) const;
  std::vector<std::string_view> tags(std::size_t index) const;
  std::optional<std::size_t> index_of(std::string_view id) const;
  const Card* find(std::string_view id) const;

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Card;
    using difference_type = std::ptrdiff_t;
    using pointer = const Card*;
    using reference = const Card&;
    const_iterator(const CardList* list, std::size_t index) : list_(list), index_(index) {}
    reference operator*() const { return (*list_)[index_]; }
    pointer operator->() const { return &(*list_)[index_]; }
    const_iterator& operator++() {
      ++index_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++index_;
      return before;
    }
    bool operator==(const const_iterator& other) const { return index_ == other.index_; }

   private:
    const CardList* list_;
    std::size_t index_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

 private:
  std::vector<std::unique_ptr<Card>> whole_;  // a whole list (stable addresses)
  std::shared_ptr<const Source> source_;      // a lazy list
  mutable std::vector<std::unique_ptr<std::vector<Card>>> chunks_;  // decoded, by chunk
  mutable std::unordered_map<std::string_view, std::size_t> ids_;   // a whole list's, built
                                                                    // on first lookup
};

}  // namespace quizdeck::deck
