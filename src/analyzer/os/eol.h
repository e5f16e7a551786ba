// End-of-life dates of OS releases: one constexpr table in eol.cc, with the source of each
// family's dates. Pure functions over constant data; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace portcullis {

struct EolEntry {
  std::string_view family;    // OsInfo::family: "debian", "ubuntu", "alpine", "rhel", ...
  std::string_view release;   // release key, see ReleaseKey(): "12", "22.04", "3.19", "stream9"
  std::string_view date;      // last day of (security) support, "YYYY-MM-DD"
  std::string_view codename;  // "bookworm", "jammy", "" when the family has none
};

// Every entry of the table, grouped by family.
std::span<const EolEntry> EolTable();

// The part of `version` that names a release of `family` in the table: the major version for
// debian, rhel-likes and fedora ("12.5" -> "12"), major.minor for ubuntu, alpine, opensuse-leap
// and photon ("3.19.1" -> "3.19"); amazon keeps "2", "2023" or "2018.03". `centos_stream`
// selects CentOS Stream keys ("stream9"). Returns "" when the version has no such part.
std::string ReleaseKey(std::string_view family, std::string_view version,
                       bool centos_stream = false);

// The table entry for `family` at `version`, or nullptr when the table has none (unknown or
// rolling releases: wolfi, chainguard, debian testing/sid, alpine edge).
const EolEntry* FindEol(std::string_view family, std::string_view version,
                        bool centos_stream = false);

// True when `today` ("YYYY-MM-DD", longer strings are cut to the date) is after `date`.
bool IsPastDate(std::string_view today, std::string_view date);

}  // namespace portcullis
