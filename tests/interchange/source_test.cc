// SPDX-License-Identifier: MIT
// A card's `source:` crosses formats inside its explanation ("Source: ..." as the last
// paragraph) and comes back as `source:` on import.
#include <doctest/doctest.h>

#include "interchange/bank.h"
#include "interchange/deck_yaml.h"

namespace quizdeck::interchange {

TEST_CASE("source: carried as the explanation's last paragraph, split off again") {
  CHECK(with_source("Because.", "") == "Because.");
  CHECK(with_source("Because.", "SAMHSA, 2012") == "Because.\n\nSource: SAMHSA, 2012");
  CHECK(with_source("", "SAMHSA, 2012") == "Source: SAMHSA, 2012");
  using Split = std::pair<std::string, std::string>;
  CHECK(split_source("Because.\n\nSource: SAMHSA, 2012") == Split{"Because.", "SAMHSA, 2012"});
  CHECK(split_source("Source: SAMHSA, 2012\n") == Split{"", "SAMHSA, 2012"});
  CHECK(split_source("Because.") == Split{"Because.", ""});
  // Not a citation: more paragraphs after it, nothing after the mark, or mid-paragraph.
  CHECK(split_source("Source: a.\n\nMore.") == Split{"Source: a.\n\nMore.", ""});
  CHECK(split_source("Because.\n\nSource: ") == Split{"Because.\n\nSource: ", ""});
  CHECK(split_source("See the Source: x") == Split{"See the Source: x", ""});
}

TEST_CASE("source: an imported card whose explanation ends in a citation gets source:") {
  Bank bank;
  bank.title = "t";
  Entry e;
  e.id = "c";
  e.type = deck::CardType::kFlash;
  e.question = "front";
  e.back = "back";
  e.explain = "Why.\n\nSource: NIDA, 2020";
  bank.entries.push_back(e);
  const std::string yaml = write_deck_yaml(bank, {}).yaml;
  CHECK(yaml.find("    explain: Why.\n") != std::string::npos);
  CHECK(yaml.find("    source: NIDA, 2020\n") != std::string::npos);
}

}  // namespace quizdeck::interchange
