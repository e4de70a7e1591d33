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

#include "interchange/bank.h"

namespace quizdeck::interchange {

Exported export_qti(const std::vector<Entry>& entries, const std::string& deck_file,
                    const std::string& deck_id, const std::string& title);

}  // namespace quizdeck::interchange
