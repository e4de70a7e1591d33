// SPDX-License-Identifier: MIT
#include "interchange/apkg_collection_json.h"

#include <string_view>

#include "core/json_writer.h"
#include "interchange/anki_card_field.h"

namespace quizdeck::interchange {
namespace {

constexpr std::int64_t kNotetypeMod = 1'767'225'600;

constexpr const char* kCss =
    ".card { font-family: arial; font-size: 20px; text-align: center; color: black; "
    "background-color: white; }\n"
    ".cloze { font-weight: bold; color: blue; }\n"
    ".nightMode .cloze { color: lightblue; }\n"
    ".quizdeck-note { font-size: 16px; font-style: italic; }";

void write_field(core::JsonWriter& json, std::string_view name, int ord, bool card_field) {
  json.begin_object();
  json.key("name").value(name);
  json.key("ord").value(ord);
  json.key("sticky").value(false);
  json.key("rtl").value(false);
  json.key("font").value("Arial");
  json.key("size").value(20);
  json.key("media").begin_array().end_array();
  // The card field is folded away in Anki's editor, kept as plain text (the HTML editor
  // would not touch it) and left out of its search.
  json.key("collapsed").value(card_field);
  json.key("excludeFromSearch").value(card_field);
  json.key("plainText").value(card_field);
  if (card_field) json.key("description").value("The card as quizdeck keeps it, for its import");
  json.end_object();
}

void write_notetype(core::JsonWriter& json, std::int64_t id, bool cloze, std::int64_t deck) {
  json.key(std::to_string(id)).begin_object();
  json.key("id").value(id);
  json.key("name").value(cloze ? "quizdeck Cloze" : "quizdeck Basic");
  json.key("type").value(cloze ? 1 : 0);
  json.key("mod").value(kNotetypeMod);
  json.key("usn").value(-1);
  json.key("sortf").value(0);
  json.key("did").value(deck);
  json.key("tmpls").begin_array().begin_object();
  json.key("name").value(cloze ? "Cloze" : "Card 1");
  json.key("ord").value(0);
  json.key("qfmt").value(cloze ? "{{cloze:Text}}" : "{{Front}}");
  json.key("afmt").value(cloze ? "{{cloze:Text}}<br>\n{{Back Extra}}"
                               : "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}");
  json.key("bqfmt").value("");
  json.key("bafmt").value("");
  json.key("did").null();
  json.key("bfont").value("");
  json.key("bsize").value(0);
  json.end_object().end_array();
  json.key("flds").begin_array();
  write_field(json, cloze ? "Text" : "Front", 0, false);
  write_field(json, cloze ? "Back Extra" : "Back", 1, false);
  write_field(json, kCardFieldName, 2, true);
  json.end_array();
  json.key("css").value(kCss);
  json.key("latexPre")
      .value(
          "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{"
          "inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{"
          "0in}\n\\begin{document}\n");
  json.key("latexPost").value("\\end{document}");
  json.key("latexsvg").value(false);
  // Anki 2.1.50 and later work the requirements out again; older versions read them.
  json.key("req").begin_array();
  if (!cloze)
    json.begin_array().value(0).value("any").begin_array().value(0).end_array().end_array();
  json.end_array();
  json.key("tags").begin_array().end_array();
  json.key("vers").begin_array().end_array();
  json.end_object();
}

}  // namespace

std::string anki_notetypes_json(std::int64_t deck) {
  core::JsonWriter json;
  json.begin_object();
  write_notetype(json, kBasicNotetype, false, deck);
  write_notetype(json, kClozeNotetype, true, deck);
  json.end_object();
  return json.take();
}

std::string anki_decks_json(const std::vector<std::pair<std::int64_t, std::string>>& decks,
                            std::int64_t now_s) {
  core::JsonWriter json;
  json.begin_object();
  const auto deck = [&](std::int64_t id, const std::string& name, std::int64_t mod) {
    json.key(std::to_string(id)).begin_object();
    json.key("id").value(id);
    json.key("name").value(name);
    json.key("mod").value(mod);
    json.key("usn").value(-1);
    for (const char* day : {"lrnToday", "revToday", "newToday", "timeToday"}) {
      json.key(day).begin_array().value(0).value(0).end_array();
    }
    json.key("collapsed").value(false);
    json.key("browserCollapsed").value(false);
    json.key("desc").value("");
    json.key("dyn").value(0);
    json.key("conf").value(1);
    json.key("extendNew").value(0);
    json.key("extendRev").value(0);
    json.end_object();
  };
  deck(1, "Default", 0);
  for (const auto& [id, name] : decks) deck(id, name, now_s);
  json.end_object();
  return json.take();
}

std::string anki_deck_options_json(const AnkiScheduling& s) {
  core::JsonWriter json;
  json.begin_object().key("1").begin_object();
  json.key("id").value(1);
  json.key("mod").value(0);
  json.key("name").value("Default");
  json.key("usn").value(0);
  json.key("maxTaken").value(60);
  json.key("autoplay").value(true);
  json.key("timer").value(0);
  json.key("replayq").value(true);
  json.key("dyn").value(false);
  json.key("desiredRetention").value(s.desired_retention);
  json.key("new").begin_object();
  json.key("bury").value(false);
  json.key("delays").begin_array();
  for (const int minutes : s.learning_steps_minutes) json.value(minutes);
  json.end_array();
  json.key("initialFactor").value(2500);
  json.key("ints").begin_array().value(1).value(4).value(0).end_array();
  json.key("order").value(1);
  json.key("perDay").value(20);
  json.end_object();
  json.key("rev").begin_object();
  json.key("bury").value(false);
  json.key("ease4").value(1.3);
  json.key("ivlFct").value(1.0);
  json.key("maxIvl").value(s.maximum_interval);
  json.key("perDay").value(200);
  json.key("hardFactor").value(1.2);
  json.end_object();
  json.key("lapse").begin_object();
  json.key("delays").begin_array();
  for (const int minutes : s.relearning_steps_minutes) json.value(minutes);
  json.end_array();
  json.key("leechAction").value(1);
  json.key("leechFails").value(8);
  json.key("minInt").value(1);
  json.key("mult").value(0.0);
  json.end_object();
  json.end_object().end_object();
  return json.take();
}

std::string anki_conf_json(std::int64_t deck, std::size_t notes) {
  core::JsonWriter json;
  json.begin_object();
  json.key("activeDecks").begin_array().value(deck).end_array();
  json.key("curDeck").value(deck);
  json.key("newSpread").value(0);
  json.key("collapseTime").value(1200);
  json.key("timeLim").value(0);
  json.key("estTimes").value(true);
  json.key("dueCounts").value(true);
  json.key("curModel").null();
  json.key("nextPos").value(static_cast<std::int64_t>(notes) + 1);
  json.key("sortType").value("noteFld");
  json.key("sortBackwards").value(false);
  json.key("addToCur").value(true);
  // The v2 scheduler: without it Anki's importer "upgrades" the package and moves every
  // learning answer up a button.
  json.key("schedVer").value(2);
  json.end_object();
  return json.take();
}

}  // namespace quizdeck::interchange
