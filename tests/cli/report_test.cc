// SPDX-License-Identifier: MIT
// The HTML report, written by the real binary after a drill and an exam: self-contained
// (no scripts, no external resources) with every chart present, and rendered by headless
// Chromium without a console error.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "support/needs.h"
#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kChartIds[] = {"forecast-chart", "heatmap-chart", "exam-trend", "tags"};

// A folder with a store that has seen a drill and an exam on the stats sample deck.
struct ReportFixture {
  fs::path dir = fs::temp_directory_path() / ("quizdeck-report-" + std::to_string(::getpid()));
  std::string deck = source_dir() + "/tests/golden/stats/_fixtures/deck.yaml";
  ProcessOptions options;

  ReportFixture() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    options.cwd = dir.string();
    options.env = {{"TZ", "UTC"}, {"NO_COLOR", "1"}};
    options.stdin_text = "ok\nok\nok\nok\nok\nok\n";
    REQUIRE(run({"drill", deck, "--now", "2026-10-30T09:00:00Z", "--seed", "1"}).exit_code == 0);
    REQUIRE(run({"exam", deck, "--now", "2026-10-31T09:00:00Z", "--seed", "2"}).exit_code == 0);
    ProcessOptions failing = options;
    failing.stdin_text = "no\nno\nno\nno\n";
    REQUIRE(run_process({quizdeck_binary(), "--store", (dir / "s.db").string(), "exam", deck,
                         "--now", "2026-10-31T12:00:00Z", "--seed", "3"},
                        failing)
                .exit_code == 5);
    // A card with code, answered wrong: "missed most often" shows its code as code.
    write_text_file(code_deck(),
                    "title: Code\nid: code\ncards:\n  - id: loop\n    question: |\n"
                    "      What does `i++` print here?\n      ```\n      int i = 1;\n"
                    "      printf(\"%d\", i++);\n      ```\n    answer: \"1\"\n"
                    "    tags: [post-increment-operators-in-expressions, "
                    "a-long-code-line-like-std::vector<std::pair<std::string,int>>]\n");
    ProcessOptions wrong = options;
    wrong.stdin_text = "2\n";
    REQUIRE(run_process({quizdeck_binary(), "--store", (dir / "s.db").string(), "drill",
                         code_deck(), "--now", "2026-10-31T13:00:00Z"},
                        wrong)
                .exit_code == 0);
  }
  std::string code_deck() const { return (dir / "code.yaml").string(); }
  ~ReportFixture() { fs::remove_all(dir); }

  ProcessResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {quizdeck_binary(), "--store", (dir / "s.db").string()});
    return run_process(args, options);
  }
  // Writes the report to `name` in the folder and returns its path.
  std::string report(const std::string& name) const {
    const auto result =
        run({"report", deck, code_deck(), "--now", "2026-11-01T09:00:00Z", "-o", name});
    REQUIRE(result.exit_code == 0);
    return (dir / name).string();
  }
};

TEST_CASE("report writes one self-contained HTML file with its charts") {
  const ReportFixture fixture;
  const std::string html = read_text_file(fixture.report("out.html"));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const char* id : kChartIds) {
    INFO("element ", id);
    CHECK(html.find(std::string("id=\"") + id + "\"") != std::string::npos);
  }
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("</html>") != std::string::npos);
  // Code in a card is code: a block for a fence, inline code for `spans`.
  CHECK(html.find("<pre><code>int i = 1;\nprintf(&quot;%d&quot;, i++);\n</code></pre>") !=
        std::string::npos);
  CHECK(html.find("<code>i++</code>") != std::string::npos);
  CHECK(html.find("```") == std::string::npos);
  // The exam chart has its axis labels, pass mark and a marker per exam; the heat map its
  // months.
  CHECK(html.find(">100%</text>") != std::string::npos);
  CHECK(html.find(">pass 75%</text>") != std::string::npos);
  std::size_t markers = 0;
  for (auto at = html.find("<circle"); at != std::string::npos; at = html.find("<circle", at + 1))
    ++markers;
  CHECK(markers == 2);
  CHECK(html.find(">Oct</text>") != std::string::npos);

  // A directory that does not exist: an I/O error, exit 3.
  const auto bad = fixture.run(
      {"report", fixture.deck, "--now", "2026-11-01T09:00:00Z", "-o", "no/such/dir/r.html"});
  CHECK(bad.exit_code == 3);
}

TEST_CASE("report -o never harms a file it should not touch") {
  const ReportFixture fixture;
  const auto report = [&](const std::string& output) {
    return fixture.run({"report", fixture.deck, "--now", "2026-11-01T09:00:00Z", "-o", output});
  };
  const std::string deck_bytes = read_text_file(fixture.deck);
  const std::string store = (fixture.dir / "s.db").string();
  const std::string store_bytes = read_text_file(store);

  // The deck it reads, by its name or through another name for it.
  auto refused = report(fixture.deck);
  CHECK(refused.exit_code == 3);
  CHECK(refused.err == "quizdeck: error: cannot write '" + fixture.deck + "': it is '" +
                           fixture.deck + "', which this command reads\n");
  fs::create_hard_link(fixture.deck, fixture.dir / "alias.yaml");
  CHECK(report("alias.yaml").exit_code == 3);
  CHECK(read_text_file(fixture.deck) == deck_bytes);
  // The store, and the cache beside it.
  CHECK(report(store).exit_code == 3);
  CHECK(report(store + ".deck-cache").exit_code == 3);
  CHECK(read_text_file(store) == store_bytes);

  // A symbolic link is not followed, even to a harmless file.
  write_text_file((fixture.dir / "notes.txt").string(), "mine\n");
  fs::create_symlink(fixture.dir / "notes.txt", fixture.dir / "link.html");
  refused = report("link.html");
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("it is a symbolic link") != std::string::npos);
  CHECK(read_text_file((fixture.dir / "notes.txt").string()) == "mine\n");
  // A directory and a FIFO are refused with the reason, the FIFO never opened.
  fs::create_directory(fixture.dir / "folder.html");
  CHECK(report("folder.html").err.find("it is a directory") != std::string::npos);
  REQUIRE(::mkfifo((fixture.dir / "pipe.html").c_str(), 0600) == 0);
  refused = report("pipe.html");
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("it is not a regular file") != std::string::npos);

  // "-" is standard output.
  const auto to_stdout = report("-");
  CHECK(to_stdout.exit_code == 0);
  CHECK(to_stdout.out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_FALSE(fs::exists(fixture.dir / "-"));
  // An existing report is replaced whole, and no temporary file is left behind.
  write_text_file((fixture.dir / "old.html").string(), "old report");
  CHECK(report("old.html").exit_code == 0);
  CHECK(read_text_file((fixture.dir / "old.html").string()).rfind("<!DOCTYPE html>", 0) == 0);
  for (const auto& entry : fs::directory_iterator(fixture.dir)) {
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
  }
}

// Headless Chromium, as the issue prescribes: a fresh profile, no network services.
struct Browser {
  fs::path profile;
  ProcessResult run(const std::vector<std::string>& extra, const std::string& page) const {
    std::vector<std::string> argv = {"/usr/bin/timeout",
                                     "120",
                                     QUIZDECK_CHROMIUM,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--no-first-run",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--user-data-dir=" + profile.string(),
                                     "--enable-logging=stderr",
                                     "--v=0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back("file://" + page);
    return run_process(argv);
  }
};

// Chromium logs every console message (errors, refused loads) as ":CONSOLE" on stderr.
std::vector<std::string> console_lines(const std::string& log) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    const std::string line = log.substr(start, end - start);
    if (line.find(":CONSOLE") != std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// Width and height from a PNG's IHDR chunk; {0, 0} when the file is not a PNG.
std::pair<unsigned, unsigned> png_size(const std::string& png) {
  if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return {0, 0};
  const auto be32 = [&](std::size_t at) {
    unsigned value = 0;
    for (std::size_t i = 0; i < 4; ++i)
      value = value << 8 | static_cast<unsigned char>(png[at + i]);
    return value;
  };
  return {be32(16), be32(20)};
}

// What is wider than the window at `width` ("none" when nothing is): a copy of the page
// that may run one script measures every element as Chromium laid it out.
std::string overflow_at(const Browser& browser, const std::string& page, unsigned width) {
  std::string probe = read_text_file(page);
  const std::string csp = "default-src 'none'; style-src 'unsafe-inline';";
  REQUIRE(probe.find(csp) != std::string::npos);
  probe.replace(probe.find(csp), csp.size(), csp + " script-src 'unsafe-inline';");
  probe.replace(
      probe.rfind("</body>"), 7,
      "<script>const w = document.documentElement.clientWidth; const wide = [];"
      "if (document.documentElement.scrollWidth > w) wide.push('page');"
      "for (const e of document.querySelectorAll('body *')) {"
      "  const r = e.getBoundingClientRect();"
      "  if (r.width > 0 && r.right > w + 0.5) wide.push(e.tagName + ' ' + Math.round(r.right)); }"
      "document.body.setAttribute('data-overflow', wide.length ? wide.slice(0, 5).join(', ') : "
      "'none');</script></body>");
  const std::string probe_page = page + ".probe.html";
  write_text_file(probe_page, probe);
  const auto measured =
      browser.run({"--dump-dom", "--window-size=" + std::to_string(width) + ",844"}, probe_page);
  const auto at = measured.out.find("data-overflow=\"");
  if (at == std::string::npos) return "no measurement";
  const auto start = at + 15;
  return measured.out.substr(start, measured.out.find('"', start) - start);
}

TEST_CASE("the report renders in headless Chromium with no console errors") {
  if (!available(!std::string(QUIZDECK_CHROMIUM).empty(), "chromium")) return;
  const ReportFixture fixture;
  const Browser browser{fixture.dir / "profile"};

  // The check itself catches a page that logs an error or tries to load from elsewhere.
  const std::string broken = (fixture.dir / "broken.html").string();
  write_text_file(broken,
                  "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                  "content=\"default-src 'none'\"></head><body><script>console.error('boom')"
                  "</script><img src=\"https://example.invalid/x.png\"></body></html>");
  CHECK_FALSE(console_lines(browser.run({"--dump-dom"}, broken).err).empty());

  const std::string page = fixture.report("report.html");
  for (const auto& size : {std::pair{1000u, 1600u}, std::pair{390u, 844u}}) {
    const unsigned width = size.first;  // not structured bindings: INFO captures them
    const unsigned height = size.second;
    INFO("window ", width, "x", height);
    const std::string shot = (fixture.dir / ("shot-" + std::to_string(width) + ".png")).string();
    const auto result =
        browser.run({"--screenshot=" + shot, "--hide-scrollbars",
                     "--window-size=" + std::to_string(width) + "," + std::to_string(height)},
                    page);
    CHECK(result.exit_code == 0);
    const auto errors = console_lines(result.err);
    for (const auto& line : errors) FAIL_CHECK("console: ", line);
    const std::string png = read_text_file(shot);
    CHECK(png_size(png) == std::pair{width, height});
    // A blank page compresses to a few kilobytes; charts and text take many more.
    CHECK(png.size() > 20'000);
  }

  // Nothing is wider than the window, at a phone's width or a desktop's.
  for (const unsigned width : {390u, 1000u}) {
    INFO("window width ", width);
    CHECK(overflow_at(browser, page, width) == "none");
  }

  // The DOM Chromium built has every chart, and the charts have their marks.
  const auto dom = browser.run({"--dump-dom"}, page);
  CHECK(dom.exit_code == 0);
  CHECK(console_lines(dom.err).empty());
  for (const char* id : kChartIds) {
    INFO("element ", id);
    CHECK(dom.out.find(std::string("id=\"") + id + "\"") != std::string::npos);
  }
  CHECK(dom.out.find("<rect") != std::string::npos);
  CHECK(dom.out.find("<polyline") != std::string::npos);
}

}  // namespace
}  // namespace quizdeck::test

namespace quizdeck::test {
namespace {

// The pages of a PDF and the size of the first, in points.
std::pair<int, std::string> pdf_pages(const std::string& pdf) {
  int pages = 0;
  for (std::size_t at = 0; (at = pdf.find("/Type /Page", at)) != std::string::npos; ++at) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  for (std::size_t at = 0; (at = pdf.find("/Type/Page", at)) != std::string::npos; ++at) {
    if (pdf.compare(at, 11, "/Type/Pages") != 0) ++pages;
  }
  const auto box = pdf.find("/MediaBox");
  return {pages, box == std::string::npos ? std::string() : pdf.substr(box, 40)};
}

}  // namespace

TEST_CASE("print: a paper exam prints from headless Chromium, the key on a page of its own") {
  if (!available(!std::string(QUIZDECK_CHROMIUM).empty(), "chromium")) return;
  const ReportFixture fixture;
  const Browser browser{fixture.dir / "profile"};
  fs::copy_file(fs::path(source_dir()) / "decks" / "crss.yaml", fixture.dir / "crss.yaml");
  for (const std::string paper : {"a4", "letter"}) {
    INFO(paper);
    const std::string html = (fixture.dir / ("exam-" + paper + ".html")).string();
    const auto made = run_process({quizdeck_binary(), "--store", (fixture.dir / "s.db").string(),
                                   "print", (fixture.dir / "crss.yaml").string(), "--exam",
                                   "--questions", "4", "--paper", paper, "-o", html});
    REQUIRE(made.exit_code == 0);
    const std::string pdf = (fixture.dir / ("exam-" + paper + ".pdf")).string();
    const auto printed = browser.run({"--print-to-pdf=" + pdf, "--no-pdf-header-footer"}, html);
    CHECK(printed.exit_code == 0);
    for (const auto& line : console_lines(printed.err)) FAIL_CHECK("console: ", line);
    const auto [pages, box] = pdf_pages(read_text_file(pdf));
    // Four short questions fit on one page; the answer key takes the next.
    CHECK(pages == 2);
    // A4 is 594.96 x 841.92 points (210 x 297 mm), Letter 612 x 792.
    CHECK(box.find(paper == "a4" ? "594.9" : "612 792") != std::string::npos);
  }
}

}  // namespace quizdeck::test

namespace quizdeck::test {

TEST_CASE("analyze --html: the item analysis renders in headless Chromium with its charts") {
  if (!available(!std::string(QUIZDECK_CHROMIUM).empty(), "chromium")) return;
  const ReportFixture fixture;
  const Browser browser{fixture.dir / "profile"};
  const fs::path fixtures = fs::path(golden_dir()) / "analysis" / "_fixtures";
  std::vector<std::string> argv{quizdeck_binary(), "--store", (fixture.dir / "none.db").string(),
                                "analyze", (fixtures / "bank.yaml").string()};
  for (int n = 1; n <= 6; ++n) {
    argv.push_back((fixtures / ("learner" + std::to_string(n) + ".jsonl")).string());
  }
  const std::string page = (fixture.dir / "analysis.html").string();
  argv.insert(argv.end(), {"--html", "-o", page});
  const auto made = run_process(argv);
  REQUIRE(made.exit_code == 0);
  for (const auto& size : {std::pair{1000u, 1400u}, std::pair{390u, 844u}}) {
    const unsigned width = size.first;  // not structured bindings: INFO captures them
    const unsigned height = size.second;
    INFO("window ", width, "x", height);
    const std::string shot =
        (fixture.dir / ("analysis-" + std::to_string(width) + ".png")).string();
    const auto result =
        browser.run({"--screenshot=" + shot, "--hide-scrollbars",
                     "--window-size=" + std::to_string(width) + "," + std::to_string(height)},
                    page);
    CHECK(result.exit_code == 0);
    for (const auto& line : console_lines(result.err)) FAIL_CHECK("console: ", line);
    const std::string png = read_text_file(shot);
    CHECK(png_size(png) == std::pair{width, height});
    CHECK(png.size() > 20'000);
    CHECK(overflow_at(browser, page, width) == "none");
  }
  const auto dom = browser.run({"--dump-dom"}, page);
  CHECK(dom.exit_code == 0);
  CHECK(console_lines(dom.err).empty());
  // The facility/discrimination map has a dot per judged card, the exam its bars, and the
  // problems are there in words.
  std::size_t dots = 0;
  for (std::size_t at = 0; (at = dom.out.find("<circle", at)) != std::string::npos; ++at) ++dots;
  CHECK(dots == 3);
  CHECK(dom.out.find("<rect") != std::string::npos);
  CHECK(dom.out.find("never picked in 6 attempts") != std::string::npos);
  CHECK(dom.out.find("Cronbach") != std::string::npos);
}

TEST_CASE("grades --html and --sheets: regraded pages that fit a phone and a desktop") {
  if (!available(!std::string(QUIZDECK_CHROMIUM).empty(), "chromium")) return;
  const ReportFixture fixture;
  const Browser browser{fixture.dir / "profile"};
  const fs::path fixtures = fs::path(golden_dir()) / "analysis" / "_fixtures";
  // ben's file claims every exam answer right; the deck says one of three.
  const std::string ben =
      (fs::path(golden_dir()) / "analysis" / "grades-tampered" / "ben.jsonl").string();
  const std::vector<std::string> base{quizdeck_binary(),
                                      "--store",
                                      (fixture.dir / "none.db").string(),
                                      "grades",
                                      (fixtures / "bank.yaml").string(),
                                      (fixtures / "learner1.jsonl").string(),
                                      ben};
  const std::string page = (fixture.dir / "grades.html").string();
  const fs::path sheets = fixture.dir / "sheets";
  auto argv = base;
  argv.insert(argv.end(), {"--html", "-o", page});
  REQUIRE(run_process(argv).exit_code == 0);
  argv = base;
  argv.insert(argv.end(), {"--sheets", "-o", sheets.string()});
  REQUIRE(run_process(argv).exit_code == 0);
  const std::string sheet = (sheets / "ben.html").string();
  REQUIRE(fs::exists(sheets / "learner-1.html"));
  for (const std::string& shown : {page, sheet}) {
    for (const unsigned width : {1000u, 390u}) {
      INFO(shown, " at ", width, " px");
      CHECK(overflow_at(browser, shown, width) == "none");
    }
  }
  const auto book = browser.run({"--dump-dom"}, page);
  CHECK(console_lines(book.err).empty());
  CHECK(book.out.find("ben: partnership claims right, picked 'B: Supervision', regraded wrong") !=
        std::string::npos);
  CHECK(book.out.find("33.3%") != std::string::npos);
  const auto dom = browser.run({"--dump-dom"}, sheet);
  CHECK(console_lines(dom.err).empty());
  CHECK(dom.out.find("Score 1/3 (33.3%); pass mark 50%") != std::string::npos);
  CHECK(dom.out.find("You picked 'B: Supervision'.") != std::string::npos);
  CHECK(dom.out.find("You answered 'echo'.") != std::string::npos);
  CHECK(dom.out.find("Right answer:</span> Partnership") != std::string::npos);
}

}  // namespace quizdeck::test

namespace quizdeck::test {

TEST_CASE("print -o never replaces an image the printout embeds") {
  const ReportFixture fixture;
  const std::string deck = source_dir() + "/tests/golden/print/exam-images-siblings-key/deck.yaml";
  const std::string image =
      source_dir() + "/tests/golden/print/exam-images-siblings-key/img/sign.png";
  const std::string bytes = read_text_file(image);
  const auto refused = fixture.run({"print", deck, "--exam", "-o", image});
  CHECK(refused.exit_code == 3);
  CHECK(refused.err == "quizdeck: error: cannot write '" + image + "': it is '" +
                           fs::canonical(image).string() + "', which this command reads\n");
  CHECK(read_text_file(image) == bytes);
}

}  // namespace quizdeck::test
