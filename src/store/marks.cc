// SPDX-License-Identifier: MIT
// What a learner sets on cards apart from their schedule: suspended, buried, flagged; and
// the leech mark a rule sets.
#include "store/store.h"

#include <fmt/format.h>

namespace quizdeck::store {

void Store::set_marks(const std::string& deck_id, const std::string& card_id,
                      const CardMarks& marks) {
  Transaction transaction(db_);
  Statement update = db_.prepare(
      "UPDATE cards SET suspended = ?3, buried_until_ms = ?4, flag = ?5, leech = ?6 WHERE "
      "deck_id = ?1 AND card_id = ?2");
  update.bind(1, deck_id).bind(2, card_id).bind(3, marks.suspended ? 1 : 0);
  update.bind(4, marks.buried_until_ms).bind(5, marks.flag).bind(6, marks.leech ? 1 : 0).run();
  if (db_.changes() != 1) {
    throw StoreError(StoreError::Kind::kInvalid,
                     fmt::format("deck '{}' has no card '{}' in the store", deck_id, card_id));
  }
  transaction.commit();
}

std::size_t Store::change_marks(const std::string& deck_id,
                                const std::vector<std::string>& card_ids,
                                const MarkChange& change) {
  // Only the columns that change are written, each only where it differs: a concurrent
  // answer's leech mark or burial is never overwritten.
  std::string set;
  std::string differs;
  const auto column = [&](std::string_view name, int parameter) {
    set += fmt::format("{}{} = ?{}", set.empty() ? "" : ", ", name, parameter);
    differs += fmt::format("{}{} IS NOT ?{}", differs.empty() ? "" : " OR ", name, parameter);
  };
  if (change.suspended) column("suspended", 3);
  if (change.buried_until_ms) column("buried_until_ms", 4);
  if (change.flag) column("flag", 5);
  if (set.empty()) return 0;
  Transaction transaction(db_);
  Statement exists = db_.prepare("SELECT 1 FROM cards WHERE deck_id = ?1 AND card_id = ?2");
  Statement update = db_.prepare(fmt::format(
      "UPDATE cards SET {} WHERE deck_id = ?1 AND card_id = ?2 AND ({})", set, differs));
  std::size_t changed = 0;
  for (const auto& card_id : card_ids) {
    exists.bind(1, deck_id).bind(2, card_id);
    const bool known = exists.step();
    exists.reset();
    if (!known) {
      throw StoreError(StoreError::Kind::kInvalid,
                       fmt::format("deck '{}' has no card '{}' in the store", deck_id, card_id));
    }
    update.bind(1, deck_id).bind(2, card_id);
    if (change.suspended) update.bind(3, *change.suspended ? 1 : 0);
    if (change.buried_until_ms) update.bind(4, *change.buried_until_ms);
    if (change.flag) update.bind(5, *change.flag);
    update.run();
    changed += static_cast<std::size_t>(db_.changes());
    update.reset();
  }
  transaction.commit();
  return changed;
}

}  // namespace quizdeck::store
