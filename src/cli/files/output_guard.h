// SPDX-License-Identifier: MIT
// The one guard every output of every command goes through (write_output_file and the
// rest take it): no output may replace the store or a file that is the store's (its
// journals, the seal, the deck cache, the backups; store/store_file.h), a file the command
// reads (its decks, the files named on its command line, the images its decks name), a
// symbolic link, or anything that is not a regular file. The store's files are known by
// name in the store's folder, so a log or seal that does not exist yet is refused too;
// every file, by identity (device and inode), whatever name reaches it. The Context fills
// the guard a command gets (cli/context.h).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace quizdeck::cli {

class OutputGuard {
 public:
  // The store at `path` and the files beside it that are the store's.
  void protect_store(const std::string& path);
  // A file the command reads (nothing is refused for it while it does not exist).
  void protect(const std::string& path);
  // Files looked up only when an output would replace an existing file: many, and rarely
  // in the way (the images of a deck's cards).
  void protect_lazily(std::function<std::vector<std::string>()> paths);
  // Every file in a folder the command reads, and in the folders below it (a QTI package).
  void protect_tree(const std::string& folder);

  // Why the entry `name` of the open folder `folder` may not be replaced by an output;
  // nothing when it may.
  std::optional<std::string> refusal(int folder, const std::string& name) const;

 private:
  std::vector<std::string> stores_;
  std::vector<std::string> files_;
  std::vector<std::string> trees_;
  std::vector<std::function<std::vector<std::string>()>> lazy_;
};

}  // namespace quizdeck::cli
