// OSV records (https://ossf.github.io/osv-schema/, schema 1.x): the one advisory format the
// vulnerability database imports. ParseOsv reads one untrusted JSON record into plain values,
// keeping only what matching and reporting use. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "portcullis/result.h"

namespace portcullis::vulndb {

// Limits on one record, beyond which it is rejected as kLimitExceeded.
inline constexpr uint64_t kMaxOsvRecordBytes = 16ull << 20;
inline constexpr size_t kMaxOsvAffected = 10'000;
inline constexpr size_t kMaxOsvVersions = 100'000;  // summed over all affected entries
// Stored text is cut to this many bytes (details of NVD records can be long).
inline constexpr size_t kMaxDetailsBytes = 2'000;

struct OsvEvent {
  enum class Kind : uint8_t { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string version;
};

struct OsvRange {
  std::string type;  // "ECOSYSTEM", "SEMVER" or "GIT" (GIT ranges never match packages)
  std::vector<OsvEvent> events;
};

struct OsvAffected {
  std::string ecosystem;  // "Debian:12", "Alpine:v3.19", "npm", ...; "" for GIT-only entries
  std::string name;
  std::string purl;
  std::vector<OsvRange> ranges;
  std::vector<std::string> versions;
  std::string urgency;  // ecosystem_specific.urgency (Debian security tracker), lower-case
};

struct OsvRecord {
  std::string id;
  std::string modified;   // RFC 3339 as written
  std::string published;
  std::string withdrawn;  // "" unless withdrawn
  std::string summary;
  std::string details;    // cut to kMaxDetailsBytes
  std::vector<std::string> aliases;
  std::vector<std::string> related;
  std::vector<std::string> references;  // URLs
  std::string cvss_v3;    // CVSS:3.x vector from severity[], "" if none
  std::string cvss_v4;    // CVSS:4.0 vector, "" if none
  std::string vendor_severity;  // database_specific.severity (GHSA: LOW/MODERATE/HIGH/CRITICAL)
  bool malicious = false;       // a MAL- record or one with malicious-packages-origins
  std::vector<OsvAffected> affected;
};

// Parses one OSV record from `json` (named `path` in errors). Fails with kCorrupt naming the
// path and, for JSON syntax errors, the byte offset, when it is not JSON or lacks an `id` or
// `modified`; kLimitExceeded past the limits above. Unknown fields are ignored; malformed
// optional fields (a range without events, a non-string version) are skipped.
[[nodiscard]] Result<OsvRecord> ParseOsv(std::string_view json, std::string_view path);

// Same, from an already parsed document.
[[nodiscard]] Result<OsvRecord> OsvFromJson(const nlohmann::json& doc, std::string_view path);

// True when `doc` looks like an OSV record (an object with "id" and "affected" or "modified").
bool LooksLikeOsv(const nlohmann::json& doc);

}  // namespace portcullis::vulndb
