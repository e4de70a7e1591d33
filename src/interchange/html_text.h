// SPDX-License-Identifier: MIT
// HTML from question banks as plain text: tags removed, entities decoded, <br> and <p>
// as line breaks, list items as "- ", <code> as `code`, <pre> as a fenced block, images as
// "[image: src]". Not a browser: enough for the markup question banks carry.
#pragma once

#include <string>
#include <string_view>

namespace quizdeck::interchange {

std::string html_to_text(std::string_view html);

// White space runs (line breaks included) as one space, trimmed.
std::string collapse_space(std::string_view text);

}  // namespace quizdeck::interchange
