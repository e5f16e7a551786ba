// rpm databases: a real rpmdb.sqlite made by Debian's rpm (tests/data/rpm/make_rpmdb.sh; the
// file is WAL-mode, as rpm leaves it) compared with rpm's own `rpm -qa` output, hand-built
// hostile header blobs, and the formats that are reported instead of read.
#include "analyzer/pkg/rpm.h"

#include "analyzer/pkg/bdb_hash.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include "core/files.h"
#include "core/strings.h"
#include "layer/byte_stream.h"
#include "layer/decompress.h"

namespace portcullis {
namespace {

std::string ReadZstd(const std::string& path) {
  auto file = OpenFileStream(path);
  EXPECT_TRUE(file.has_value()) << path;
  if (!file) return "";
  auto stream = OpenDecompressed(std::move(*file), path);
  EXPECT_TRUE(stream.has_value());
  if (!stream) return "";
  auto content = ReadAll(**stream, 64 << 20, path);
  EXPECT_TRUE(content.has_value());
  return content ? *content : "";
}

std::string TestData(std::string_view name) {
  return std::string(PORTCULLIS_SOURCE_DIR) + "/tests/data/rpm/" + std::string(name);
}

// The rpm -qa line (NAME EPOCHNUM VERSION RELEASE ARCH LICENSE VENDOR SOURCERPM) of a Package,
// inverting RpmHeaderToPackage.
std::set<std::string> AsRpmQa(const std::vector<Package>& packages) {
  std::set<std::string> out;
  for (const Package& p : packages) {
    std::string epoch = "0";
    std::string evr = p.version;
    if (size_t colon = evr.find(':'); colon != std::string::npos) {
      epoch = evr.substr(0, colon);
      evr = evr.substr(colon + 1);
    }
    size_t dash = evr.rfind('-');
    std::string src_evr = p.source_version.substr(p.source_version.find(':') + 1);
    out.insert(p.name + "\t" + epoch + "\t" + evr.substr(0, dash) + "\t" + evr.substr(dash + 1) +
               "\t" + p.arch + "\t" + (p.licenses.empty() ? "" : p.licenses[0]) + "\t" +
               p.maintainer + "\t" + p.source_name + "-" + src_evr + ".src.rpm");
  }
  return out;
}

std::set<std::string> ExpectedRpmQa() {
  auto text = ReadFileLimited(TestData("rpmdb.expected"), 1 << 20);
  EXPECT_TRUE(text.has_value());
  std::set<std::string> out;
  const std::string content = text ? *text : "";
  for (std::string_view line : Split(content, '\n')) {
    if (!line.empty()) out.insert(std::string(line));
  }
  return out;
}

TEST(RpmTest, ReadsRealSqliteDatabaseLikeRpmQa) {
  std::string db = ReadZstd(TestData("rpmdb.sqlite.zst"));
  ASSERT_GT(db.size(), 4096u);
  std::vector<Diagnostic> diagnostics;
  auto packages = ReadRpmSqlite(db, "var/lib/rpm/rpmdb.sqlite", diagnostics);
  ASSERT_TRUE(packages.has_value()) << packages.error().ToString();
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(AsRpmQa(*packages), ExpectedRpmQa());
  for (const Package& p : *packages) {
    EXPECT_EQ(p.type, "rpm");
    EXPECT_EQ(p.found_in, "var/lib/rpm/rpmdb.sqlite");
  }

  // The binary whose source is named differently, and the epoch carried to the source.
  for (const Package& p : *packages) {
    if (p.name == "pc-gamma-libs") {
      EXPECT_EQ(p.source_name, "pc-gamma");
      EXPECT_EQ(p.source_version, "0.9.1-7");
      EXPECT_EQ(p.licenses, std::vector<std::string>{"ASL 2.0"});
    }
    if (p.name == "pc-beta") {
      EXPECT_EQ(p.version, "3:2.0-1.fc40");
      EXPECT_EQ(p.source_version, "3:2.0-1.fc40");
    }
  }
}

// Builds a header blob: il, dl, index entries, data.
struct Entry {
  uint32_t tag, type, offset, count;
};
std::vector<uint8_t> Blob(const std::vector<Entry>& entries, const std::string& data,
                          int64_t dl_override = -1) {
  std::vector<uint8_t> out;
  auto put = [&](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
  };
  put(static_cast<uint32_t>(entries.size()));
  put(dl_override >= 0 ? static_cast<uint32_t>(dl_override) : static_cast<uint32_t>(data.size()));
  for (const Entry& e : entries) {
    put(e.tag);
    put(e.type);
    put(e.offset);
    put(e.count);
  }
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

TEST(RpmTest, ParsesHandBuiltHeader) {
  // NAME "bash", VERSION "5.1.8", RELEASE "6.el9", EPOCH 2 (padded to offset 20, as rpm aligns
  // INT32 data), ARCH "x86_64", and a tag Portcullis does not read.
  std::string aligned = std::string("bash\0" "5.1.8\0" "6.el9\0\0\0\0", 20) +
                        std::string("\0\0\0\x02", 4) + std::string("x86_64\0", 7);
  auto blob = Blob({{1000, 6, 0, 1}, {1001, 6, 5, 1}, {1002, 6, 11, 1}, {1003, 4, 20, 1},
                    {1022, 6, 24, 1}, {9999, 7, 0, 1}},
                   aligned);
  auto h = ParseRpmHeader(blob);
  ASSERT_TRUE(h.has_value()) << h.error().message;
  EXPECT_EQ(h->name, "bash");
  EXPECT_EQ(h->version, "5.1.8");
  EXPECT_EQ(h->release, "6.el9");
  ASSERT_TRUE(h->epoch.has_value());
  EXPECT_EQ(*h->epoch, 2u);
  EXPECT_EQ(h->arch, "x86_64");
  Package p = RpmHeaderToPackage(*h, "x");
  EXPECT_EQ(p.version, "2:5.1.8-6.el9");
  EXPECT_EQ(p.source_name, "bash");  // no SOURCERPM
}

struct BadHeaderCase {
  const char* what;
  std::vector<uint8_t> blob;
};

class RpmBadHeaderTest : public ::testing::TestWithParam<BadHeaderCase> {};

TEST_P(RpmBadHeaderTest, FailsCleanly) {
  auto h = ParseRpmHeader(GetParam().blob);
  ASSERT_FALSE(h.has_value()) << GetParam().what;
  EXPECT_EQ(h.error().code, ErrorCode::kCorrupt) << GetParam().what;
  EXPECT_FALSE(h.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, RpmBadHeaderTest,
    ::testing::Values(
        BadHeaderCase{"empty", {}},
        BadHeaderCase{"short preamble", {0, 0, 0}},
        BadHeaderCase{"zero entries", Blob({}, "")},
        BadHeaderCase{"index count beyond rpm's limit",
                      {0x00, 0x01, 0x00, 0x00, 0, 0, 0, 0}},
        BadHeaderCase{"huge index count overflowing 32 bits",
                      {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
        BadHeaderCase{"data length past the blob", Blob({{1000, 6, 0, 1}}, "a\0", 1000)},
        BadHeaderCase{"string offset outside the data",
                      Blob({{1000, 6, 50, 1}}, std::string("bash\0", 5))},
        BadHeaderCase{"unterminated string", Blob({{1000, 6, 0, 1}}, "bash")},
        BadHeaderCase{"string tag with integer type",
                      Blob({{1000, 4, 0, 1}}, std::string("bash\0", 5))},
        BadHeaderCase{"epoch running past the data",
                      Blob({{1000, 6, 0, 1}, {1003, 4, 3, 1}}, std::string("ab\0\0\0", 5))},
        BadHeaderCase{"string with zero count",
                      Blob({{1000, 6, 0, 0}}, std::string("bash\0", 5))},
        BadHeaderCase{"no name", Blob({{1001, 6, 0, 1}}, std::string("1.0\0", 4))},
        BadHeaderCase{"no version", Blob({{1000, 6, 0, 1}}, std::string("bash\0", 5))}));

TEST(RpmTest, SplitsSourceRpm) {
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(SplitSourceRpm("openssl-3.0.7-25.el9_3.src.rpm"), (P{"openssl", "3.0.7-25.el9_3"}));
  EXPECT_EQ(SplitSourceRpm("python-pip-21.3.1-1.fc40.src.rpm"),
            (P{"python-pip", "21.3.1-1.fc40"}));
  EXPECT_EQ(SplitSourceRpm("kernel-5.14.0-1.nosrc.rpm"), (P{"kernel", "5.14.0-1"}));
  EXPECT_FALSE(SplitSourceRpm("openssl.src.rpm").has_value());
  EXPECT_FALSE(SplitSourceRpm("-1-2.src.rpm").has_value());
  EXPECT_FALSE(SplitSourceRpm("a--2.src.rpm").has_value());
  EXPECT_FALSE(SplitSourceRpm("(none)").has_value());
  EXPECT_FALSE(SplitSourceRpm("").has_value());
}

// A database written here with SQLite, to put bad rows next to good ones.
std::string MakeDatabase(const std::vector<std::vector<uint8_t>>& rows,
                         const char* schema = "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY "
                                              "AUTOINCREMENT, blob BLOB NOT NULL)") {
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  sqlite3_exec(db, schema, nullptr, nullptr, nullptr);
  for (const auto& row : rows) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO Packages(blob) VALUES (?)", -1, &stmt, nullptr);
    sqlite3_bind_blob(stmt, 1, row.data(), static_cast<int>(row.size()), SQLITE_TRANSIENT);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
  }
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
  sqlite3_free(bytes);
  sqlite3_close(db);
  return out;
}

TEST(RpmTest, BadRowsAreDiagnosedAndGoodOnesKept) {
  auto good = Blob({{1000, 6, 0, 1}, {1001, 6, 5, 1}}, std::string("bash\0" "5.2\0", 9));
  auto bad = Blob({{1000, 6, 90, 1}}, std::string("x\0", 2));
  std::string db = MakeDatabase({good, bad, good});
  std::vector<Diagnostic> diagnostics;
  auto packages = ReadRpmSqlite(db, "var/lib/rpm/rpmdb.sqlite", diagnostics);
  ASSERT_TRUE(packages.has_value()) << packages.error().ToString();
  EXPECT_EQ(packages->size(), 2u);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "rpm.bad_header");
  EXPECT_NE(diagnostics[0].message.find("hnum=2"), std::string::npos) << diagnostics[0].message;
}

TEST(RpmTest, RejectsWhatIsNotAnRpmDatabase) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(ReadRpmSqlite("not sqlite at all", "p", diagnostics).error().code,
            ErrorCode::kCorrupt);
  EXPECT_EQ(ReadRpmSqlite(MakeDatabase({}, "CREATE TABLE Other(x)"), "p", diagnostics)
                .error()
                .code,
            ErrorCode::kCorrupt);
  // A view named Packages never runs (it could be an endless recursive query).
  std::string view = MakeDatabase(
      {}, "CREATE VIEW Packages AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
          "SELECT x AS hnum, x AS blob FROM c");
  auto result = ReadRpmSqlite(view, "p", diagnostics);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kCorrupt);
  // Truncated file: SQLite reports corruption, nothing crashes.
  std::string db = ReadZstd(TestData("rpmdb.sqlite.zst"));
  auto truncated = ReadRpmSqlite(std::string_view(db).substr(0, 8192), "p", diagnostics);
  EXPECT_FALSE(truncated.has_value() && !truncated->empty() && diagnostics.empty());
}

// The same headers as a Berkeley DB Packages file, as rpm's bdb_ro backend reads it back
// (tests/data/rpm/make_bdb.py): 4 KiB and 512-byte pages, headers on overflow pages.
TEST(RpmTest, ReadsRealBerkeleyDbLikeRpmQa) {
  for (const char* name : {"Packages.bdb.zst", "Packages-512.bdb.zst"}) {
    std::string db = ReadZstd(TestData(name));
    ASSERT_GT(db.size(), 512u) << name;
    std::vector<Diagnostic> diagnostics;
    auto packages = ReadRpmBdb(db, "var/lib/rpm/Packages", diagnostics);
    ASSERT_TRUE(packages.has_value()) << name << ": " << packages.error().ToString();
    EXPECT_TRUE(diagnostics.empty()) << name << ": " << diagnostics[0].message;
    EXPECT_EQ(AsRpmQa(*packages), ExpectedRpmQa()) << name;

    // rpm's instance counter (key 0) is an inline item holding the last instance, 3.
    auto records = ReadBdbHash(db, "p", diagnostics);
    ASSERT_TRUE(records.has_value());
    ASSERT_EQ(records->size(), 4u);
    bool counter = false;
    for (const BdbRecord& r : *records) {
      if (r.key == std::string("\0\0\0\0", 4)) {
        counter = true;
        EXPECT_EQ(r.value, std::string("\x03\0\0\0", 4));
      }
    }
    EXPECT_TRUE(counter) << name;
  }
}

uint32_t Le32(const std::string& b, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(b[at + i]);
  return v;
}
void PutLe32(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
}

TEST(RpmTest, HostileBerkeleyDb) {
  const std::string db = ReadZstd(TestData("Packages-512.bdb.zst"));
  ASSERT_GT(db.size(), 1024u);
  std::vector<Diagnostic> diagnostics;
  // Not a hash database, page checksums, an impossible page size: the file is refused.
  std::string bad_magic = db;
  bad_magic[12] = 0x42;
  EXPECT_EQ(ReadRpmBdb(bad_magic, "p", diagnostics).error().code, ErrorCode::kCorrupt);
  std::string checksums = db;
  checksums[26] = 1;
  EXPECT_EQ(ReadRpmBdb(checksums, "p", diagnostics).error().code, ErrorCode::kUnsupported);
  std::string page_size = db;
  PutLe32(page_size, 20, 1000);
  EXPECT_EQ(ReadRpmBdb(page_size, "p", diagnostics).error().code, ErrorCode::kCorrupt);
  EXPECT_FALSE(ReadRpmBdb(db.substr(0, 100), "p", diagnostics).has_value());

  // Every overflow page pointing at itself: loops are cut, nothing hangs, each header is lost
  // with a diagnostic naming its page.
  std::string loop = db;
  for (size_t page = 1; page * 512 < loop.size(); ++page) {
    if (static_cast<uint8_t>(loop[page * 512 + 25]) == 7) {
      PutLe32(loop, page * 512 + 16, static_cast<uint32_t>(page));
      loop[page * 512 + 22] = 1;  // one byte of data per page, so the chain never completes
      loop[page * 512 + 23] = 0;
    }
  }
  diagnostics.clear();
  auto looped = ReadRpmBdb(loop, "var/lib/rpm/Packages", diagnostics);
  ASSERT_TRUE(looped.has_value());
  EXPECT_TRUE(looped->empty());
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0].code, "bdb.bad_page");
  EXPECT_NE(diagnostics[0].message.find("loops"), std::string::npos) << diagnostics[0].message;

  // Truncated: the pages that are there are read, the loss is reported.
  diagnostics.clear();
  auto cut = ReadRpmBdb(std::string_view(db).substr(0, db.size() - 512), "p", diagnostics);
  ASSERT_TRUE(cut.has_value());
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(diagnostics[0].code, "bdb.truncated");
  EXPECT_EQ(Le32(db, 32) + 1, db.size() / 512);
}

TEST(RpmTest, AnalyzerReadsSqliteAndReportsOtherFormats) {
  RpmAnalyzer analyzer;
  TarEntry entry;
  for (const char* path : {"var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite"}) {
    entry.path = path;
    EXPECT_TRUE(analyzer.Wants(entry)) << path;
    EXPECT_EQ(analyzer.BeginScan(entry), nullptr) << path;
  }
  entry.path = "var/lib/rpm/rpmdb.sqlite";
  LayerFacts facts;
  analyzer.Analyze(entry, ReadZstd(TestData("rpmdb.sqlite.zst")), facts);
  ASSERT_EQ(facts.package_dbs.size(), 1u);
  EXPECT_EQ(facts.package_dbs[0].kind, "rpm");
  EXPECT_EQ(facts.package_dbs[0].packages.size(), 3u);
  analyzer.Analyze(entry, "garbage", facts);
  ASSERT_EQ(facts.diagnostics.size(), 1u);
  EXPECT_EQ(facts.diagnostics[0].code, "rpm.unreadable");

  entry.path = "var/lib/rpm/Packages";
  EXPECT_TRUE(analyzer.Wants(entry));
  EXPECT_EQ(analyzer.BeginScan(entry), nullptr);
  LayerFacts bdb;
  analyzer.Analyze(entry, ReadZstd(TestData("Packages.bdb.zst")), bdb);
  ASSERT_EQ(bdb.package_dbs.size(), 1u);
  EXPECT_EQ(bdb.package_dbs[0].packages.size(), 3u);

  struct {
    const char* path;
    const char* format;
  } unsupported[] = {{"var/lib/rpm/Packages.db", "NDB"},
                     {"usr/lib/sysimage/rpm/Packages.db", "NDB"}};
  for (const auto& u : unsupported) {
    entry.path = u.path;
    EXPECT_FALSE(analyzer.Wants(entry)) << u.path;  // never read whole
    auto scan = analyzer.BeginScan(entry);
    ASSERT_NE(scan, nullptr) << u.path;
    const uint8_t block[4] = {0x00, 0x06, 0x15, 0x61};
    scan->Feed(block);
    LayerFacts f;
    scan->Finish(f);
    ASSERT_EQ(f.diagnostics.size(), 1u);
    EXPECT_EQ(f.diagnostics[0].code, "rpm.unsupported_format");
    EXPECT_EQ(f.diagnostics[0].path, u.path);
    EXPECT_NE(f.diagnostics[0].message.find(std::string("rpm database format ") + u.format +
                                            " not read"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace portcullis
