// SPDX-License-Identifier: MIT
#include "interchange/apkg_export.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/markup.h"
#include "core/visible.h"
#include "deck/card_id.h"
#include "interchange/anki_card_field.h"
#include "interchange/anki_text.h"
#include "interchange/apkg_collection_json.h"
#include "interchange/html_text.h"

namespace quizdeck::interchange {
namespace {

constexpr std::int64_t kDayS = 86'400;

// SHA-1 (FIPS 180-4), for Anki's note checksum alone.
std::array<std::uint8_t, 20> sha1(std::string_view data) {
  std::array<std::uint32_t, 5> h{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::string message(data);
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  message += static_cast<char>(0x80);
  while (message.size() % 64 != 56) message += '\0';
  for (int shift = 56; shift >= 0; shift -= 8) message += static_cast<char>((bits >> shift) & 0xFF);
  const auto rotl = [](std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
  for (std::size_t chunk = 0; chunk < message.size(); chunk += 64) {
    std::array<std::uint32_t, 80> w{};
    for (int i = 0; i < 16; ++i) {
      for (int b = 0; b < 4; ++b) {
        w[i] = (w[i] << 8) | static_cast<std::uint8_t>(message[chunk + 4 * i + b]);
      }
    }
    for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
      std::uint32_t f = 0;
      std::uint32_t k = 0;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5A827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ED9EBA1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8F1BBCDC;
      } else {
        f = b ^ c ^ d;
        k = 0xCA62C1D6;
      }
      const std::uint32_t next = rotl(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = next;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
  std::array<std::uint8_t, 20> out{};
  for (int i = 0; i < 5; ++i) {
    for (int b = 0; b < 4; ++b) out[4 * i + b] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * b));
  }
  return out;
}

// A media file's name in the package: its file name, made one Anki accepts (no path
// separators, quotes or control characters), unique.
std::string media_name(const std::string& path, std::set<std::string>& taken) {
  std::string name =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  for (char& c : name) {
    if (static_cast<unsigned char>(c) < 0x20 ||
        std::string_view("[]<>:\"/?*^\\|").find(c) != std::string_view::npos) {
      c = '_';
    }
  }
  if (name.empty() || name == "." || name == "..") name = "media";
  const std::size_t dot = name.rfind('.');
  const std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
  const std::string extension = stem.size() == name.size() ? "" : name.substr(dot);
  std::string unique = name;
  for (int n = 2; taken.contains(unique); ++n) unique = fmt::format("{}-{}{}", stem, n, extension);
  taken.insert(unique);
  return unique;
}

std::string letter(std::size_t index) {
  return std::string(1, static_cast<char>('A' + index % 26)) +
         (index >= 26 ? std::to_string(index / 26) : "");
}

std::string img(const std::string& name) {
  return "<img src=\"" + core::escape_markup(name) + "\">";
}

std::string note_line(const std::string& html) {
  return "<div class=\"quizdeck-note\">" + html + "</div>";
}

// The media a card names, under their names in the package (those that could be read).
struct CardMedia {
  std::map<std::string, std::string> names;  // deck path -> package name
  std::string of(const std::string& path) const {
    const auto it = names.find(path);
    return it == names.end() ? std::string() : it->second;
  }
};

// What a card shows on each side of its Anki note.
struct Sides {
  std::string front;
  std::string back;
};

// The blanks of a cloze with more than one accepted answer, for the note's back.
std::string cloze_alternatives(const std::string& question) {
  std::string out;
  int number = 0;
  for (std::size_t at = 0;;) {
    const std::size_t open = question.find("{{", at);
    const std::size_t close =
        open == std::string::npos ? std::string::npos : question.find("}}", open);
    if (close == std::string::npos) break;
    ++number;
    const std::string blank = question.substr(open + 2, close - open - 2);
    if (const std::size_t bar = blank.find('|'); bar != std::string::npos) {
      std::string others = blank.substr(bar + 1);
      std::replace(others.begin(), others.end(), '|', '/');
      out += (out.empty() ? "" : "<br>") +
             fmt::format("Blank {} also accepts: {}", number, anki_html(others));
    }
    at = close + 2;
  }
  return out;
}

std::string match_rule(deck::MatchRule rule) {
  switch (rule) {
    case deck::MatchRule::kExact:
      return "matched exactly";
    case deck::MatchRule::kFuzzy:
      return "case, spacing and small typos forgiven";
    case deck::MatchRule::kNormalized:
      break;
  }
  return "case and spacing ignored";
}

// A shown order of items that is not the right one: alphabetical, or turned by one when
// that is the right order.
std::vector<std::string> shown_order(std::vector<std::string> items) {
  const std::vector<std::string> right = items;
  std::sort(items.begin(), items.end());
  if (items == right && items.size() > 1)
    std::rotate(items.begin(), items.begin() + 1, items.end());
  return items;
}

Sides sides_of(const Entry& e, const CardMedia& media) {
  Sides s;
  const bool cloze = e.type == deck::CardType::kCloze;
  bool alternatives = false;
  s.front = cloze ? anki_cloze(e.question, alternatives) : anki_html(e.question);
  if (const std::string name = media.of(e.image.path); !name.empty()) s.front += "<br>" + img(name);
  if (const std::string name = media.of(e.audio.path); !name.empty()) {
    s.front += " [sound:" + name + "]";
  }
  std::string whys;
  const auto choice_line = [&](std::size_t i) {
    std::string line = letter(i) + ") ";
    if (const std::string name = media.of(e.choices[i].image.path); !name.empty()) {
      line += img(name) + " ";
    }
    return line + anki_html(e.choices[i].text);
  };
  switch (e.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti: {
      if (e.type == deck::CardType::kMulti) {
        s.front += note_line("More than one may be right.");
      }
      for (std::size_t i = 0; i < e.choices.size(); ++i) {
        s.front += "<br>" + choice_line(i);
        if (std::find(e.answers.begin(), e.answers.end(), e.choices[i].text) != e.answers.end()) {
          s.back += (s.back.empty() ? "" : "<br>") + choice_line(i);
        }
        if (!e.choices[i].why.empty()) {
          whys += "<br><b>" + letter(i) + ")</b> " + anki_html(e.choices[i].why);
        }
      }
      break;
    }
    case deck::CardType::kTrueFalse:
      s.front += note_line("True or false?");
      s.back = e.truth ? "True" : "False";
      break;
    case deck::CardType::kShort: {
      for (const auto& answer : e.answers) {
        s.back += (s.back.empty() ? "" : " / ") + anki_html(answer);
      }
      s.back += note_line("(" + match_rule(e.match) + ")");
      break;
    }
    case deck::CardType::kNumeric:
      s.back = core::escape_markup(fmt::format("{}", e.number));
      if (e.tolerance > 0) s.back += core::escape_markup(fmt::format(" ± {}", e.tolerance));
      break;
    case deck::CardType::kFlash:
      s.back = anki_html(e.back);
      break;
    case deck::CardType::kCloze:
      s.back = cloze_alternatives(e.question);
      if (e.match != deck::MatchRule::kNormalized) {
        s.back += (s.back.empty() ? "" : "<br>") + note_line("(" + match_rule(e.match) + ")");
      }
      break;
    case deck::CardType::kMatching: {
      std::vector<std::string> answers;
      for (const auto& pair : e.pairs) {
        s.front += "<br>" + anki_html(pair.prompt);
        s.back += (s.back.empty() ? "" : "<br>") + anki_html(pair.prompt) + " &rarr; " +
                  anki_html(pair.answer);
        if (std::find(answers.begin(), answers.end(), pair.answer) == answers.end()) {
          answers.push_back(pair.answer);
        }
      }
      for (const auto& distractor : e.choices) answers.push_back(distractor.text);
      std::string pick;
      for (const auto& answer : shown_order(answers)) {
        pick += (pick.empty() ? "" : ", ") + anki_html(answer);
      }
      s.front += note_line("Match each with one of: " + pick);
      break;
    }
    case deck::CardType::kOrdering: {
      std::vector<std::string> items;
      for (const auto& item : e.choices) items.push_back(item.text);
      s.front += note_line("Put in order:");
      for (const auto& item : shown_order(items)) s.front += "<br>" + anki_html(item);
      for (std::size_t i = 0; i < items.size(); ++i) {
        s.back += fmt::format("{}{}. {}", i == 0 ? "" : "<br>", i + 1, anki_html(items[i]));
      }
      break;
    }
  }
  if (!e.hint.empty()) {
    s.front += "<details><summary>Hint</summary>" + anki_html(e.hint) + "</details>";
  }
  if (!whys.empty()) s.back += "<br>" + whys;
  if (!e.explain.empty()) s.back += (s.back.empty() ? "" : "<br><br>") + anki_html(e.explain);
  return s;
}

// A deck id Anki will not take for a time in the future, the same for the same name.
std::int64_t deck_id_of(const std::string& name) {
  return 1'000'000'000'000 + static_cast<std::int64_t>(deck::fnv1a64(name) % 100'000'000'000ULL);
}

// The day a time falls on, counted from the collection's day 0.
std::int64_t day_of(std::int64_t ms) {
  const std::int64_t seconds = ms / 1000 - kAnkiCreatedS;
  return seconds >= 0 ? seconds / kDayS : -((-seconds + kDayS - 1) / kDayS);
}

double rounded(double value, double scale) {
  return std::round(value * scale) / scale;
}

// A card's row with its schedule.
void schedule_card(AnkiCardOut& card, const AnkiSchedule& s, const AnkiScheduling& all) {
  card.reps = s.reps;
  card.lapses = s.lapses;
  card.flags = s.flag & 7;
  switch (s.state) {
    case core::State::kNew:
      break;
    case core::State::kReview:
      card.type = 2;
      card.queue = 2;
      card.due = day_of(s.due_ms);
      card.interval = std::max(1, s.scheduled_days);
      card.factor = 2500;
      break;
    case core::State::kLearning:
    case core::State::kRelearning: {
      card.type = s.state == core::State::kLearning ? 1 : 3;
      // A step within the day waits in Anki's learning queue by the second; a longer one
      // by the day.
      const bool intraday = !s.last_review_ms || s.due_ms - *s.last_review_ms < kDayS * 1000;
      card.queue = intraday ? 1 : 3;
      card.due = intraday ? s.due_ms / 1000 : day_of(s.due_ms);
      card.interval = s.scheduled_days;
      card.factor = 2500;
      const int left = std::max(1, s.steps_left);
      card.left = left * 1000 + left;
      break;
    }
  }
  if (s.state != core::State::kNew && s.stability > 0) {
    core::JsonWriter json;
    json.begin_object();
    json.key("s").value(rounded(s.stability, 1e4));
    json.key("d").value(rounded(std::clamp(s.difficulty, 1.0, 10.0), 1e3));
    json.key("dr").value(rounded(all.desired_retention, 1e2));
    json.key("decay").value(rounded(all.decay, 1e3));
    if (s.last_review_ms) json.key("lrt").value(*s.last_review_ms / 1000);
    json.end_object();
    card.data = json.take();
  }
  if (s.suspended) {
    card.queue = -1;
  } else if (s.buried) {
    card.queue = -3;
  }
}

// Each entry's note id in the deck: a card's id, a cloze's id without its '#n'. In the
// order entries_of makes entries.
std::vector<std::string> note_ids(const std::vector<deck::Card>& cards) {
  std::vector<std::string> ids;
  std::set<std::string> clozes;
  for (const auto& card : cards) {
    if (card.type == deck::CardType::kCloze) {
      const std::string note(deck::sibling_key(card.id));
      if (clozes.insert(note).second) ids.push_back(note);
    } else {
      ids.push_back(card.id);
    }
  }
  return ids;
}

}  // namespace

std::uint32_t anki_checksum(std::string_view text) {
  const auto digest = sha1(text);
  return (static_cast<std::uint32_t>(digest[0]) << 24) |
         (static_cast<std::uint32_t>(digest[1]) << 16) |
         (static_cast<std::uint32_t>(digest[2]) << 8) | digest[3];
}

int anki_difficulty_factor(double difficulty) {
  const double d = std::clamp(difficulty, 1.0, 10.0);
  return static_cast<int>(std::lround(((d - 1) / 9 + 0.1) * 1000));
}

ApkgPackage export_apkg(const std::vector<deck::Card>& cards, const ApkgDeck& deck,
                        const MediaFiles& media, const AnkiScheduling* scheduling,
                        std::int64_t now_ms) {
  ApkgPackage out;
  const std::vector<Entry> given = entries_of(cards, deck.tags);
  const std::vector<std::string> ids = note_ids(cards);
  ExportWriter writer(given, deck.file);
  const std::vector<Entry>& entries = writer.entries();
  out.entries = entries.size();
  const std::int64_t now_s = now_ms / 1000;
  out.created_s = kAnkiCreatedS;
  out.mod_ms = now_ms;

  // The deck, named as ours, with a parent for each "::".
  std::string name = core::visible(deck.title, core::Lines::kShow);
  if (name.empty()) name = deck.id;
  std::vector<std::pair<std::int64_t, std::string>> decks;
  for (std::size_t at = name.find("::"); at != std::string::npos; at = name.find("::", at + 2)) {
    if (at > 0) decks.emplace_back(deck_id_of(name.substr(0, at)), name.substr(0, at));
  }
  const std::int64_t deck_id = deck_id_of(name);
  decks.emplace_back(deck_id, name);

  // The media the cards name, under names of their own in the package.
  std::set<std::string> taken;
  CardMedia names;
  const auto take = [&](const Entry& e, const std::string& path, const char* what) {
    if (path.empty() || names.names.contains(path)) return;
    if (!media.contains(path)) {
      writer.drop(e, fmt::format("{} '{}' cannot be read: it is left out", what, path));
      return;
    }
    names.names[path] = media_name(path, taken);
    out.media.emplace_back(names.names[path], path);
  };
  for (const Entry& e : entries) {
    take(e, e.image.path, "image");
    take(e, e.audio.path, "audio");
    for (const auto& choice : e.choices) take(e, choice.image.path, "image");
  }

  // Notes and their cards, ids below now (Anki renumbers ids from the future).
  std::map<std::string, std::pair<std::int64_t, int>> anki_card;  // our id -> (note, ord)
  const std::size_t card_count = cards.size();
  std::int64_t next_note =
      std::max<std::int64_t>(1, now_ms - static_cast<std::int64_t>(entries.size()));
  std::int64_t next_card =
      std::max<std::int64_t>(1, now_ms - static_cast<std::int64_t>(card_count));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    Entry e = entries[i];
    e.id = ids.at(i);
    // Every tag the card has, the deck's first, each once.
    std::vector<std::string> tags = deck.tags;
    for (const auto& tag : e.tags) {
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
    }
    e.tags = tags;
    const Sides sides = sides_of(e, names);
    // The card field names its media by their names in the package.
    Entry kept = e;
    kept.image.path = names.of(e.image.path);
    kept.audio.path = names.of(e.audio.path);
    for (auto& choice : kept.choices) choice.image.path = names.of(choice.image.path);
    AnkiNoteOut note;
    note.id = next_note++;
    note.guid = e.id;
    note.notetype = e.type == deck::CardType::kCloze ? kClozeNotetype : kBasicNotetype;
    note.mod = now_s;
    for (const auto& tag : tags) note.tags += " " + tag;
    if (!note.tags.empty()) note.tags += " ";
    note.fields = sides.front + '\x1f' + sides.back + '\x1f' + encode_card_field(kept);
    note.sort_field = html_to_text(sides.front);
    note.checksum = anki_checksum(note.sort_field);
    out.notes.push_back(std::move(note));
  }
  // One Anki card per quizdeck card: a cloze's blank n is Anki's card n - 1.
  std::map<std::string, std::size_t> note_of;
  for (std::size_t i = 0; i < ids.size(); ++i) note_of[ids[i]] = i;
  std::map<std::string, std::int64_t> card_ids;
  for (const auto& card : cards) {
    const bool cloze = card.type == deck::CardType::kCloze;
    const std::size_t index = note_of.at(cloze ? std::string(deck::sibling_key(card.id)) : card.id);
    AnkiCardOut row;
    row.id = next_card++;
    row.note = out.notes[index].id;
    row.deck = deck_id;
    row.ord = cloze ? std::max(0, card.blank - 1) : 0;
    row.due = static_cast<std::int64_t>(index) + 1;  // a new card's place
    if (scheduling != nullptr) {
      if (const auto s = scheduling->cards.find(card.id); s != scheduling->cards.end()) {
        schedule_card(row, s->second, *scheduling);
      }
    }
    card_ids[card.id] = row.id;
    out.cards.push_back(std::move(row));
  }
  // The review log: a row per review, its id the time (a millisecond later when two share
  // one: Anki's ids are unique, and it does the same).
  if (scheduling != nullptr) {
    std::set<std::int64_t> used;
    std::vector<const AnkiReview*> reviews;
    for (const auto& review : scheduling->reviews) reviews.push_back(&review);
    std::stable_sort(reviews.begin(), reviews.end(), [](const AnkiReview* a, const AnkiReview* b) {
      return a->time_ms < b->time_ms;
    });
    for (const AnkiReview* review : reviews) {
      const auto card = card_ids.find(review->card_id);
      if (card == card_ids.end()) continue;
      std::int64_t id = review->time_ms;
      while (used.contains(id)) ++id;
      used.insert(id);
      out.revlog.push_back({id, card->second, review->rating, review->interval,
                            review->last_interval, review->factor,
                            std::clamp<std::int64_t>(review->response_ms, 0, 0x7FFFFFFF),
                            static_cast<int>(review->kind)});
    }
  }

  out.models = anki_notetypes_json(deck_id);
  out.decks = anki_decks_json(decks, now_s);
  out.deck_options = anki_deck_options_json(scheduling != nullptr ? *scheduling : AnkiScheduling{});
  out.conf = anki_conf_json(deck_id, out.notes.size());
  out.notes_left = std::move(writer.notes());
  out.left_out = writer.take().left_out;
  return out;
}

}  // namespace quizdeck::interchange
