// SPDX-License-Identifier: MIT
// The FSRS-6 model's loss and hand-derived gradient: fsrs-rs's own fixed batch
// (training.rs, test_loss_and_grad: loss, gradient, the parameters after Adam steps, the L2
// pull), and central differences on random histories that reach every branch.
#include "optimize/model.h"

#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "optimize/items.h"
#include "optimize/train.h"

namespace quizdeck::optimize {
namespace {

// fsrs-rs's batch: column c of the time/rating tables is one card's history.
std::vector<Item> fsrs_rs_batch() {
  const double t[6][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 1},
                          {0, 1, 1, 3}, {1, 3, 3, 5}, {3, 6, 6, 12}};
  const int r[6][4] = {{1, 2, 3, 4}, {3, 4, 2, 4}, {1, 4, 4, 3},
                       {4, 3, 3, 3}, {3, 1, 3, 3}, {2, 3, 3, 4}};
  const double gap[4] = {4, 11, 12, 23};
  const int label[4] = {1, 1, 1, 0};
  std::vector<Item> items;
  for (int c = 0; c < 4; ++c) {
    std::vector<Review> reviews;
    for (int row = 0; row < 6; ++row) reviews.push_back({r[row][c], t[row][c]});
    reviews.push_back({label[c] == 1 ? 3 : 1, gap[c]});
    items.push_back(Item::of(std::move(reviews)));
  }
  return items;
}

double batch(const Params& w, const std::vector<Item>& items, Params* grad) {
  std::vector<const Item*> pointers;
  for (const Item& item : items) pointers.push_back(&item);
  const std::vector<double> weights(items.size(), 1.0);
  return batch_loss(w, pointers, weights, grad);
}

void check_close(const Params& actual, const std::vector<double>& expected, double tolerance) {
  REQUIRE(expected.size() == kParamCount);
  for (std::size_t k = 0; k < kParamCount; ++k) {
    INFO("w", k);
    CHECK(actual[k] == doctest::Approx(expected[k]).epsilon(tolerance));
  }
}

}  // namespace

TEST_CASE("fsrs-rs's fixed batch: loss 4.0466027, its gradient, two Adam steps, the L2 pull") {
  const std::vector<Item> items = fsrs_rs_batch();
  Params w = default_params();
  const Params w0 = w;
  Params grad{};
  CHECK(batch(w, items, &grad) == doctest::Approx(4.0466027).epsilon(1e-6));
  check_close(grad,
              {-0.095688485, -0.0051607806, -0.0012249565, 0.007462064,  0.03650761, -0.082112335,
               0.0593964,    -2.1474836,    0.57626534,    -2.8751316,   0.7154875,  -0.028993709,
               0.0099172965, -0.2189217,    -0.0017800558, -0.089381434, 0.299141,   0.068104014,
               -0.011605468, -0.25398168,   0.27700496},
              1e-5);

  Adam adam;
  adam.step(w, grad, 0.04);
  clip_params(w, 1, true);
  check_close(w, {0.252,       1.3331,     2.3464994,  8.2556, 6.3733,     0.87340003,  2.9794,
                  0.040999997, 1.8322,     0.20660001, 0.756,  1.5235,     0.021400042, 0.3029,
                  1.6882998,   0.64140004, 1.8329,     0.5025, 0.13119997, 0.1058,      0.1142},
              1e-6);

  Params pull{};
  CHECK(l2_penalty(w, w0, 512, 1000, 2.0, &pull) == doctest::Approx(0.67711145).epsilon(1e-6));
  check_close(
      pull, {0.0019813816, 0.00087788026, 0.00026506148, -0.000105618295, -0.25213888, 1.0448985,
             -0.22755535,  5.688889,      -0.5385926,    2.5283954,       -0.75225013, 0.9102214,
             -10.113569,   3.1999993,     0.2521374,     1.3107208,       -0.07721739, -0.85244584,
             0.79999936,   4.1795917,     -1.1237311},
      1e-5);

  grad = {};
  CHECK(batch(w, items, &grad) == doctest::Approx(3.767796).epsilon(1e-6));
  check_close(grad,
              {-0.040530164, -0.0041278866, -0.0010157757, 0.007239434,  0.009321215, -0.120117955,
               0.039143264,  -0.8628009,    0.5794302,     -2.5713828,   0.7669307,   -0.024242667,
               0.0,          -0.16912507,   -0.0017008218, -0.061857328, 0.28093633,  0.064058185,
               0.0063592787, -0.1903223,    0.6257775},
              1e-5);
  adam.step(w, grad, 0.04);
  clip_params(w, 1, true);
  check_close(w, {0.2882918,  1.3726242, 2.3861322, 8.215636,   6.339965,   0.9130969,  2.940639,
                  0.07696985, 1.7921946, 0.2464217, 0.71595186, 1.5631561,  0.001,      0.34230903,
                  1.7282416,  0.68038,   1.7929853, 0.46258268, 0.14039303, 0.14509967, 0.1},
              1e-5);
}

namespace {

// Random histories: same-day reviews about a third of the time, the last a day or more on.
std::vector<Item> random_items(std::mt19937_64& rng, int count) {
  std::uniform_int_distribution<int> rating(1, 4);
  std::uniform_int_distribution<int> gap(0, 40);
  std::uniform_int_distribution<int> length(2, 12);
  std::vector<Item> items;
  for (int k = 0; k < count; ++k) {
    std::vector<Review> reviews;
    const int n = length(rng);
    for (int i = 0; i < n; ++i) {
      int days = i == 0 ? 0 : (gap(rng) < 14 ? 0 : gap(rng));
      if (i == n - 1 && days == 0) days = 1 + gap(rng);
      reviews.push_back({rating(rng), static_cast<double>(days)});
    }
    items.push_back(Item::of(std::move(reviews)));
  }
  return items;
}

}  // namespace

TEST_CASE("one pass over a card equals the sum of its items, loss and gradient") {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> weight(0.25, 1.0);
  for (const Item& card : random_items(rng, 30)) {
    const auto reviews = card.reviews();
    std::vector<Target> targets;
    Params prefix_grad{};
    double prefix_loss = 0;
    std::vector<StepCache> caches;
    for (std::size_t p = 1; p < reviews.size(); ++p) {
      if (reviews[p].delta_t < 1) continue;
      const double w = weight(rng);
      targets.push_back({p, w});
      prefix_loss += item_loss(default_params(), reviews.first(p + 1), w, &prefix_grad, caches);
    }
    Params card_grad{};
    const double loss = card_loss(default_params(), reviews, targets, &card_grad, caches);
    CHECK(loss == doctest::Approx(prefix_loss).epsilon(1e-12));
    for (std::size_t k = 0; k < kParamCount; ++k) {
      CHECK(card_grad[k] == doctest::Approx(prefix_grad[k]).epsilon(1e-9));
    }
    std::vector<double> recalls;
    card_predictions(default_params(), reviews, recalls);
    CHECK(recalls.back() == doctest::Approx(predict(default_params(), reviews)).epsilon(1e-12));
  }
}

TEST_CASE("the analytic gradient agrees with central differences on random histories") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> jitter(0.8, 1.2);
  for (int round = 0; round < 40; ++round) {
    const std::vector<Item> items = random_items(rng, 8);
    Params w = default_params();
    for (double& x : w) x *= jitter(rng);
    clip_params(w, 1, true);
    Params grad{};
    batch(w, items, &grad);
    for (std::size_t k = 0; k < kParamCount; ++k) {
      const double h = std::max(1e-6, std::abs(w[k]) * 1e-6);
      Params up = w;
      Params down = w;
      up[k] += h;
      down[k] -= h;
      const double numeric = (batch(up, items, nullptr) - batch(down, items, nullptr)) / (2 * h);
      INFO("round ", round, " w", k, " analytic ", grad[k], " numeric ", numeric);
      CHECK(std::abs(grad[k] - numeric) <= 1e-4 * std::max(1.0, std::abs(numeric)));
    }
  }
}

TEST_CASE("clipping: fsrs-rs's bounds, w19 floored only with short-term memory on") {
  Params w{};
  w.fill(-1000);
  clip_params(w, 1, true);
  CHECK(w[0] == 0.001);
  CHECK(w[4] == 1.0);
  CHECK(w[16] == 1.0);
  CHECK(w[19] == 0.01);
  CHECK(w[20] == 0.1);
  w.fill(1000);
  clip_params(w, 1, false);
  CHECK(w[3] == 100.0);
  CHECK(w[7] == 0.75);
  CHECK(w[17] == 2.0);
  CHECK(w[20] == 0.8);
  w = default_params();
  w[19] = 0;
  clip_params(w, 1, false);
  CHECK(w[19] == 0.0);
  // Several relearning steps lower the w17/w18 ceiling.
  w = default_params();
  w[17] = w[18] = 2;
  clip_params(w, 3, true);
  CHECK(w[17] < 2.0);
  CHECK(w[17] == w[18]);
}

TEST_CASE("FSRS-5 and FSRS-4.5 weight sets extend to 21 as fsrs-rs extends them") {
  Params w{};
  CHECK_FALSE(fill_params({1, 2, 3}, w));
  std::vector<double> five(19, 1.0);
  REQUIRE(fill_params(five, w));
  CHECK(w[19] == 0.0);
  CHECK(w[20] == 0.5);
  std::vector<double> four(17, 1.0);
  REQUIRE(fill_params(four, w));
  CHECK(w[4] == 3.0);
  CHECK(w[5] == doctest::Approx(std::log(4.0) / 3));
  CHECK(w[6] == 1.5);
  five[3] = std::nan("");
  CHECK_FALSE(fill_params(five, w));
}

}  // namespace quizdeck::optimize
