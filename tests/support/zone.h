// SPDX-License-Identifier: MIT
// Sets TZ for a test's lifetime (a POSIX rule such as "UTC0" needs no tzdata).
#pragma once

#include <cstdlib>
#include <ctime>
#include <string>

namespace quizdeck::test {

class Zone {
 public:
  explicit Zone(const char* tz) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    setenv("TZ", tz, 1);
    tzset();
  }
  ~Zone() {
    if (old_.empty()) {
      unsetenv("TZ");
    } else {
      setenv("TZ", old_.c_str(), 1);
    }
    tzset();
  }
  Zone(const Zone&) = delete;
  Zone& operator=(const Zone&) = delete;

 private:
  std::string old_;
};

}  // namespace quizdeck::test
