// SPDX-License-Identifier: MIT
// Item analysis: every figure of a small class against an independent computation (the
// textbook formulas, not Moodle's walk), and a simulated class with planted bad items that
// the report must flag, and nothing else.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include <fmt/format.h>

#include "analysis/item_analysis.h"
#include "analysis/tally.h"

namespace quizdeck::analysis {
namespace {

DeckCard choice_card(std::string id, std::vector<std::string> choices, std::string key,
                     double points = 1) {
  DeckCard c;
  c.deck = "bank";
  c.card = std::move(id);
  c.content = "v1-" + c.card;
  c.prompt = "Question " + c.card;
  c.type = "choice";
  c.points = points;
  for (const auto& text : choices) c.keys.push_back(text == key);
  c.choices = std::move(choices);
  c.guess = 1.0 / static_cast<double>(c.choices.size());
  return c;
}

DeckCard typed_card(std::string id, double points = 1) {
  DeckCard c;
  c.deck = "bank";
  c.card = std::move(id);
  c.content = "v1-" + c.card;
  c.type = "short";
  c.points = points;
  return c;
}

Answer exam_answer(std::int64_t attempt, const std::string& card, double credit,
                   std::optional<std::string> pick = std::nullopt, std::int64_t ms = 1000) {
  Answer a;
  a.attempt = attempt;
  a.mode = core::ReviewMode::kExam;
  a.deck = "bank";
  a.card = card;
  a.content = "v1-" + card;
  a.time_ms = 1'000'000 + attempt * 10'000;
  a.correct = credit >= 1;
  a.credit = credit;
  a.response_ms = ms;
  if (pick) a.picked = std::vector<std::string>{*pick};
  return a;
}

ExamSitting sitting(std::int64_t attempt, const std::vector<std::string>& cards) {
  ExamSitting s;
  s.attempt = attempt;
  s.decks = {"bank"};
  s.started_ms = 1'000'000 + attempt * 10'000;
  s.pass_mark = 50;
  for (const auto& card : cards) s.questions.push_back({"bank", card});
  return s;
}

const ItemReport& item(const Report& report, const std::string& card) {
  for (const auto& it : report.items) {
    if (it.card == card && it.version == Version::kCurrent) return it;
  }
  FAIL("no item ", card);
  return report.items.front();
}

// Pearson's r by the raw-sum formula.
double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
    sxy += x[i] * y[i];
  }
  return (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

double population_variance(const std::vector<double>& x) {
  double s = 0, ss = 0;
  for (const double v : x) {
    s += v;
    ss += v * v;
  }
  const double n = static_cast<double>(x.size());
  return ss / n - (s / n) * (s / n);
}

TEST_CASE("item analysis: a small class, every figure against an independent computation") {
  // Three questions in every sitting: a choice (1 point), a typed answer (1 point) and a
  // typed answer worth 2 points with partial credit.
  ItemAnalysis analysis(
      {choice_card("q1", {"A", "B", "C", "D"}, "A"), typed_card("q2"), typed_card("q3", 2)});
  struct Row {
    std::string pick;  // q1
    double q2;
    double q3;  // credit
    std::int64_t ms;
  };
  const std::vector<Row> rows{{"A", 1, 1, 4000}, {"A", 1, 0.5, 6000}, {"B", 1, 0.5, 3000},
                              {"A", 0, 0, 9000}, {"C", 0, 1, 5000},   {"B", 1, 0, 7000}};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto attempt = static_cast<std::int64_t>(i + 1);
    analysis.begin_learner();
    analysis.add(sitting(attempt, {"q1", "q2", "q3"}));
    analysis.add(exam_answer(attempt, "q1", rows[i].pick == "A" ? 1 : 0, rows[i].pick, rows[i].ms));
    analysis.add(exam_answer(attempt, "q2", rows[i].q2));
    analysis.add(exam_answer(attempt, "q3", rows[i].q3));
    analysis.end_learner();
  }
  const Report report = analysis.finish();
  CHECK(report.learners == 6);
  CHECK(report.answers == 18);
  CHECK(report.sittings == 6);

  // Marks per question and totals, by hand.
  std::vector<std::vector<double>> marks(3);
  std::vector<double> totals;
  for (const Row& r : rows) {
    marks[0].push_back(r.pick == "A" ? 1 : 0);
    marks[1].push_back(r.q2);
    marks[2].push_back(r.q3 * 2);
    totals.push_back(marks[0].back() + marks[1].back() + marks[2].back());
  }
  const std::vector<std::string> ids{"q1", "q2", "q3"};
  const std::vector<double> maxima{1, 1, 2};
  for (std::size_t q = 0; q < 3; ++q) {
    INFO("question ", ids[q]);
    const ItemReport& it = item(report, ids[q]);
    REQUIRE(it.exam);
    CHECK(it.exam->attempts == 6);
    double sum = 0;
    for (const double m : marks[q]) sum += m;
    CHECK(it.exam->facility == doctest::Approx(sum / 6 / maxima[q]));
    std::vector<double> rest;
    for (std::size_t k = 0; k < 6; ++k) rest.push_back(totals[k] - marks[q][k]);
    REQUIRE(it.exam->discrimination);
    CHECK(*it.exam->discrimination == doctest::Approx(100 * pearson(marks[q], rest)));
    // Efficiency: the same over the largest covariance the marks allow (both sorted).
    std::vector<double> sm = marks[q];
    std::vector<double> sr = rest;
    std::sort(sm.begin(), sm.end());
    std::sort(sr.begin(), sr.end());
    const double r_max = pearson(sm, sr);
    REQUIRE(it.exam->efficiency);
    CHECK(*it.exam->efficiency == doctest::Approx(100 * pearson(marks[q], rest) / r_max));
    REQUIRE(it.exam->sd);
    CHECK(*it.exam->sd ==
          doctest::Approx(std::sqrt(population_variance(marks[q]) * 6 / 5) / maxima[q]));
  }
  // By hand: q1 right for 3 of 6; A 50%, B 33%, C 17%, D never; median time 5.5 s.
  const ItemReport& q1 = item(report, "q1");
  CHECK(q1.exam->facility == doctest::Approx(0.5));
  REQUIRE(q1.exam->choices.size() == 4);
  CHECK(q1.exam->choices[0].label == "A");
  CHECK(q1.exam->choices[0].key);
  CHECK(q1.exam->choices[0].share == doctest::Approx(0.5));
  CHECK(q1.exam->choices[1].share == doctest::Approx(2.0 / 6));
  CHECK(q1.exam->choices[2].share == doctest::Approx(1.0 / 6));
  CHECK(q1.exam->choices[3].picked == 0);
  CHECK(q1.exam->median_seconds == doctest::Approx(5.5));
  const bool never = std::any_of(q1.problems.begin(), q1.problems.end(), [](const Problem& p) {
    return p.reason == "distractor D 'D' never picked in 6 attempts";
  });
  CHECK(never);

  // Cronbach's alpha over the three cards, with population variances (the n - 1 cancels).
  REQUIRE(report.exams.size() == 1);
  const ExamReport& exam = report.exams.front();
  CHECK(exam.attempts == 6);
  CHECK(exam.questions == 3);
  CHECK(exam.basis == "cards");
  const double items_variance =
      population_variance(marks[0]) + population_variance(marks[1]) + population_variance(marks[2]);
  const double alpha = 1.5 * (1 - items_variance / population_variance(totals));
  REQUIRE(exam.alpha);
  CHECK(*exam.alpha == doctest::Approx(100 * alpha));
  REQUIRE(exam.error_ratio);
  CHECK(*exam.error_ratio == doctest::Approx(100 * std::sqrt(1 - alpha)));
  REQUIRE(exam.standard_error);
  CHECK(*exam.standard_error ==
        doctest::Approx(std::sqrt(1 - alpha) * std::sqrt(population_variance(totals) * 6 / 5) / 4 *
                        100));
  // Totals 4, 3, 2, 1, 2, 1 of 4: 100%, 75%, 50%, 25%, 50%, 25%.
  CHECK(exam.mean_percent == doctest::Approx(325.0 / 6));
  CHECK(exam.median_percent == doctest::Approx(50));
  CHECK(exam.distribution == std::array<int, 10>{0, 0, 2, 0, 0, 2, 0, 1, 0, 1});
  REQUIRE(exam.passed);
  CHECK(*exam.passed == 4);
}

TEST_CASE("item analysis: an unanswered exam question counts as no marks") {
  ItemAnalysis analysis({typed_card("a"), typed_card("b")});
  for (std::int64_t k = 1; k <= 2; ++k) {
    analysis.begin_learner();
    analysis.add(sitting(k, {"a", "b"}));
    analysis.add(exam_answer(k, "a", 1));
    if (k == 2) analysis.add(exam_answer(k, "b", 1));
    analysis.end_learner();
  }
  const Report report = analysis.finish();
  CHECK(item(report, "b").exam->attempts == 2);
  CHECK(item(report, "b").exam->facility == doctest::Approx(0.5));
  CHECK(report.exams.front().mean_percent == doctest::Approx(75));
}

TEST_CASE("item analysis: answers to another content of a card are kept apart") {
  ItemAnalysis analysis({typed_card("a")});
  analysis.begin_learner();
  Answer old = exam_answer(0, "a", 0);
  old.mode = core::ReviewMode::kDrill;
  old.attempt.reset();
  old.content = "v0-a";
  analysis.add(old);
  Answer legacy = old;
  legacy.content.reset();
  analysis.add(legacy);
  Answer now = old;
  now.content = "v1-a";
  now.credit = 1;
  analysis.add(now);
  analysis.end_learner();
  const Report report = analysis.finish();
  REQUIRE(report.items.size() == 3);
  int current = 0, earlier = 0, unknown = 0;
  for (const auto& it : report.items) {
    REQUIRE(it.drill);
    CHECK(it.drill->attempts == 1);
    if (it.version == Version::kCurrent) {
      ++current;
      CHECK(it.drill->facility == 1);
    }
    earlier += it.version == Version::kEarlier ? 1 : 0;
    unknown += it.version == Version::kUnknown ? 1 : 0;
  }
  CHECK(current == 1);
  CHECK(earlier == 1);
  CHECK(unknown == 1);
  CHECK(report.items.back().note.find("kept apart") != std::string::npos);
}

TEST_CASE("item analysis: drills give facility, FSRS difficulty and lapse rate") {
  ItemAnalysis analysis({typed_card("a"), typed_card("b")});
  analysis.begin_learner();
  const std::int64_t day = 86'400'000;
  // Card a: learned, then forgotten at its second review.
  const std::vector<std::pair<std::int64_t, int>> log{{0, 3}, {1, 3}, {5, 3}, {20, 1}};
  for (const auto& [d, rating] : log) {
    Answer a = exam_answer(0, "a", rating > 1 ? 1 : 0);
    a.mode = core::ReviewMode::kDrill;
    a.attempt.reset();
    a.time_ms = 1'700'000'000'000 + d * day;
    a.rating = rating;
    a.scheduled = true;
    analysis.add(a);
  }
  analysis.end_learner();
  const Report report = analysis.finish();
  const ItemReport& a = item(report, "a");
  REQUIRE(a.drill);
  CHECK(a.drill->attempts == 1);  // one learner's first answer
  CHECK(a.drill->facility == 1);
  REQUIRE(a.memory);
  CHECK(a.memory->answers == 4);
  CHECK(a.memory->review_answers == 2);  // the answers at days 5 and 20
  CHECK(a.memory->lapses == 1);
  CHECK(*a.memory->lapse_rate == doctest::Approx(0.5));
  REQUIRE(a.memory->difficulty);
  CHECK(*a.memory->difficulty > 1);
  CHECK(*a.memory->difficulty <= 10);
  CHECK(item(report, "b").note == "no answers yet");
}

TEST_CASE("item analysis: drill discrimination, each learner's first answers as an attempt") {
  ItemAnalysis analysis({typed_card("a"), typed_card("b"), typed_card("c")});
  // First answers (credit) per learner for a, b, c; later answers do not count.
  const std::vector<std::vector<double>> firsts{{1, 1, 1}, {1, 0.5, 1}, {0, 1, 0},
                                                {1, 0, 0}, {0, 0, 0.5}, {0, 1, 1}};
  for (std::size_t k = 0; k < firsts.size(); ++k) {
    analysis.begin_learner();
    for (std::size_t q = 0; q < 3; ++q) {
      Answer a = exam_answer(0, std::string(1, static_cast<char>('a' + q)), firsts[k][q]);
      a.mode = core::ReviewMode::kDrill;
      a.attempt.reset();
      a.time_ms = 1'000 + static_cast<std::int64_t>(q);
      analysis.add(a);
      a.time_ms += 86'400'000;  // answered right the next day: not a first answer
      a.credit = 1;
      analysis.add(a);
    }
    analysis.end_learner();
  }
  const Report report = analysis.finish();
  for (std::size_t q = 0; q < 3; ++q) {
    const std::string id(1, static_cast<char>('a' + q));
    INFO("card ", id);
    std::vector<double> x;
    std::vector<double> rest;  // the mean of the learner's other first answers
    for (const auto& row : firsts) {
      x.push_back(row[q]);
      rest.push_back((row[0] + row[1] + row[2] - row[q]) / 2);
    }
    const ItemReport& it = item(report, id);
    REQUIRE(it.drill);
    CHECK(it.drill->attempts == 6);
    CHECK(it.drill->facility == doctest::Approx((x[0] + x[1] + x[2] + x[3] + x[4] + x[5]) / 6));
    REQUIRE(it.drill->discrimination);
    CHECK(*it.drill->discrimination == doctest::Approx(100 * pearson(x, rest)));
    REQUIRE(it.memory);
    CHECK(it.memory->answers == 12);
  }
}

// A class of 500 learners sits one exam of 20 four-choice questions: each answers right
// with a probability that rises with their ability (a two-parameter logistic model) and
// otherwise picks a distractor at random. Two items are planted: on q05 nobody ever picks
// distractor D; q12 is one strong learners get wrong (its key is misleading), picking
// distractor B.
TEST_CASE("item analysis: a simulated class flags exactly the planted bad items") {
  std::vector<DeckCard> cards;
  for (int q = 1; q <= 20; ++q) {
    cards.push_back(choice_card(fmt::format("q{:02}", q), {"A", "B", "C", "D"}, "A"));
  }
  ItemAnalysis analysis(cards);
  // The draws are written out here, not taken from std::normal_distribution and
  // std::uniform_real_distribution, whose results differ between libstdc++ and libc++.
  std::mt19937_64 engine(20261201);
  const auto uniform = [&engine](std::mt19937_64&) {
    return static_cast<double>(engine() >> 11) * 0x1.0p-53;  // [0, 1)
  };
  std::mt19937_64& random = engine;
  const auto ability = [&uniform](std::mt19937_64& r) {  // Box-Muller: one standard normal
    const double u = 1 - uniform(r);                     // (0, 1]
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * 3.141592653589793 * uniform(r));
  };
  std::vector<std::string> ids;
  for (const auto& c : cards) ids.push_back(c.card);
  for (int learner = 1; learner <= 500; ++learner) {
    const double theta = ability(random);
    analysis.begin_learner();
    analysis.add(sitting(learner, ids));
    for (int q = 1; q <= 20; ++q) {
      const double b = -0.8 + 1.4 * (q - 1) / 19.0;
      double p = 1 / (1 + std::exp(-1.7 * (theta - b)));
      if (q == 12) p = 1 / (1 + std::exp(1.7 * theta));  // strong learners miss it
      std::string pick = "A";
      if (uniform(random) >= p) {
        if (q == 12) {
          pick = theta > 0 ? "B" : (uniform(random) < 0.5 ? "C" : "D");
        } else if (q == 5) {
          pick = uniform(random) < 0.5 ? "B" : "C";
        } else {
          pick = std::string(1, static_cast<char>('B' + static_cast<int>(uniform(random) * 3)));
        }
      }
      analysis.add(
          exam_answer(learner, ids[static_cast<std::size_t>(q - 1)], pick == "A" ? 1 : 0, pick));
    }
    analysis.end_learner();
  }
  const Report report = analysis.finish();
  std::vector<std::string> flagged;
  for (const auto& it : report.items) {
    if (!it.problems.empty()) flagged.push_back(it.card);
  }
  std::sort(flagged.begin(), flagged.end());
  CHECK(flagged == std::vector<std::string>{"q05", "q12"});
  // Problems come first, the worst first.
  CHECK(report.items[0].card == "q12");
  CHECK(report.items[0].problems.front().code == "negative-discrimination");
  const auto codes = [&](const std::string& card) {
    std::vector<std::string> out;
    for (const auto& p : item(report, card).problems) out.push_back(p.code);
    return out;
  };
  const auto q12 = codes("q12");
  CHECK(std::find(q12.begin(), q12.end(), "distractor-attracts-strong") != q12.end());
  CHECK(codes("q05") == std::vector<std::string>{"distractor-never-picked"});
  CHECK(item(report, "q05").problems.front().reason ==
        "distractor D 'D' never picked in 500 attempts");
  REQUIRE(report.exams.size() == 1);
  REQUIRE(report.exams.front().alpha);
  CHECK(*report.exams.front().alpha > 70);
}

TEST_CASE("item analysis: drawn questions make positions the items of alpha") {
  ItemAnalysis analysis({typed_card("a"), typed_card("b"), typed_card("c")});
  const std::vector<std::vector<std::string>> drawn{{"a", "b"}, {"b", "c"}, {"c", "a"}};
  const std::vector<std::vector<double>> credits{{1, 1}, {0, 1}, {0, 0}};
  for (std::size_t k = 0; k < drawn.size(); ++k) {
    const auto attempt = static_cast<std::int64_t>(k + 1);
    analysis.begin_learner();
    analysis.add(sitting(attempt, drawn[k]));
    for (std::size_t q = 0; q < 2; ++q) {
      analysis.add(exam_answer(attempt, drawn[k][q], credits[k][q]));
    }
    analysis.end_learner();
  }
  const Report report = analysis.finish();
  const ExamReport& exam = report.exams.front();
  CHECK(exam.basis == "positions");
  // Positions: first (1, 0, 0), second (1, 1, 0); totals 2, 1, 0.
  const double alpha =
      2.0 * (1 - (population_variance({1, 0, 0}) + population_variance({1, 1, 0})) /
                     population_variance({2, 1, 0}));
  REQUIRE(exam.alpha);
  CHECK(*exam.alpha == doctest::Approx(100 * alpha));
}

}  // namespace
}  // namespace quizdeck::analysis

namespace quizdeck::analysis {
namespace {

// Two reports of the same answers read in another order: the same figures, to the last
// bits a different order of summing leaves.
void check_same(const Report& a, const Report& b) {
  const auto same = [](std::optional<double> x, std::optional<double> y) {
    REQUIRE(x.has_value() == y.has_value());
    if (x) CHECK(*x == doctest::Approx(*y).epsilon(1e-12));
  };
  REQUIRE(a.items.size() == b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    CHECK(a.items[i].card == b.items[i].card);
    const ItemFigures& x = *a.items[i].exam;
    const ItemFigures& y = *b.items[i].exam;
    same(x.facility, y.facility);
    same(x.sd, y.sd);
    same(x.discrimination, y.discrimination);
    same(x.efficiency, y.efficiency);
    same(x.median_seconds, y.median_seconds);
    CHECK(x.group == y.group);
    REQUIRE(x.choices.size() == y.choices.size());
    for (std::size_t c = 0; c < x.choices.size(); ++c) {
      CHECK(x.choices[c].picked == y.choices[c].picked);
      same(x.choices[c].strong, y.choices[c].strong);
      same(x.choices[c].weak, y.choices[c].weak);
    }
  }
  REQUIRE(a.exams.size() == 1);
  REQUIRE(b.exams.size() == 1);
  same(a.exams[0].mean_percent, b.exams[0].mean_percent);
  same(a.exams[0].median_percent, b.exams[0].median_percent);
  same(a.exams[0].sd_percent, b.exams[0].sd_percent);
  same(a.exams[0].skewness, b.exams[0].skewness);
  same(a.exams[0].kurtosis, b.exams[0].kurtosis);
  same(a.exams[0].alpha, b.exams[0].alpha);
  same(a.exams[0].standard_error, b.exams[0].standard_error);
  REQUIRE(a.exams[0].weights.size() == b.exams[0].weights.size());
  for (std::size_t w = 0; w < a.exams[0].weights.size(); ++w) {
    same(a.exams[0].weights[w].weight, b.exams[0].weights[w].weight);
  }
}

TEST_CASE("item analysis: the figures do not depend on the order learners are read in") {
  // Partial credit and points of 1 and 2 make the marks and the rests of the test fractions;
  // ties at the edge of the strongest and weakest 27% are many.
  std::vector<DeckCard> cards;
  for (int q = 1; q <= 6; ++q) {
    cards.push_back(choice_card(fmt::format("q{}", q), {"A", "B", "C"}, "A", q % 2 + 1));
  }
  std::vector<std::string> ids;
  for (const auto& c : cards) ids.push_back(c.card);
  std::mt19937_64 engine(7);
  struct Learner {
    std::vector<std::string> picks;
    std::vector<double> credits;
    std::vector<std::int64_t> times;
  };
  std::vector<Learner> learners(40);
  for (auto& l : learners) {
    for (std::size_t q = 0; q < ids.size(); ++q) {
      l.picks.push_back(std::string(1, static_cast<char>('A' + engine() % 3)));
      l.credits.push_back(l.picks.back() == "A" ? 1.0 : static_cast<double>(engine() % 3) / 10);
      l.times.push_back(static_cast<std::int64_t>(500 + engine() % 30'000));
    }
  }
  const auto analyse = [&](const std::vector<std::size_t>& order) {
    ItemAnalysis analysis(cards);
    for (const std::size_t n : order) {
      analysis.begin_learner();
      const auto attempt = static_cast<std::int64_t>(n + 1);
      analysis.add(sitting(attempt, ids));
      for (std::size_t q = 0; q < ids.size(); ++q) {
        analysis.add(exam_answer(attempt, ids[q], learners[n].credits[q], learners[n].picks[q],
                                 learners[n].times[q]));
      }
      analysis.end_learner();
    }
    return analysis.finish();
  };
  std::vector<std::size_t> order(learners.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const Report forward = analyse(order);
  std::reverse(order.begin(), order.end());
  check_same(forward, analyse(order));
  std::shuffle(order.begin(), order.end(), std::mt19937_64(11));
  check_same(forward, analyse(order));
}

TEST_CASE("item analysis: attempts tied at the edge of the strongest 27% count in proportion") {
  // Eight sittings of q1 (1 point) and q2 (3 points), ranked by the rest of the test (q2's
  // mark): the weakest 27% (2 sittings) are the two of rest 0, which picked A and C; the
  // strongest 2 are 2 of the 6 of rest 3, which picked A, A, B, B, C, C, so each of those
  // counts as a third of a sitting, whatever order they came in.
  ItemAnalysis analysis(
      {choice_card("q1", {"A", "B", "C"}, "A"), choice_card("q2", {"A", "B", "C"}, "A", 3)});
  const std::vector<std::pair<std::string, double>> sittings = {
      {"A", 0}, {"C", 0}, {"A", 1}, {"A", 1}, {"B", 1}, {"B", 1}, {"C", 1}, {"C", 1}};
  std::int64_t attempt = 0;
  for (const auto& [pick, q2] : sittings) {
    ++attempt;
    analysis.begin_learner();
    analysis.add(sitting(attempt, {"q1", "q2"}));
    analysis.add(exam_answer(attempt, "q1", pick == "A" ? 1 : 0, pick));
    analysis.add(exam_answer(attempt, "q2", q2, q2 > 0 ? "A" : "B"));
    analysis.end_learner();
  }
  const Report report = analysis.finish();
  const auto& q1 = *item(report, "q1").exam;
  CHECK(q1.group == 2);
  REQUIRE(q1.choices.size() == 3);
  CHECK(*q1.choices[0].weak == doctest::Approx(0.5));
  CHECK(*q1.choices[1].weak == doctest::Approx(0));
  CHECK(*q1.choices[2].weak == doctest::Approx(0.5));
  for (const auto& c : q1.choices) CHECK(*c.strong == doctest::Approx(1.0 / 3));
}

TEST_CASE("item analysis: a tally counts each value once, in order of value") {
  Tally<double, std::int64_t> tally;
  CHECK(tally.empty());
  for (int i = 0; i < 1000; ++i) ++tally[static_cast<double>(i % 100) / 4];
  ++tally[-0.0];  // one value with 0.0
  CHECK(tally.size() == 100);
  const auto sorted = tally.sorted();
  REQUIRE(sorted.size() == 100);
  CHECK(sorted.front().first == 0);
  CHECK(sorted.front().second == 11);
  CHECK(sorted.back().first == 24.75);
  CHECK(sorted.back().second == 10);
  CHECK(std::is_sorted(sorted.begin(), sorted.end()));
}

}  // namespace
}  // namespace quizdeck::analysis
