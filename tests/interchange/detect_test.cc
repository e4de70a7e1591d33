// SPDX-License-Identifier: MIT
// `import --from auto`: a bank's format from its name, then its first bytes.
#include "interchange/detect.h"

#include <doctest/doctest.h>

namespace quizdeck::interchange {

TEST_CASE("detect: the extension decides where it is one of a format's own") {
  CHECK(detect_format("week1.gift", "") == Format::kGift);
  CHECK(detect_format("dir.v2/bank.aiken", "{braces}") == Format::kAiken);
  CHECK(detect_format("bank.xml", "") == Format::kMoodleXml);
  CHECK(detect_format("bank.csv", "a,b") == Format::kCsv);
  CHECK(detect_format("bank.tsv", "a\tb") == Format::kTsv);
  CHECK(detect_format("bank.tab", "a\tb") == Format::kTsv);
}

TEST_CASE("detect: the content decides for other names") {
  CHECK(detect_format("item.xml", "<?xml version=\"1.0\"?>\n<assessmentItem") == Format::kQti);
  CHECK(detect_format("quiz.txt", "<?xml version=\"1.0\"?><quiz>") == Format::kMoodleXml);
  CHECK(detect_format("quiz", "<quiz>") == Format::kMoodleXml);
  CHECK(detect_format("notes.txt", "#separator:tab\nfront\tback\n") == Format::kAnkiText);
  CHECK(detect_format("notes.txt", "\xEF\xBB\xBF#html:false\n") == Format::kAnkiText);
  CHECK(detect_format("q.txt", "::Q1:: 2+2? {=4 ~5}") == Format::kGift);
  CHECK(detect_format("q.txt", "$CATEGORY: week1\n") == Format::kGift);
  CHECK(detect_format("q.txt", "Which?\nA. x\nB. y\nANSWER: A\n") == Format::kAiken);
  CHECK_FALSE(detect_format("q.txt", "just some words").has_value());
  // A dot in a folder is not an extension.
  CHECK_FALSE(detect_format("v1.gift/readme", "plain").has_value());
}

TEST_CASE("detect: format names round trip, packages by name and by their zip magic") {
  for (const Format f : {Format::kGift, Format::kMoodleXml, Format::kQti, Format::kAiken,
                         Format::kAnkiText, Format::kApkg, Format::kCsv, Format::kTsv}) {
    CHECK(parse_format(format_name(f)) == f);
  }
  CHECK(format_name(Format::kMoodleXml) == "xml");
  CHECK_FALSE(parse_format("auto").has_value());
  CHECK(is_apkg_name("deck.apkg"));
  CHECK(is_apkg_name("all.colpkg"));
  CHECK_FALSE(is_apkg_name("deck.apkg.txt"));
  CHECK(looks_like_zip(std::string_view("PK\x03\x04rest", 8)));
  CHECK_FALSE(looks_like_zip("PK"));
}

}  // namespace quizdeck::interchange
