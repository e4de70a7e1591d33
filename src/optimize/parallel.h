// SPDX-License-Identifier: MIT
// Work cut into a fixed number of pieces, run on every core: the pieces (not the cores)
// decide how sums are grouped, so results do not depend on the machine.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace quizdeck::optimize {

inline std::size_t worker_count() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

template <typename Fn>
void run_pieces(std::size_t pieces, Fn&& fn) {
  const std::size_t workers = std::min(pieces, worker_count());
  if (workers <= 1) {
    for (std::size_t i = 0; i < pieces; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < pieces; i = next++) fn(i);
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
}

}  // namespace quizdeck::optimize
