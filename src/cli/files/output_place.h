// SPDX-License-Identifier: MIT
// Where an output goes, reached without following a symbolic link: the path as given is
// opened one folder at a time (O_NOFOLLOW), from the working directory or the root, so a
// folder on the way that is a link is refused by its name instead of written through, and
// the file is then checked and written through the folder that was opened (openat,
// renameat): what was checked is where the bytes go, even if a link appears meanwhile.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace quizdeck::cli {

// "cannot write 'PATH': WHY" (an I/O error): how every refused or failed output is told.
core::Failure cannot_write(const std::string& path, const std::string& why);

// An open folder on the way to an output (a descriptor it owns), and how its path reads.
class Folder {
 public:
  // The folder at `path` (relative to the working directory, or absolute; "" is the
  // working directory), each folder on the way opened without following links. With
  // `make`, missing folders are made, and their paths added to `made` in order.
  // A failure is cannot_write(`output`, why): the output on its way to which it was met.
  static core::Expected<Folder> open(const std::string& path, const std::string& output, bool make,
                                     std::vector<std::string>* made = nullptr);
  // The folder `relative` ("items", "media/figures") below this one, the same way.
  core::Expected<Folder> descend(std::string_view relative, const std::string& output, bool make,
                                 std::vector<std::string>* made = nullptr) const;

  Folder(Folder&& other) noexcept;
  Folder& operator=(Folder&& other) noexcept;
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
  ~Folder();

  int fd() const { return fd_; }
  // The folder's path as given ("" for the working directory), for messages and for
  // naming the files in it: shown("x") is "PATH/x".
  const std::string& path() const { return path_; }
  std::string shown(std::string_view name) const;
  // Makes its changes durable (fsync of the folder).
  bool sync() const;

 private:
  Folder(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

// Where an output file's path puts it: the folder as written ("" for the working
// directory) and the file's name there. "dir/" and "." name a folder, which the caller's
// checks refuse as a file.
struct PlaceName {
  std::string folder;
  std::string name;
};
PlaceName place_name(const std::string& path);

// Removes the folders `made` lists, newest first, as far as they are empty: after a failed
// write, nothing it made stays behind.
void remove_made_folders(const std::vector<std::string>& made);

}  // namespace quizdeck::cli
