// SPDX-License-Identifier: MIT
// Benchmark, not a test: generated decks of 1k, 10k and 100k cards and stores with up to
// 1M reviews; prints, measured in one run on this machine:
//   - bare yaml-cpp parse of each deck file (YAML::LoadFile), time and peak memory;
//   - `quizdeck check --no-cache` (cold) and `quizdeck check` (warm cache), vs the bare parse;
//   - time from start to the first question of a scripted drill, cold (no cache) and warm,
//     with 1M reviews in the store, and peak memory;
//   - answer commit latency, end to end (answer written -> its result event read);
//   - `quizdeck stats` over the 100k-card store with 1M reviews;
//   - a drill started right after another drill, on a store of 1,000 reviews against one
//     of 1,000,000, with the ratio;
//   - warm start-up (drill to the first question, stats, status) on the 49,712-card
//     OpenTriviaQA deck against its first 1,000 cards, with the ratio.
//   scale_bench QUIZDECK_BINARY [DIR] [--quick] [--keep] [--generate-only] [--startup-only]
//               [--drill-after-drill] [--stats-only] [--corpus DECK]
//               (files in DIR, default /tmp)
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "deck/parse_deck.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
namespace store = quizdeck::store;

constexpr std::int64_t kNow = 1798761600000;  // 2027-01-01T00:00:00Z
constexpr std::int64_t kDay = 86'400'000;
constexpr const char* kNowText = "2027-01-01T00:00:00Z";

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A deck like the converted question banks: mostly four-choice questions with reasons,
// an explanation and tags; some short answers and true/false (~450 B a card).
void write_deck(const fs::path& path, int cards) {
  std::ofstream out(path);
  out << "title: Generated bank " << cards << "\nid: bank-" << cards
      << "\ntags: [generated]\ncards:\n";
  for (int i = 0; i < cards; ++i) {
    const int topic = i % 37;
    out << "  - id: q" << i << "\n";
    if (i % 10 == 7) {
      out << "    question: In topic " << topic << ", statement " << i
          << " holds for every case the unit covers.\n    answer: " << (i % 2 ? "true" : "false")
          << "\n";
    } else if (i % 10 == 3) {
      out << "    question: Which single word names concept " << i << " of topic " << topic
          << "?\n    answer: [concept" << i << ", idea" << i << "]\n";
    } else {
      out << "    question: \"Question " << i << ": which of these statements about topic " << topic
          << " is most accurate in practice?\"\n    choices:\n";
      for (int c = 0; c < 4; ++c) {
        out << "      - text: \"Option " << char('A' + c) << " for question " << i << "\"\n";
        if (c < 2) {
          out << "        why: \"Why option " << char('A' + c) << " is "
              << (c == 1 ? "right" : "not right") << " here\"\n";
        }
      }
      out << "    answer: \"Option B for question " << i << "\"\n";
    }
    out << "    explain: >\n      The explanation of question " << i
        << " that a learner reads after answering.\n"
        << "    tags: [topic-" << topic << ", unit-" << i % 5 << "]\n";
  }
}

// A store that has seen the deck for a year: 90% of cards studied, due from 60 days ago
// to 60 days ahead, and `reviews` reviews spread over them.
void write_store(const fs::path& path, const fs::path& deck_path, int reviews) {
  std::ifstream in(deck_path);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  const auto parse = quizdeck::deck::parse_deck(deck_path.string(), text);
  if (!parse.deck) throw std::runtime_error("generated deck does not check");
  const auto& deck = *parse.deck;
  for (const char* suffix : {"", "-wal", "-shm", ".deck-cache"}) fs::remove(path.string() + suffix);
  store::Store db = store::Store::open(path.string());
  std::vector<store::CardSeen> seen;
  for (const auto& card : deck.cards) seen.push_back({card.id, card.prompt});
  db.sync_deck({deck.id, deck.title, fs::absolute(deck_path).string(), kNow - 400 * kDay}, seen,
               kNow - 400 * kDay);
  std::mt19937_64 random(2026);
  store::Transaction transaction(db.database());
  store::Statement card = db.database().prepare(
      "UPDATE cards SET state = 2, due_ms = ?3, stability = 10, difficulty = 5, "
      "scheduled_days = 10, reps = 10, last_review_ms = ?4 WHERE deck_id = ?1 AND card_id = ?2");
  for (const auto& c : deck.cards) {
    if (random() % 10 == 0) continue;
    const std::int64_t due = kNow + static_cast<std::int64_t>(random() % (120 * kDay)) - 60 * kDay;
    card.bind(1, deck.id)
        .bind(2, c.id)
        .bind(3, due)
        .bind(4, std::min(due - 10 * kDay, kNow - kDay));
    card.run();
    card.reset();
  }
  store::Statement review = db.database().prepare(
      "INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms, "
      "session_id, mode, scheduled) VALUES (?1, ?2, ?3, ?4, 1, 'B', 2000, NULL, 'drill', 1)");
  for (int r = 0; r < reviews; ++r) {
    review.bind(1, kNow - static_cast<std::int64_t>(random() % (365 * kDay)));
    review.bind(2, deck.id).bind(3, deck.cards[random() % deck.cards.size()].id);
    review.bind(4, static_cast<int>(random() % 4) + 1).run();
    review.reset();
  }
  transaction.commit();
}

// Writes the store in a child process: parsing a 100k-card deck takes this process to
// hundreds of MiB, and a child forked from a process that size would report that as its
// own peak memory (Linux carries the high-water mark across fork and exec).
void write_store_apart(const fs::path& path, const fs::path& deck_path, int reviews) {
  std::fflush(stdout);
  const pid_t pid = ::fork();
  if (pid == 0) {
    try {
      write_store(path, deck_path, reviews);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "scale_bench: %s\n", error.what());
      ::_exit(1);
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("writing the store failed");
  }
}

struct Run {
  double ms = 0;                       // to the end, or to the first line containing `until`
  double peak_mib = 0;                 // the child's peak resident memory
  std::vector<double> round_trips_ms;  // answer written -> its result event read
  int exit_code = -1;
};

// Runs argv; with `until`, times until a stdout line contains it, then (with `answers`)
// answers that many questions one at a time, timing each answer's result event.
Run run(const std::vector<std::string>& argv, const std::string& until = "", int answers = 0) {
  int to_child[2];
  int from_child[2];
  if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) throw std::runtime_error("pipe");
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(to_child[0], 0);
    ::dup2(from_child[1], 1);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 2);
    ::close(to_child[1]);
    ::close(from_child[0]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  Run result;
  std::string pending;
  // The next stdout line containing one of `needles` (empty when output ends first).
  const auto read_line_with = [&](std::initializer_list<std::string_view> needles) {
    char buffer[65536];
    while (true) {
      std::size_t at;
      while ((at = pending.find('\n')) != std::string::npos) {
        std::string line = pending.substr(0, at);
        pending.erase(0, at + 1);
        for (const auto needle : needles) {
          if (line.find(needle) != std::string::npos) return line;
        }
      }
      const ssize_t got = ::read(from_child[0], buffer, sizeof buffer);
      if (got <= 0) return std::string();
      pending.append(buffer, static_cast<std::size_t>(got));
    }
  };
  if (!until.empty()) {
    std::string question = read_line_with({until});
    result.ms = ms_since(start);
    for (int i = 0; i < answers && !question.empty(); ++i) {
      // An answer of the right form for the card's type (right or wrong does not matter).
      std::string answer = "B\n";
      if (question.find("\"type\":\"truefalse\"") != std::string::npos) answer = "true\n";
      if (question.find("\"type\":\"short\"") != std::string::npos) answer = "concept\n";
      const auto asked = Clock::now();
      if (::write(to_child[1], answer.data(), answer.size()) !=
          static_cast<ssize_t>(answer.size())) {
        break;
      }
      const std::string reply = read_line_with({"\"event\":\"result\"", "\"event\":\"invalid\""});
      if (reply.find("\"event\":\"result\"") == std::string::npos) break;
      result.round_trips_ms.push_back(ms_since(asked));
      question = read_line_with({until});
    }
  }
  ::close(to_child[1]);
  char sink[65536];
  while (::read(from_child[0], sink, sizeof sink) > 0) {
  }
  ::close(from_child[0]);
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  if (until.empty()) result.ms = ms_since(start);
  result.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// The bare yaml-cpp parse, in a child so its peak memory is its own.
Run bare_parse(const fs::path& deck) {
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const YAML::Node root = YAML::LoadFile(deck.string());
    ::_exit(root["cards"].size() > 0 ? 0 : 1);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  Run result;
  result.ms = ms_since(start);
  result.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The median of `times` runs (the run whose time is the median). A run that fails stops
// the benchmark: its figures would mean nothing.
template <typename F>
Run median_of(int times, F&& f) {
  std::vector<Run> runs;
  for (int i = 0; i < times; ++i) {
    runs.push_back(f());
    if (runs.back().exit_code != 0) {
      std::fprintf(stderr, "scale_bench: a measured run failed (exit %d)\n", runs.back().exit_code);
      std::exit(1);
    }
  }
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.ms < b.ms; });
  return runs[runs.size() / 2];
}

// The first `cards` cards of a corpus deck, as a deck of its own (same shape, other id).
void write_corpus_slice(const fs::path& corpus, const fs::path& out, int cards) {
  std::ifstream in(corpus);
  std::ofstream sliced(out);
  std::string line;
  int seen = 0;
  while (std::getline(in, line)) {
    if (line.starts_with("  - id:") && ++seen > cards) break;
    if (line.starts_with("id:")) line = "id: \"first-" + std::to_string(cards) + "\"";
    sliced << line << '\n';
  }
}

// Warm start-up on a big real deck against a small one of the same kind, each in a store
// where it was drilled once: time to the first question of a drill, and the whole of
// `stats` and `status`, all medians of `repeats` runs in this one run, with the ratios.
void startup_ratio(const std::string& quizdeck, const fs::path& dir, const fs::path& corpus,
                   int repeats) {
  if (!fs::exists(corpus)) {
    std::printf("\n(start-up ratio skipped: no corpus deck at %s)\n", corpus.c_str());
    return;
  }
  const fs::path small = dir / "first-1000.yaml";
  write_corpus_slice(corpus, small, 1'000);
  struct Figures {
    Run drill, stats, status;
  };
  const auto measure = [&](const fs::path& deck, const std::string& name) {
    const std::string store = (dir / (name + ".db")).string();
    const auto drill = [&] {
      return run({quizdeck, "--store", store, "drill", deck.string(), "--json", "--now", kNowText},
                 "\"event\":\"question\"");
    };
    // Twenty new cards studied (the deck is synced and cached), then a moment for the
    // cache entry to settle (a file changed within 2 s of a check is hashed again).
    std::string answers;
    for (int i = 0; i < 20; ++i) answers += "A\n";
    run({"/bin/sh", "-c",
         fmt::format("printf '{}' | {} --store {} drill {} --json --now {} > /dev/null", answers,
                     quizdeck, store, deck.string(), kNowText)});
    ::sleep(3);
    Figures figures;
    figures.drill = median_of(repeats, drill);
    figures.stats = median_of(repeats, [&] {
      return run({quizdeck, "--store", store, "stats", deck.string(), "--now", kNowText});
    });
    figures.status = median_of(repeats, [&] {
      Run status = run({quizdeck, "--store", store, "status", deck.string(), "--now", kNowText});
      if (status.exit_code == 6) status.exit_code = 0;  // nothing due is an answer too
      return status;
    });
    return figures;
  };
  const Figures one = measure(small, "start-1k");
  const Figures big = measure(corpus, "start-big");
  std::printf("\nwarm start-up, %s (49,712 cards) against its first 1,000 cards:\n",
              corpus.filename().c_str());
  std::printf("%-30s %10s %10s %8s %12s\n", "", "1,000", "49,712", "ratio", "peak (big)");
  const auto row = [](const char* what, const Run& a, const Run& b) {
    std::printf("%-30s %7.1f ms %7.1f ms %7.2fx %8.0f MiB\n", what, a.ms, b.ms, b.ms / a.ms,
                b.peak_mib);
  };
  row("drill, to the first question", one.drill, big.drill);
  row("stats", one.stats, big.stats);
  row("status", one.status, big.status);
}

// A drill started right after another drill, on a store of 1,000 reviews against one of
// 1,000,000 (the same 1,000-card deck, the same card states, so the same due queue): time
// to the first question, medians of `repeats` runs in this one run, with the ratio. Each
// measured drill answers a question, so the next one starts after a write. Every store is
// first left alone for a moment and drilled once, as a store in use would be.
void drill_after_drill(const std::string& quizdeck, const fs::path& dir, int repeats) {
  const fs::path deck = dir / "after-1000.yaml";
  write_deck(deck, 1'000);
  const auto measure = [&](int reviews) {
    const fs::path store = dir / fmt::format("after-{}.db", reviews);
    write_store_apart(store, deck, reviews);
    const auto drill = [&] {
      return run({quizdeck, "--store", store.string(), "drill", deck.string(), "--json", "--now",
                  kNowText},
                 "\"event\":\"question\"", 1);
    };
    ::sleep(3);  // a store changed within 2 s of its check is not sealed by it
    drill();
    return median_of(repeats, drill);
  };
  const Run small = measure(1'000);
  const Run big = measure(1'000'000);
  std::printf("\ndrill right after a drill, start to the first question (1,000 cards):\n");
  std::printf("%-28s %10s %10s %8s\n", "", "1k reviews", "1M reviews", "ratio");
  std::printf("%-28s %7.1f ms %7.1f ms %7.2fx (target <= 2x)\n", "drill after drill", small.ms,
              big.ms, big.ms / small.ms);
}

// `quizdeck stats` over a 100,000-card deck with 1,000,000 reviews in the store, right
// after a drill of it (the deck synced, the cache filled), median of `repeats` runs.
void stats_at_scale(const std::string& quizdeck, const fs::path& dir, int repeats) {
  const fs::path deck = dir / "bank-100000.yaml";
  const fs::path store = dir / "stats-100000.db";
  write_deck(deck, 100'000);
  write_store_apart(store, deck, 1'000'000);
  // As a learner's store is: a drill (one answer) syncs the deck and fills the cache, and
  // stats follows it. First a moment for the new store to settle: its check seals a store
  // only when it was left alone 2 s before, and only then does the drill seal it again.
  ::sleep(3);
  run({quizdeck, "--store", store.string(), "drill", deck.string(), "--json", "--now", kNowText},
      "\"event\":\"question\"", 1);
  const Run stats = median_of(repeats, [&] {
    return run({quizdeck, "--store", store.string(), "stats", "--now", kNowText});
  });
  std::printf(
      "\nstats over 100000 cards and 1000000 reviews: %.0f ms warm (target <= 200 ms); peak "
      "%.0f MiB\n",
      stats.ms, stats.peak_mib);
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: scale_bench QUIZDECK_BINARY [DIR] [--quick] [--keep] [--generate-only] "
                 "[--startup-only] [--drill-after-drill] [--stats-only] [--corpus DECK]\n");
    return 2;
  }
  const std::string quizdeck = fs::absolute(argv[1]).string();
  const fs::path dir = fs::path(argc > 2 && argv[2][0] != '-' ? argv[2] : "/tmp") /
                       ("quizdeck-scale-bench-" + std::to_string(::getpid()));
  bool quick = false;
  bool keep = false;           // leave the generated decks and stores in DIR (for profiling)
  bool generate_only = false;  // write the decks and stores, measure nothing
  bool startup_only = false;   // only the start-up ratio on the corpus deck
  bool after_only = false;     // only a drill right after a drill, 1k against 1M reviews
  bool stats_only = false;     // only stats at 100k cards and 1M reviews
  fs::path corpus = QUIZDECK_CORPUS_DECK;
  for (int i = 2; i < argc; ++i) {
    startup_only = startup_only || std::string(argv[i]) == "--startup-only";
    after_only = after_only || std::string(argv[i]) == "--drill-after-drill";
    stats_only = stats_only || std::string(argv[i]) == "--stats-only";
    if (std::string(argv[i]) == "--corpus" && i + 1 < argc) corpus = argv[++i];
    quick = quick || std::string(argv[i]) == "--quick";
    keep = keep || std::string(argv[i]) == "--keep";
    generate_only = generate_only || std::string(argv[i]) == "--generate-only";
  }
  keep = keep || generate_only;
  fs::create_directories(dir);
  const int repeats = quick ? 3 : 7;
  if (stats_only) {
    stats_at_scale(quizdeck, dir, repeats);
    if (keep) {
      std::printf("kept %s\n", dir.c_str());
    } else {
      fs::remove_all(dir);
    }
    return 0;
  }
  if (after_only) {
    drill_after_drill(quizdeck, dir, repeats);
    fs::remove_all(dir);
    return 0;
  }
  if (startup_only) {
    startup_ratio(quizdeck, dir, corpus, repeats);
    fs::remove_all(dir);
    return 0;
  }
  std::vector<int> sizes = {1'000, 10'000, 100'000};
  if (quick) sizes.pop_back();

  std::printf("%-28s %10s %10s %10s %10s %9s\n", "deck", "size", "yaml-cpp", "check cold",
              "check warm", "cold/bare");
  std::vector<fs::path> decks;
  for (const int cards : sizes) {
    const fs::path deck = dir / fmt::format("bank-{}.yaml", cards);
    write_deck(deck, cards);
    decks.push_back(deck);
    if (generate_only) {
      write_store(dir / fmt::format("drill-{}.db", cards), deck, quick ? 100'000 : 1'000'000);
      continue;
    }
    const std::string store = (dir / fmt::format("check-{}.db", cards)).string();
    const Run bare = median_of(repeats, [&] { return bare_parse(deck); });
    const Run cold = median_of(repeats, [&] {
      return run({quizdeck, "--store", store, "--no-cache", "check", deck.string()});
    });
    run({quizdeck, "--store", store, "check", deck.string()});  // fills the cache
    const Run warm = median_of(repeats, [&] {
      return run({quizdeck, "--store", store, "check", deck.string()});
    });
    std::printf("%-28s %8.1f MB %7.0f ms %7.0f ms %7.1f ms %8.2fx\n",
                fmt::format("{} cards", cards).c_str(),
                static_cast<double>(fs::file_size(deck)) / 1e6, bare.ms, cold.ms, warm.ms,
                cold.ms / bare.ms);
    std::printf("%-28s %10s %7.0f MiB %6.0f MiB %6.0f MiB\n", "  peak memory", "", bare.peak_mib,
                cold.peak_mib, warm.peak_mib);
  }

  if (generate_only) {
    std::printf("generated in %s\n", dir.c_str());
    return 0;
  }
  const int reviews = quick ? 100'000 : 1'000'000;
  std::printf("\nscripted drill, start to the first question (store: %d reviews):\n", reviews);
  std::printf("%-28s %10s %10s %10s %10s\n", "deck", "cold", "warm", "cold peak", "warm peak");
  std::vector<double> round_trips;
  for (std::size_t i = 0; i < decks.size(); ++i) {
    const fs::path store = dir / fmt::format("drill-{}.db", sizes[i]);
    write_store_apart(store, decks[i], reviews);
    const auto drill = [&](bool cache, int answers) {
      std::vector<std::string> argv = {quizdeck, "--store", store.string()};
      if (!cache) argv.push_back("--no-cache");
      argv.insert(argv.end(),
                  {"drill", decks[i].string(), "--json", "--now", kNowText, "--max", "1000000"});
      return run(argv, "\"event\":\"question\"", answers);
    };
    const Run cold = median_of(repeats, [&] { return drill(false, 0); });
    drill(true, 0);  // fills the cache
    const Run warm = median_of(repeats, [&] { return drill(true, 0); });
    std::printf("%-28s %7.1f ms %7.1f ms %6.0f MiB %6.0f MiB\n",
                fmt::format("{} cards", sizes[i]).c_str(), cold.ms, warm.ms, cold.peak_mib,
                warm.peak_mib);
    if (sizes[i] == 10'000) round_trips = drill(true, quick ? 50 : 300).round_trips_ms;
    if (sizes[i] == sizes.back() && !quick) {
      const Run stats = median_of(repeats, [&] {
        return run({quizdeck, "--store", store.string(), "stats", "--now", kNowText});
      });
      const Run stats_cold = median_of(repeats, [&] {
        return run({quizdeck, "--store", store.string(), "--no-cache", "stats", "--now", kNowText});
      });
      std::printf(
          "\nstats over %d cards and %d reviews: %.0f ms warm (target <= 200 ms), %.0f ms "
          "without the deck cache; peak %.0f MiB\n",
          sizes[i], reviews, stats.ms, stats_cold.ms, stats.peak_mib);
    }
  }
  if (!round_trips.empty()) {
    std::sort(round_trips.begin(), round_trips.end());
    double total = 0;
    for (const double ms : round_trips) total += ms;
    std::printf(
        "\nanswer -> durable result event (10k cards, %zu answers, end to end): mean %.2f "
        "ms, median %.2f ms, p99 %.2f ms\n",
        round_trips.size(), total / static_cast<double>(round_trips.size()),
        round_trips[round_trips.size() / 2], round_trips[round_trips.size() * 99 / 100]);
  }
  drill_after_drill(quizdeck, dir, repeats);
  startup_ratio(quizdeck, dir, corpus, repeats);
  if (keep) {
    std::printf("kept %s\n", dir.c_str());
  } else {
    fs::remove_all(dir);
  }
  return 0;
}
