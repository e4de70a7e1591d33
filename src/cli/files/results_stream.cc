// SPDX-License-Identifier: MIT
#include "cli/files/results_stream.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/files/results_file.h"

namespace quizdeck::cli {
namespace {

// Records go across in batches of this many, and at most kBatches batches are read ahead:
// the memory stays the same whatever the size of the class.
constexpr std::size_t kBatchRecords = 1024;
constexpr std::size_t kBatches = 4;

// One thing read: a file's header, one of its records, or its end.
struct Event {
  enum class Kind { kHeader, kRecord, kEnd };
  Kind kind = Kind::kRecord;
  std::size_t file = 0;            // index into the paths
  analysis::ResultsRecord record;  // kHeader and kEnd: the header
};

struct Batch {
  std::vector<Event> events;
  std::size_t used = 0;
  std::optional<core::Failure> failure;  // the reading ended here with this error
  bool last = false;                     // nothing comes after this batch
};

// The batches between the reader and the taker, each side waiting for the other when it
// has nothing to do; batches go back empty to be filled again (their records' strings
// keep their memory).
class Exchange {
 public:
  Exchange() {
    for (std::size_t i = 0; i < kBatches; ++i) {
      empty_.push_back(std::make_unique<Batch>());
      empty_.back()->events.resize(kBatchRecords);
    }
  }

  std::unique_ptr<Batch> take_empty() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !empty_.empty() || stopped_; });
    if (stopped_) return nullptr;
    auto batch = std::move(empty_.front());
    empty_.pop_front();
    batch->used = 0;
    batch->failure.reset();
    batch->last = false;
    return batch;
  }
  void give_full(std::unique_ptr<Batch> batch) {
    {
      std::lock_guard lock(mutex_);
      full_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
  std::unique_ptr<Batch> take_full() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty(); });
    auto batch = std::move(full_.front());
    full_.pop_front();
    return batch;
  }
  void give_empty(std::unique_ptr<Batch> batch) {
    {
      std::lock_guard lock(mutex_);
      empty_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
  // The taker wants nothing more: the reader stops at its next batch.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    changed_.notify_all();
  }
  bool stopped() {
    std::lock_guard lock(mutex_);
    return stopped_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> empty_;
  std::deque<std::unique_ptr<Batch>> full_;
  bool stopped_ = false;
};

// The reading thread: every file in order, each line read into its place in a batch.
void read_all(const std::vector<std::string>& paths, Exchange& exchange) {
  std::unique_ptr<Batch> batch = exchange.take_empty();
  if (!batch) return;
  bool stopped = false;
  Event spare;  // where lines go once the taker wants no more (the rest of a file)
  // The next event's place, after handing the batch over when it is full.
  const auto place = [&]() -> Event& {
    if (!stopped && batch->used == batch->events.size()) {
      exchange.give_full(std::move(batch));
      batch = exchange.take_empty();
      stopped = batch == nullptr;
    }
    return stopped ? spare : batch->events[batch->used];
  };
  for (std::size_t file = 0; file < paths.size() && !stopped; ++file) {
    auto read = read_results_file_into(
        paths[file], [&]() -> analysis::ResultsRecord& { return place().record; },
        [&](analysis::ResultsRecord& record) {
          if (stopped) return;
          Event& event = batch->events[batch->used++];
          event.kind = std::holds_alternative<analysis::ResultsHeader>(record)
                           ? Event::Kind::kHeader
                           : Event::Kind::kRecord;
          event.file = file;
        });
    if (stopped) return;
    if (!read) {
      batch->failure = read.error();
      break;
    }
    Event& event = place();
    if (stopped) return;
    ++batch->used;
    event.kind = Event::Kind::kEnd;
    event.file = file;
    event.record = *read;
  }
  if (stopped) return;
  batch->last = true;
  exchange.give_full(std::move(batch));
}

}  // namespace

core::Expected<void> read_results_files(const std::vector<std::string>& paths,
                                        const ResultsFileSink& sink) {
  Exchange exchange;
  std::thread reader([&] { read_all(paths, exchange); });
  // However the taking ends, the reader is stopped and waited for.
  struct Join {
    Exchange& exchange;
    std::thread& reader;
    ~Join() {
      exchange.stop();
      reader.join();
    }
  } join{exchange, reader};
  while (true) {
    std::unique_ptr<Batch> batch = exchange.take_full();
    for (std::size_t i = 0; i < batch->used; ++i) {
      Event& event = batch->events[i];
      const std::string& path = paths[event.file];
      switch (event.kind) {
        case Event::Kind::kHeader:
          sink.header(path, std::get<analysis::ResultsHeader>(event.record));
          break;
        case Event::Kind::kRecord:
          sink.record(event.record);
          break;
        case Event::Kind::kEnd:
          if (auto ended = sink.end(path, std::get<analysis::ResultsHeader>(event.record));
              !ended) {
            return ended.error();
          }
          break;
      }
    }
    if (batch->failure) return std::move(*batch->failure);
    if (batch->last) return {};
    exchange.give_empty(std::move(batch));
  }
}

}  // namespace quizdeck::cli
