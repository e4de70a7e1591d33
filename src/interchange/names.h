// SPDX-License-Identifier: MIT
// Names a bank's cards get in a deck: ids made from a source's own ids or titles, kept
// unique, and tags made from categories.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace quizdeck::interchange {

// Lower-case letters, digits, '.', '_' and '-' (other characters become '-'), at most 64
// characters; empty when nothing is left.
std::string slug(std::string_view text);

// The ids given out so far: a taken one comes back numbered, `id-2`, `id-3` ..., in
// constant time however many share a base (a bank may repeat one question 100,000 times).
class IdSet {
 public:
  // `id`, or the first free numbered form of it; remembered. Empty stays empty.
  std::string unique(std::string id);
  void take(const std::string& id) { taken_.insert(id); }
  bool taken(const std::string& id) const { return taken_.count(id) != 0; }

 private:
  std::unordered_set<std::string> taken_;
  std::unordered_map<std::string, int> next_;  // per base, the next number to try
};

// A tag from a category path such as "$course$/top/Default for X/Week 1": its last part,
// as a slug ("week-1").
std::string category_tag(std::string_view path);

}  // namespace quizdeck::interchange
