// SPDX-License-Identifier: MIT
// fsrs_vector_diff EXPECTED ACTUAL: compares two FSRS JSON Lines files (the oracle's and
// `quizdeck fsrs replay`'s) value by value. stability, difficulty, r and r_get may differ by
// 1e-6 (glibc's exp/pow versus V8's fdlibm, see SPEC 11); everything else must be equal,
// except config.library, which names the implementation. Exit 0 when they agree.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "core/json.h"

namespace {

using quizdeck::core::JsonValue;

bool tolerant(const std::string& key) {
  return key == "stability" || key == "difficulty" || key == "r" || key == "r_get";
}

std::size_t differences = 0;
std::size_t close_calls = 0;  // floats that differ but within tolerance

void report(const std::string& where, const JsonValue& a, const JsonValue& b) {
  if (++differences <= 20) {
    std::cerr << where << ": expected " << quizdeck::core::to_json(a) << ", got "
              << quizdeck::core::to_json(b) << "\n";
  }
}

void compare(const JsonValue& a, const JsonValue& b, const std::string& where,
             const std::string& key) {
  if (a.kind != b.kind) return report(where, a, b);
  switch (a.kind) {
    case JsonValue::Kind::kNumber:
      if (a.number == b.number) return;
      if (tolerant(key) && std::fabs(a.number - b.number) <= 1e-6) {
        ++close_calls;
        return;
      }
      return report(where, a, b);
    case JsonValue::Kind::kString:
    case JsonValue::Kind::kBool:
    case JsonValue::Kind::kNull:
      if (a.text != b.text || a.boolean != b.boolean) report(where, a, b);
      return;
    case JsonValue::Kind::kArray:
      if (a.items.size() != b.items.size()) return report(where, a, b);
      for (std::size_t i = 0; i < a.items.size(); ++i) {
        compare(a.items[i], b.items[i], where + "[" + std::to_string(i) + "]", key);
      }
      return;
    case JsonValue::Kind::kObject:
      if (a.members.size() != b.members.size()) return report(where, a, b);
      for (std::size_t i = 0; i < a.members.size(); ++i) {
        const auto& [name, value] = a.members[i];
        if (b.members[i].first != name) return report(where + "." + name, a, b);
        if (where.ends_with(".config") && name == "library") continue;
        compare(value, b.members[i].second, where + "." + name, name);
      }
      return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fsrs_vector_diff EXPECTED.jsonl ACTUAL.jsonl\n";
    return 2;
  }
  std::ifstream expected(argv[1]);
  std::ifstream actual(argv[2]);
  if (!expected || !actual) {
    std::cerr << "fsrs_vector_diff: cannot read the inputs\n";
    return 2;
  }
  std::string a_line;
  std::string b_line;
  std::size_t line = 0;
  while (true) {
    const bool has_a = static_cast<bool>(std::getline(expected, a_line));
    const bool has_b = static_cast<bool>(std::getline(actual, b_line));
    if (!has_a && !has_b) break;
    ++line;
    if (has_a != has_b) {
      std::cerr << "line " << line << ": one file ends early\n";
      return 1;
    }
    quizdeck::core::JsonError error;
    const auto a = quizdeck::core::parse_json(a_line, error);
    const auto b = quizdeck::core::parse_json(b_line, error);
    if (!a || !b) {
      std::cerr << "line " << line << ": invalid JSON: " << error.message << "\n";
      return 1;
    }
    compare(*a, *b, "line " + std::to_string(line), "");
  }
  std::printf("%zu lines compared: %zu differences, %zu floats within 1e-6 but not identical\n",
              line, differences, close_calls);
  return differences == 0 ? 0 : 1;
}
