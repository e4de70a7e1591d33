// SPDX-License-Identifier: MIT
// Settings: global (scope "") or per deck.
#include "store/store.h"

namespace quizdeck::store {

std::map<std::string, std::string> Store::settings(const std::string& scope) {
  Statement query = db_.prepare("SELECT key, value FROM settings WHERE scope = ?1 ORDER BY key");
  query.bind(1, scope);
  std::map<std::string, std::string> out;
  while (query.step()) out.emplace(query.text(0), query.text(1));
  return out;
}

std::vector<std::string> Store::setting_scopes() {
  Statement query =
      db_.prepare("SELECT DISTINCT scope FROM settings WHERE scope != '' ORDER BY scope");
  std::vector<std::string> out;
  while (query.step()) out.push_back(query.text(0));
  return out;
}

void Store::set_setting(const std::string& scope, const std::string& key,
                        const std::string& value) {
  Transaction transaction(db_);
  Statement upsert = db_.prepare(
      "INSERT INTO settings (scope, key, value) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (scope, key) DO UPDATE SET value = ?3");
  upsert.bind(1, scope).bind(2, key).bind(3, value).run();
  transaction.commit();
}

void Store::unset_setting(const std::string& scope, const std::string& key) {
  Transaction transaction(db_);
  Statement remove = db_.prepare("DELETE FROM settings WHERE scope = ?1 AND key = ?2");
  remove.bind(1, scope).bind(2, key).run();
  transaction.commit();
}

}  // namespace quizdeck::store
