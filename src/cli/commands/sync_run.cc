// SPDX-License-Identifier: MIT
#include "cli/commands/sync_run.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/commands/sync_sittings.h"
#include "cli/files/journal_file.h"
#include "core/source_text.h"
#include "core/time.h"
#include "core/visible.h"
#include "schedule/settings.h"
#include "session/card_state.h"
#include "session/study_settings.h"
#include "sync/journal.h"
#include "sync/merge.h"

namespace quizdeck::cli {
namespace {

namespace fs = std::filesystem;

// Shown of a bad line at most: enough to recognise it.
constexpr std::size_t kShownBytes = 160;

core::Diagnostic line_problem(const std::string& file, std::int64_t line, std::string_view text,
                              const core::Failure& failure) {
  const std::size_t offset =
      failure.diagnostic.column > 0 ? static_cast<std::size_t>(failure.diagnostic.column - 1) : 0;
  const std::string shown(text.substr(0, kShownBytes));
  core::Diagnostic d;
  if (offset < shown.size()) {
    const core::SourceText source(file, shown);
    d = core::make_diagnostic(core::Severity::kWarning, source, offset, 1,
                              failure.diagnostic.message + "; the line is skipped");
  } else {
    d = core::make_file_diagnostic(core::Severity::kWarning, file,
                                   failure.diagnostic.message + "; the line is skipped");
    d.column = 1;
  }
  d.line = static_cast<int>(std::min<std::int64_t>(line, 1'000'000'000));
  return d;
}

store::ReviewRecord to_record(const sync::ReviewId& id, const sync::Review& r) {
  store::ReviewRecord record;
  record.time_ms = r.time_ms;
  record.deck_id = r.deck_id;
  record.card_id = r.card_id;
  record.rating = r.rating;
  record.correct = r.correct;
  record.answer = r.answer;
  record.answer_form = r.answer_form;
  record.shown = r.shown;
  record.response_ms = r.response_ms;
  record.mode = r.mode;
  record.scheduled = r.scheduled;
  record.reset_ms = r.reset_ms;
  record.content = r.content;
  record.credit = r.credit;
  record.question = r.question;
  record.origin = id.device;
  record.seq = id.seq;
  return record;
}

sync::Review to_event(const store::ReviewRecord& r) {
  sync::Review review;
  review.seq = r.seq;
  review.time_ms = r.time_ms;
  review.deck_id = r.deck_id;
  review.card_id = r.card_id;
  review.rating = r.rating;
  review.correct = r.correct;
  review.answer = r.answer;
  review.answer_form = r.answer_form;
  review.shown = r.shown;
  review.response_ms = r.response_ms;
  review.mode = r.mode;
  review.scheduled = r.scheduled;
  review.reset_ms = r.reset_ms;
  review.content = r.content;
  review.credit = r.credit;
  review.question = r.question;
  return review;
}

sync::Marks to_event(const store::SyncedMarks& m) {
  return {m.stamp.time_ms,         m.deck_id,    m.card_id,    m.marks.suspended,
          m.marks.buried_until_ms, m.marks.flag, m.marks.leech};
}

// What this store's own journal already holds past the position the store recorded: lines
// a run killed before its merge appended (they are not written twice).
struct AlreadySent {
  std::set<std::int64_t> reviews;
  std::set<sync::ReviewId> undos;
  std::map<std::int64_t, sync::Sitting> sittings;  // by number: the last line of each
  std::int64_t last_stamp = 0;                     // the latest stamp those lines carry
};

core::Expected<AlreadySent> already_sent(const std::string& path, std::int64_t offset) {
  AlreadySent sent;
  std::error_code ec;
  if (!fs::exists(path, ec)) return sent;
  auto read = read_journal(path, offset, 1, sync::kMaxLinesPerRun, sync::kMaxLineBytes,
                           [&](const JournalLine& line) {
                             if (line.too_long) return;
                             auto event = sync::parse_event(line.text);
                             if (!event) return;
                             if (const auto* r = std::get_if<sync::Review>(&*event)) {
                               sent.reviews.insert(r->seq);
                             } else if (const auto* u = std::get_if<sync::Undo>(&*event)) {
                               sent.undos.insert(u->review);
                             } else if (const auto* m = std::get_if<sync::Marks>(&*event)) {
                               sent.last_stamp = std::max(sent.last_stamp, m->time_ms);
                             } else if (const auto* v = std::get_if<sync::Setting>(&*event)) {
                               sent.last_stamp = std::max(sent.last_stamp, v->time_ms);
                             } else if (const auto* t = std::get_if<sync::Sitting>(&*event)) {
                               sent.last_stamp = std::max(sent.last_stamp, t->time_ms);
                               sent.sittings[t->seq] = *t;
                             } else if (const auto* y = std::get_if<sync::Synced>(&*event)) {
                               sent.last_stamp = std::max(sent.last_stamp, y->time_ms);
                             }
                           });
  if (!read) return read.error();
  return sent;
}

// Settings a journal carries: the scheduler's and the study rules, not the command that
// plays sounds (it belongs to one machine, and a shared folder must never make another
// machine run a command).
bool is_synced_setting(std::string_view key) {
  return (schedule::is_scheduler_setting(key) || session::is_study_setting(key)) &&
         key != "audio-command";
}

// Why a value a journal sets cannot be kept (the checks `quizdeck config` makes), or
// nothing when it can.
std::optional<std::string> setting_problem(const std::string& key,
                                           const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  if (session::is_study_setting(key)) {
    session::StudySettings settings;
    auto applied = session::apply_study_setting(settings, key, *value);
    if (!applied) return applied.error().message();
    return std::nullopt;
  }
  schedule::SettingsText text;
  schedule::set_setting_text(text, key, *value);
  auto checked = schedule::parameters_from_settings(text, nullptr, "");
  if (!checked) return checked.error().message();
  return std::nullopt;
}

core::Expected<std::string> device_named(store::Store& store, const std::string& self,
                                         const std::string& name) {
  if (name == self || (name.size() >= 4 && self.starts_with(name))) {
    return core::fail(ExitCode::kUsage,
                      "this store's own device cannot be retired; retire it from another store");
  }
  std::vector<std::string> matches;
  for (const auto& device : store.sync_devices()) {
    if (device.device.starts_with(name) && device.device != self) matches.push_back(device.device);
  }
  if (matches.size() == 1 && (name.size() >= 4 || name == matches.front())) return matches.front();
  if (sync::is_device_id(name)) return name;
  if (matches.size() > 1) {
    return core::fail(
        ExitCode::kUsage,
        fmt::format("'{}' names more than one device; give more of its id", core::visible(name)));
  }
  return core::fail(ExitCode::kUsage,
                    fmt::format("no device '{}' has synced with this store ('quizdeck status' "
                                "lists them)",
                                core::visible(name)));
}

}  // namespace

std::string device_line(const store::DeviceRecord& device, const std::string& self,
                        std::int64_t now) {
  std::string line = device.device.substr(0, 8);
  if (device.device == self) line += " (this device)";
  if (device.synced_ms) {
    const std::int64_t ago = std::max<std::int64_t>(0, now - *device.synced_ms);
    const std::int64_t minutes = ago / 60'000;
    const std::string words = minutes < 1      ? "just now"
                              : minutes < 60   ? fmt::format("{}m ago", minutes)
                              : minutes < 2880 ? fmt::format("{}h ago", minutes / 60)
                                               : fmt::format("{}d ago", minutes / 1440);
    line += fmt::format(": last synced {} ({})", core::format_local_time(*device.synced_ms), words);
  } else {
    line += ": not synced yet";
  }
  if (device.retired_ms) {
    line += fmt::format(", retired {}", core::format_local_time(*device.retired_ms));
  }
  return line;
}

core::Expected<SyncSummary> sync_store(store::Store& store, const SyncRequest& request,
                                       const std::function<void(const core::Diagnostic&)>& report) {
  SyncSummary summary;
  const std::string self = store.device_id();
  summary.device = self;
  auto names = list_journals(request.dir);
  if (!names) return names.error();
  std::map<std::string, store::JournalPosition> positions;
  for (auto& position : store.journal_positions()) positions[position.name] = position;
  std::set<std::string> retired;
  // This sync's stamp: later than every sync this store has seen, its own and the other
  // devices' (whose marks and settings carry the stamp of the sync that sent them), even
  // when a clock was set back. So no two values this device sends of one mark or setting
  // share a stamp, and a change made here after this store took another device's value
  // wins over that value everywhere, as it does here.
  std::int64_t stamp = request.now;
  for (const auto& device : store.sync_devices()) {
    if (device.retired_ms) retired.insert(device.device);
    if (device.synced_ms) stamp = std::max(stamp, *device.synced_ms + 1);
  }
  if (request.retire) {
    auto device = device_named(store, self, *request.retire);
    if (!device) return device.error();
    summary.retired = *device;
    retired.insert(*device);
  }

  // 1. This store's news, appended to its journal before anything is merged.
  const std::string own_name = sync::journal_name(self);
  const std::string own_path = (fs::path(request.dir) / own_name).string();
  const std::int64_t own_offset = positions.contains(own_name) ? positions[own_name].offset : 0;
  auto sent = already_sent(own_path, own_offset);
  if (!sent) return sent.error();
  // (Past a run killed after its append: its stamps are in the journal, not the store.)
  stamp = std::max(stamp, sent->last_stamp + 1);
  const store::SyncOutbox outbox = store.sync_outbox(stamp);
  std::vector<std::string> lines;
  for (const auto& review : outbox.reviews) {
    if (sent->reviews.contains(review.seq)) continue;
    lines.push_back(sync::format_event(to_event(review)));
    ++summary.sent_reviews;
  }
  for (const auto& [number, id] : outbox.tombstones) {
    const sync::ReviewId review{id.origin, id.seq};
    if (sent->undos.contains(review)) continue;
    lines.push_back(sync::format_event(sync::Undo{review}));
    ++summary.sent_undos;
  }
  for (const auto& marks : outbox.marks) lines.push_back(sync::format_event(to_event(marks)));
  std::vector<store::SyncedSetting> sent_settings;
  for (const auto& s : outbox.settings) {
    if (!is_synced_setting(s.key)) continue;
    lines.push_back(sync::format_event(sync::Setting{s.stamp.time_ms, s.scope, s.key, s.value}));
    sent_settings.push_back(s);
  }
  summary.sent_marks = outbox.marks.size();
  summary.sent_settings = sent_settings.size();
  // Each exam sitting that is not as it was last sent: sent (again), the later record wins.
  std::vector<store::SyncedSitting> sent_sittings;
  for (const auto& sitting : outbox.sittings) {
    sync::Sitting record = sitting_record(sitting);
    std::string fingerprint = sitting_fingerprint(record);
    if (sitting.sent == fingerprint) continue;
    const auto tail = sent->sittings.find(record.seq);
    if (tail != sent->sittings.end() && sitting_fingerprint(tail->second) == fingerprint) {
      // Appended by a run killed before its merge: recorded now, not written twice.
      record.time_ms = tail->second.time_ms;
    } else {
      record.time_ms = stamp;
      lines.push_back(sync::format_event(record));
      ++summary.sent_sittings;
    }
    sent_sittings.push_back({sitting.session, record.time_ms, std::move(fingerprint)});
  }
  if (summary.retired) {
    lines.push_back(sync::format_event(sync::Retire{stamp, *summary.retired}));
  }
  lines.push_back(sync::format_event(sync::Synced{stamp}));
  store::JournalPosition own{own_name, self, 0, 0};
  if (!request.dry_run) {
    auto appended =
        append_journal(own_path, sync::format_header({sync::kJournalVersion, self}), lines);
    if (!appended) return appended.error();
    std::error_code ec;
    own.offset = static_cast<std::int64_t>(fs::file_size(own_path, ec));
  }

  // 2. Every other journal (and every copy of one, this store's own included), from where
  // the last sync left it.
  std::vector<sync::Incoming> incoming;
  store::SyncMerge merge;
  std::size_t budget = sync::kMaxLinesPerRun;
  for (const auto& name : *names) {
    if (name == own_name) continue;
    const std::string path = (fs::path(request.dir) / name).string();
    const std::string shown = core::visible(path);
    store::JournalPosition position{name, "", 0, 0};
    if (const auto known = positions.find(name); known != positions.end()) {
      position = known->second;
    }
    if (!position.device.empty() && retired.contains(position.device)) continue;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && static_cast<std::int64_t>(size) < position.offset) {
      // Shorter than what was read of it: replaced by another copy. Read again from the
      // start (what is already here is not added twice).
      report(core::make_file_diagnostic(
          core::Severity::kWarning, shown,
          "the journal is shorter than when it was last read; it is read again from the start"));
      position = {name, "", 0, 0};
    }
    if (budget == 0) {
      summary.more = true;
      break;
    }
    bool bad_header = false;
    std::string device = position.device;
    const std::int64_t before = position.lines;
    auto read =
        read_journal(path, position.offset, position.lines + 1, budget, sync::kMaxLineBytes,
                     [&](const JournalLine& line) {
                       if (bad_header) return;
                       if (line.too_long) {
                         core::Failure failure = core::fail(
                             ExitCode::kInvalidInput,
                             fmt::format("the line is longer than {} bytes", sync::kMaxLineBytes));
                         report(line_problem(shown, line.number, line.text, failure));
                         ++summary.bad_lines;
                         if (line.number == 1) bad_header = true;
                         return;
                       }
                       if (line.number == 1) {
                         auto header = sync::parse_header(line.text);
                         if (!header) {
                           report(line_problem(shown, line.number, line.text, header.error()));
                           bad_header = true;
                           return;
                         }
                         device = header->device;
                         return;
                       }
                       if (retired.contains(device)) return;  // its history is not read
                       auto event = sync::parse_event(line.text);
                       if (!event) {
                         report(line_problem(shown, line.number, line.text, event.error()));
                         ++summary.bad_lines;
                         return;
                       }
                       incoming.push_back({device, std::move(*event)});
                     });
    if (!read) return read.error();
    if (bad_header) {
      // Not read: a file that does not start as a journal may be one still arriving.
      ++summary.bad_lines;
      continue;
    }
    if (retired.contains(device)) continue;
    ++summary.journals;
    summary.lines += static_cast<std::size_t>(read->lines);
    budget -= static_cast<std::size_t>(read->lines);
    if (!device.empty()) {
      merge.positions.push_back({name, device, read->offset, before + read->lines});
    }
  }

  if (budget == 0) summary.more = true;

  // 3. One transaction: what was sent, then what was read.
  const sync::Merged merged = sync::merge(incoming);
  merge.sent_seq = outbox.last_seq;
  merge.sent_tombstone = outbox.last_tombstone;
  merge.sent_marks = outbox.marks;
  merge.sent_settings = sent_settings;
  merge.sent_sittings = std::move(sent_sittings);
  for (const auto& [id, review] : merged.reviews) {
    if (id.device == self) continue;  // a copy of this store's own journal: all here already
    merge.reviews.push_back(to_record(id, review));
  }
  for (const auto& id : merged.tombstones) merge.tombstones.emplace_back(id.device, id.seq);
  for (const auto& [key, held] : merged.marks) {
    const sync::Marks& m = held.marks;
    store::CardMarks marks{m.suspended, m.buried_until_ms, m.flag, m.leech};
    merge.marks.push_back({m.deck_id, m.card_id, marks, {held.stamp.time_ms, held.stamp.device}});
  }
  for (const auto& [key, held] : merged.settings) {
    const sync::Setting& s = held.setting;
    if (!is_synced_setting(s.key)) {
      report(core::make_file_diagnostic(
          core::Severity::kWarning, core::visible(request.dir),
          fmt::format("a journal sets '{}', which is not a setting sync carries; left out",
                      core::visible(s.key))));
      continue;
    }
    if (const auto problem = setting_problem(s.key, s.value)) {
      report(core::make_file_diagnostic(
          core::Severity::kWarning, core::visible(request.dir),
          fmt::format("a journal sets '{}' to '{}': {}; left out", core::visible(s.key),
                      core::visible(*s.value), *problem)));
      continue;
    }
    merge.settings.push_back({s.scope, s.key, s.value, {held.stamp.time_ms, held.stamp.device}});
  }
  for (const auto& [id, sitting] : merged.sittings) {
    if (id.device != self) merge.sittings.push_back(taken_sitting(id.device, sitting));
  }
  for (const auto& [device, time] : merged.synced) {
    if (device != self) merge.devices.push_back({device, time, std::nullopt});
  }
  for (const auto& [device, time] : merged.retired) {
    if (device != self) merge.devices.push_back({device, std::nullopt, time});
  }
  if (summary.retired) merge.devices.push_back({*summary.retired, std::nullopt, stamp});
  merge.devices.push_back({self, stamp, std::nullopt});
  if (!request.dry_run) merge.positions.push_back(own);

  std::map<std::string, schedule::Scheduler> schedulers;
  const auto replay = [&](const store::CardRecord& card,
                          const std::vector<store::ReviewRecord>& reviews) {
    auto scheduler = schedulers.find(card.deck_id);
    if (scheduler == schedulers.end()) {
      // The deck's settings as merged: read inside the sync's transaction.
      auto parameters = session::parameters_for_deck(store, card.deck_id);
      if (!parameters) {
        throw store::StoreError(store::StoreError::Kind::kInvalid,
                                fmt::format("the settings of deck '{}' are not valid: {}",
                                            card.deck_id, parameters.error().message()));
      }
      scheduler = schedulers.emplace(card.deck_id, schedule::Scheduler(*parameters)).first;
    }
    std::vector<store::ReviewRecord> ordered = reviews;
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
      return sync::replay_before(a.time_ms, {a.origin, a.seq}, b.time_ms, {b.origin, b.seq});
    });
    return session::replay_reviews(scheduler->second, card, ordered);
  };
  const auto newer = [](const store::SyncStamp& incoming, const store::SyncStamp& held) {
    return sync::newer({incoming.time_ms, incoming.device}, {held.time_ms, held.device});
  };
  summary.counts = store.apply_sync(merge, newer, replay, !request.dry_run);
  return summary;
}

}  // namespace quizdeck::cli
