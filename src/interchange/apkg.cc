// SPDX-License-Identifier: MIT
#include "interchange/apkg.h"

#include <algorithm>
#include <cstdint>
#include <set>

#include <fmt/format.h>

#include "interchange/anki_text.h"
#include "interchange/names.h"

namespace quizdeck::interchange {
namespace {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& word : split(text, ' ')) {
    if (!word.empty()) out.push_back(std::move(word));
  }
  return out;
}

// A deck's tag: its name "Parent::Child" as the category path "Parent/Child", as a tag.
std::string deck_tag(const std::string& deck) {
  std::string path;
  for (const auto& part : split(deck, ':')) {
    if (!part.empty()) path += (path.empty() ? "" : "/") + part;
  }
  return category_tag(path);
}

// The note's deck as its first tag.
void add_deck_tag(AnkiNote& note, const std::string& tag) {
  if (!tag.empty() && std::find(note.tags.begin(), note.tags.end(), tag) == note.tags.end()) {
    note.tags.insert(note.tags.begin(), tag);
  }
}

// The front's first picture and sound, when the package has their files, are the card's
// image and audio.
void carry_media(Entry& entry, const AnkiNote& note, const AnkiCollection& collection,
                 std::map<std::string, std::string>& media_used) {
  const std::string& front = note.fields.empty() ? std::string() : note.fields.front();
  const std::string picture = first_image(front);
  if (const auto member = collection.media_members.find(picture);
      !picture.empty() && member != collection.media_members.end() &&
      deck::is_image_path(picture)) {
    entry.image.path = picture;
    media_used[picture] = member->second;
    entry.question = without_image_marker(entry.question, picture);
  }
  if (const std::size_t sound = front.find("[sound:"); sound != std::string::npos) {
    const std::size_t close = front.find(']', sound);
    const std::string name =
        close == std::string::npos ? "" : front.substr(sound + 7, close - sound - 7);
    if (const auto member = collection.media_members.find(name);
        member != collection.media_members.end()) {
      entry.audio.path = name;
      media_used[name] = member->second;
      const std::string marker = "[sound:" + name + "]";
      if (const std::size_t at = entry.question.find(marker); at != std::string::npos) {
        entry.question.erase(at, marker.size());
        while (!entry.question.empty() && entry.question.back() == ' ') {
          entry.question.pop_back();
        }
      }
    }
  }
}

// The ids of the cards an Anki card becomes: a cloze's blanks with its number, else the
// note's first card.
std::vector<std::string> ids_of_card(const Entry& entry, const AnkiCardRow& card,
                                     const std::vector<int>& blank_numbers) {
  std::vector<std::string> mapped;
  if (entry.type == deck::CardType::kCloze) {
    for (std::size_t i = 0; i < blank_numbers.size(); ++i) {
      if (blank_numbers[i] == card.ord + 1) mapped.push_back(fmt::format("{}#{}", entry.id, i + 1));
    }
  } else if (card.ord == 0) {
    mapped.push_back(entry.id);
  }
  return mapped;
}

}  // namespace

ApkgImport import_anki_collection(const AnkiCollection& collection, const std::string& file) {
  ApkgImport result;
  Bank& bank = result.bank;
  // The cards of each note, and the decks they are in.
  std::map<std::int64_t, std::vector<const AnkiCardRow*>> cards_of;
  for (const auto& card : collection.cards) cards_of[card.note].push_back(&card);
  std::set<std::int64_t> used_decks;
  for (const auto& card : collection.cards) used_decks.insert(card.deck);
  // Each deck's tag, made once per deck, not once per note: a deck's name may be megabytes
  // long, and a package may hold 100000 notes.
  std::map<std::int64_t, std::string> deck_tags;
  if (used_decks.size() > 1) {
    for (const std::int64_t id : used_decks) {
      if (const auto deck = collection.decks.find(id); deck != collection.decks.end()) {
        deck_tags.emplace(id, deck_tag(deck->second));
      }
    }
  }
  IdSet ids;
  for (const AnkiNoteRow& row : collection.notes) {
    ++bank.questions;
    bool warned = false;
    const auto warn = [&](std::string message) {
      warned = true;
      core::Diagnostic d;
      d.severity = core::Severity::kWarning;
      d.file = file;
      d.message = fmt::format("note {}: {}", row.id, message);
      bank.diagnostics.push_back(std::move(d));
    };
    AnkiNote note;
    note.guid = row.guid;
    if (const auto type = collection.notetypes.find(row.notetype);
        type != collection.notetypes.end()) {
      note.notetype = type->second.name;
      note.cloze = type->second.cloze;
      note.field_names = type->second.fields;
    } else {
      warn("its note type is missing from the package: read as Basic");
    }
    note.fields = split(row.fields, '\x1f');
    note.tags = words(row.tags);
    const auto& cards = cards_of[row.id];
    if (!cards.empty()) {
      if (const auto tag = deck_tags.find(cards.front()->deck); tag != deck_tags.end()) {
        add_deck_tag(note, tag->second);
      }
    }
    std::vector<int> blank_numbers;
    auto entry = entry_of_note(note, true, warn, &blank_numbers);
    if (!entry) {
      ++bank.skipped;
      continue;
    }
    carry_media(*entry, note, collection, result.media_used);
    // Ids stay unique even should two notes share a GUID.
    entry->id = ids.unique(entry->id.empty() ? fmt::format("anki-{}", row.id) : entry->id);
    entry->warned = warned;
    for (const AnkiCardRow* card : cards) {
      auto mapped = ids_of_card(*entry, *card, blank_numbers);
      if (!mapped.empty()) result.card_ids[card->id] = std::move(mapped);
    }
    bank.entries.push_back(std::move(*entry));
  }
  // Media no card shows (pictures on the back, a second picture ...) stay behind.
  const std::size_t unused =
      collection.media - std::min(collection.media, result.media_used.size());
  if (unused > 0) {
    core::Diagnostic d;
    d.severity = core::Severity::kWarning;
    d.file = file;
    d.message = fmt::format(
        "{} media file{} not imported: only a front's first picture and "
        "sound become a card's image and audio",
        unused, unused == 1 ? "" : "s");
    bank.diagnostics.push_back(std::move(d));
  }
  return result;
}

History history_of(const AnkiCollection& collection, const ApkgImport& imported,
                   const std::string& file, std::int64_t now_ms) {
  History history;
  std::vector<const AnkiReviewRow*> rows;
  for (const auto& row : collection.reviews) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const AnkiReviewRow* a, const AnkiReviewRow* b) { return a->id < b->id; });
  // A revlog id is the review's time: one at or before 1970, or past tomorrow, is no time
  // a review was made, and the store would hold a card no replay can make sense of.
  const std::int64_t latest =
      now_ms > INT64_MAX - kReviewClockSlackMs ? INT64_MAX : now_ms + kReviewClockSlackMs;
  const auto possible = [&](const AnkiReviewRow* row) { return row->id > 0 && row->id <= latest; };
  // When each card was last reset (Forget: a manual entry with no ease and no factor).
  std::map<std::int64_t, std::int64_t> last_reset;
  for (const AnkiReviewRow* row : rows) {
    if (possible(row) && row->type == 4 && row->ease == 0 && row->factor == 0) {
      last_reset[row->card] = row->id;
    }
  }
  for (const AnkiReviewRow* row : rows) {
    if (!possible(row)) {
      history.refused.push_back(core::make_file_diagnostic(
          core::Severity::kError, file,
          fmt::format("revlog row {} (card {}): an impossible review time (a revlog id is "
                      "the review's time in ms since 1970, at most a day ahead); the review is "
                      "left out",
                      row->id, row->card)));
      continue;
    }
    if (row->ease < 1 || row->ease > 4) {
      ++history.manual;
      continue;
    }
    const auto mapped = imported.card_ids.find(row->card);
    if (mapped == imported.card_ids.end()) {
      ++history.unmapped;
      continue;
    }
    const auto reset = last_reset.find(row->card);
    // Anki keeps answer times in 32 bits; anything else is a damaged row, read as unknown.
    const std::int64_t response =
        row->duration_ms < 0 || row->duration_ms > 0xFFFFFFFFLL ? 0 : row->duration_ms;
    for (const auto& card_id : mapped->second) {
      HistoryReview review{card_id, row->id, row->ease, response, std::nullopt};
      if (reset != last_reset.end() && row->id < reset->second) review.reset_ms = reset->second;
      history.reviews.push_back(std::move(review));
    }
  }
  // Marks only from a package that carries scheduling: an Anki export without it makes
  // every card new and unflagged, which says nothing about the learner's marks.
  const bool scheduled =
      !collection.reviews.empty() ||
      std::any_of(collection.cards.begin(), collection.cards.end(),
                  [](const AnkiCardRow& card) { return card.queue != 0 || (card.flags & 7) != 0; });
  if (scheduled) {
    for (const AnkiCardRow& card : collection.cards) {
      const auto mapped = imported.card_ids.find(card.id);
      if (mapped == imported.card_ids.end()) continue;
      for (const auto& card_id : mapped->second) {
        history.marks.push_back({card_id, card.queue == -1, card.flags & 7});
      }
    }
  }
  return history;
}

}  // namespace quizdeck::interchange
