// SPDX-License-Identifier: MIT
#include "optimize/simulate.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "optimize/exam.h"
#include "optimize/parallel.h"

namespace quizdeck::optimize {
namespace {

struct Card {
  MemoryState state;
  std::int64_t last_day = 0;
  std::int64_t due_day = 0;
  bool reviewed_today = false;
};

class Dice {
 public:
  explicit Dice(std::uint64_t seed) : rng_(seed) {}
  double uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  // An index drawn with the given weights (which need not sum to one).
  template <std::size_t N>
  int pick(const std::array<double, N>& weights) {
    double total = 0;
    for (const double x : weights) total += x;
    double u = uniform() * total;
    for (std::size_t i = 0; i < N; ++i) {
      if (u < weights[i]) return static_cast<int>(i);
      u -= weights[i];
    }
    return static_cast<int>(N - 1);
  }

 private:
  std::mt19937_64 rng_;
};

class Simulator {
 public:
  Simulator(const std::vector<SimCard>& cards, std::size_t new_cards, const LearnerProfile& learner,
            const SimulationOptions& options)
      : learner_(learner), o_(options), dice_(options.seed), new_left_(new_cards) {
    for (const SimCard& c : cards) {
      cards_.push_back({c.state, c.last_day, c.due_day, false});
    }
    known_ = cards_.size();
  }

  Simulation run() {
    Simulation out;
    const int days = std::max(o_.days, o_.exam_day.value_or(0));
    for (int day = 0; day < days; ++day) {
      DayFigures figures;
      budget_ = o_.minutes_per_day * 60;
      for (Card& c : cards_) c.reviewed_today = false;
      review_due(day, figures);
      introduce(day, figures);
      if (exam_ahead(day) && in_final_days(day, *o_.exam_day)) {
        consolidate(day, figures);
      }
      if (o_.exam_day && day == *o_.exam_day - 1) record_exam(out);
      for (const Card& c : cards_) {
        figures.memorized += recall(o_.w, static_cast<double>(day - c.last_day), c.state.stability);
      }
      out.reviews += figures.reviews;
      out.new_cards += figures.new_cards;
      out.minutes += figures.minutes;
      if (day < o_.days) out.days.push_back(figures);
      if (day == o_.days - 1) record_end(out, day + 1);
    }
    return out;
  }

 private:
  bool exam_ahead(int day) const { return o_.aim_at_exam && o_.exam_day && day < *o_.exam_day; }

  bool afford(double seconds) {
    if (seconds > budget_) return false;
    budget_ -= seconds;
    return true;
  }

  void schedule(Card& c, int day) {
    int interval = next_interval_days(o_.w, c.state.stability, o_.retention, o_.max_interval);
    if (exam_ahead(day)) interval = exam_interval(day, interval, *o_.exam_day);
    c.due_day = day + interval;
  }

  // One review of a started card on `day`.
  void review(Card& c, int day, DayFigures& figures) {
    const double elapsed = static_cast<double>(day - c.last_day);
    const double r = recall(o_.w, elapsed, c.state.stability);
    const int rating = dice_.uniform() < r ? 2 + dice_.pick(learner_.recalled_rating) : 1;
    c.state = next_state(o_.w, c.state, elapsed, rating);
    c.last_day = day;
    c.reviewed_today = true;
    schedule(c, day);
    const double seconds = learner_.review_seconds[static_cast<std::size_t>(rating - 1)];
    budget_ -= seconds;
    figures.reviews += 1;
    figures.minutes += seconds / 60;
  }

  // Cards in the order they are taken: by exam-day recall before an exam, else by due day.
  std::vector<std::size_t> order(const std::vector<std::size_t>& which, int day) const {
    std::vector<std::size_t> sorted = which;
    if (exam_ahead(day)) {
      std::vector<double> key(cards_.size());
      for (const std::size_t i : sorted) {
        key[i] = exam_day_recall(o_.w, cards_[i].state, cards_[i].last_day, *o_.exam_day);
      }
      std::stable_sort(sorted.begin(), sorted.end(),
                       [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
    } else {
      std::stable_sort(sorted.begin(), sorted.end(), [&](std::size_t a, std::size_t b) {
        return cards_[a].due_day < cards_[b].due_day;
      });
    }
    return sorted;
  }

  void review_due(int day, DayFigures& figures) {
    std::vector<std::size_t> due;
    for (std::size_t i = 0; i < cards_.size(); ++i) {
      if (cards_[i].due_day <= day) due.push_back(i);
    }
    for (const std::size_t i : order(due, day)) {
      if (figures.reviews >= o_.reviews_per_day) break;
      // A review starts when the budget holds one at Good's cost; it costs its rating's.
      if (budget_ < learner_.review_seconds[2]) break;
      review(cards_[i], day, figures);
    }
  }

  void introduce(int day, DayFigures& figures) {
    int limit = o_.new_per_day;
    if (exam_ahead(day)) limit = exam_new_per_day(limit, new_left_, day, *o_.exam_day);
    while (new_left_ > 0 && figures.new_cards < limit) {
      const int rating = 1 + dice_.pick(learner_.first_rating);
      const double seconds = learner_.first_seconds[static_cast<std::size_t>(rating - 1)];
      if (!afford(seconds)) break;
      Card c;
      c.state = first_state(o_.w, rating);
      c.last_day = day;
      c.reviewed_today = true;
      schedule(c, day);
      cards_.push_back(c);
      --new_left_;
      figures.new_cards += 1;
      figures.minutes += seconds / 60;
    }
  }

  // The last days before an exam: time left goes to the weakest cards not yet seen today.
  void consolidate(int day, DayFigures& figures) {
    std::vector<std::size_t> weak;
    for (std::size_t i = 0; i < cards_.size(); ++i) {
      const Card& c = cards_[i];
      if (c.reviewed_today) continue;
      if (exam_day_recall(o_.w, c.state, c.last_day, *o_.exam_day) < o_.retention) {
        weak.push_back(i);
      }
    }
    for (const std::size_t i : order(weak, day)) {
      if (figures.reviews >= o_.reviews_per_day) break;
      // A review starts when the budget holds one at Good's cost; it costs its rating's.
      if (budget_ < learner_.review_seconds[2]) break;
      review(cards_[i], day, figures);
    }
  }

  // Each card as seen from day `today`.
  void record_end(Simulation& out, int today) const {
    out.end_cards.clear();
    for (const Card& c : cards_) {
      out.end_cards.push_back({c.state, c.last_day - today, c.due_day - today});
    }
    out.new_left = new_left_;
  }

  void record_exam(Simulation& out) const {
    out.exam_recall.clear();
    for (const Card& c : cards_) {
      out.exam_recall.push_back(exam_day_recall(o_.w, c.state, c.last_day, *o_.exam_day));
    }
    out.exam_recall.resize(known_ + new_left_ + (cards_.size() - known_), 0.0);
  }

  const LearnerProfile& learner_;
  const SimulationOptions& o_;
  Dice dice_;
  std::vector<Card> cards_;
  std::size_t known_ = 0;
  std::size_t new_left_ = 0;
  double budget_ = 0;
};

}  // namespace

int next_interval_days(const Params& w, double stability, double retention, int max_interval) {
  const double days = std::round(interval_for(w, stability, retention));
  return static_cast<int>(std::clamp(days, 1.0, static_cast<double>(max_interval)));
}

Simulation simulate(const std::vector<SimCard>& cards, std::size_t new_cards,
                    const LearnerProfile& learner, const SimulationOptions& options) {
  return Simulator(cards, new_cards, learner, options).run();
}

std::vector<RetentionPoint> retention_sweep(const std::vector<SimCard>& cards,
                                            std::size_t new_cards, const LearnerProfile& learner,
                                            SimulationOptions options, double low, double high,
                                            int runs) {
  const int steps = static_cast<int>(std::lround((high - low) * 100)) + 1;
  const auto count = static_cast<std::size_t>(std::max(1, steps));
  const auto per = static_cast<std::size_t>(std::max(1, runs));
  std::vector<double> minutes(count * per);
  std::vector<double> memorized(count * per);
  std::vector<double> exam(count * per);
  run_pieces(count * per, [&](std::size_t piece) {
    SimulationOptions o = options;
    o.retention = std::round((low + 0.01 * static_cast<double>(piece / per)) * 100) / 100;
    o.seed = options.seed + piece % per;
    const Simulation s = simulate(cards, new_cards, learner, o);
    minutes[piece] = s.minutes;
    memorized[piece] = s.days.empty() ? 0 : s.days.back().memorized;
    double recalled = 0;
    for (const double r : s.exam_recall) recalled += r;
    exam[piece] = s.exam_recall.empty() ? 0 : recalled / static_cast<double>(s.exam_recall.size());
  });
  std::vector<RetentionPoint> points(count);
  for (std::size_t i = 0; i < count; ++i) {
    RetentionPoint& p = points[i];
    p.retention = std::round((low + 0.01 * static_cast<double>(i)) * 100) / 100;
    double total = 0;
    for (std::size_t k = 0; k < per; ++k) {
      total += minutes[i * per + k];
      p.memorized += memorized[i * per + k];
      p.exam_recall += exam[i * per + k];
    }
    total /= static_cast<double>(per);
    p.memorized /= static_cast<double>(per);
    p.exam_recall /= static_cast<double>(per);
    p.minutes_per_day = total / static_cast<double>(std::max(1, options.days));
    p.minutes_per_card = p.memorized > 0 ? total / p.memorized : 0;
  }
  return points;
}

const RetentionPoint& optimal_retention(const std::vector<RetentionPoint>& sweep) {
  return *std::min_element(sweep.begin(), sweep.end(), [](const auto& a, const auto& b) {
    return a.minutes_per_card < b.minutes_per_card;
  });
}

const RetentionPoint* cheapest_reaching(const std::vector<RetentionPoint>& sweep, double target) {
  const RetentionPoint* best = nullptr;
  for (const RetentionPoint& p : sweep) {
    if (p.exam_recall < target) continue;
    if (best == nullptr || p.minutes_per_day < best->minutes_per_day) best = &p;
  }
  return best;
}

}  // namespace quizdeck::optimize
