// SPDX-License-Identifier: MIT
// A card's self-tests: the example answers of its `accept:` and `reject:` lists graded by
// the real grader, as `check` runs them. Accepted means right or almost (both count as
// correct); rejected means graded wrong (not an answer that would be asked again). Letters of
// choice, matching and ordering cards name the choices in the order written. Pure.
#pragma once

#include <string>
#include <vector>

#include "deck/card.h"

namespace quizdeck::grade {

struct ExampleProblem {
  deck::Example example;
  bool accept = true;   // from the accept list (else reject)
  std::string message;  // "'Photosyntesis' is accepted as almost; reject expects wrong"
};

std::vector<ExampleProblem> check_examples(const deck::Card& card);

}  // namespace quizdeck::grade
