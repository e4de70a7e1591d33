// SPDX-License-Identifier: MIT
// Moodle XML (docs.moodle.org/en/Moodle_XML_format): <quiz> with one <question type=...>
// per question: category (a tag), multichoice (single or several keys by fraction),
// truefalse, shortanswer (usecase 1: exact match), numerical (with tolerance), essay (a
// flash card), cloze (SHORTANSWER blanks: a cloze card); description and matching are
// reported and skipped. Read with libxml2: no network, no entity expansion.
#pragma once

#include <string>
#include <vector>

#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

Bank import_moodle_xml(const core::SourceText& source);

// Every card type (a cloze as Moodle's cloze question); `title` names the deck in a
// comment (no category: Moodle's import puts the questions where the teacher chooses).
// A card's image goes into its question text as an <img> with the file inside, base64
// (from `media`, the deck's files by path).
Exported export_moodle_xml(const std::vector<Entry>& entries, const std::string& deck_file,
                           const std::string& title, const MediaFiles& media = {});

}  // namespace quizdeck::interchange
