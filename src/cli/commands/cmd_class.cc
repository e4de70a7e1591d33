// SPDX-License-Identifier: MIT
// `quizdeck class init|add-learner|remove-learner URL` (the instructor's side of a class
// database in PostgreSQL) and `quizdeck class push|status` (the learner's side: the queue
// of finished exam sittings in the store). quizdeck(1), CLASS, says what each role may do.
#include <fmt/format.h>

#include "classroom/class_schema.h"
#include "classroom/class_url.h"
#include "classroom/connection.h"
#include "classroom/learners.h"
#include "cli/commands.h"
#include "cli/files/class_queue.h"
#include "core/time.h"
#include "core/visible.h"

namespace quizdeck::cli {
namespace {

struct UrlOptions {
  std::string url;
};

struct LearnerOptions {
  std::string name;
  std::string url;
};

struct NoOptions {};

void declare_url(Declare& d, UrlOptions& o) {
  d.positional("URL", &o.url,
               "the class database (postgresql://USER@HOST/DATABASE; the password from "
               "~/.pgpass)")
      .required();
}

void declare_learner(Declare& d, LearnerOptions& o) {
  d.positional("NAME", &o.name, "the learner's login name").required();
  d.positional("URL", &o.url, "the class database, as the instructor (or an administrator)")
      .required();
}

void declare_nothing(Declare&, NoOptions&) {}

Needs needs_nothing(const auto&) {
  return Needs{};
}

Needs needs_queue_write(const NoOptions&) {
  Needs n;
  n.clock = true;
  n.store = StoreNeed::kWriteExisting;
  return n;
}

Needs needs_queue_read(const NoOptions&) {
  Needs n;
  n.store = StoreNeed::kReadIfExists;
  return n;
}

core::Expected<void> validate_url(const UrlOptions& o) {
  if (auto parsed = classroom::parse_class_url(o.url); !parsed) return parsed.error();
  return {};
}

core::Expected<void> validate_learner(const LearnerOptions& o) {
  if (auto problem = classroom::learner_name_problem(o.name)) {
    return core::fail(ExitCode::kUsage, *problem);
  }
  if (auto parsed = classroom::parse_class_url(o.url); !parsed) return parsed.error();
  return {};
}

core::Expected<ExitCode> run_init(Context& context, const UrlOptions& o) {
  auto connection = classroom::Connection::open(o.url);
  if (!connection) return connection.error();
  auto done = classroom::init_class(*connection);
  if (!done) return done.error();
  const std::string where = classroom::masked_url(o.url);
  if (done->from_version == 0) {
    context.io.out << core::visible(
        fmt::format("Class database ready at {} (schema version {}).\n"
                    "Roles: {} reads every learner's results (grant it to "
                    "the instructor's login); {} holds the learners.\n",
                    where, done->to_version, done->roles.instructor, done->roles.learner),
        core::Lines::kKeep);
  } else if (done->from_version < done->to_version) {
    context.io.out << core::visible(
        fmt::format("Class database at {} migrated from schema version {} to {}.\n", where,
                    done->from_version, done->to_version));
  } else {
    context.io.out << core::visible(fmt::format(
        "Class database at {} is up to date (schema version {}).\n", where, done->to_version));
  }
  return ExitCode::kOk;
}

core::Expected<ExitCode> run_add_learner(Context& context, const LearnerOptions& o) {
  auto instructor = classroom::parse_class_url(o.url);
  if (!instructor) return instructor.error();
  auto connection = classroom::Connection::open(o.url);
  if (!connection) return connection.error();
  const std::string password = classroom::random_password();
  if (auto added = classroom::add_learner(*connection, o.name, password); !added) {
    return added.error();
  }
  // The one place a password is shown: the line the learner pastes. It goes to standard
  // output alone, so it can be sent on without the rest.
  context.io.err
      << core::visible(
             fmt::format("Learner '{}' added. Give them this line (it holds their password, shown "
                         "only now):",
                         o.name),
             core::Lines::kShow)
      << '\n';
  context.io.out << "quizdeck config class '"
                 << classroom::learner_url(*instructor, o.name, password) << "'\n";
  return ExitCode::kOk;
}

core::Expected<ExitCode> run_remove_learner(Context& context, const LearnerOptions& o) {
  auto connection = classroom::Connection::open(o.url);
  if (!connection) return connection.error();
  if (auto removed = classroom::remove_learner(*connection, o.name); !removed) {
    return removed.error();
  }
  context.io.out << core::visible(
      fmt::format("Learner '{}' removed: they can no longer log in; what they pushed stays.\n",
                  o.name),
      core::Lines::kKeep);
  return ExitCode::kOk;
}

std::pair<int, int> counts(const std::vector<store::ClassQueueEntry>& entries, bool pushed) {
  int exams = 0;
  int drills = 0;
  for (const auto& entry : entries) {
    if (entry.pushed_ms.has_value() != pushed) continue;
    (entry.mode == core::ReviewMode::kExam ? exams : drills) += 1;
  }
  return {exams, drills};
}

core::Expected<ExitCode> run_push(Context& context, const NoOptions&) {
  store::Store& store = context.store();
  const auto url = class_address(store);
  if (!url) {
    return core::fail(ExitCode::kUsage,
                      "no class is set: paste the line your instructor gave you (quizdeck config "
                      "class postgresql://...)");
  }
  const auto before = store.class_queue();
  auto outcome = push_class_queue(store, *url, context.now);
  if (!outcome) return outcome.error();
  const auto [exams, drills] = counts(store.class_queue(true), false);
  const std::string where = classroom::masked_url(*url);
  if (outcome->offline) {
    context.io.err << core::visible(fmt::format("quizdeck: error: {}; {} wait{} in the queue",
                                                *outcome->offline, queue_count_text(exams, drills),
                                                exams + drills == 1 ? "s" : ""),
                                    core::Lines::kShow)
                   << '\n';
    return ExitCode::kIoError;
  }
  if (before.empty()) {
    context.io.out << core::visible(fmt::format("Nothing to push to {}.\n", where));
    return ExitCode::kOk;
  }
  int sent_exams = 0;
  int sent_drills = 0;
  for (const auto& entry : before) {
    (entry.mode == core::ReviewMode::kExam ? sent_exams : sent_drills) += 1;
  }
  context.io.out << core::visible(
      fmt::format("Pushed {} to {}.\n", queue_count_text(sent_exams, sent_drills), where));
  return ExitCode::kOk;
}

core::Expected<ExitCode> run_status(Context& context, const NoOptions&) {
  if (!context.has_store()) {
    context.io.out << "No store yet: nothing is queued. No class is set.\n";
    return ExitCode::kOk;
  }
  store::Store& store = context.store();
  const auto url = class_address(store);
  auto& out = context.io.out;
  if (url) {
    out << core::visible(fmt::format("Class: {}\n", classroom::masked_url(*url)),
                         core::Lines::kKeep);
  } else {
    out << "Class: none set (quizdeck config class URL, with the line your instructor gave "
           "you)\n";
  }
  const auto settings = store.settings("");
  const auto drill = settings.find(std::string(kClassDrillKey));
  const bool drills_sent = drill != settings.end() && drill->second == "yes";
  out << (drills_sent ? "Drill answers: sent too (class-drill yes)\n"
                      : "Drill answers: not sent (quizdeck config class-drill yes sends them)\n");
  const auto all = store.class_queue(true);
  const auto [exams, drills] = counts(all, false);
  const auto [pushed_exams, pushed_drills] = counts(all, true);
  if (exams + drills == 0) {
    out << "Queued: nothing\n";
  } else {
    out << fmt::format("Queued: {}\n", queue_count_text(exams, drills));
    for (const auto& entry : all) {
      if (entry.pushed_ms) continue;
      const auto session = store.session(entry.session_id);
      std::string decks;
      if (session) {
        for (const auto& d : session->decks) decks += (decks.empty() ? "" : ", ") + d;
      }
      out << core::visible(
                 fmt::format(
                     "  {} {} of {}, ended {}",
                     entry.mode == core::ReviewMode::kExam ? "exam sitting" : "drill session",
                     entry.session_id, decks,
                     session && session->ended_ms ? core::format_local_time(*session->ended_ms)
                                                  : "-"),
                 core::Lines::kShow)
          << '\n';
    }
  }
  if (pushed_exams + pushed_drills > 0) {
    out << fmt::format("Pushed: {}\n", queue_count_text(pushed_exams, pushed_drills));
  }
  return ExitCode::kOk;
}

}  // namespace

Command class_command() {
  return make_group(
      "class", "a class database in PostgreSQL: set it up, add learners, push exam sittings",
      {make_command<UrlOptions>("init", "create (or migrate) the class database's schema and roles",
                                declare_url, needs_nothing, run_init, validate_url),
       make_command<LearnerOptions>(
           "add-learner", "create a learner's login; prints the line they paste", declare_learner,
           needs_nothing, run_add_learner, validate_learner),
       make_command<LearnerOptions>(
           "remove-learner", "remove a learner's login (their results stay)", declare_learner,
           needs_nothing, run_remove_learner, validate_learner),
       make_command<NoOptions>("push", "send the queued exam sittings to the class database",
                               declare_nothing, needs_queue_write, run_push),
       make_command<NoOptions>("status", "what is queued and where it goes", declare_nothing,
                               needs_queue_read, run_status)});
}

}  // namespace quizdeck::cli
