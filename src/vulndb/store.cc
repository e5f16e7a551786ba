#include "vulndb/store.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/strings.h"

namespace portcullis::vulndb {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS advisories(
  id TEXT PRIMARY KEY, modified TEXT NOT NULL, published TEXT, summary TEXT, details TEXT,
  aliases TEXT, related TEXT, refs TEXT, cvss_v3 TEXT, cvss_v4 TEXT, vendor_severity TEXT,
  malicious INTEGER NOT NULL DEFAULT 0, source TEXT);
CREATE TABLE IF NOT EXISTS affected(
  advisory_id TEXT NOT NULL, ecosystem TEXT NOT NULL, name TEXT NOT NULL, feed TEXT NOT NULL,
  ranges TEXT NOT NULL, versions TEXT NOT NULL, urgency TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS affected_by_package ON affected(ecosystem, name);
CREATE INDEX IF NOT EXISTS affected_by_advisory ON affected(advisory_id);
CREATE TABLE IF NOT EXISTS cve_severity(
  cve TEXT PRIMARY KEY, vector TEXT NOT NULL, priority TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources(
  name TEXT PRIMARY KEY, location TEXT NOT NULL, imported_at TEXT NOT NULL,
  records INTEGER NOT NULL);
)sql";

// Schema 1 had no per-row source: the one of the advisory stands in for it.
constexpr const char* kMigrate1To2 = R"sql(
ALTER TABLE affected ADD COLUMN source TEXT NOT NULL DEFAULT '';
UPDATE affected SET source = coalesce((SELECT source FROM advisories
                                       WHERE advisories.id = affected.advisory_id), '');
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)sql";

// Lists are stored one entry per line; entries holding a newline are dropped.
std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (s.find('\n') != std::string::npos) continue;
    out += s;
    out += '\n';
  }
  return out;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  for (auto part : Split(text, '\n')) {
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

// Ranges are stored as lines: "R <type>" opens a range, "<k> <version>" adds an event with
// k = i (introduced), f (fixed), l (last_affected), m (limit).
std::string EncodeRanges(const std::vector<OsvRange>& ranges) {
  static constexpr char kCodes[] = {'i', 'f', 'l', 'm'};
  std::string out;
  for (const auto& r : ranges) {
    if (r.type.find('\n') != std::string::npos) continue;
    out += "R " + r.type + "\n";
    for (const auto& e : r.events) {
      if (e.version.find('\n') != std::string::npos) continue;
      out += kCodes[static_cast<int>(e.kind)];
      out += ' ';
      out += e.version;
      out += '\n';
    }
  }
  return out;
}

std::vector<OsvRange> DecodeRanges(std::string_view text) {
  std::vector<OsvRange> out;
  for (auto line : Split(text, '\n')) {
    if (line.size() < 2 || line[1] != ' ') continue;
    std::string_view value = line.substr(2);
    OsvEvent::Kind kind;
    switch (line[0]) {
      case 'R': out.push_back({std::string(value), {}}); continue;
      case 'i': kind = OsvEvent::Kind::kIntroduced; break;
      case 'f': kind = OsvEvent::Kind::kFixed; break;
      case 'l': kind = OsvEvent::Kind::kLastAffected; break;
      case 'm': kind = OsvEvent::Kind::kLimit; break;
      default: continue;
    }
    if (!out.empty()) out.back().events.push_back({kind, std::string(value)});
  }
  return out;
}

std::string ColumnText(sqlite3_stmt* s, int col) {
  const unsigned char* p = sqlite3_column_text(s, col);
  if (p == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(s, col)));
}

void BindText(sqlite3_stmt* s, int index, std::string_view v) {
  sqlite3_bind_text(s, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

// Resets a statement when it goes out of scope, so it can be reused.
struct StmtReset {
  sqlite3_stmt* s;
  ~StmtReset() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

}  // namespace

std::string FeedFamily(std::string_view source) {
  size_t slash = source.find_last_of('/');
  if (slash != std::string_view::npos) source.remove_prefix(slash + 1);
  return ToLower(source.substr(0, source.find('.')));
}

bool IsFeedOf(std::string_view source, std::string_view ecosystem) {
  std::string family = FeedFamily(source);
  if (family.empty()) return false;
  std::string eco = ToLower(ecosystem.substr(0, ecosystem.find(':')));
  std::ranges::replace(eco, ' ', '-');
  return eco == family;
}

bool AffectedRow::ListsVersion(std::string_view version) const {
  if (versions.empty() || version.empty()) return false;
  size_t pos = 0;
  while ((pos = versions.find(version, pos)) != std::string::npos) {
    bool starts = pos == 0 || versions[pos - 1] == '\n';
    size_t end = pos + version.size();
    if (starts && end < versions.size() && versions[end] == '\n') return true;
    pos = end;
  }
  return false;
}

std::string NormalizePackageName(std::string_view ecosystem, std::string_view name) {
  if (ecosystem != "PyPI") return std::string(name);
  std::string out;
  bool sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      sep = true;
      continue;
    }
    if (sep && !out.empty()) out += '-';
    sep = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

struct VulnDb::Statements {
  std::map<std::string, sqlite3_stmt*, std::less<>> by_key;
  ~Statements() {
    for (auto& [key, stmt] : by_key) sqlite3_finalize(stmt);
  }
};

VulnDb::~VulnDb() {
  stmts_.reset();
  if (db_ != nullptr) sqlite3_close(db_);
}

Error VulnDb::SqlError(std::string_view what) const {
  return Error{ErrorCode::kIo,
               fmt::format("{}: {}", what, db_ != nullptr ? sqlite3_errmsg(db_) : "no database"),
               path_};
}

Result<sqlite3_stmt*> VulnDb::Prepare(std::string_view key, const char* sql) const {
  auto it = stmts_->by_key.find(key);
  if (it != stmts_->by_key.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    return std::unexpected(SqlError("preparing a statement"));
  }
  stmts_->by_key.emplace(std::string(key), stmt);
  return stmt;
}

Result<std::unique_ptr<VulnDb>> VulnDb::Open(const std::string& path, Mode mode) {
  std::unique_ptr<VulnDb> db(new VulnDb());
  db->path_ = path;
  db->stmts_ = std::make_unique<Statements>();
  std::error_code ec;
  if (mode == Mode::kReadOnly && !std::filesystem::exists(path, ec)) {
    return std::unexpected(Error{ErrorCode::kNotFound, "no vulnerability database here", path});
  }
  if (mode == Mode::kReadWrite) {
    auto dir = std::filesystem::path(path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  }
  int flags = mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                      : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db->db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    return std::unexpected(db->SqlError("cannot open the vulnerability database"));
  }
  sqlite3_busy_timeout(db->db_, 10'000);
  if (mode == Mode::kReadWrite) {
    char* err = nullptr;
    std::string sql = std::string(
        "PRAGMA journal_mode=TRUNCATE; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;") +
        kSchema;
    if (sqlite3_exec(db->db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err != nullptr ? err : "unknown error";
      sqlite3_free(err);
      return std::unexpected(Error{ErrorCode::kIo,
                                   fmt::format("cannot create the database schema: {}", msg),
                                   path});
    }
    auto version = PC_TRY(db->Meta("schema_version"));
    if (version == "1") {
      if (sqlite3_exec(db->db_, kMigrate1To2, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err != nullptr ? err : "unknown error";
        sqlite3_free(err);
        return std::unexpected(Error{
            ErrorCode::kIo, fmt::format("cannot upgrade the database schema: {}", msg), path});
      }
      version = std::to_string(kSchemaVersion);
    }
    if (version.empty()) {
      PC_TRY_VOID(db->SetMeta("schema_version", std::to_string(kSchemaVersion)));
    } else if (version != std::to_string(kSchemaVersion)) {
      return std::unexpected(Error{
          ErrorCode::kUnsupported,
          fmt::format("database schema version {} (this portcullis writes {}); delete the file "
                      "and import again",
                      Excerpt(version, 20), kSchemaVersion),
          path});
    }
  } else {
    auto version = db->Meta("schema_version");
    if (!version || *version != std::to_string(kSchemaVersion)) {
      return std::unexpected(Error{
          ErrorCode::kCorrupt,
          fmt::format("not a Portcullis vulnerability database of schema version {}{}",
                      kSchemaVersion,
                      !version ? fmt::format(" ({})", version.error().message)
                      : *version == "1"
                          ? " (it has schema 1: run `portcullis db update` or `portcullis db "
                            "import` once to upgrade it)"
                          : ""),
          path});
    }
  }
  return db;
}

Result<void> VulnDb::Begin() {
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return std::unexpected(SqlError("cannot start a transaction"));
  }
  return {};
}

Result<void> VulnDb::Commit() {
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return std::unexpected(SqlError("cannot commit"));
  }
  return {};
}

void VulnDb::Rollback() { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

Result<VulnDb::Upsert> VulnDb::PutOsv(const OsvRecord& rec, std::string_view source) {
  sqlite3_stmt* get =
      PC_TRY(Prepare("get_modified", "SELECT modified FROM advisories WHERE id = ?1"));
  bool exists = false;
  bool unchanged = false;
  {
    StmtReset reset{get};
    BindText(get, 1, rec.id);
    int rc = sqlite3_step(get);
    if (rc == SQLITE_ROW) {
      exists = true;
      unchanged = ColumnText(get, 0) >= rec.modified;
    } else if (rc != SQLITE_DONE) {
      return std::unexpected(SqlError("reading an advisory"));
    }
  }
  if (unchanged) {
    PC_TRY_VOID(ClaimRows(rec.id, source));
    return Upsert::kUnchanged;
  }
  sqlite3_stmt* put = PC_TRY(Prepare(
      "put_advisory",
      "INSERT OR REPLACE INTO advisories(id, modified, published, summary, details, aliases, "
      "related, refs, cvss_v3, cvss_v4, vendor_severity, malicious, source) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
  {
    StmtReset reset{put};
    BindText(put, 1, rec.id);
    BindText(put, 2, rec.modified);
    BindText(put, 3, rec.published);
    BindText(put, 4, rec.summary);
    BindText(put, 5, rec.details);
    BindText(put, 6, JoinLines(rec.aliases));
    BindText(put, 7, JoinLines(rec.related));
    BindText(put, 8, JoinLines(rec.references));
    BindText(put, 9, rec.cvss_v3);
    BindText(put, 10, rec.cvss_v4);
    BindText(put, 11, rec.vendor_severity);
    sqlite3_bind_int(put, 12, rec.malicious ? 1 : 0);
    BindText(put, 13, source);
    if (sqlite3_step(put) != SQLITE_DONE) return std::unexpected(SqlError("storing an advisory"));
  }
  // Rows of ecosystems this source is not the feed of keep the source they had: a record
  // shipped in several ecosystems' archives names, per row, the archive of that ecosystem.
  std::map<std::pair<std::string, std::string>, std::string> previous;
  if (exists) {
    sqlite3_stmt* old = PC_TRY(Prepare(
        "old_sources",
        "SELECT ecosystem, name, source FROM affected WHERE advisory_id = ?1 AND feed = ?2"));
    StmtReset reset{old};
    BindText(old, 1, rec.id);
    BindText(old, 2, kFeedOsv);
    int rc;
    while ((rc = sqlite3_step(old)) == SQLITE_ROW) {
      previous[{ColumnText(old, 0), ColumnText(old, 1)}] = ColumnText(old, 2);
    }
    if (rc != SQLITE_DONE) return std::unexpected(SqlError("reading an advisory's rows"));
  }
  if (exists) {
    sqlite3_stmt* del = PC_TRY(
        Prepare("del_affected", "DELETE FROM affected WHERE advisory_id = ?1 AND feed = ?2"));
    StmtReset reset{del};
    BindText(del, 1, rec.id);
    BindText(del, 2, kFeedOsv);
    if (sqlite3_step(del) != SQLITE_DONE) return std::unexpected(SqlError("replacing rows"));
  }
  sqlite3_stmt* add = PC_TRY(Prepare(
      "add_affected",
      "INSERT INTO affected(advisory_id, ecosystem, name, feed, ranges, versions, urgency, "
      "source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  if (!rec.withdrawn.empty()) return exists ? Upsert::kUpdated : Upsert::kInserted;
  for (const auto& a : rec.affected) {
    if (a.ecosystem.empty() || a.name.empty()) continue;  // GIT-only entries match no package
    StmtReset reset{add};
    BindText(add, 1, rec.id);
    BindText(add, 2, a.ecosystem);
    std::string name = NormalizePackageName(a.ecosystem, a.name);
    std::string row_source(source);
    if (!IsFeedOf(source, a.ecosystem)) {
      auto it = previous.find({a.ecosystem, name});
      if (it != previous.end() && !it->second.empty()) row_source = it->second;
    }
    BindText(add, 3, name);
    BindText(add, 4, kFeedOsv);
    BindText(add, 5, EncodeRanges(a.ranges));
    BindText(add, 6, JoinLines(a.versions));
    BindText(add, 7, a.urgency);
    BindText(add, 8, row_source);
    if (sqlite3_step(add) != SQLITE_DONE) return std::unexpected(SqlError("storing a package"));
  }
  return exists ? Upsert::kUpdated : Upsert::kInserted;
}

Result<void> VulnDb::ClaimRows(std::string_view id, std::string_view source) {
  std::string family = FeedFamily(source);
  if (family.empty()) return {};
  sqlite3_stmt* q = PC_TRY(Prepare(
      "claim_rows",
      "UPDATE affected SET source = ?2 WHERE advisory_id = ?1 AND feed = ?3 AND source != ?2 "
      "AND (lower(replace(ecosystem, ' ', '-')) = ?4 OR "
      "substr(lower(replace(ecosystem, ' ', '-')), 1, length(?4) + 1) = ?4 || ':')"));
  StmtReset reset{q};
  BindText(q, 1, id);
  BindText(q, 2, source);
  BindText(q, 3, kFeedOsv);
  BindText(q, 4, family);
  if (sqlite3_step(q) != SQLITE_DONE) return std::unexpected(SqlError("naming a row's source"));
  return {};
}

Result<bool> VulnDb::HasAffected(std::string_view ecosystem) const {
  sqlite3_stmt* q = PC_TRY(
      Prepare("has_affected", "SELECT 1 FROM affected WHERE ecosystem = ?1 LIMIT 1"));
  StmtReset reset{q};
  BindText(q, 1, ecosystem);
  int rc = sqlite3_step(q);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return std::unexpected(SqlError("looking up data"));
  return rc == SQLITE_ROW;
}

Result<bool> VulnDb::Empty() const {
  sqlite3_stmt* q = PC_TRY(Prepare("any_affected", "SELECT 1 FROM affected LIMIT 1"));
  StmtReset reset{q};
  int rc = sqlite3_step(q);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return std::unexpected(SqlError("looking up data"));
  return rc == SQLITE_DONE;
}

Result<void> VulnDb::ClearFeed(std::string_view feed, std::string_view ecosystem) {
  sqlite3_stmt* del = PC_TRY(
      Prepare("clear_feed", "DELETE FROM affected WHERE feed = ?1 AND ecosystem = ?2"));
  StmtReset reset{del};
  BindText(del, 1, feed);
  BindText(del, 2, ecosystem);
  if (sqlite3_step(del) != SQLITE_DONE) return std::unexpected(SqlError("clearing a feed"));
  return {};
}

Result<void> VulnDb::PutSecdbFix(std::string_view ecosystem, std::string_view name,
                                 std::string_view fixed, std::string_view id,
                                 std::string_view source) {
  sqlite3_stmt* adv = PC_TRY(Prepare(
      "secdb_advisory",
      "INSERT OR IGNORE INTO advisories(id, modified, source) VALUES(?1, '', ?2)"));
  {
    StmtReset reset{adv};
    BindText(adv, 1, id);
    BindText(adv, 2, source);
    if (sqlite3_step(adv) != SQLITE_DONE) return std::unexpected(SqlError("storing a fix"));
  }
  sqlite3_stmt* add = PC_TRY(Prepare(
      "add_affected",
      "INSERT INTO affected(advisory_id, ecosystem, name, feed, ranges, versions, urgency, "
      "source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  StmtReset reset{add};
  BindText(add, 1, id);
  BindText(add, 2, ecosystem);
  BindText(add, 3, name);
  BindText(add, 4, kFeedAlpineSecdb);
  std::string ranges = fmt::format("R ECOSYSTEM\ni 0\nf {}\n", fixed);
  BindText(add, 5, ranges);
  BindText(add, 6, "");
  BindText(add, 7, "");
  BindText(add, 8, source);
  if (sqlite3_step(add) != SQLITE_DONE) return std::unexpected(SqlError("storing a fix"));
  return {};
}

Result<void> VulnDb::PutCveSeverity(std::string_view cve, const CveSeverityRow& row) {
  sqlite3_stmt* put = PC_TRY(Prepare(
      "put_cve", "INSERT OR REPLACE INTO cve_severity(cve, vector, priority, source) "
                 "VALUES(?1, ?2, ?3, ?4)"));
  StmtReset reset{put};
  BindText(put, 1, cve);
  BindText(put, 2, row.vector);
  BindText(put, 3, row.priority);
  BindText(put, 4, row.source);
  if (sqlite3_step(put) != SQLITE_DONE) return std::unexpected(SqlError("storing a CVE row"));
  return {};
}

Result<void> VulnDb::SetMeta(std::string_view key, std::string_view value) {
  sqlite3_stmt* put =
      PC_TRY(Prepare("set_meta", "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)"));
  StmtReset reset{put};
  BindText(put, 1, key);
  BindText(put, 2, value);
  if (sqlite3_step(put) != SQLITE_DONE) return std::unexpected(SqlError("storing metadata"));
  return {};
}

Result<void> VulnDb::PutSource(const SourceInfo& source) {
  sqlite3_stmt* put = PC_TRY(Prepare(
      "put_source", "INSERT OR REPLACE INTO sources(name, location, imported_at, records) "
                    "VALUES(?1, ?2, ?3, ?4)"));
  StmtReset reset{put};
  BindText(put, 1, source.name);
  BindText(put, 2, source.location);
  BindText(put, 3, source.imported_at);
  sqlite3_bind_int64(put, 4, static_cast<sqlite3_int64>(source.records));
  if (sqlite3_step(put) != SQLITE_DONE) return std::unexpected(SqlError("storing a source"));
  return {};
}

Result<std::string> VulnDb::Meta(std::string_view key) const {
  sqlite3_stmt* get = PC_TRY(Prepare("get_meta", "SELECT value FROM meta WHERE key = ?1"));
  StmtReset reset{get};
  BindText(get, 1, key);
  int rc = sqlite3_step(get);
  if (rc == SQLITE_ROW) return ColumnText(get, 0);
  if (rc == SQLITE_DONE) return std::string();
  return std::unexpected(SqlError("reading metadata"));
}

Result<std::string> VulnDb::Modified(std::string_view id) const {
  sqlite3_stmt* get =
      PC_TRY(Prepare("get_modified", "SELECT modified FROM advisories WHERE id = ?1"));
  StmtReset reset{get};
  BindText(get, 1, id);
  int rc = sqlite3_step(get);
  if (rc == SQLITE_ROW) return ColumnText(get, 0);
  if (rc == SQLITE_DONE) return std::string();
  return std::unexpected(SqlError("reading an advisory"));
}

Result<std::vector<AffectedRow>> VulnDb::FindAffected(std::string_view ecosystem,
                                                      std::string_view name) const {
  sqlite3_stmt* q = PC_TRY(Prepare(
      "find_affected",
      "SELECT advisory_id, feed, ranges, versions, urgency, source FROM affected "
      "WHERE ecosystem = ?1 AND name = ?2"));
  StmtReset reset{q};
  BindText(q, 1, ecosystem);
  std::string key = NormalizePackageName(ecosystem, name);
  BindText(q, 2, key);
  std::vector<AffectedRow> out;
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    AffectedRow row;
    row.advisory_id = ColumnText(q, 0);
    row.ecosystem = std::string(ecosystem);
    row.name = key;
    row.feed = ColumnText(q, 1);
    row.ranges = DecodeRanges(ColumnText(q, 2));
    row.versions = ColumnText(q, 3);
    row.urgency = ColumnText(q, 4);
    row.source = ColumnText(q, 5);
    out.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return std::unexpected(SqlError("looking up a package"));
  return out;
}

Result<std::optional<Advisory>> VulnDb::FindAdvisory(std::string_view id) const {
  sqlite3_stmt* q = PC_TRY(Prepare(
      "find_advisory",
      "SELECT id, modified, published, summary, details, aliases, related, refs, cvss_v3, "
      "cvss_v4, vendor_severity, malicious, source FROM advisories WHERE id = ?1"));
  StmtReset reset{q};
  BindText(q, 1, id);
  int rc = sqlite3_step(q);
  if (rc == SQLITE_DONE) return std::optional<Advisory>();
  if (rc != SQLITE_ROW) return std::unexpected(SqlError("reading an advisory"));
  Advisory a;
  a.id = ColumnText(q, 0);
  a.modified = ColumnText(q, 1);
  a.published = ColumnText(q, 2);
  a.summary = ColumnText(q, 3);
  a.details = ColumnText(q, 4);
  a.aliases = SplitLines(ColumnText(q, 5));
  a.related = SplitLines(ColumnText(q, 6));
  a.references = SplitLines(ColumnText(q, 7));
  a.cvss_v3 = ColumnText(q, 8);
  a.cvss_v4 = ColumnText(q, 9);
  a.vendor_severity = ColumnText(q, 10);
  a.malicious = sqlite3_column_int(q, 11) != 0;
  a.source = ColumnText(q, 12);
  return std::optional<Advisory>(std::move(a));
}

Result<std::optional<CveSeverityRow>> VulnDb::FindCveSeverity(std::string_view cve) const {
  sqlite3_stmt* q = PC_TRY(Prepare(
      "find_cve", "SELECT vector, priority, source FROM cve_severity WHERE cve = ?1"));
  StmtReset reset{q};
  BindText(q, 1, cve);
  int rc = sqlite3_step(q);
  if (rc == SQLITE_DONE) return std::optional<CveSeverityRow>();
  if (rc != SQLITE_ROW) return std::unexpected(SqlError("reading the CVE table"));
  return std::optional<CveSeverityRow>(
      CveSeverityRow{ColumnText(q, 0), ColumnText(q, 1), ColumnText(q, 2)});
}

Result<DbInfo> VulnDb::Info() const {
  DbInfo info;
  // Every string is valid UTF-8, so that any JSON writer can print it (a file name may not be).
  info.path = SanitizeUtf8(path_);
  auto count = [&](const char* key, const char* sql) -> Result<uint64_t> {
    sqlite3_stmt* q = PC_TRY(Prepare(key, sql));
    StmtReset reset{q};
    if (sqlite3_step(q) != SQLITE_ROW) return std::unexpected(SqlError("counting"));
    return static_cast<uint64_t>(sqlite3_column_int64(q, 0));
  };
  info.schema_version = kSchemaVersion;
  info.advisories = PC_TRY(count("count_adv", "SELECT count(*) FROM advisories"));
  info.affected_rows = PC_TRY(count("count_aff", "SELECT count(*) FROM affected"));
  info.cve_severities = PC_TRY(count("count_cve", "SELECT count(*) FROM cve_severity"));
  info.newest_modified = PC_TRY(Meta("newest_modified"));
  info.updated_at = PC_TRY(Meta("updated_at"));
  {
    sqlite3_stmt* q = PC_TRY(Prepare(
        "eco_counts",
        "SELECT ecosystem, count(DISTINCT advisory_id) FROM affected GROUP BY ecosystem "
        "ORDER BY ecosystem"));
    StmtReset reset{q};
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      info.ecosystems.push_back(
          {SanitizeUtf8(ColumnText(q, 0)), static_cast<uint64_t>(sqlite3_column_int64(q, 1))});
    }
    if (rc != SQLITE_DONE) return std::unexpected(SqlError("counting ecosystems"));
  }
  {
    sqlite3_stmt* q = PC_TRY(Prepare(
        "list_sources", "SELECT name, location, imported_at, records FROM sources ORDER BY name"));
    StmtReset reset{q};
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      info.sources.push_back({SanitizeUtf8(ColumnText(q, 0)), SanitizeUtf8(ColumnText(q, 1)),
                              SanitizeUtf8(ColumnText(q, 2)),
                              static_cast<uint64_t>(sqlite3_column_int64(q, 3))});
    }
    if (rc != SQLITE_DONE) return std::unexpected(SqlError("listing sources"));
  }
  return info;
}

}  // namespace portcullis::vulndb
