// SPDX-License-Identifier: MIT
// Names a bank's cards get in a deck: ids made from a source's own ids or titles, kept
// unique, and tags made from categories.
//
// Ids and tags keep every letter of every script: only white space and what a deck cannot
// hold in one is replaced (by '-', a run of them by one): control characters, and in an id
// also '#' (it marks a cloze's blanks). See quizdeck-deck(5) for ids and tags.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace quizdeck::interchange {

// A file name's stem as ASCII: lower-case letters, digits, '.', '_' and '-' (other
// characters become '-'), at most 64 characters; empty when nothing is left. For media
// files, which land on every kind of file system.
std::string slug(std::string_view text);

// An id or tag made from a name (a question's title, a category): lower-cased, letters of
// any script kept ("Économie générale" -> "économie-générale"), at most 64 characters;
// empty when nothing is left.
std::string name_slug(std::string_view text);

// A source's own id that a card id cannot be as it is ("week 1"): as written, but what
// an id cannot hold replaced ("week-1").
std::string id_slug(std::string_view text);

// A tag as a source writes it ("barney wilma", "UG::Europe"): as written, but what a tag
// cannot hold replaced ("barney-wilma").
std::string tag_slug(std::string_view text);

// The ids given out so far: a taken one comes back numbered, `id-2`, `id-3` ..., in
// constant time however many share a base (a bank may repeat one question 100,000 times).
// Ids a source gives explicitly anywhere in it can be reserved first: a made-up id (from
// a title) or a numbered one never takes them, whichever question comes first; ids made
// from its titles can be avoided: a numbered one never takes them.
class IdSet {
 public:
  // `id`, or the first free numbered form of it that is not reserved; remembered. Empty
  // stays empty.
  std::string unique(std::string id);
  // An id the source gives: itself when no other question was given it first (reserved
  // or not), else the first free numbered form of it; remembered.
  std::string claim(std::string id);
  void reserve(const std::string& id) { reserved_.insert(id); }
  void avoid(const std::string& id) { avoided_.insert(id); }
  void take(const std::string& id) { taken_.insert(id); }
  bool taken(const std::string& id) const { return taken_.count(id) != 0; }

 private:
  std::string numbered(const std::string& id);

  std::unordered_set<std::string> taken_;
  std::unordered_set<std::string> reserved_;
  std::unordered_set<std::string> avoided_;
  std::unordered_map<std::string, int> next_;  // per base, the next number to try
};

// A tag from a category path such as "$course$/top/Default for X/Week 1": its last part,
// as name_slug makes it ("week-1").
std::string category_tag(std::string_view path);

}  // namespace quizdeck::interchange
