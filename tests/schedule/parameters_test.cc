// SPDX-License-Identifier: MIT
#include "schedule/parameters.h"
#include "support/expected.h"

#include <doctest/doctest.h>

#include <limits>

namespace quizdeck::schedule {

TEST_CASE("the w17/w18 ceiling with two relearning steps (SPEC 3.3)") {
  const std::vector<double> w{0.1456, 0.4186, 1.1104, 4.1315, 5.2417,  1.3098, 0.8975,
                              0.001,  1.5674, 0.0567, 0.9661, 2.0275,  0.1592, 0.2446,
                              1.5071, 0.2272, 2.8755, 1.234,  0.56789, 0.1437, 0.2};
  const auto prepared = prepare_weights(w, 2, true);
  CHECK(prepared[17] == 0.51465578);
  CHECK(prepared[18] == 0.51465578);
  CHECK(prepare_weights(w, 1, true)[17] == 1.234);  // one step: ceiling 2
}

TEST_CASE("FSRS-5 and FSRS-4.5 weights are migrated, then clamped") {
  std::vector<double> w19(kDefaultWeights.begin(), kDefaultWeights.begin() + 19);
  const auto from19 = prepare_weights(w19, 1, true);
  CHECK(from19[19] == 0.01);  // 0 clamped to the short-term floor
  CHECK(from19[20] == 0.5);
  CHECK(prepare_weights(w19, 1, false)[19] == 0);
  const std::vector<double> w17{0.4,  0.6,  2.4,  5.8,  4.93, 0.94, 0.86, 0.01, 1.49,
                                0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61};
  const auto from17 = prepare_weights(w17, 1, true);
  CHECK(from17[4] == 6.81);
  CHECK(from17[5] == 0.44675014);
  CHECK(from17[6] == 1.36);
  CHECK(from17[17] == 0);
  CHECK(from17[19] == 0.01);
  CHECK(from17[20] == 0.5);
}

TEST_CASE("weights outside their ranges are clamped") {
  std::vector<double> w(kDefaultWeights.begin(), kDefaultWeights.end());
  w[0] = -5;
  w[4] = 42;
  w[20] = 0.01;
  const auto prepared = prepare_weights(w, 1, true);
  CHECK(prepared[0] == 0.001);
  CHECK(prepared[4] == 10);
  CHECK(prepared[20] == 0.1);
}

TEST_CASE("user input is checked, not silently clamped") {
  CHECK(test::failure_of(check_weights({1, 2, 3})) ==
        "FSRS parameters are 17, 19 or 21 numbers, not 3");
  std::vector<double> w(kDefaultWeights.begin(), kDefaultWeights.end());
  CHECK(test::failure_of(check_weights(w)) == "");
  w[3] = std::numeric_limits<double>::infinity();
  CHECK(test::failure_of(check_weights(w)) == "parameter w3 is not a finite number");
  CHECK(test::failure_of(check_retention(0.9)) == "");
  CHECK(test::failure_of(check_retention(1)) ==
        "desired retention must be between 0 and 1 (exclusive), not 1");
  CHECK(test::failure_of(check_retention(0)) ==
        "desired retention must be between 0 and 1 (exclusive), not 0");
  CHECK(test::failure_of(check_maximum_interval(365)) == "");
  CHECK(test::failure_of(check_maximum_interval(0.5)) ==
        "maximum interval must be a whole number of days from 1 to 36500, not 0.5");
}

TEST_CASE("steps") {
  const auto steps = parse_steps("1m, 10m,1h,1d");
  REQUIRE(steps);
  REQUIRE(steps->size() == 4);
  CHECK((*steps)[0].minutes == 1);
  CHECK((*steps)[1].minutes == 10);
  CHECK((*steps)[2].minutes == 60);
  CHECK((*steps)[3].minutes == 1440);
  CHECK(parse_steps("none")->empty());
  for (const char* bad : {"1.5h", "10", "m", "-1m", "10s", "1m,,2m"}) {
    CHECK_MESSAGE(!parse_steps(bad), bad);
  }
  CHECK(test::failure_of(parse_step("1.5h")) ==
        "invalid step '1.5h': write a whole number with m, h or d, such as 10m, 1h or 1d");
}

}  // namespace quizdeck::schedule
