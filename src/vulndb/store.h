// The vulnerability database: one SQLite file holding OSV advisories, their affected
// packages (indexed by ecosystem and package name), Alpine secdb fixes, the per-CVE severity
// table and a little metadata (sources, ETags, import times).
//
// A VulnDb is owned by one thread at a time: its prepared statements are reused between calls.
// Several processes may read one file at once; import and update write it inside one
// transaction, so readers see either the old or the new content.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/result.h"
#include "vulndb/osv.h"

namespace portcullis::vulndb {

// Which feed an affected row came from.
inline constexpr std::string_view kFeedOsv = "osv";
inline constexpr std::string_view kFeedAlpineSecdb = "alpine-secdb";

// An advisory as stored (the parts of an OSV record that reports use).
struct Advisory {
  std::string id;
  std::string modified;
  std::string published;
  std::string summary;
  std::string details;
  std::vector<std::string> aliases;
  std::vector<std::string> related;
  std::vector<std::string> references;
  std::string cvss_v3;
  std::string cvss_v4;
  std::string vendor_severity;
  bool malicious = false;
  std::string source;  // where it was imported from ("debian.tar.zst", an update URL, ...)
};

// One affected package of one advisory, from one feed.
struct AffectedRow {
  std::string advisory_id;
  std::string ecosystem;
  std::string name;
  std::string feed;     // kFeedOsv or kFeedAlpineSecdb
  std::vector<OsvRange> ranges;
  std::string versions;  // the `versions` list, each entry followed by '\n' ("" = none)
  std::string urgency;
  std::string source;   // the archive or URL the row was imported from ("debian.tar.zst")

  // True when `version` is one of the listed versions (exact string match, as OSV says).
  bool ListsVersion(std::string_view version) const;
};

struct CveSeverityRow {
  std::string vector;    // CVSS v3 vector, "" if none
  std::string priority;  // Ubuntu priority: negligible, low, medium, high, critical, untriaged
  std::string source;
};

struct EcosystemCount {
  std::string ecosystem;
  uint64_t advisories = 0;
};

struct SourceInfo {
  std::string name;
  std::string location;
  std::string imported_at;
  uint64_t records = 0;
};

struct DbInfo {
  std::string path;
  uint64_t schema_version = 0;
  uint64_t advisories = 0;
  uint64_t affected_rows = 0;
  uint64_t cve_severities = 0;
  std::string newest_modified;  // newest `modified` of any advisory
  std::string updated_at;       // when the last import or update finished (RFC 3339 UTC)
  std::vector<EcosystemCount> ecosystems;
  std::vector<SourceInfo> sources;
};

// The package name as the database keys it: PyPI names are PEP 503-normalised
// ("Foo_Bar.baz" -> "foo-bar-baz"); other ecosystems keep their names as written.
std::string NormalizePackageName(std::string_view ecosystem, std::string_view name);

// The ecosystem family an archive is the feed of, from its file name: "debian.tar.zst",
// ".../Debian.zip" -> "debian"; "" when the name has none.
std::string FeedFamily(std::string_view source);
// True when `source` is the feed of `ecosystem`: its FeedFamily is the ecosystem's name before
// ':', lower-cased, spaces as '-' ("Rocky Linux:9" -> "rocky-linux").
bool IsFeedOf(std::string_view source, std::string_view ecosystem);

class VulnDb {
 public:
  enum class Mode { kReadOnly, kReadWrite };
  // 2: affected rows name their own source. Opening a schema-1 file read-write upgrades it.
  inline static constexpr int kSchemaVersion = 2;

  // Opens (kReadWrite: creating the file, its directory and the schema as needed) the
  // database at `path`. kReadOnly fails with kNotFound when the file does not exist and with
  // kCorrupt when it is not a Portcullis database of this schema version.
  [[nodiscard]] static Result<std::unique_ptr<VulnDb>> Open(const std::string& path, Mode mode);
  ~VulnDb();
  VulnDb(const VulnDb&) = delete;
  VulnDb& operator=(const VulnDb&) = delete;

  const std::string& path() const { return path_; }

  // --- writing (kReadWrite only) ---
  [[nodiscard]] Result<void> Begin();
  [[nodiscard]] Result<void> Commit();
  void Rollback();

  enum class Upsert { kInserted, kUpdated, kUnchanged };
  // Stores `rec` unless the database already has that id with the same or a newer `modified`
  // (so re-import is incremental and overlapping archives keep the newest copy). Replaces
  // the record's OSV affected rows; rows of other feeds for the same id stay.
  [[nodiscard]] Result<Upsert> PutOsv(const OsvRecord& rec, std::string_view source);
  // Record `id` was met again in `source` unchanged: its OSV rows of the ecosystem that
  // `source` is the feed of (IsFeedOf) now name `source`.
  [[nodiscard]] Result<void> ClaimRows(std::string_view id, std::string_view source);
  // Removes every affected row of `feed` for `ecosystem` (before re-importing that feed).
  [[nodiscard]] Result<void> ClearFeed(std::string_view feed, std::string_view ecosystem);
  // Adds an Alpine secdb fix: `id` is affected below `fixed` in `ecosystem` ("Alpine:v3.19")
  // for origin package `name`; fixed "0" means never affected. Creates a minimal advisory row
  // for `id` when none exists.
  [[nodiscard]] Result<void> PutSecdbFix(std::string_view ecosystem, std::string_view name,
                                         std::string_view fixed, std::string_view id,
                                         std::string_view source);
  [[nodiscard]] Result<void> PutCveSeverity(std::string_view cve, const CveSeverityRow& row);
  [[nodiscard]] Result<void> SetMeta(std::string_view key, std::string_view value);
  [[nodiscard]] Result<void> PutSource(const SourceInfo& source);

  // --- reading ---
  [[nodiscard]] Result<std::string> Meta(std::string_view key) const;  // "" when unset
  // The stored `modified` of advisory `id`; "" when there is none.
  [[nodiscard]] Result<std::string> Modified(std::string_view id) const;
  // Affected rows for (ecosystem, name); `name` is normalised with NormalizePackageName.
  [[nodiscard]] Result<std::vector<AffectedRow>> FindAffected(std::string_view ecosystem,
                                                              std::string_view name) const;
  [[nodiscard]] Result<std::optional<Advisory>> FindAdvisory(std::string_view id) const;
  [[nodiscard]] Result<std::optional<CveSeverityRow>> FindCveSeverity(std::string_view cve) const;
  // Its strings are valid UTF-8 (invalid bytes of file names replaced).
  [[nodiscard]] Result<DbInfo> Info() const;
  // Whether any advisory names a package of `ecosystem` (exactly: "Debian:12", "npm").
  [[nodiscard]] Result<bool> HasAffected(std::string_view ecosystem) const;
  // True when the database has no affected package at all.
  [[nodiscard]] Result<bool> Empty() const;

 private:
  VulnDb() = default;
  [[nodiscard]] Result<sqlite3_stmt*> Prepare(std::string_view key, const char* sql) const;
  [[nodiscard]] Error SqlError(std::string_view what) const;

  std::string path_;
  sqlite3* db_ = nullptr;
  struct Statements;
  std::unique_ptr<Statements> stmts_;
};

}  // namespace portcullis::vulndb
