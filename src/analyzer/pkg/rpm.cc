#include "analyzer/pkg/rpm.h"

#include <sqlite3.h>

#include <cstring>
#include <memory>

#include "analyzer/pkg/bdb_hash.h"
#include "analyzer/pkg/package_file_lists.h"
#include "analyzer/pkg/rpm_files.h"
#include "core/strings.h"

namespace portcullis {

namespace {

// rpm's own limits (lib/header.c: hdrchkTags, hdrchkData).
constexpr uint32_t kMaxIndexEntries = 0xffff;
constexpr uint32_t kMaxDataBytes = 256u << 20;

enum RpmTag : uint32_t {
  kTagName = 1000,
  kTagVersion = 1001,
  kTagRelease = 1002,
  kTagEpoch = 1003,
  kTagVendor = 1011,
  kTagLicense = 1014,
  kTagArch = 1022,
  kTagSourceRpm = 1044,
  kTagOldFilenames = 1027,
  kTagDirIndexes = 1116,
  kTagBasenames = 1117,
  kTagDirNames = 1118,
};

enum RpmType : uint32_t {
  kTypeInt32 = 4,
  kTypeString = 6,
  kTypeStringArray = 8,
  kTypeI18nString = 9,
};

uint32_t ReadBe32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

constexpr std::string_view kBdbPaths[] = {"var/lib/rpm/Packages",
                                          "usr/lib/sysimage/rpm/Packages"};
constexpr std::string_view kNdbPaths[] = {"var/lib/rpm/Packages.db",
                                          "usr/lib/sysimage/rpm/Packages.db"};
constexpr std::string_view kSqlitePaths[] = {"var/lib/rpm/rpmdb.sqlite",
                                             "usr/lib/sysimage/rpm/rpmdb.sqlite"};

template <size_t N>
bool OneOf(std::string_view path, const std::string_view (&list)[N]) {
  for (std::string_view p : list) {
    if (p == path) return true;
  }
  return false;
}

// Reports an unreadable database format when the file ends; its content is not looked at.
class UnsupportedFormatScan final : public ContentScan {
 public:
  UnsupportedFormatScan(std::string path, std::string format)
      : path_(std::move(path)), format_(std::move(format)) {}
  void Feed(std::span<const uint8_t> block) override { (void)block; }
  void Finish(LayerFacts& facts) override {
    Diagnostic d;
    d.code = "rpm.unsupported_format";
    d.path = path_;
    d.message = "rpm database format " + format_ +
                " not read: the packages it lists are missing from this report";
    d.severity = Severity::kHigh;
    facts.diagnostics.push_back(std::move(d));
  }

 private:
  std::string path_;
  std::string format_;
};

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// Bounds the work SQLite may do on a hostile file (a huge or looping schema, a deep b-tree).
constexpr int kProgressStep = 10'000;               // VM instructions per callback
constexpr uint64_t kMaxProgressCallbacks = 50'000;  // => 500 M instructions at most

int AbortWhenOverBudget(void* counter) {
  auto* n = static_cast<uint64_t*>(counter);
  return ++*n > kMaxProgressCallbacks ? 1 : 0;
}

}  // namespace

Result<RpmHeader> ParseRpmHeader(std::span<const uint8_t> blob) {
  if (blob.size() < 8) {
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 fmt::format("rpm header of {} bytes is shorter than its 8-byte "
                                             "preamble",
                                             blob.size()),
                                 "", 0, Error::PositionKind::kOffset});
  }
  uint32_t il = ReadBe32(blob.data());
  uint32_t dl = ReadBe32(blob.data() + 4);
  auto corrupt = [](uint64_t offset, std::string message) {
    return std::unexpected(
        Error{ErrorCode::kCorrupt, std::move(message), "", offset, Error::PositionKind::kOffset});
  };
  if (il == 0 || il > kMaxIndexEntries) {
    return corrupt(0, fmt::format("rpm header index count {} is outside 1..{}", il,
                                  kMaxIndexEntries));
  }
  if (dl > kMaxDataBytes) {
    return corrupt(4, fmt::format("rpm header data length {} exceeds {}", dl, kMaxDataBytes));
  }
  uint64_t data_start = 8 + uint64_t{il} * 16;
  if (data_start + dl > blob.size()) {
    return corrupt(0, fmt::format("rpm header declares {} index entries and {} data bytes but "
                                  "the blob has only {} bytes",
                                  il, dl, blob.size()));
  }
  const uint8_t* data = blob.data() + data_start;

  RpmHeader h;
  bool have_name = false, have_version = false;
  for (uint32_t i = 0; i < il; ++i) {
    const uint8_t* e = blob.data() + 8 + uint64_t{i} * 16;
    uint64_t entry_offset = 8 + uint64_t{i} * 16;
    uint32_t tag = ReadBe32(e);
    uint32_t type = ReadBe32(e + 4);
    uint32_t offset = ReadBe32(e + 8);
    uint32_t count = ReadBe32(e + 12);
    std::string* target = nullptr;
    RpmArrayRef* array = nullptr;
    switch (tag) {
      case kTagOldFilenames: array = &h.old_filenames; break;
      case kTagDirIndexes: array = &h.dirindexes; break;
      case kTagBasenames: array = &h.basenames; break;
      case kTagDirNames: array = &h.dirnames; break;
      case kTagName: target = &h.name; break;
      case kTagVersion: target = &h.version; break;
      case kTagRelease: target = &h.release; break;
      case kTagVendor: target = &h.vendor; break;
      case kTagLicense: target = &h.license; break;
      case kTagArch: target = &h.arch; break;
      case kTagSourceRpm: target = &h.source_rpm; break;
      case kTagEpoch: break;
      default: continue;
    }
    if (offset >= dl) {
      return corrupt(entry_offset, fmt::format("rpm tag {} points at data offset {} outside "
                                               "the {}-byte data store",
                                               tag, offset, dl));
    }
    if (array != nullptr) {  // read (and checked) only when the file list is wanted
      *array = RpmArrayRef{true, type, offset, count};
      continue;
    }
    if (tag == kTagEpoch) {
      if (type != kTypeInt32 || count < 1) {
        return corrupt(entry_offset,
                       fmt::format("rpm EPOCH has type {} count {}, expected INT32", type,
                                   count));
      }
      if (uint64_t{offset} + 4 > dl) {
        return corrupt(entry_offset, "rpm EPOCH value runs past the data store");
      }
      h.epoch = ReadBe32(data + offset);
      continue;
    }
    if (type != kTypeString && type != kTypeI18nString && type != kTypeStringArray) {
      return corrupt(entry_offset,
                     fmt::format("rpm tag {} has type {}, expected a string", tag, type));
    }
    if (count < 1) {
      return corrupt(entry_offset, fmt::format("rpm tag {} has no values", tag));
    }
    // The first string of the entry (the C locale for I18NSTRING).
    const void* nul = std::memchr(data + offset, 0, dl - offset);
    if (nul == nullptr) {
      return corrupt(data_start + offset,
                     fmt::format("rpm tag {} string is not terminated inside the data store",
                                 tag));
    }
    size_t len = static_cast<const uint8_t*>(nul) - (data + offset);
    *target = SanitizeUtf8(std::string_view(reinterpret_cast<const char*>(data + offset), len));
    if (tag == kTagName) have_name = true;
    if (tag == kTagVersion) have_version = true;
  }
  if (!have_name || h.name.empty()) return corrupt(0, "rpm header has no NAME");
  if (!have_version || h.version.empty()) {
    return corrupt(0, "rpm header of " + Excerpt(h.name) + " has no VERSION");
  }
  return h;
}

std::optional<std::pair<std::string, std::string>> SplitSourceRpm(std::string_view s) {
  for (std::string_view suffix : {std::string_view(".src.rpm"), std::string_view(".nosrc.rpm")}) {
    if (s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
      s.remove_suffix(suffix.size());
      size_t rel = s.rfind('-');
      if (rel == std::string_view::npos || rel == 0) return std::nullopt;
      size_t ver = s.rfind('-', rel - 1);
      if (ver == std::string_view::npos || ver == 0 || ver + 1 == rel || rel + 1 == s.size()) {
        return std::nullopt;
      }
      return std::make_pair(std::string(s.substr(0, ver)), std::string(s.substr(ver + 1)));
    }
  }
  return std::nullopt;
}

Package RpmHeaderToPackage(const RpmHeader& h, std::string_view path) {
  Package p;
  p.name = h.name;
  std::string evr = h.release.empty() ? h.version : h.version + "-" + h.release;
  p.version = h.epoch ? std::to_string(*h.epoch) + ":" + evr : evr;
  p.arch = h.arch;
  p.type = "rpm";
  p.found_in = std::string(path);
  p.maintainer = h.vendor;
  if (!h.license.empty()) p.licenses.push_back(h.license);
  p.source_name = p.name;
  p.source_version = p.version;
  if (auto src = SplitSourceRpm(h.source_rpm)) {
    p.source_name = src->first;
    // The source package carries the binary's epoch (rpm does not repeat it in SOURCERPM).
    p.source_version = h.epoch ? std::to_string(*h.epoch) + ":" + src->second : src->second;
  }
  return p;
}

Result<std::vector<Package>> ReadRpmSqlite(std::string_view content, std::string_view path,
                                           std::vector<Diagnostic>& diagnostics,
                                           std::string* file_list, bool* file_list_truncated) {
  const std::string spath(path);
  if (content.size() < 100 || content.substr(0, 16) != std::string_view("SQLite format 3\0", 16)) {
    return FailAt(ErrorCode::kCorrupt, spath, 0, "not an SQLite database (bad header)");
  }
  // SQLite reads the image in place; the copy lets the WAL flag be cleared (bytes 18 and 19 of
  // the header: 2 = WAL, 1 = rollback journal), since an in-memory database cannot use WAL.
  auto size = static_cast<sqlite3_int64>(content.size());
  auto* image = static_cast<unsigned char*>(sqlite3_malloc64(content.size()));
  if (image == nullptr) return FailAt(ErrorCode::kLimitExceeded, spath, 0, "out of memory");
  std::memcpy(image, content.data(), content.size());
  if (image[18] == 2) image[18] = 1;
  if (image[19] == 2) image[19] = 1;

  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    sqlite3_free(image);
    return FailAt(ErrorCode::kInternal, spath, 0, "cannot open an in-memory SQLite database");
  }
  std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_limit(db.get(), SQLITE_LIMIT_LENGTH, static_cast<int>(kMaxDataBytes) + 16);
  // FREEONCLOSE hands `image` to SQLite even when deserialize fails.
  int rc = sqlite3_deserialize(db.get(), "main", image, size, size,
                               SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE);
  if (rc != SQLITE_OK) {
    return FailAt(ErrorCode::kCorrupt, spath, 0, "SQLite cannot load the database: {}",
                  sqlite3_errmsg(db.get()));
  }
  uint64_t progress = 0;
  sqlite3_progress_handler(db.get(), kProgressStep, AbortWhenOverBudget, &progress);
  sqlite3_exec(db.get(), "PRAGMA cell_size_check=ON", nullptr, nullptr, nullptr);

  auto prepare = [&](const char* sql) -> Result<std::unique_ptr<sqlite3_stmt, StmtFinalizer>> {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &stmt, nullptr) != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return FailAt(ErrorCode::kCorrupt, spath, 0, "SQLite cannot read the database: {}",
                    sqlite3_errmsg(db.get()));
    }
    return std::unique_ptr<sqlite3_stmt, StmtFinalizer>(stmt);
  };

  // Only a real table named Packages is read: a view or trigger of a hostile schema never runs.
  {
    auto check = PC_TRY(prepare(
        "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='Packages'"));
    if (sqlite3_step(check.get()) != SQLITE_ROW || sqlite3_column_int(check.get(), 0) != 1) {
      return FailAt(ErrorCode::kCorrupt, spath, 0,
                    "no Packages table: not an rpm database ({})", sqlite3_errmsg(db.get()));
    }
  }
  auto stmt = PC_TRY(prepare("SELECT hnum, blob FROM Packages ORDER BY hnum"));
  std::vector<Package> out;
  RpmFileListReducer files(spath, file_list);
  for (;;) {
    rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      if (rc == SQLITE_INTERRUPT) {
        return FailAt(ErrorCode::kLimitExceeded, spath, 0,
                      "reading the rpm database took more than the allowed work; {} packages "
                      "read before it stopped",
                      out.size());
      }
      return FailAt(ErrorCode::kCorrupt, spath, 0, "SQLite error after {} packages: {}",
                    out.size(), sqlite3_errmsg(db.get()));
    }
    int64_t hnum = sqlite3_column_int64(stmt.get(), 0);
    const void* blob = sqlite3_column_blob(stmt.get(), 1);
    int bytes = sqlite3_column_bytes(stmt.get(), 1);
    std::span<const uint8_t> header(static_cast<const uint8_t*>(blob),
                                    blob == nullptr ? 0 : static_cast<size_t>(bytes));
    Result<RpmHeader> parsed = ParseRpmHeader(header);
    if (!parsed) {
      Diagnostic d;
      d.code = "rpm.bad_header";
      d.path = spath;
      d.message = fmt::format("package row hnum={}: {} (at header byte {}); package skipped",
                              hnum, parsed.error().message, parsed.error().position);
      d.severity = Severity::kHigh;
      diagnostics.push_back(std::move(d));
      continue;
    }
    if (file_list) files.Add(header, *parsed);
    out.push_back(RpmHeaderToPackage(*parsed, path));
  }
  files.Finish(diagnostics, file_list_truncated);
  return out;
}

Result<std::vector<Package>> ReadRpmBdb(std::string_view content, std::string_view path,
                                        std::vector<Diagnostic>& diagnostics,
                                        std::string* file_list, bool* file_list_truncated) {
  auto records = PC_TRY(ReadBdbHash(content, path, diagnostics, kMaxDataBytes + 8));
  std::vector<Package> out;
  RpmFileListReducer files(std::string(path), file_list);
  for (const BdbRecord& record : records) {
    if (record.key.size() != 4) continue;
    if (record.key == std::string_view("\0\0\0\0", 4)) continue;  // rpm's instance counter
    std::span<const uint8_t> blob(reinterpret_cast<const uint8_t*>(record.value.data()),
                                  record.value.size());
    Result<RpmHeader> parsed = ParseRpmHeader(blob);
    if (!parsed) {
      Diagnostic d;
      d.code = "rpm.bad_header";
      d.path = std::string(path);
      d.message = fmt::format("package record (instance key {:02x}{:02x}{:02x}{:02x}): {} (at "
                              "header byte {}); package skipped",
                              static_cast<uint8_t>(record.key[0]),
                              static_cast<uint8_t>(record.key[1]),
                              static_cast<uint8_t>(record.key[2]),
                              static_cast<uint8_t>(record.key[3]), parsed.error().message,
                              parsed.error().position);
      d.severity = Severity::kHigh;
      diagnostics.push_back(std::move(d));
      continue;
    }
    if (file_list) files.Add(blob, *parsed);
    out.push_back(RpmHeaderToPackage(*parsed, path));
  }
  files.Finish(diagnostics, file_list_truncated);
  return out;
}

bool RpmAnalyzer::Wants(const TarEntry& entry) const {
  return entry.type == EntryType::kFile &&
         (OneOf(entry.path, kSqlitePaths) || OneOf(entry.path, kBdbPaths));
}

void RpmAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                          LayerFacts& facts) const {
  std::string file_list;
  bool truncated = false;
  Result<std::vector<Package>> packages =
      OneOf(entry.path, kBdbPaths)
          ? ReadRpmBdb(content, entry.path, facts.diagnostics, &file_list, &truncated)
          : ReadRpmSqlite(content, entry.path, facts.diagnostics, &file_list, &truncated);
  if (!packages) {
    Diagnostic d;
    d.code = "rpm.unreadable";
    d.path = entry.path;
    d.message = packages.error().message;
    d.severity = Severity::kHigh;
    facts.diagnostics.push_back(std::move(d));
    return;
  }
  PackageDb db;
  db.path = entry.path;
  db.kind = "rpm";
  db.os = true;
  db.packages = std::move(*packages);
  facts.package_dbs.push_back(std::move(db));
  KeepPackageFileList(facts, entry.path, std::move(file_list), truncated);
}

std::unique_ptr<ContentScan> RpmAnalyzer::BeginScan(const TarEntry& entry) const {
  if (entry.type == EntryType::kFile && OneOf(entry.path, kNdbPaths)) {
    return std::make_unique<UnsupportedFormatScan>(entry.path, "NDB");
  }
  return nullptr;
}

}  // namespace portcullis
