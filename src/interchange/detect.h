// SPDX-License-Identifier: MIT
// Which format a question bank is in, told from its name and its first bytes, for
// `import --from auto`. Pure: a name and text in, a format (or none) out.
#pragma once

#include <optional>
#include <string_view>

namespace quizdeck::interchange {

enum class Format { kGift, kMoodleXml, kQti, kAiken, kAnkiText, kApkg, kCsv, kTsv };

// The name `--from` uses: "gift", "xml", "qti", "aiken", "anki", "apkg", "csv", "tsv".
std::string_view format_name(Format format);
std::optional<Format> parse_format(std::string_view name);

// An Anki package by its name (.apkg, .colpkg).
bool is_apkg_name(std::string_view path);

// A zip archive by its first bytes (an Anki package under another name).
bool looks_like_zip(std::string_view bytes);

// A text bank's format from its name, then its content: a QTI item by its root element,
// Moodle XML by its extension or XML declaration, tables by extension, Anki's text export
// by its '#' headers, GIFT by braces or $CATEGORY, Aiken by "ANSWER:". None: cannot tell.
std::optional<Format> detect_format(std::string_view path, std::string_view text);

}  // namespace quizdeck::interchange
