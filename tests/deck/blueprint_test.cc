// SPDX-License-Identifier: MIT
// Exam blueprints: counts per tag by largest remainders (ties to the tag listed first),
// and the draw that takes each tag's count from a seeded order.
#include "deck/blueprint.h"

#include <doctest/doctest.h>

#include <map>
#include <numeric>

namespace quizdeck::deck {
namespace {

Blueprint percent(std::vector<std::pair<std::string, double>> shares) {
  Blueprint b;
  b.percent = true;
  for (auto& [tag, amount] : shares) b.shares.push_back({tag, amount, {}});
  return b;
}

}  // namespace

TEST_CASE("blueprint: percentages round by largest remainder, ties to the first listed") {
  const Blueprint equal = percent({{"a", 25}, {"b", 25}, {"c", 25}, {"d", 25}});
  CHECK(blueprint_counts(equal, 75) == std::vector<int>{19, 19, 19, 18});
  CHECK(blueprint_counts(equal, 100) == std::vector<int>{25, 25, 25, 25});
  CHECK(blueprint_counts(equal, 2) == std::vector<int>{1, 1, 0, 0});
  // 10 x (21.7, 34.8, 21.7, 21.8) = 2.17, 3.48, 2.17, 2.18: 2, 3, 2, 2 and one left, to the
  // largest remainder (0.48).
  const Blueprint uneven = percent({{"a", 21.7}, {"b", 34.8}, {"c", 21.7}, {"d", 21.8}});
  CHECK(blueprint_counts(uneven, 10) == std::vector<int>{2, 4, 2, 2});
  // 75 x 20% is 15 exactly, whatever the floating point product rounds to.
  const Blueprint fifths = percent({{"a", 20}, {"b", 20}, {"c", 20}, {"d", 20}, {"e", 20}});
  CHECK(blueprint_counts(fifths, 75) == std::vector<int>{15, 15, 15, 15, 15});
  for (int n = 1; n <= 300; ++n) {
    const auto counts = blueprint_counts(uneven, n);
    CHECK(std::accumulate(counts.begin(), counts.end(), 0) == n);
  }
}

TEST_CASE("blueprint: counts are kept as given, or scaled to another number of questions") {
  Blueprint counts;
  counts.shares = {{"a", 3, {}}, {"b", 1, {}}};
  CHECK(blueprint_counts(counts, 4) == std::vector<int>{3, 1});
  CHECK(blueprint_counts(counts, 8) == std::vector<int>{6, 2});
  CHECK(blueprint_counts(counts, 2) == std::vector<int>{2, 0});  // 1.5 and 0.5: tie, first
}

TEST_CASE("blueprint: the draw takes each tag's count in the given order, a card once") {
  // Cards 0-3 tagged a, 4-5 tagged b, 6 tagged both (claimed by the first tag to reach it).
  const std::vector<std::vector<std::string>> tags{{"a"}, {"a"}, {"a"},     {"a"},
                                                   {"b"}, {"b"}, {"a", "b"}};
  const auto tags_of = [&](std::size_t i) { return tags[i]; };
  const Blueprint half = percent({{"a", 50}, {"b", 50}});
  const std::vector<std::size_t> order{6, 5, 0, 1, 4, 2, 3};
  // a takes 6 and 0, b takes 5 and 4; kept in the order given.
  CHECK(draw_by_blueprint(half, 4, order, tags_of) == std::vector<std::size_t>{6, 5, 0, 4});
  // A tag with too few cards gives what it has: b has 3 candidates, 2 once a took card 6.
  const Blueprint mostly_b = percent({{"a", 25}, {"b", 75}});
  const auto drawn = draw_by_blueprint(mostly_b, 4, order, tags_of);
  std::map<std::string, int> per_tag;
  for (const auto i : drawn) ++per_tag[tags[i].front()];
  CHECK(per_tag["a"] == 1);
  CHECK(per_tag["b"] == 2);
}

}  // namespace quizdeck::deck
