// SPDX-License-Identifier: MIT
#include "core/diagnostic.h"

#include <doctest/doctest.h>

namespace quizdeck::core {

TEST_CASE("SourceText maps byte offsets to lines and code-point columns") {
  const SourceText source("f.yaml", "a: 1\r\nb: \u65e5\u672c\rc: x\n");
  CHECK(source.line_count() == 3);
  CHECK(source.locate(0).line == 1);
  CHECK(source.locate(6).line == 2);
  CHECK(source.locate(9).column == 4);   // first CJK character
  CHECK(source.locate(12).column == 5);  // second one: columns count characters
  CHECK(source.line_text(2) == "b: \u65e5\u672c");
  CHECK(source.line_text(3) == "c: x");
  CHECK(source.line_text(4) == "");
}

TEST_CASE("render_text: compiler style with the source line and a caret") {
  const SourceText source("decks/crss.yaml", "title: x\n    answer: Reputaton\n");
  Diagnostic d = make_diagnostic(Severity::kError, source, 21, 9,
                                 "answer 'Reputaton' is not one of the choices");
  Diagnostic note = d;
  note.severity = Severity::kNote;
  note.message = "did you mean 'Reputation'?";
  note.source_line.clear();
  d.notes.push_back(note);
  CHECK(render_text(d) ==
        "decks/crss.yaml:2:13: error: answer 'Reputaton' is not one of the choices\n"
        "        answer: Reputaton\n"
        "                ^~~~~~~~~\n"
        "decks/crss.yaml:2:13: note: did you mean 'Reputation'?\n");
}

TEST_CASE("render_text: carets line up under wide characters and tabs") {
  const SourceText source("t.yaml", "q: \u65e5\u672c\tx\n");
  const Diagnostic d = make_diagnostic(Severity::kWarning, source, 10, 1, "here");
  CHECK(render_text(d) ==
        "t.yaml:1:7: warning: here\n"
        "    q: \u65e5\u672c x\n"
        "            ^\n");
}

TEST_CASE("render_text: messages without a file or position") {
  CHECK(render_text(make_file_diagnostic(Severity::kError, "", "cannot open 'x'")) ==
        "quizdeck: error: cannot open 'x'\n");
  CHECK(render_text(make_file_diagnostic(Severity::kError, "d.yaml", "too big")) ==
        "d.yaml: error: too big\n");
}

TEST_CASE("render_text: control characters are shown as U+FFFD") {
  const SourceText source("t.yaml", std::string("q: a\0b\n", 7));
  CHECK(render_text(make_diagnostic(Severity::kError, source, 4, 1, "NUL")) ==
        "t.yaml:1:5: error: NUL\n"
        "    q: a\uFFFDb\n"
        "        ^\n");
}

TEST_CASE("sort_diagnostics orders by file, line, column and keeps ties stable") {
  std::vector<Diagnostic> list(4);
  list[0].file = "b.yaml", list[0].line = 1, list[0].message = "b";
  list[1].file = "a.yaml", list[1].line = 9, list[1].message = "a9";
  list[2].file = "a.yaml", list[2].line = 2, list[2].column = 5, list[2].message = "first";
  list[3].file = "a.yaml", list[3].line = 2, list[3].column = 5, list[3].message = "second";
  sort_diagnostics(list);
  CHECK(list[0].message == "first");
  CHECK(list[1].message == "second");
  CHECK(list[2].message == "a9");
  CHECK(list[3].message == "b");
}

TEST_CASE("render_json") {
  const SourceText source("t.yaml", "a: \"x\"\n");
  const Diagnostic d = make_diagnostic(Severity::kError, source, 3, 3, "bad \"x\"");
  CHECK(render_json(d) ==
        "{\"file\":\"t.yaml\",\"line\":1,\"column\":4,\"length\":3,\"severity\":\"error\","
        "\"message\":\"bad \\\"x\\\"\"}");
}

}  // namespace quizdeck::core
