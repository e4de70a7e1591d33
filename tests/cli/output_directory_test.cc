// SPDX-License-Identifier: MIT
// A package written into a directory (export --to qti -o DIR): a new or empty directory
// gets the whole package at once; one that has files keeps those the package does not
// write; nothing is left beside it; and what may not be written over is refused before
// anything moves.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/tmux.h"  // TestDir

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

ProcessResult export_to(const std::string& output) {
  return run_process({quizdeck_binary(), "export", source_dir() + "/decks/crss.yaml", "--to", "qti",
                      "-o", output});
}

std::vector<std::string> listing(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    names.push_back(entry.path().lexically_relative(directory).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("output directory: a package goes in whole, beside nothing") {
  TestDir dir;
  REQUIRE(export_to((dir.path / "new" / "pkg").string()).exit_code == 0);
  const auto files = listing(dir.path / "new" / "pkg");
  CHECK(std::find(files.begin(), files.end(), "imsmanifest.xml") != files.end());
  CHECK(listing(dir.path / "new").size() == files.size() + 1);  // pkg and what it holds

  // An empty directory (named with a trailing '/') is replaced by the package.
  fs::create_directory(dir.path / "empty");
  REQUIRE(export_to((dir.path / "empty").string() + "/").exit_code == 0);
  CHECK(listing(dir.path / "empty") == files);
}

TEST_CASE("output directory: into a directory with files, its own files stay") {
  TestDir dir;
  const fs::path pkg = dir.path / "pkg";
  fs::create_directories(pkg);
  write_text_file((pkg / "notes.txt").string(), "mine");
  write_text_file((pkg / "imsmanifest.xml").string(), "an old manifest");
  REQUIRE(export_to(pkg.string() + "/").exit_code == 0);
  CHECK(read_text_file((pkg / "notes.txt").string()) == "mine");
  CHECK(read_text_file((pkg / "imsmanifest.xml").string()).find("<manifest") != std::string::npos);
  CHECK(listing(dir.path).size() == listing(pkg).size() + 1);  // no temporary left beside it
}

TEST_CASE("output directory: a link in the way is refused before anything moves") {
  TestDir dir;
  const fs::path pkg = dir.path / "pkg";
  fs::create_directories(pkg);
  write_text_file((dir.path / "elsewhere.xml").string(), "keep");
  fs::create_symlink(dir.path / "elsewhere.xml", pkg / "imsmanifest.xml");
  const auto run = export_to(pkg.string());
  CHECK(run.exit_code != 0);
  CHECK(run.err.find("symbolic link") != std::string::npos);
  CHECK(read_text_file((dir.path / "elsewhere.xml").string()) == "keep");
  CHECK(listing(pkg) == std::vector<std::string>{"imsmanifest.xml"});
  CHECK(listing(dir.path).size() == 3);  // elsewhere.xml, pkg, pkg/imsmanifest.xml
}

TEST_CASE(
    "output directory: a linked folder of the package is refused, nothing written through it") {
  for (const char* folder : {"items", "media"}) {
    INFO(std::string(folder));
    TestDir dir;
    const fs::path pkg = dir.path / "pkg";
    fs::create_directories(pkg);
    fs::create_directories(dir.path / "elsewhere");
    fs::create_symlink(dir.path / "elsewhere", pkg / folder);
    const auto run = run_process({quizdeck_binary(), "export",
                                  golden_dir() + "/interchange/_fixtures/flags.yaml", "--to", "qti",
                                  "-o", pkg.string()});
    CHECK(run.exit_code == 3);
    // (after the export's warning that QTI carries no choice images)
    // The first file it would put in the folder, and the folder that is a link.
    CHECK(run.err.find("quizdeck: error: cannot write '" + (pkg / folder).string() + "/") !=
          std::string::npos);
    CHECK(run.err.ends_with("': '" + (pkg / folder).string() +
                            "' is a symbolic link; quizdeck does not write through links (name "
                            "the folder itself)\n"));
    CHECK(fs::is_empty(dir.path / "elsewhere"));
    CHECK(listing(pkg) == std::vector<std::string>{folder});
  }
}

}  // namespace quizdeck::test
