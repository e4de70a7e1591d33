// SPDX-License-Identifier: MIT
// Moodle XML (docs.moodle.org/en/Moodle_XML_format): <quiz> with one <question type=...>
// per question: category (a tag), multichoice (single or several keys by fraction),
// truefalse, shortanswer (usecase 1: exact match), numerical (with tolerance), essay (a
// flash card), cloze (SHORTANSWER blanks: a cloze card), matching, ordering; description
// and other types are reported and skipped. Read with libxml2 (xml_tree.h).
#pragma once

#include <string>
#include <vector>

#include "core/expected.h"
#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

// A question that cannot be read is left out (Bank::add_malformed) and the rest come in;
// a file that is not Moodle XML at all (not UTF-8, another root element, malformed XML
// outside every question, entities over their budget) is the one failure.
core::Expected<Bank> import_moodle_xml(const core::SourceText& source);

// Every card type (a cloze as Moodle's cloze question); `title` names the deck in a
// comment (no category: Moodle's import puts the questions where the teacher chooses).
// A question's name is its card's id (given or derived), so it comes back with it; a
// multi card's answers carry quizdeck's scoring as fractions (+1/k for each of k keys,
// -1/k for each other choice), or the nearest ones Moodle allows, reported.
// A card's image goes into its question text as an <img> with the file inside, base64
// (from `media`, the deck's files by path).
Exported export_moodle_xml(const std::vector<Entry>& entries, const std::string& deck_file,
                           const std::string& title, const MediaFiles& media = {});

}  // namespace quizdeck::interchange
