// SPDX-License-Identifier: MIT
// The Alea generator (Baagoe) exactly as ts-fsrs implements it, for fuzzed intervals that
// match ts-fsrs's; and JavaScript's number-to-string for the seed.
#pragma once

#include <string>
#include <string_view>

namespace quizdeck::schedule {

class Alea {
 public:
  explicit Alea(std::string_view seed);
  double next();

 private:
  double s0_;
  double s1_;
  double s2_;
  double c_ = 1;
};

// A number as JavaScript prints it ("0", "8.2956", "36.05646792"), for the seed string.
std::string js_number(double value);

}  // namespace quizdeck::schedule
