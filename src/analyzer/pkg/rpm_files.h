// rpm file lists: which files an rpm package installed, read from its header in
// the rpm database (DIRNAMES + BASENAMES indexed by DIRINDEXES, or the
// OLDFILENAMES of rpm < 4), and reduced to a package file list
// (package_file_lists.h) so that language packages an rpm installed get
// installed_by and hardening findings name a file's rpm — as dpkg's and apk's
// lists do.
//
// Every array is bounds-checked against the header's data store; counts are
// limited (kMaxRpmFilesPerHeader, kMaxRpmDirsPerHeader). Pure functions and a
// reducer object used by one database read at a time (not shared between
// threads).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/pkg/rpm.h"

namespace portcullis {

inline constexpr uint32_t kMaxRpmFilesPerHeader = 1u << 20;
inline constexpr uint32_t kMaxRpmDirsPerHeader = 1u << 18;

// Calls `on_file(dir, base)` for every file of the header `blob` that
// ParseRpmHeader parsed into `header`: `dir` as rpm stores it ("/usr/bin/"), or
// empty for OLDFILENAMES whose `base` is the whole path. A header without a
// file list (gpg-pubkey) calls nothing. Returns an error message when the
// arrays are malformed — wrong types, BASENAMES and DIRINDEXES of different
// lengths, an index past DIRNAMES, a string not terminated inside the data
// store, counts over the limits — before calling `on_file` at all; empty when
// the list was read.
std::string ForEachRpmFile(
    std::span<const uint8_t> blob, const RpmHeader &header,
    const std::function<void(std::string_view, std::string_view)> &on_file);

// Appends the reduced "path<TAB>NAME" lines of each header given to Add to
// `*out` (nothing when `out` is null), stopping at
// kMaxPackageFileListBytesPerLayer; Finish reports malformed lists (one
// "rpm.bad_file_list" diagnostic for the database) and whether the budget
// stopped it.
class RpmFileListReducer {
public:
  RpmFileListReducer(std::string db_path, std::string *out)
      : db_path_(std::move(db_path)), out_(out) {}
  void Add(std::span<const uint8_t> blob, const RpmHeader &header);
  void Finish(std::vector<Diagnostic> &diagnostics, bool *truncated) const;

private:
  std::string db_path_;
  std::string *out_;
  std::string line_buffer_;
  bool truncated_ = false;
  size_t bad_ = 0;
  std::string first_bad_;
};

} // namespace portcullis
