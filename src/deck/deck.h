// SPDX-License-Identifier: MIT
// The deck model: what a valid deck file means, independent of YAML. Every card keeps the
// position of its source so later stages can point back at the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deck/blueprint.h"
#include "deck/card.h"
#include "deck/card_list.h"

namespace quizdeck::deck {

struct ExamDefaults {
  std::optional<int> questions;
  std::optional<int> time_seconds;
  std::optional<double> pass_percent;
  Blueprint blueprint;  // questions per tag; empty: drawn at random from the whole deck
};

struct Deck {
  std::string path;          // as given on the command line
  std::string content_hash;  // of the file's bytes (core::content_hash), when read from one
  std::string id;
  bool id_given = false;
  SourcePos id_pos;
  std::string title;
  std::string description;
  std::string author;
  std::string source;
  std::vector<std::string> tags;
  std::vector<std::string> allow;  // item-writing rules silenced for every card
  bool shuffle = true;
  ExamDefaults exam;
  CardList cards;
};

}  // namespace quizdeck::deck
