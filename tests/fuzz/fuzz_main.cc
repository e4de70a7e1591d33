// SPDX-License-Identifier: MIT
// libFuzzer entry point, built once per target with QUIZDECK_FUZZ_TARGET naming the
// function of targets.h it feeds (see tests/fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  quizdeck::fuzz::QUIZDECK_FUZZ_TARGET(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
