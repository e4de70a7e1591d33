// SPDX-License-Identifier: MIT
// For tests of results: the failure's message, or "" when there was none, so a test can
// assert the whole text of what went wrong.
#pragma once

#include <string>

#include "core/expected.h"

namespace quizdeck::test {

template <typename T>
std::string failure_of(const core::Expected<T>& result) {
  return result ? std::string() : result.error().message();
}

}  // namespace quizdeck::test
