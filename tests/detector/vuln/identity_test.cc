// Every finding is right once and names its package instance: alias groups merge under the
// CVE, copies of one package are separate findings, OS-installed language packages are not
// matched upstream, the data source is the archive of the row that matched, and ecosystems the
// database has nothing for are reported. Small OSV records written here, imported for real.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <sqlite3.h>

#include "detector/vuln/detector.h"
#include "vulndb/importer.h"
#include "vulndb/open.h"
#include "vulndb/store.h"
#include "vulndb/test_util.h"

namespace portcullis::vuln {
namespace {

using vulntest::TempDir;

std::string Record(std::string_view id, std::string_view aliases, std::string_view affected,
                   std::string_view modified = "2024-01-01T00:00:00Z") {
  return fmt::format(R"({{"id": "{}", "modified": "{}", "aliases": [{}], "summary": "s {}",
    "affected": [{}]}})",
                     id, modified, aliases, id, affected);
}

std::string Affected(std::string_view eco, std::string_view name, std::string_view fixed) {
  return fmt::format(R"({{"package": {{"ecosystem": "{}", "name": "{}"}},
    "ranges": [{{"type": "ECOSYSTEM", "events": [{{"introduced": "0"}}, {{"fixed": "{}"}}]}}]}})",
                     eco, name, fixed);
}

void Write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

Package Pkg(std::string name, std::string version, std::string eco, std::string type,
            std::string found_in) {
  Package p;
  p.name = std::move(name);
  p.version = std::move(version);
  p.ecosystem = std::move(eco);
  p.type = std::move(type);
  p.found_in = std::move(found_in);
  p.purl = "pkg:" + p.type + "/" + p.name + "@" + p.version;
  return p;
}

class FindingIdentity : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& root = dir_.path();
    // One flaw under three ids (cryptography CVE-2023-49083 as GHSA and PYSEC), fixed in 41.0.6
    // by GitHub and 41.0.7 by PyPA.
    Write(root / "pypi/GHSA-jfhm-5ghh-2f97.json",
          Record("GHSA-jfhm-5ghh-2f97", R"("CVE-2023-49083")",
                 Affected("PyPI", "cryptography", "41.0.6")));
    Write(root / "pypi/PYSEC-2023-254.json",
          Record("PYSEC-2023-254", R"("CVE-2023-49083", "GHSA-jfhm-5ghh-2f97")",
                 Affected("PyPI", "cryptography", "41.0.7")));
    Write(root / "pypi/PYSEC-2099-1.json",
          Record("PYSEC-2099-1", "", Affected("PyPI", "urllib3", "2.0.7")));
    Write(root / "npm/GHSA-35jh-r3h4-6jhm.json",
          Record("GHSA-35jh-r3h4-6jhm", R"("CVE-2021-23337")",
                 Affected("npm", "lodash", "4.17.21")));
    // A CVE record shipped in two distributions' archives, the Alpine copy imported last.
    std::string both = Record("CVE-2099-0002", "",
                              Affected("Debian:12", "zlib", "1:1.3") + "," +
                                  Affected("Alpine:v3.19", "zlib", "1.3-r0"));
    Write(root / "debian/CVE-2099-0002.json", both);
    Write(root / "alpine/CVE-2099-0002.json", both);
    auto db = vulndb::VulnDb::Open((root / "db.sqlite").string(),
                                   vulndb::VulnDb::Mode::kReadWrite);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    auto stats = vulndb::ImportPaths(**db, {(root / "pypi").string(), (root / "npm").string(),
                                            (root / "debian").string(),
                                            (root / "alpine").string()});
    ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
    ASSERT_EQ(stats->rejected, 0u);
    db_ = std::move(*db);
  }

  Report Detect(const std::vector<Package>& packages) {
    Report r;
    auto ok = DetectVulnerabilities(*db_, std::nullopt, packages, r);
    EXPECT_TRUE(ok.has_value()) << ok.error().ToString();
    return r;
  }

  TempDir dir_;
  std::unique_ptr<vulndb::VulnDb> db_;
};

TEST_F(FindingIdentity, AliasesAreOneFindingUnderTheCve) {
  Report r = Detect({Pkg("cryptography", "41.0.5", "PyPI", "pypi", "site/c.dist-info/METADATA")});
  ASSERT_EQ(r.vulnerabilities.size(), 1u);
  const Vulnerability& v = r.vulnerabilities[0];
  EXPECT_EQ(v.id, "CVE-2023-49083");
  auto aliases = v.aliases;
  std::ranges::sort(aliases);
  EXPECT_EQ(aliases, (std::vector<std::string>{"GHSA-jfhm-5ghh-2f97", "PYSEC-2023-254"}));
  EXPECT_EQ(v.fixed_version, "41.0.7") << "the highest fix of the group";
  EXPECT_EQ(v.status, "fixed");
  EXPECT_EQ(v.data_source, "osv:pypi");
  // No CVE anywhere: the record's own id.
  Report u = Detect({Pkg("urllib3", "1.26.12", "PyPI", "pypi", "site/u.dist-info/METADATA")});
  ASSERT_EQ(u.vulnerabilities.size(), 1u);
  EXPECT_EQ(u.vulnerabilities[0].id, "PYSEC-2099-1");
}

TEST_F(FindingIdentity, EachCopyOfAPackageIsItsOwnFinding) {
  Package a = Pkg("lodash", "4.17.20", "npm", "npm", "app1/node_modules/lodash/package.json");
  Package b = Pkg("lodash", "4.17.20", "npm", "npm", "app2/node_modules/lodash/package.json");
  a.layer = "sha256:aaa";
  b.layer = "sha256:bbb";
  Report r = Detect({a, b});
  ASSERT_EQ(r.vulnerabilities.size(), 2u);
  std::vector<std::pair<std::string, std::string>> where;
  for (const auto& v : r.vulnerabilities) {
    EXPECT_EQ(v.id, "CVE-2021-23337");
    where.emplace_back(v.package_path, v.layer);
  }
  std::ranges::sort(where);
  EXPECT_EQ(where, (std::vector<std::pair<std::string, std::string>>{
                       {"app1/node_modules/lodash/package.json", "sha256:aaa"},
                       {"app2/node_modules/lodash/package.json", "sha256:bbb"}}));
}

TEST_F(FindingIdentity, OsInstalledLanguagePackagesAreNotMatchedUpstream) {
  Package own = Pkg("urllib3", "1.26.12", "PyPI", "pypi", "usr/lib/python3/dist-packages/u/PKG");
  own.installed_by = "python3-urllib3";
  Package pip = Pkg("urllib3", "1.26.12", "PyPI", "pypi", "usr/local/lib/x/METADATA");
  Report r = Detect({own, pip});
  ASSERT_EQ(r.vulnerabilities.size(), 1u);
  EXPECT_EQ(r.vulnerabilities[0].package_path, "usr/local/lib/x/METADATA");
}

TEST_F(FindingIdentity, DataSourceIsTheArchiveOfTheMatchingRow) {
  Package deb = Pkg("zlib1g", "1:1.2.13.dfsg-1", "Debian:12", "deb", "var/lib/dpkg/status");
  deb.source_name = "zlib";
  deb.source_version = deb.version;
  Package apk = Pkg("zlib", "1.2.13-r1", "Alpine:v3.19", "apk", "lib/apk/db/installed");
  apk.source_name = "zlib";
  Report r = Detect({deb, apk});
  ASSERT_EQ(r.vulnerabilities.size(), 2u);
  for (const auto& v : r.vulnerabilities) {
    EXPECT_EQ(v.data_source, v.ecosystem == "Debian:12" ? "osv:debian" : "osv:alpine")
        << v.ecosystem;
  }
}

TEST_F(FindingIdentity, EcosystemsWithoutDataAreReported) {
  Report r = Detect({Pkg("rake", "13.0.6", "RubyGems", "gem", "specifications/rake.gemspec"),
                     Pkg("minitest", "5.0", "RubyGems", "gem", "specifications/m.gemspec")});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "vulndb.no_data_for_ecosystem");
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kHigh);
  EXPECT_NE(r.diagnostics[0].message.find("RubyGems"), std::string::npos);
  EXPECT_NE(r.diagnostics[0].message.find("2 packages"), std::string::npos);
}

TEST(VulnDbEmpty, AScanRefusesAnEmptyDatabase) {
  TempDir dir;
  std::string path = (dir.path() / "empty.sqlite").string();
  ASSERT_TRUE(vulndb::VulnDb::Open(path, vulndb::VulnDb::Mode::kReadWrite).has_value());
  std::vector<Diagnostic> diagnostics;
  auto db = vulndb::OpenForScan(path, diagnostics);
  ASSERT_FALSE(db.has_value());
  EXPECT_NE(db.error().message.find("holds no advisories"), std::string::npos);
}

TEST(VulnDbFeeds, FeedFamilyAndIsFeedOf) {
  struct Case {
    const char* source;
    const char* ecosystem;
    bool feed;
  } cases[] = {{"debian.tar.zst", "Debian:12", true}, {"alpine.tar.zst", "Debian:12", false},
               {"/x/Alpine.zip", "Alpine:v3.19", true}, {"rocky-linux.zip", "Rocky Linux:9", true},
               {"", "npm", false},                      {"npm", "npm", true}};
  for (const auto& c : cases) {
    EXPECT_EQ(vulndb::IsFeedOf(c.source, c.ecosystem), c.feed) << c.source << " " << c.ecosystem;
  }
}

}  // namespace
}  // namespace portcullis::vuln

namespace portcullis::vuln {
namespace {

// A schema-1 file (no per-row source): read-only opening says how to upgrade; opening it
// read-write upgrades it, the advisory's source standing in for each row's.
TEST(VulnDbSchema, SchemaOneIsUpgradedOnWrite) {
  vulntest::TempDir dir;
  std::string path = (dir.path() / "v1.sqlite").string();
  std::string records = (dir.path() / "debian").string();
  std::filesystem::create_directories(records);
  std::ofstream(records + "/CVE-2099-0003.json")
      << Record("CVE-2099-0003", "", Affected("Debian:12", "zlib", "1:1.3"));
  {
    auto db = vulndb::VulnDb::Open(path, vulndb::VulnDb::Mode::kReadWrite);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(vulndb::ImportPaths(**db, {records}).has_value());
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "ALTER TABLE affected DROP COLUMN source; UPDATE meta SET value = '1' "
                         "WHERE key = 'schema_version';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto ro = vulndb::VulnDb::Open(path, vulndb::VulnDb::Mode::kReadOnly);
  ASSERT_FALSE(ro.has_value());
  EXPECT_NE(ro.error().message.find("schema 1"), std::string::npos) << ro.error().message;
  auto rw = vulndb::VulnDb::Open(path, vulndb::VulnDb::Mode::kReadWrite);
  ASSERT_TRUE(rw.has_value()) << rw.error().ToString();
  auto rows = (*rw)->FindAffected("Debian:12", "zlib");
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].source, "debian");
}

}  // namespace
}  // namespace portcullis::vuln
