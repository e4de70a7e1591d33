// SPDX-License-Identifier: MIT
// HTML from question banks as plain text: tags removed, entities decoded, <br> and <p>
// as line breaks, list items as "- ", <code> as `code`, <pre> as a fenced block, images as
// "[image: src]". Not a browser: enough for the markup question banks carry.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quizdeck::interchange {

std::string html_to_text(std::string_view html);

// Whether an HTML reader would read `text` as markup: it holds a tag ('<' then a letter,
// '/' or '!', and a '>' later) or a character reference html_to_text decodes ("&amp;",
// "&#233;"). Text that holds neither means the same as text and as HTML.
bool has_tag(std::string_view text);
bool has_entity(std::string_view text);

// Text with the character references html_to_text knows decoded, nothing else changed
// ("&lt;memory&gt;" -> "<memory>"; "&bogus;" stays).
std::string decode_entities(std::string_view text);

// White space runs (line breaks included) as one space, trimmed.
std::string collapse_space(std::string_view text);

// The finite number a text holds, white space around it allowed ("  2.5 "); nothing for
// any other text (a bank's <fraction>, <tolerance>, QTI's mapped values).
std::optional<double> number_of(const std::string& text);

}  // namespace quizdeck::interchange
