// SPDX-License-Identifier: MIT
// The optimizer's pipeline on small hand-made histories: the review log -> items
// conversion, outlier filtering, the initial stabilities (fsrs-rs's own expected values),
// evaluation, and the fit's determinism and gain on a simulated learner.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "optimize/evaluate.h"
#include "optimize/items.h"
#include "optimize/pretrain.h"
#include "optimize/train.h"

namespace quizdeck::optimize {
namespace {

LogEntry entry(std::string card, std::int64_t day, int rating, int state, int minute = 0) {
  return {std::move(card), day * 86'400'000 + minute * 60'000, rating, state, day};
}

// An item: first rating, then the predicted review `gap` days later.
Item first_review_item(int first, double gap, bool passed) {
  return Item::of({{first, 0}, {passed ? 3 : 1, gap}});
}

// Reviews of a simulated learner whose memory follows `truth`: each card is learned on
// its day, then reviewed when its recall falls to 90% by the learner's own schedule
// (a known-parameter stand-in for gen-revlog.mjs).
std::vector<LogEntry> simulated_log(const Params& truth, std::uint64_t seed, int cards) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<LogEntry> log;
  for (int c = 0; c < cards; ++c) {
    const std::string card = "c" + std::to_string(c);
    std::int64_t day = c / 20;
    std::vector<Review> history;
    int rating = u(rng) < 0.25 ? 1 : (u(rng) < 0.8 ? 3 : 4);
    int state = 0;
    for (int n = 0; n < 12 && day < 400; ++n) {
      const double gap = history.empty() ? 0 : static_cast<double>(day - log.back().day);
      history.push_back({rating, gap});
      log.push_back({card, day * 86'400'000 + n, rating, state, day});
      state = 2;
      const MemoryState m = replay(truth, history);
      // The interval at 90% recall, at least a day.
      const double interval = std::max(1.0, std::round(m.stability * (0.8 + 0.4 * u(rng))));
      day += static_cast<std::int64_t>(interval);
      const double r = recall(truth, interval, m.stability);
      rating = u(rng) < r ? (u(rng) < 0.8 ? 3 : (u(rng) < 0.5 ? 2 : 4)) : 1;
    }
  }
  return log;
}

}  // namespace

TEST_CASE("items: a card's reviews from its last relearning start, targets a day or more on") {
  std::vector<LogEntry> log = {
      entry("b", 10, 3, 0),  // card b: learned on day 10
      entry("a", 0, 3, 0),
      entry("a", 0, 3, 1, 10),  // same day: history, not a target
      entry("a", 2, 1, 2),
      entry("a", 5, 3, 3),
      // Forgotten and learned again: what came before is dropped.
      entry("a", 20, 1, 0),
      entry("a", 20, 3, 1, 5),
      entry("a", 23, 4, 2),
      entry("b", 14, 2, 2),
  };
  const Conversion c = items_from_log(log);
  CHECK(c.reviews == 5);  // a's last three, b's two
  CHECK(c.cards == 2);
  REQUIRE(c.items.size() == 2);
  // In time order: b's day-14 review, then a's day-23 review.
  CHECK(c.items[0].length == 2);
  CHECK(c.items[0].current().delta_t == 4);
  CHECK(c.items[0].current().rating == 2);
  REQUIRE(c.items[1].length == 3);
  CHECK(c.items[1].reviews()[0].rating == 1);
  CHECK(c.items[1].reviews()[1].delta_t == 0);
  CHECK(c.items[1].reviews()[2].delta_t == 3);
  CHECK(c.items[1].long_term_reviews() == 1);

  // A card with no new/learning review at all has no history to learn from.
  CHECK(items_from_log({entry("x", 0, 3, 2), entry("x", 3, 3, 2)}).items.empty());
}

TEST_CASE("RMSE bins: gap, long-term review count and lapses on fsrs-rs's log scales") {
  Item item = Item::of({{3, 0}, {1, 2}, {3, 1}, {3, 9}});
  const auto [gap, length, lapses] = rmse_bin(item);
  CHECK(gap == 898);   // 9 days: 3.62^floor(log 9) = 3.62 -> round(2.48 * 3.62 * 100)
  CHECK(length == 7);  // 3 long-term reviews + 1 = 4: 1.89^2 -> round(1.99 * 3.5721)
  CHECK(lapses == 2);  // one Again after a day or more: 1.73^0 -> round(1.65)
  item = Item::of({{3, 0}, {3, 1}});
  CHECK(rmse_bin(item) == std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>{248, 4, 0});
}

TEST_CASE("outliers: the smallest groups of a first rating go until 20 items are gone") {
  std::vector<Item> items;
  for (int i = 0; i < 30; ++i) items.push_back(first_review_item(3, 1, true));
  for (int i = 0; i < 10; ++i) items.push_back(first_review_item(3, 2, i % 2 == 0));
  for (int i = 0; i < 5; ++i) items.push_back(first_review_item(3, 3, true));
  for (int i = 0; i < 8; ++i) items.push_back(first_review_item(3, 150, false));
  // A later item of a card whose first long-term gap (3 days) was dropped goes too.
  items.push_back(Item::of({{3, 0}, {3, 3}, {3, 9}}));
  items.push_back(Item::of({{3, 0}, {3, 2}, {3, 9}}));

  const Prepared p = filter_outliers(items);
  // Gap 3 (5 items) and gap 150 (8) are dropped: 13 < 20; gap 2 (10 items) is kept.
  CHECK(p.initial.size() == 40);
  CHECK(p.train.size() == 41);  // 40 + the later item of a gap-2 card
  for (const Item& item : p.train) CHECK(item.reviews()[1].delta_t <= 2);

  // Groups under six items, or past 100 days (365 for Easy), go whatever the quota says.
  std::vector<Item> easy;
  for (int i = 0; i < 200; ++i) easy.push_back(first_review_item(4, 200, true));
  for (int i = 0; i < 200; ++i) easy.push_back(first_review_item(1, 200, true));
  const Prepared q = filter_outliers(easy);
  CHECK(q.initial.size() == 200);
  for (const Item& item : q.initial) CHECK(item.reviews()[0].rating == 4);
}

TEST_CASE("initial stability: fsrs-rs's search_parameters case, 0.7355089") {
  // Rating Again first; recall at gaps 1-5 days as in fsrs-rs's test.
  const int passed[] = {377, 88, 46, 29, 19};
  const int count[] = {435, 97, 63, 38, 28};
  std::vector<Item> items;
  for (int g = 0; g < 5; ++g) {
    for (int i = 0; i < count[g]; ++i) items.push_back(first_review_item(1, g + 1, i < passed[g]));
  }
  const auto s = initial_stability(items, 0.94302857);
  REQUIRE(s.has_value());
  CHECK(s->stability[0] == doctest::Approx(0.7355089).epsilon(1e-5));
  CHECK(s->count.at(1) == 661);
  // Only one rating seen: the others scaled from the defaults by the same factor.
  CHECK(s->stability[1] / s->stability[0] ==
        doctest::Approx(default_params()[1] / default_params()[0]));
  CHECK_FALSE(initial_stability({}, 0.9).has_value());
}

TEST_CASE("smooth and fill: fsrs-rs's expected values") {
  const std::map<int, std::size_t> all{{1, 1}, {2, 1}, {3, 1}, {4, 1}};
  auto a = smooth_and_fill({{1, 0.4}, {3, 2.3}, {4, 10.9}}, all);
  REQUIRE(a.has_value());
  CHECK((*a)[0] == doctest::Approx(0.4));
  CHECK((*a)[1] == doctest::Approx(1.1227008).epsilon(1e-6));
  CHECK((*a)[2] == doctest::Approx(2.3));
  CHECK((*a)[3] == doctest::Approx(10.9));
  auto b = smooth_and_fill({{2, 0.35}}, {{2, 1}});
  REQUIRE(b.has_value());
  CHECK((*b)[0] == doctest::Approx(0.05738148).epsilon(1e-6));
  CHECK((*b)[1] == doctest::Approx(0.35));
  CHECK((*b)[2] == doctest::Approx(0.6242943).epsilon(1e-6));
  CHECK((*b)[3] == doctest::Approx(2.2453482).epsilon(1e-6));
  // Out of order: the better counted rating wins.
  auto c = smooth_and_fill({{1, 5}, {2, 1}, {3, 3}, {4, 9}}, {{1, 1}, {2, 10}, {3, 1}, {4, 1}});
  REQUIRE(c.has_value());
  CHECK((*c)[0] == doctest::Approx(1));
  CHECK_FALSE(smooth_and_fill({{1, 1}}, {}).has_value());
}

TEST_CASE("evaluation: weighted log loss and RMSE(bins) by hand on three items") {
  const std::vector<Item> items = {Item::of({{3, 0}, {3, 2}}), Item::of({{3, 0}, {1, 2}}),
                                   Item::of({{4, 0}, {3, 30}})};
  const Params& w = default_params();
  const double p0 = predict(w, items[0].reviews());
  const double p1 = predict(w, items[1].reviews());
  const double p2 = predict(w, items[2].reviews());
  CHECK(p0 == doctest::Approx(recall(w, 2, w[2])));
  const double w0 = recency_weight(0, 3), w1 = recency_weight(1, 3), w2 = recency_weight(2, 3);
  CHECK(w0 == 0.25);
  CHECK(w1 == doctest::Approx(0.25 + 0.75 / 8));
  CHECK(w2 == 1.0);
  const double loss =
      (-std::log(p0) * w0 - std::log(1 - p1) * w1 - std::log(p2) * w2) / (w0 + w1 + w2);
  // Items 0 and 1 share a bin (same gap, no lapses): mean predicted vs mean actual (0.5).
  const double bin01 = (p0 + p1) / 2 - 0.5;
  const double bin2 = p2 - 1;
  const double rmse = std::sqrt((bin01 * bin01 * (w0 + w1) + bin2 * bin2 * w2) / (w0 + w1 + w2));
  const Evaluation e = evaluate(items, w);
  CHECK(e.log_loss == doctest::Approx(loss).epsilon(1e-12));
  CHECK(e.rmse_bins == doctest::Approx(rmse).epsilon(1e-12));
}

TEST_CASE("fitting: too few items keep the defaults, the same seed gives the same fit") {
  std::vector<Item> few;
  for (int i = 0; i < 5; ++i) few.push_back(first_review_item(3, 1, true));
  CHECK(fit(few, {}).kind == FitKind::kTooFew);
  CHECK(fit(few, {}).params == default_params());

  Params truth = default_params();
  truth[8] = 1.5;
  truth[10] = 1.2;
  truth[20] = 0.3;
  const Conversion c = items_from_log(simulated_log(truth, 11, 600));
  REQUIRE(c.items.size() > 1000);
  const Fit a = fit(c.items, {});
  const Fit b = fit(c.items, {});
  REQUIRE(a.kind == FitKind::kFull);
  CHECK(a.params == b.params);
  FitOptions other;
  other.seed = 99;
  CHECK(fit(c.items, other).params != a.params);

  // The fit predicts the learner better than the defaults, nearly as well as the truth.
  const auto scored = evaluation_items(c.items);
  const double fitted = evaluate(scored, a.params).log_loss;
  const double defaults = evaluate(scored, default_params()).log_loss;
  const double true_loss = evaluate(scored, truth).log_loss;
  CHECK(fitted < defaults);
  CHECK(fitted < true_loss * 1.01);

  // Short-term off: w0-w3 stay at the pre-trained values, w17-w19 at 0.
  FitOptions off;
  off.short_term = false;
  const Fit o = fit(c.items, off);
  CHECK(o.params[17] == 0);
  CHECK(o.params[19] == 0);
}

}  // namespace quizdeck::optimize
