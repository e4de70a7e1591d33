// SPDX-License-Identifier: MIT
// IMS QTI 2.1 content packages: one assessmentItem file per card (items/item-N.xml) and
// an imsmanifest.xml listing them, valid against the IMS schemas. Each item's identifier
// is its card's id (qti_identifier, entry_id.h) and its MAXSCORE the card's points. Choice
// and multi cards are choiceInteractions scored by map_response as quizdeck scores them
// (a multi card's keys +points/k each, other choices -points/k, at least 0), each choice's
// why its feedbackInline; true/false a two-choice one; short answers and numbers
// textEntryInteractions (alternatives mapped, a number's tolerance checked), cloze blanks
// one textEntryInteraction each, flash cards extendedTextInteractions with the back for
// the scorer, matching cards matchInteractions, ordering cards orderInteractions.
#pragma once

#include <string>
#include <vector>

#include "core/expected.h"
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
// card (its back from the scorer's rubric). The id comes from the identifier (decoded
// when qti_identifier made it), the points from MAXSCORE; feedback inside a choice is its
// why, MathML its TeX annotation or alttext. Other interactions are reported and skipped;
// an item that cannot be read (malformed XML, not an assessmentItem) is left out with its
// error (Bank::add_malformed). Entities in all the items share one budget (xml_tree.h).
Bank import_qti(const std::vector<core::SourceText>& items);

// One item file on its own: as above, but a file that is not a QTI item at all is the
// failure.
core::Expected<Bank> import_qti_item(const core::SourceText& item);

// An item file an imsmanifest.xml lists (a resource of a QTI item type): its href as
// written, and the line of its <resource>.
struct QtiResource {
  std::string href;
  int line = 0;
};

// The items a manifest lists; a manifest that is not one (malformed, another root
// element) is the failure.
core::Expected<std::vector<QtiResource>> qti_manifest_items(const core::SourceText& manifest);

}  // namespace quizdeck::interchange
