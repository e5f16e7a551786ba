// Import into the vulnerability database: OSV records from directories, archives and single
// files; re-import is incremental by `modified`; overlapping copies keep the newest; Alpine
// secdb and the CVE table; bad records become diagnostics; a corrupt archive rolls back.
#include <gtest/gtest.h>

#include "vulndb/importer.h"
#include "vulndb/osv.h"
#include "vulndb/store.h"
#include "vulndb/test_util.h"

namespace portcullis::vulndb {
namespace {

using portcullis::vulntest::SourcePath;
using portcullis::vulntest::TempDir;

std::string OsvJson(const std::string& id, const std::string& modified, const std::string& fixed,
                    const std::string& eco = "npm", const std::string& name = "left-pad") {
  return R"({"schema_version":"1.6.0","id":")" + id + R"(","modified":")" + modified +
         R"(","aliases":["CVE-2099-0001"],"summary":"test record",)" +
         R"("severity":[{"type":"CVSS_V3",)" +
         R"("score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],)" +
         R"("affected":[{"package":{"ecosystem":")" + eco + R"(","name":")" + name +
         R"("},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":")" + fixed +
         R"("}]}]},{"package":{},"ranges":[{"type":"GIT","repo":"https://x",)" +
         R"("events":[{"introduced":"0"}]}]}]})";
}

std::unique_ptr<VulnDb> OpenDb(const TempDir& dir) {
  auto db = VulnDb::Open((dir.path() / "db.sqlite").string(), VulnDb::Mode::kReadWrite);
  EXPECT_TRUE(db.has_value()) << db.error().ToString();
  return db ? std::move(*db) : nullptr;
}

TEST(VulnDbImport, IncrementalByModified) {
  TempDir dir;
  auto db = OpenDb(dir);
  dir.Write("in/a/GHSA-1.json", OsvJson("GHSA-1", "2024-01-01T00:00:00Z", "1.0.1"));
  dir.Write("in/b/GHSA-2.json", OsvJson("GHSA-2", "2024-01-01T00:00:00Z", "2.0.0"));
  auto first = ImportPaths(*db, {(dir.path() / "in").string()});
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->inserted, 2u);
  auto again = ImportPaths(*db, {(dir.path() / "in").string()});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->unchanged, 2u);
  EXPECT_EQ(again->inserted + again->updated, 0u);
  // A newer copy replaces the record and its rows; an older copy is ignored.
  dir.Write("newer/GHSA-1.json", OsvJson("GHSA-1", "2024-06-01T00:00:00Z", "1.0.5"));
  dir.Write("older/GHSA-2.json", OsvJson("GHSA-2", "2023-01-01T00:00:00Z", "9.9.9"));
  auto mixed = ImportPaths(
      *db, {(dir.path() / "newer/GHSA-1.json").string(), (dir.path() / "older").string()});
  ASSERT_TRUE(mixed.has_value());
  EXPECT_EQ(mixed->updated, 1u);
  EXPECT_EQ(mixed->unchanged, 1u);
  auto rows = db->FindAffected("npm", "left-pad");
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u) << "GIT-only entries are not stored as packages";
  for (const auto& r : *rows) {
    std::string fixed = r.ranges.at(0).events.at(1).version;
    EXPECT_EQ(fixed, r.advisory_id == "GHSA-1" ? "1.0.5" : "2.0.0");
  }
  auto adv = db->FindAdvisory("GHSA-1");
  ASSERT_TRUE(adv.has_value() && adv->has_value());
  EXPECT_EQ((*adv)->modified, "2024-06-01T00:00:00Z");
  EXPECT_EQ((*adv)->aliases, std::vector<std::string>{"CVE-2099-0001"});
  EXPECT_TRUE((*adv)->cvss_v3.starts_with("CVSS:3.1/"));
  auto info = db->Info();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->newest_modified, "2024-06-01T00:00:00Z");
}

TEST(VulnDbImport, BadRecordsAreDiagnosticsAndCorruptArchivesRollBack) {
  TempDir dir;
  auto db = OpenDb(dir);
  dir.Write("in/ok.json", OsvJson("GHSA-ok", "2024-01-01T00:00:00Z", "1.0.0"));
  dir.Write("in/broken.json", "{\"id\": \"X\", \"affected\": [");
  dir.Write("in/noid.json", "{\"modified\": \"2024-01-01T00:00:00Z\", \"affected\": []}");
  dir.Write("in/nomod.json", "{\"id\": \"GHSA-nomod\", \"affected\": []}");
  auto stats = ImportPaths(*db, {(dir.path() / "in").string()});
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->inserted, 1u);
  EXPECT_EQ(stats->rejected, 3u);
  ASSERT_EQ(stats->diagnostics.size(), 3u);
  bool offset = false;
  for (const auto& d : stats->diagnostics) {
    offset = offset ||
             (d.path.ends_with("broken.json") && d.message.find("offset") != std::string::npos);
  }
  EXPECT_TRUE(offset) << "JSON errors name the byte offset";

  // A truncated archive fails the import, and nothing of it stays.
  std::string data = vulntest::ReadProjectFile("tests/data/advisories/osv-subset.tar.zst");
  std::string cut = dir.Write("cut.tar", data.substr(0, data.size() / 2));
  auto failed = ImportPaths(*db, {cut});
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(failed.error().path.find("cut.tar"), std::string::npos);
  auto info = db->Info();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->advisories, 1u) << "the failed import was rolled back";
  auto missing = ImportPaths(*db, {(dir.path() / "nope.zip").string()});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(VulnDbImport, SecdbAndCveTable) {
  TempDir dir;
  auto db = OpenDb(dir);
  auto stats = ImportPaths(*db, {SourcePath("tests/data/advisories/alpine-secdb-3.19.tar.zst"),
                                 SourcePath("tests/data/advisories/cve-severity-subset.tsv.zst")});
  ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
  EXPECT_GT(stats->secdb_fixes, 7000u);
  EXPECT_GT(stats->cve_rows, 3000u);
  // busybox in 3.19 lists CVE-2023-42363 fixed in 1.36.1-r16 (main.json).
  auto rows = db->FindAffected("Alpine:v3.19", "busybox");
  ASSERT_TRUE(rows.has_value());
  bool found = false;
  for (const auto& r : *rows) {
    if (r.advisory_id == "CVE-2023-42363") {
      found = true;
      EXPECT_EQ(r.feed, kFeedAlpineSecdb);
    }
  }
  EXPECT_TRUE(found);
  auto row = db->FindCveSeverity("CVE-2023-4911");
  ASSERT_TRUE(row.has_value() && row->has_value());
  EXPECT_TRUE((*row)->vector.starts_with("CVSS:3"));
  // Importing secdb again replaces its rows instead of doubling them.
  auto before = db->Info()->affected_rows;
  ASSERT_TRUE(ImportPaths(*db, {SourcePath("tests/data/advisories/alpine-secdb-3.19.tar.zst")}));
  EXPECT_EQ(db->Info()->affected_rows, before);
}

TEST(VulnDbImport, QuickIdAndModified) {
  struct Case {
    const char* json;
    bool answers;
    const char* id;
    const char* modified;
  } cases[] = {
      {R"({"id": "GHSA-1", "modified": "2024-01-01T00:00:00Z", "affected": []})", true,
       "GHSA-1", "2024-01-01T00:00:00Z"},
      {R"({"affected": [{"id": "nested", "modified": "x"}], "modified": "m", "id": "top"})", true,
       "top", "m"},
      {R"({"summary": "a \"quoted\" id", "id": "X", "modified": "m"})", true, "X", "m"},
      {R"({"id": "X", "modified": "m", "id": "Y"})", false, "", ""},
      {R"({"id": "X\u0041", "modified": "m"})", false, "", ""},
      {R"({"id": 5, "modified": "m"})", false, "", ""},
      {R"({"id": "X"})", false, "", ""},
      {R"([{"id": "X", "modified": "m"}])", false, "", ""},
      {R"({"id": "X", "modified": "m")", false, "", ""},
  };
  for (const auto& c : cases) {
    std::string_view id, modified;
    EXPECT_EQ(QuickIdAndModified(c.json, id, modified), c.answers) << c.json;
    if (c.answers) {
      EXPECT_EQ(id, c.id);
      EXPECT_EQ(modified, c.modified);
    }
  }
}

TEST(VulnDbImport, PackageNamesAndVersionLists) {
  EXPECT_EQ(NormalizePackageName("PyPI", "Foo__Bar.baz"), "foo-bar-baz");
  EXPECT_EQ(NormalizePackageName("npm", "Foo_Bar"), "Foo_Bar");
  AffectedRow row;
  row.versions = "1.0\n1.0.1\n";
  EXPECT_TRUE(row.ListsVersion("1.0"));
  EXPECT_TRUE(row.ListsVersion("1.0.1"));
  EXPECT_FALSE(row.ListsVersion("1.0.10"));
  EXPECT_FALSE(row.ListsVersion("0"));
  EXPECT_FALSE(row.ListsVersion(""));
}

TEST(VulnDbImport, OsvParserFields) {
  auto rec =
      ParseOsv(OsvJson("GHSA-x", "2024-01-01T00:00:00Z", "3.0.0", "PyPI", "Django"), "x.json");
  ASSERT_TRUE(rec.has_value()) << rec.error().ToString();
  EXPECT_EQ(rec->affected.size(), 2u);
  EXPECT_EQ(rec->affected[0].ranges[0].events[1].kind, OsvEvent::Kind::kFixed);
  EXPECT_EQ(rec->affected[1].ranges[0].type, "GIT");
  auto bad = ParseOsv("[1,2]", "y.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().path, "y.json");
}

}  // namespace
}  // namespace portcullis::vulndb
