// SPDX-License-Identifier: MIT
// Names a bank's cards get in a deck: ids made from a source's own ids or titles, kept
// unique, and tags made from categories.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace quizdeck::interchange {

// Lower-case letters, digits, '.', '_' and '-' (other characters become '-'), at most 64
// characters; empty when nothing is left.
std::string slug(std::string_view text);

// `id`, or `id-2`, `id-3` ... when taken; remembered in `taken`. Empty stays empty.
std::string unique_id(std::string id, std::set<std::string>& taken);

// A tag from a category path such as "$course$/top/Default for X/Week 1": its last part,
// as a slug ("week-1").
std::string category_tag(std::string_view path);

}  // namespace quizdeck::interchange
