// SPDX-License-Identifier: MIT
// The score store: one SQLite file holding decks, card states, the append-only review log,
// sessions and settings. It takes and returns plain records, writes each change in one
// transaction, and never prints, prompts or reads configuration: where the file is and how
// long to wait for a busy store are the caller's to say.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/review.h"
#include "store/sqlite.h"

namespace quizdeck::store {

// The interval review_buckets sums reviews over: local days are made of them in every
// time zone.
inline constexpr std::int64_t kReviewBucketMs = 15 * 60 * 1000;
inline constexpr std::int64_t kApplicationId = 0x71646b31;  // "qdk1"

struct DeckRecord {
  std::string id;
  std::string title;
  std::string path;  // where the deck file was last seen
  std::int64_t seen_ms = 0;
  std::optional<std::string> synced_hash =
      {};  // the deck file's content when its cards were synced
};

// What a learner (or a rule) set on a card, apart from its schedule.
struct CardMarks {
  bool suspended = false;                       // never asked until unsuspended
  std::optional<std::int64_t> buried_until_ms;  // not asked before this time
  int flag = 0;                                 // 0: none, 1-7: a colour
  bool leech = false;                           // lapsed the leech threshold

  bool buried_at(std::int64_t now) const { return buried_until_ms && *buried_until_ms > now; }
  bool operator==(const CardMarks&) const = default;
};

// A card's scheduling state, as plain values.
struct CardRecord {
  std::string deck_id;
  std::string card_id;
  std::string prompt;  // as last seen, for relink suggestions
  std::int64_t created_ms = 0;
  core::State state = core::State::kNew;
  std::int64_t due_ms = 0;
  double stability = 0;
  double difficulty = 0;
  int elapsed_days = 0;
  int scheduled_days = 0;
  int learning_steps = 0;
  int reps = 0;
  int lapses = 0;
  std::optional<std::int64_t> last_review_ms;
  std::string note = {};  // siblings (the blanks of one cloze) share it; empty: none
  CardMarks marks = {};   // written with the state (an undo puts both back)

  bool operator==(const CardRecord&) const = default;
};

struct ReviewRecord {
  std::int64_t id = 0;
  std::int64_t time_ms = 0;
  std::string deck_id;
  std::string card_id;
  core::Rating rating = core::Rating::kGood;
  bool correct = true;
  std::string answer;  // what the learner gave (see answer_form)
  // How to read `answer`: "typed" as typed; "choices" a JSON array of the picked choices'
  // texts; "legacy" as an older quizdeck stored it (a letter for choice cards); "anki"
  // imported from an Anki package's review log (no answer: Anki keeps none).
  std::string answer_form = "typed";
  std::optional<std::string> shown;  // choice cards: the choices' texts as shown (JSON)
  std::int64_t response_ms = 0;
  std::optional<std::int64_t> session_id;
  core::ReviewMode mode = core::ReviewMode::kDrill;
  bool scheduled = true;                 // whether this review updated the schedule
  std::optional<std::int64_t> reset_ms;  // when a reset set it aside
  // The card as it was asked (deck::card_content_hash), and the share of its points the
  // answer earned (0 to 1); none for reviews an older quizdeck wrote or imported ones.
  std::optional<std::string> content = {};
  std::optional<double> credit = {};
  // What the card asked when it was asked (deck::card_question_hash); none for reviews
  // written before schema 13, or imported.
  std::optional<std::string> question = {};
  // Its id across stores (`quizdeck sync`): the device that made it, and its number there.
  // Empty and 0 for a review not yet written: the store gives it its own device and the
  // next number.
  std::string origin = {};
  std::int64_t seq = 0;
};

struct SessionRecord {
  std::int64_t id = 0;
  core::ReviewMode mode = core::ReviewMode::kDrill;
  std::vector<std::string> decks;  // deck ids
  std::int64_t started_ms = 0;
  std::optional<std::int64_t> ended_ms;
  std::optional<double> score;      // points earned
  std::optional<double> points;     // points possible
  std::optional<double> pass_mark;  // percent
  std::optional<bool> passed;
  bool complete = true;             // false: left before its end (an exam can be resumed)
  std::optional<std::string> plan;  // an exam's questions and settings, to resume it
  // Its id across stores (`quizdeck sync`): the device that sat it and its number there.
  // Empty and 0 for a session not yet written: the store gives it its own device and its
  // row id. A sitting from another device is never resumed here.
  std::string origin = {};
  std::int64_t origin_id = 0;
};

// A session waiting in (or gone from) the class push queue.
struct ClassQueueEntry {
  std::string id;  // a random UUID, the session's key in the class database
  core::ReviewMode mode = core::ReviewMode::kExam;  // an exam sitting, or a drill's answers
  std::int64_t session_id = 0;
  std::int64_t queued_ms = 0;
  std::optional<std::int64_t> pushed_ms = {};
};

struct ReviewFilter {
  std::optional<std::string> deck_id;
  std::optional<std::string> card_id;
  std::optional<std::int64_t> since_ms;
  bool only_scheduled_and_kept = false;  // what the schedule is built from
  std::optional<std::int64_t> session_id;
};

struct CardSeen {
  std::string card_id;
  std::string prompt;
  std::string tags = {};  // space-separated (tags have no white space)
  std::string note = {};  // what its siblings share (a cloze's id); empty: none
};

struct OpenOptions {
  bool create = true;          // create the file (and its directory) when missing
  bool read_only = false;      // never write (an older store is still upgraded)
  bool migrate = true;         // upgrade an older store now (else call upgrade())
  bool check = true;           // refuse a damaged store (SQLite's quick check, or the seal)
  int busy_timeout_ms = 5000;  // how long to wait for another process
};

// What `quizdeck sync` keeps in the store (store/sync_state.cc): a review's id across
// stores, when and where a mark or setting was written, how far each journal was read,
// and what is known of each device.
struct SyncStamp {
  std::int64_t time_ms = 0;
  std::string device;
};
struct SyncedMarks {
  std::string deck_id;
  std::string card_id;
  CardMarks marks;
  SyncStamp stamp;
};
struct SyncedSetting {
  std::string scope;
  std::string key;
  std::optional<std::string> value;  // none: unset
  SyncStamp stamp;
};
struct JournalPosition {
  std::string name;         // the file's name in the sync folder
  std::string device;       // as its header says
  std::int64_t offset = 0;  // bytes read (whole lines only)
  std::int64_t lines = 0;   // lines read
};
struct DeviceRecord {
  std::string device;
  std::optional<std::int64_t> synced_ms;   // its latest sync, as its journal says
  std::optional<std::int64_t> retired_ms;  // retired: its journal is no longer read
};
// An exam sitting as sync sends or takes it: the session, and the record that carried it
// (its text, the caller's business, without the stamp) with the stamp of the sync that did.
struct SyncedSitting {
  SessionRecord session;  // sent: `id` is this store's; taken: `origin` and `origin_id`
  std::int64_t time_ms = 0;
  std::string record;
  // Taken: the numbers of its device's reviews that are its answers, as ranges.
  std::vector<std::pair<std::int64_t, std::int64_t>> answers = {};
};
// One of this store's exam sittings as it stands, for sync to send when it differs from
// the record last sent.
struct SittingToSend {
  SessionRecord session;
  std::vector<std::int64_t> answers;  // the numbers (`seq`) of its reviews, in order
  std::optional<std::string> sent;    // the record last sent; none: never sent
};
// What this store has not yet written to its journal.
struct SyncOutbox {
  std::vector<ReviewRecord> reviews;                              // its own, by number
  std::vector<std::pair<std::int64_t, ReviewRecord>> tombstones;  // local number, id (origin, seq)
  std::vector<SyncedMarks> marks;       // cards whose marks differ from the last synced value
  std::vector<SyncedSetting> settings;  // settings that differ from the last synced value
  std::vector<SittingToSend> sittings;  // every exam sitting of this device
  std::int64_t last_seq = 0;            // the numbers the outbox runs up to
  std::int64_t last_tombstone = 0;
};
// One sync's changes, written in one transaction.
struct SyncMerge {
  // What this store wrote to its journal (the outbox, now sent).
  std::int64_t sent_seq = 0;
  std::int64_t sent_tombstone = 0;
  std::vector<SyncedMarks> sent_marks;
  std::vector<SyncedSetting> sent_settings;
  std::vector<SyncedSitting> sent_sittings;
  // What the other journals hold (reviews with their origin and seq).
  std::vector<ReviewRecord> reviews;
  std::vector<std::pair<std::string, std::int64_t>> tombstones;  // (origin, seq)
  std::vector<SyncedMarks> marks;
  std::vector<SyncedSetting> settings;
  std::vector<SyncedSitting> sittings;
  std::vector<JournalPosition> positions;
  std::vector<DeviceRecord> devices;  // synced_ms / retired_ms to record (the later wins)
};
struct SyncCounts {
  std::size_t reviews_added = 0;
  std::size_t reviews_removed = 0;  // by a tombstone
  std::size_t marks_changed = 0;
  std::size_t settings_changed = 0;
  std::size_t sittings_added = 0;    // exam sittings of other devices new here
  std::size_t sittings_changed = 0;  // ... or held here and replaced by a later record
  std::size_t cards_replayed = 0;
  std::size_t cards_made = 0;  // cards (and decks) this store had not seen, made for history
};

struct SealWatch;  // store.cc

// The expressions of the CHECK constraints in a CREATE TABLE statement (as sqlite_master
// keeps it, columns added later included), each as written between its parentheses.
std::vector<std::string> check_expressions(std::string_view create_sql);

// The write-ahead log and shared memory SQLite makes beside a store in WAL mode, as they
// were when this was made. A read-only connection cannot remove them when it closes;
// `remove_made` does, for what was not there before (the log only while empty: no process
// wrote to it; the shared memory only with it), once every connection is closed.
class WalFiles {
 public:
  explicit WalFiles(std::string store_path);
  void remove_made() const;

 private:
  std::string path_;
  std::array<bool, 2> were_there_{};
};

class Store {
 public:
  // Opens or creates a store. Refuses, without changing a byte: what is not a regular file,
  // a file it may not read ("permission denied"), a file that is not a SQLite database, a
  // SQLite database that is not a quizdeck store, a store with a newer schema, a damaged
  // store, and an empty file others may read; nor is anything left beside a store refused
  // as damaged, foreign or newer (the write-ahead log and shared-memory files SQLite made
  // on opening it are removed again). A new store is built in one exclusive
  // transaction (parallel first uses wait for each other). An older store is copied to
  // "<path>.bak-v<N>" and migrated in one transaction.
  static Store open(const std::string& path, const OpenOptions& options = {});
  static Store open_memory();
  // Closing a store opened for writing and known sound (checked, or sealed) seals it again
  // when nothing but this connection changed it meanwhile (store.cc says why that is
  // safe), so the next open needs no check.
  ~Store();
  Store(Store&& other) noexcept;
  Store& operator=(Store&& other) noexcept;

  int schema_version();
  // Migrates an older store opened with `migrate` off.
  void upgrade();

  // Decks and the cards a deck holds now, in deck order: new cards are added (state New,
  // due `now`), prompts and places of known ones refreshed, cards no longer in the deck
  // lose their place (their history stays); the deck's synced_hash is recorded.
  void sync_deck(const DeckRecord& deck, const std::vector<CardSeen>& cards, std::int64_t now);
  // Only the deck's title, path and time seen (its cards are as synced last).
  void note_deck(const DeckRecord& deck);
  std::vector<DeckRecord> decks();
  std::optional<DeckRecord> deck(const std::string& deck_id);

  std::optional<CardRecord> card(const std::string& deck_id, const std::string& card_id);
  std::vector<CardRecord> cards(const std::optional<std::string>& deck_id = std::nullopt);
  // Cards in (re)learning or review whose due time has come, most overdue first, from
  // the due index.
  std::vector<CardRecord> due_cards(const std::vector<std::string>& deck_ids, std::int64_t now,
                                    int limit);
  // The same queue as ids only, read from the covering due index alone: what a session
  // needs at start, however many cards are due.
  struct DueEntry {
    std::string deck_id;
    std::string card_id;
    std::int64_t due_ms = 0;
    core::State state = core::State::kNew;
    std::int64_t position = 0;  // in its deck, as last synced
    std::string tags;           // as last synced, space-separated
  };
  struct DueView {
    std::string_view deck_id;
    std::string_view card_id;
    std::int64_t due_ms = 0;
    core::State state = core::State::kNew;
    std::int64_t position = 0;
    std::string_view tags;
  };
  // Cards still in their deck (as last synced), neither suspended nor buried at `now`, in
  // (re)learning or review with a due time up to `until`, soonest first. `each_due` hands
  // each to `take` (views valid during the call) until it returns false: nothing is held,
  // however many are due (holding 45,000 entries cost more than reading them).
  void each_due(const std::vector<std::string>& deck_ids, std::int64_t now, std::int64_t until,
                const std::function<bool(const DueView&)>& take);
  std::vector<DueEntry> due_queue(const std::vector<std::string>& deck_ids, std::int64_t now,
                                  std::int64_t until, int limit);
  // Cards of a deck whose first kept, scheduled review is at or after `since`: the new
  // cards already introduced today, for the daily limit.
  std::int64_t cards_started_since(const std::string& deck_id, std::int64_t since);
  // Cards of a deck reviewed since `since`, new ones included: today's reviews, for the
  // daily limits.
  std::int64_t cards_reviewed_since(const std::string& deck_id, std::int64_t since);
  // The deck's new cards that are still in it, neither suspended nor buried at `now`, in
  // deck order (with their place and tags), until `take` returns false.
  void for_each_new_card(const std::string& deck_id, std::int64_t now,
                         const std::function<bool(std::string_view card_id, std::int64_t position,
                                                  std::string_view tags)>& take);
  // Every card still in the deck (as last synced), in deck order.
  void for_each_placed_card(
      const std::string& deck_id,
      const std::function<void(std::string_view card_id, std::int64_t position,
                               std::string_view tags)>& take);
  // The soonest due time after `now` among those decks' non-new cards.
  std::optional<std::int64_t> next_due(const std::vector<std::string>& deck_ids, std::int64_t now);

  // A card's new state, worked out from the state the store holds when the answer is
  // written (another process may have answered the same card since this one read it);
  // nothing when the review does not change the schedule.
  using NextState = std::function<std::optional<CardRecord>(const CardRecord& current)>;
  // Recomputes a card from its kept, scheduled reviews in time order (as `rebuild` does).
  using Replay = std::function<CardRecord(const CardRecord&, const std::vector<ReviewRecord>&)>;
  struct Recorded {
    std::int64_t review_id = 0;
    bool scheduled = false;  // the review changed the schedule
    CardRecord before;       // the card as the transaction found it
    CardRecord after;        // and as it left it
    // Siblings buried with it, and until when each was buried before (to put back).
    std::vector<std::pair<std::string, std::optional<std::int64_t>>> buried = {};
  };
  // One answered card: the review and the card's new state, in one write transaction that
  // reads the card first, so parallel sessions on one card keep the card and its log in
  // step. A review marked scheduled whose `next` gives nothing is written unscheduled.
  // With `bury_siblings_until`, the card's siblings that are new or due before then are
  // buried until then, in the same transaction.
  Recorded record_review(const ReviewRecord& review, const NextState& next,
                         std::optional<std::int64_t> bury_siblings_until = std::nullopt);
  // Takes back a review: deletes it and, when it was scheduled, puts back `recorded.before`
  // if the card is still as that review left it, else (the card was answered elsewhere
  // since) recomputes the card from its remaining log with `replay`.
  void undo_review(const Recorded& recorded, const Replay& replay);
  // Sets a card's marks (suspended, buried, flag, leech) in one transaction.
  void set_marks(const std::string& deck_id, const std::string& card_id, const CardMarks& marks);
  // A change to some marks of cards, the others left as they are.
  struct MarkChange {
    std::optional<bool> suspended;
    std::optional<std::optional<std::int64_t>> buried_until_ms;  // a time, or none: unburied
    std::optional<int> flag;
  };
  // Changes these cards of a deck in one transaction; how many changed. A card the store
  // does not have is an error (kInvalid) and nothing is changed.
  std::size_t change_marks(const std::string& deck_id, const std::vector<std::string>& card_ids,
                           const MarkChange& change);

  std::vector<ReviewRecord> reviews(const ReviewFilter& filter);
  std::int64_t review_count();
  // Reviews per card of a deck (reset ones included: they are history too).
  std::map<std::string, std::int64_t> review_counts(const std::string& deck_id);

  std::int64_t begin_session(const SessionRecord& session);
  // Ends (or, with complete false, leaves) a session: its end time, score and completeness,
  // and its plan when given.
  void end_session(const SessionRecord& session);
  std::vector<SessionRecord> sessions();
  std::optional<SessionRecord> session(std::int64_t id);
  // Takes up a session left unfinished: complete again unless left again; its plan is
  // replaced by `plan` (the time used so far).
  void resume_session(std::int64_t id, const std::string& plan);
  // Replaces a session's plan (an unfinished exam given up: its plan says so).
  void set_session_plan(std::int64_t id, const std::string& plan);

  // Recomputes every card's state from its reviews, in one transaction: `replay` gets the
  // card and its scheduled, not reset reviews in time order and returns the new state.
  // Returns the number of cards.
  std::size_t rebuild(const Replay& replay);

  // Reviews from another program's log (an Anki package's), written in one transaction:
  // each one unless its card already has a review at the same time (so importing the same
  // log twice adds nothing), then each card that got reviews is recomputed with `replay`.
  // The cards must be in the store (a StoreError kInvalid names one that is not, and
  // nothing is written). Returns how many reviews were added.
  std::size_t import_reviews(const std::vector<ReviewRecord>& reviews, const Replay& replay);

  // Moves the history of `old_id` to `new_id` (which may be a card without reviews).
  void relink(const std::string& deck_id, const std::string& old_id, const std::string& new_id,
              const std::string& new_prompt);
  // Removes cards and their reviews. Returns the number of reviews removed.
  std::int64_t prune(const std::string& deck_id, const std::vector<std::string>& card_ids);
  // Forgets progress: the cards go back to New; their reviews stay, marked reset at `now`.
  // Returns the number of reviews marked.
  std::int64_t reset(const std::string& deck_id, const std::optional<std::string>& card_id,
                     std::int64_t now);

  // Compact rows for statistics over many cards and reviews (no per-review strings).
  struct CardStateRow {
    int deck = 0;  // index into the deck ids asked for
    std::string card_id;
    core::State state = core::State::kNew;
    std::int64_t due_ms = 0;
    double stability = 0;
    std::optional<std::int64_t> last_review_ms;
    int reviews = 0;  // kept reviews of the card (reset ones left out), and how many right
    int correct = 0;
    std::optional<std::int64_t> position = {};  // in its deck as last synced; none: it left
    std::string tags = {};                      // as last synced, space-separated
    CardMarks marks = {};
  };
  struct ReviewBucket {
    std::int64_t start_ms = 0;  // a multiple of kReviewBucketMs
    int reviews = 0;
    int correct = 0;
    std::int64_t response_ms = 0;
    int recalls = 0;  // reviews of a card last seen on an earlier UTC day
    int recalls_right = 0;
    int deck = 0;  // index into the deck ids asked for (each_review_bucket only)
  };
  // A pause in a deck's study during which nothing of it was due (schema.cc, version 11):
  // from `since_ms` (0: before its first review) until `until_ms`.
  struct QuietSpell {
    int deck = 0;  // index into the deck ids asked for
    std::int64_t since_ms = 0;
    std::int64_t until_ms = 0;
  };
  // The cards of those decks with a learning state or kept reviews (never-studied cards
  // are not listed: they are the deck's cards less these), deck by deck in card id order,
  // with their kept reviews from the summary the store keeps as reviews are written.
  // `visit` sees each row in turn (one row object, refilled: copy what outlives the call);
  // `card_states` collects them, for small stores and tests.
  void each_card_state(const std::vector<std::string>& deck_ids,
                       const std::function<void(const CardStateRow&)>& visit);
  std::vector<CardStateRow> card_states(const std::vector<std::string>& deck_ids);
  // Kept reviews from `since` on, from the summary the store keeps as reviews are written
  // (it never reads the log itself).
  // `each_review_bucket` hands them over deck by deck, each deck's in time order;
  // `review_buckets` returns them in time order with the decks added up.
  void each_review_bucket(const std::vector<std::string>& deck_ids, std::int64_t since_ms,
                          const std::function<void(const ReviewBucket&)>& visit);
  std::vector<ReviewBucket> review_buckets(const std::vector<std::string>& deck_ids,
                                           std::int64_t since_ms);
  // The quiet spells of those decks that end after `since_ms`, deck by deck in time order.
  std::vector<QuietSpell> quiet_spells(const std::vector<std::string>& deck_ids,
                                       std::int64_t since_ms);

  // Settings: scope "" is global, else a deck id.
  // The class push queue: a session is queued once (false: it already was), under the
  // entry's id; `class_queue` lists the entries not yet pushed (all with `pushed` true),
  // in queue order; `mark_class_pushed` records that an entry went at `now`.
  bool queue_for_class(const ClassQueueEntry& entry);
  std::vector<ClassQueueEntry> class_queue(bool pushed = false);
  void mark_class_pushed(const std::string& id, std::int64_t now);

  std::map<std::string, std::string> settings(const std::string& scope);
  // The decks with settings of their own, by id.
  std::vector<std::string> setting_scopes();
  void set_setting(const std::string& scope, const std::string& key, const std::string& value);
  void unset_setting(const std::string& scope, const std::string& key);

  // SQLite's integrity_check ("ok" when sound) and quizdeck's own consistency checks
  // (empty when consistent).
  std::vector<std::string> integrity_check();
  // The same for a store too damaged to open: read-only, whatever SQLite can still say.
  static std::vector<std::string> integrity_report(const std::string& path);
  std::vector<std::string> consistency_check();
  // Rows that break a CHECK constraint of their table (SQLite's integrity_check does not
  // look at these; a row gets past them only when something wrote the file behind SQLite's
  // back or with the checks switched off): "table T: N rows break CHECK (EXPR)". Empty when
  // every row keeps them.
  std::vector<std::string> constraint_check();
  // How the store's schema differs from the one this quizdeck makes (a table, index or
  // trigger missing or added, a table's columns changed): empty when it is the same. Only
  // for a store of the current version.
  std::vector<std::string> schema_problems();

  // This store's device id (32 hex digits, made once with the store, kept for good).
  std::string device_id();
  // What sync has yet to write to this store's journal; marks and settings changed since
  // they were last synced are stamped (now, this device). Read in one snapshot, so a
  // sitting's answers are among the reviews sent before or with it.
  SyncOutbox sync_outbox(std::int64_t now);
  // Writes one sync in one transaction: what was sent, then what the other journals hold
  // (reviews not yet here and not tombstoned are added, cards and decks this store has not
  // seen are made for them; tombstoned reviews are removed; marks and settings replace the
  // held ones where `newer` says the incoming stamp wins; another device's exam sitting is
  // added, or replaced by a record with a later stamp, and its answers linked to it), the
  // journal positions and
  // devices; then every card whose reviews changed is replayed with `replay` (which may
  // read the settings just merged). Without `commit`, everything is rolled back (a dry run).
  using Newer = std::function<bool(const SyncStamp& incoming, const SyncStamp& held)>;
  SyncCounts apply_sync(const SyncMerge& merge, const Newer& newer, const Replay& replay,
                        bool commit);
  std::vector<JournalPosition> journal_positions();
  std::vector<DeviceRecord> sync_devices();

  Database& database() { return db_; }

 private:
  explicit Store(Database db, std::string path = {});
  // open, but what SQLite made beside a refused store is left to open to remove.
  static Store open_store(const std::string& path, const OpenOptions& options);
  void configure();
  // From now on, follows every change to the file, to seal it at close if all were ours.
  void watch_for_seal();
  // Closes the connection, sealing the store when the watch allows it.
  void close_and_seal() noexcept;
  // Builds the schema in an empty database, unless another process got there first.
  void create_if_empty();
  // Runs `write` (changes to one deck's reviews) with the summary triggers off, then
  // refills that deck's summaries; for writes touching much of a deck's log, where the
  // per-row triggers would cost far more.
  void bulk_write(const std::string& deck_id, const std::function<void()>& write);
  bool worth_bulk_write(const std::string& deck_id, std::int64_t rows);

  Database db_;
  std::string path_;
  std::unique_ptr<SealWatch> watch_;  // none: the store is not sealed at close
};

// The version 1 schema, for tests that need a store as an older quizdeck wrote it.
void create_schema_v1(Database& db);

// A read-only connection to the store at `path` (in a directory quizdeck may not write,
// SQLite's immutable mode: the file is read as it is).
Database connect_read_only(const std::string& path);

// Creates an empty file readable only by the user, and any missing directories (0700).
// An existing file is left alone.
void create_private_file(const std::string& path);

}  // namespace quizdeck::store
