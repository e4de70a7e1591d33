// SPDX-License-Identifier: MIT
// IMS QTI 2.1 content packages: one assessmentItem file per card (items/item-N.xml) and
// an imsmanifest.xml listing them, valid against the IMS schemas. Choice and multi cards
// are choiceInteractions, true/false a two-choice one, short answers and numbers
// textEntryInteractions (alternatives mapped, a number's tolerance checked), cloze blanks
// one textEntryInteraction each, flash cards extendedTextInteractions with the back for
// the scorer.
#pragma once

#include <string>
#include <vector>

#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

// A card's image becomes a file of the package (media/), shown first in its item's body.
Exported export_qti(const std::vector<Entry>& entries, const std::string& deck_file,
                    const std::string& deck_id, const std::string& title,
                    const MediaFiles& media = {});

// QTI 2.1 assessmentItem files (a package's items, in the manifest's order): a choice
// interaction becomes a choice, multi or (True/False choices) true/false card; one text
// entry a short answer (a float response a numeric card, with the tolerance its response
// processing checks); several text entries in the text a cloze; an extended text a flash
// card (its back from the scorer's rubric). Other interactions are reported and skipped.
Bank import_qti(const std::vector<core::SourceText>& items);

// The item files an imsmanifest.xml lists (resources of a QTI item type), as written
// there; a malformed manifest is an error in `errors`.
std::vector<std::string> qti_manifest_items(const core::SourceText& manifest,
                                            std::vector<core::Diagnostic>& errors);

}  // namespace quizdeck::interchange
