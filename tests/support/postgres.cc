// SPDX-License-Identifier: MIT
#include "support/postgres.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <vector>

#include <doctest/doctest.h>

#include "support/needs.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

// The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin).
std::string server_bin() {
  std::vector<fs::path> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
    if (fs::exists(entry.path() / "bin" / "initdb") &&
        fs::exists(entry.path() / "bin" / "pg_ctl")) {
      found.push_back(entry.path() / "bin");
    }
  }
  if (found.empty()) return "";
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return std::stoi(a.parent_path().filename().string()) <
           std::stoi(b.parent_path().filename().string());
  });
  return found.back().string();
}

// argv run as the server's user: `postgres` when we are root, ourselves otherwise.
std::vector<std::string> as_server_user(std::vector<std::string> argv) {
  if (::geteuid() != 0) return argv;
  std::vector<std::string> wrapped = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return wrapped;
}

}  // namespace

std::unique_ptr<PostgresServer> PostgresServer::start() {
  const std::string bin = server_bin();
  if (!available(!bin.empty(), "a PostgreSQL server (Debian package postgresql)")) return nullptr;
  if (::geteuid() == 0 && !available(::getpwnam("postgres") != nullptr, "the user postgres")) {
    return nullptr;
  }
  // A short path: a Unix socket's path is limited to about 100 bytes.
  static std::atomic<int> made{0};
  const int n = made++;
  const fs::path dir =
      fs::path("/tmp") / ("qdpg-" + std::to_string(::getpid()) + "-" + std::to_string(n));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const int port = 20000 + (::getpid() * 7 + n) % 40000;
  if (::geteuid() == 0) {
    const passwd* user = ::getpwnam("postgres");
    (void)::chown(dir.c_str(), user->pw_uid, user->pw_gid);
  }
  write_text_file((dir / "pwfile").string(), std::string(kSuperuserPassword) + "\n");
  if (::geteuid() == 0) {
    const passwd* user = ::getpwnam("postgres");
    (void)::chown((dir / "pwfile").c_str(), user->pw_uid, user->pw_gid);
  }
  const ProcessResult init =
      run_process(as_server_user({bin + "/initdb", "-D", (dir / "data").string(), "-U", kSuperuser,
                                  "--pwfile", (dir / "pwfile").string(), "--auth", "scram-sha-256",
                                  "--encoding", "UTF8", "--locale", "C.UTF-8", "--no-sync"}));
  REQUIRE_MESSAGE(init.exit_code == 0, "initdb: ", init.out, init.err);
  const ProcessResult started = run_process(as_server_user(
      {bin + "/pg_ctl", "-D", (dir / "data").string(), "-l", (dir / "log").string(), "-w", "-o",
       "-c listen_addresses='' -c unix_socket_directories='" + dir.string() + "' -p " +
           std::to_string(port) + " -c fsync=off",
       "start"}));
  REQUIRE_MESSAGE(started.exit_code == 0, "pg_ctl start: ", started.out, started.err,
                  read_text_file((dir / "log").string()));
  std::unique_ptr<PostgresServer> server(new PostgresServer(bin, dir.string(), port));
  const ProcessResult created =
      server->psql("CREATE DATABASE quizdeck", kSuperuser, kSuperuserPassword, "postgres");
  REQUIRE_MESSAGE(created.exit_code == 0, "CREATE DATABASE: ", created.err);
  return server;
}

PostgresServer::PostgresServer(std::string bin, std::string dir, int port)
    : bin_(std::move(bin)), dir_(std::move(dir)), port_(port) {}

PostgresServer::~PostgresServer() {
  run_process(
      as_server_user({bin_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-w", "stop"}));
  std::error_code error;
  fs::remove_all(dir_, error);
}

std::string PostgresServer::url(const std::string& user, const std::string& password,
                                const std::string& database) const {
  std::string url = "postgresql://" + user;
  if (!password.empty()) url += ":" + password;
  return url + "@/" + database + "?host=" + dir_ + "&port=" + std::to_string(port_);
}

ProcessResult PostgresServer::psql(const std::string& sql, const std::string& user,
                                   const std::string& password, const std::string& database) const {
  ProcessOptions options;
  options.env["PGPASSWORD"] = password;
  options.env["PGCONNECT_TIMEOUT"] = "10";
  options.stdin_text = sql;
  return run_process({bin_ + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", dir_,
                      "-p", std::to_string(port_), "-U", user, "-d", database, "-f", "-"},
                     options);
}

}  // namespace quizdeck::test
