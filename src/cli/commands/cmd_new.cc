// SPDX-License-Identifier: MIT
// `quizdeck new FILE.yaml [--title T]`: a commented starting deck with one card of every
// type, each key explained where it first appears, that passes `check` as written.
#include <filesystem>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/files/output_file.h"
#include "core/json_writer.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

struct NewOptions {
  std::string path;
  std::optional<std::string> title;
  bool force = false;
};

void declare_new(Declare& d, NewOptions& o) {
  d.positional("FILE", &o.path, "the deck file to write (.yaml)").required().writes();
  d.option("--title", &o.title, "TITLE", "the deck's title (default: from the file name)");
  d.flag("--force", &o.force, "replace the file if it exists");
}

core::Expected<void> validate(const NewOptions& o) {
  const std::string ext = fs::path(o.path).extension().string();
  if (o.path != "-" && ext != ".yaml" && ext != ".yml") {
    return core::fail(ExitCode::kUsage,
                      fmt::format("'{}' does not end in .yaml or .yml, which is how quizdeck "
                                  "finds decks",
                                  o.path));
  }
  if (o.title && o.title->find_first_of("\n\r") != std::string::npos) {
    return core::fail(ExitCode::kUsage, "--title is one line");
  }
  return {};
}

Needs needs(const NewOptions&) {
  return {};
}

// A deck id from a file name: lower case letters, digits and dashes.
std::string id_from(const std::string& path) {
  std::string id;
  for (const char c : fs::path(path).stem().string()) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      id += c;
    } else if (c >= 'A' && c <= 'Z') {
      id += static_cast<char>(c - 'A' + 'a');
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? "my-deck" : id;
}

// YAML's double-quoted strings read JSON's escapes.
std::string quoted(const std::string& text) {
  core::JsonWriter json;
  json.value(text);
  return json.str();
}

std::string deck_text(const std::string& title, const std::string& id, const std::string& file) {
  return fmt::format(R"(# A quizdeck deck: check it with `quizdeck check {file}`, study it with
# `quizdeck drill`. Every key is described in quizdeck-deck(5); this file has one card of
# each type to copy from. Lines starting with # are comments.
title: {title}
id: {id}             # cards' progress is kept under this id: keep it when you rename the file
description: What this deck covers, in a sentence or two.
tags: [example]      # added to every card
exam:                # defaults for `quizdeck exam`
  questions: 5
  time: 10m
  pass: 70%
cards:
  # choice: one right answer among choices. `why` explains a choice when it is picked.
  - id: capital-australia    # optional: derived from the question when left out
    question: What is the capital of Australia?
    choices:
      - text: Canberra
        why: Right. It was built as a compromise between Sydney and Melbourne.
      - text: Sydney
        why: The largest city, but not the capital.
      - text: Melbourne
        why: The seat of government until 1927, while Canberra was being built.
    answer: Canberra
    explain: Shown after the answer, right or wrong.
    hint: Shown when the learner asks for one.
    tags: [geography]
    # Self-tests of the grading: `check` makes sure these are accepted and rejected.
    accept: [A, canberra]
    reject: [B, Melbourne]

  # multi: every right answer must be picked (partial credit in exams).
  - question: Which of these are prime numbers? (select all)
    choices:
      - "2"
      - "3"
      - text: "4"
        why: 4 is 2 x 2.
      - text: "9"
        why: 9 is 3 x 3.
    answer: ["2", "3"]
    points: 2          # weight in exams (default 1)

  # truefalse
  - question: Water boils at 100 degrees Celsius at sea level.
    answer: true

  # short: a typed answer. `match`: normalized (default: case, spacing and final
  # punctuation ignored), exact, or fuzzy (small typos count as almost).
  - question: Which gas do plants take in for photosynthesis?
    answer: [carbon dioxide, CO2]
    match: fuzzy
    accept: [Carbon dioxide, carbon dioxyde]
    reject: [oxygen]

  # numeric: a number, within a tolerance.
  - question: What is pi to two decimal places?
    answer: 3.14
    tolerance: 0.005

  # flash: self-graded; the learner says how well they knew it.
  - front: Mitochondrion
    back: The organelle that makes most of a cell's ATP.

  # cloze: each {{{{blank}}}} becomes a card of its own.
  - cloze: The {{{{mitochondria}}}} is the powerhouse of the {{{{cell}}}}.

  # matching: pair each prompt with its answer; distractors go with none.
  - question: Match each country with its capital.
    pairs:
      - France: Paris
      - Japan: Tokyo
      - Kenya: Nairobi
    distractors: [Lyon]

  # ordering: the items in their right order (they are always shown shuffled).
  - question: Put these planets in order from the Sun.
    order: [Mercury, Venus, Earth, Mars]
    # A card may show a picture (PNG, JPEG, GIF or BMP beside the deck):
    # image: figures/planets.png
)",
                     fmt::arg("title", quoted(title)), fmt::arg("id", id), fmt::arg("file", file));
}

core::Expected<ExitCode> run_new(Context& context, const NewOptions& o) {
  if (o.path != "-" && fs::exists(fs::symlink_status(o.path)) && !o.force) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("'{}' exists; pass --force to replace it", o.path));
  }
  const std::string id = id_from(o.path == "-" ? "my-deck" : o.path);
  std::string title = o.title.value_or("");
  if (title.empty()) {
    title = id;
    for (char& c : title) c = c == '-' ? ' ' : c;
    if (!title.empty() && title[0] >= 'a' && title[0] <= 'z')
      title[0] = static_cast<char>(title[0] - 'a' + 'A');
  }
  if (auto written = write_output_file(
          o.path,
          deck_text(title, id, o.path == "-" ? id + ".yaml" : fs::path(o.path).filename().string()),
          context.output_guard(), context.io.out);
      !written) {
    return written.error();
  }
  if (o.path != "-") {
    context.io.err << fmt::format(
        "wrote {} (deck '{}': a card of each type to start from); next: quizdeck check {}\n",
        o.path, id, o.path);
  }
  return ExitCode::kOk;
}

}  // namespace

Command new_command() {
  return make_command<NewOptions>("new",
                                  "write a starting deck with one commented card of every type",
                                  declare_new, needs, run_new, validate);
}

}  // namespace quizdeck::cli
