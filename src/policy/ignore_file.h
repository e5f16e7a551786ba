// The ignore file (`.portcullisignore`, YAML): findings a team has decided to accept, each
// with a reason and optionally a package and an expiry date.
//
//   ignore:
//     - id: CVE-2023-4911          # finding id or any of its aliases (also secret/rule ids)
//       package: libc6              # optional: binary or source package name, or a purl prefix
//       expires: 2025-06-30         # optional: from this day on the entry no longer applies
//       reason: not reachable, setuid binaries removed
//
// A top-level list of the same entries is accepted too. Expired entries stop ignoring and say
// so (a Diagnostic naming the file and line). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/report.h"
#include "portcullis/result.h"

namespace portcullis {

inline constexpr uint64_t kMaxIgnoreFileBytes = 1ull << 20;
inline constexpr size_t kMaxIgnoreEntries = 10'000;

struct IgnoreEntry {
  std::string id;
  std::string package;  // "" = any package
  std::string expires;  // "YYYY-MM-DD", "" = never
  std::string reason;
  uint64_t line = 0;    // 1-based line of the entry in the file
};

struct IgnoreFile {
  std::string path;
  std::vector<IgnoreEntry> entries;
};

// Parses the YAML text of an ignore file named `path`. Fails with kCorrupt naming the line
// and column and what was expected (an entry without `id`, a malformed `expires` date, YAML
// syntax); kLimitExceeded past kMaxIgnoreFileBytes or kMaxIgnoreEntries.
[[nodiscard]] Result<IgnoreFile> ParseIgnoreFile(std::string_view text, std::string_view path);

// Reads and parses the file at `path`.
[[nodiscard]] Result<IgnoreFile> ReadIgnoreFile(const std::string& path);

// Removes the findings (vulnerabilities, secrets, misconfigurations) that a current entry
// covers. `today` is "YYYY-MM-DD"; entries with expires <= today are skipped and each adds an
// "ignore.expired" Diagnostic to the report. Returns the number of findings removed.
size_t ApplyIgnoreFile(Report& report, const IgnoreFile& file, std::string_view today);

}  // namespace portcullis
