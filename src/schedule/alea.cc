// SPDX-License-Identifier: MIT
#include "schedule/alea.h"

#include "core/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace quizdeck::schedule {
namespace {

constexpr double kTwo32 = 4294967296.0;

// x >>> 0 for the non-negative values Mash produces (below 2^34).
double u32(double x) {
  return std::fmod(std::trunc(x), kTwo32);
}

class Mash {
 public:
  double hash(std::string_view data) {
    // JavaScript hashes UTF-16 code units; seeds here are ASCII, one unit per byte.
    for (const char c : data) {
      n_ += static_cast<unsigned char>(c);
      double h = 0.02519603282416938 * n_;
      n_ = u32(h);
      h -= n_;
      h *= n_;
      n_ = u32(h);
      h -= n_;
      n_ += h * kTwo32;
    }
    return u32(n_) * (1.0 / kTwo32);
  }

 private:
  double n_ = 4022871197.0;
};

}  // namespace

Alea::Alea(std::string_view seed) {
  Mash mash;
  s0_ = mash.hash(" ");
  s1_ = mash.hash(" ");
  s2_ = mash.hash(" ");
  s0_ -= mash.hash(seed);
  if (s0_ < 0) s0_ += 1;
  s1_ -= mash.hash(seed);
  if (s1_ < 0) s1_ += 1;
  s2_ -= mash.hash(seed);
  if (s2_ < 0) s2_ += 1;
}

double Alea::next() {
  const double t = 2091639 * s0_ + c_ * (1.0 / kTwo32);
  s0_ = s1_;
  s1_ = s2_;
  c_ = static_cast<double>(static_cast<std::int32_t>(static_cast<std::int64_t>(t)));  // t | 0
  s2_ = t - c_;
  return s2_;
}

std::string js_number(double value) {
  return core::format_number(value);
}

}  // namespace quizdeck::schedule
