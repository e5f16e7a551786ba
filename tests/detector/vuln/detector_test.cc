// The vulnerability detector on real advisory data (tests/data/advisories: subsets of the OSV
// snapshots, Alpine secdb 3.19 and the CVE severity table): the (package, id) pairs found for
// a Debian 12 and an Alpine 3.19 fixture must equal those of an independent Python check
// (reference/osv_check.py, apt's own version comparator); OSV range semantics; folding of
// DSA/DLA into CVE findings; status and severity origin; language packages and MAL records.
#include "detector/vuln/detector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "detector/vuln/matcher.h"
#include "vulndb/importer.h"
#include "vulndb/store.h"
#include "vulndb/test_util.h"

namespace portcullis::vuln {
namespace {

using portcullis::vulntest::Lines;
using portcullis::vulntest::ReadProjectFile;
using portcullis::vulntest::RunCommand;
using portcullis::vulntest::SourcePath;
using portcullis::vulntest::TempDir;

const char* kOsv = "tests/data/advisories/osv-subset.tar.zst";
const char* kSecdb = "tests/data/advisories/alpine-secdb-3.19.tar.zst";
const char* kTable = "tests/data/advisories/cve-severity-subset.tsv.zst";

// dpkg status stanzas -> packages (Debian:12), enough for the test.
std::vector<Package> DebianPackages(const std::string& status) {
  std::vector<Package> out;
  Package p;
  bool installed = false;
  auto flush = [&] {
    if (!p.name.empty() && installed) {
      if (p.source_name.empty()) p.source_name = p.name;
      if (p.source_version.empty()) p.source_version = p.version;
      p.type = "deb";
      p.ecosystem = "Debian:12";
      out.push_back(p);
    }
    p = Package();
    installed = false;
  };
  std::regex source_re(R"(^Source: (\S+)(?: \((\S+)\))?$)");
  for (const auto& line : Lines(status + "\n")) {
    std::smatch m;
    if (line.empty()) {
      flush();
    } else if (line.starts_with("Package: ")) {
      p.name = line.substr(9);
    } else if (line.starts_with("Version: ")) {
      p.version = line.substr(9);
    } else if (line == "Status: install ok installed") {
      installed = true;
    } else if (std::regex_match(line, m, source_re)) {
      p.source_name = m[1];
      p.source_version = m[2];
    }
  }
  flush();
  return out;
}

std::vector<Package> AlpinePackages(const std::string& installed) {
  std::vector<Package> out;
  for (const auto& block : Lines(installed + "\n")) {
    if (block.starts_with("P:")) {
      out.emplace_back();
      out.back().name = block.substr(2);
      out.back().type = "apk";
      out.back().ecosystem = "Alpine:v3.19";
    } else if (block.starts_with("V:") && !out.empty()) {
      out.back().version = block.substr(2);
    } else if (block.starts_with("o:") && !out.empty()) {
      out.back().source_name = block.substr(2);
    }
  }
  return out;
}

using Pairs = std::set<std::pair<std::string, std::string>>;

Pairs ParsePairs(const std::string& text) {
  Pairs out;
  for (const auto& line : Lines(text)) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) out.emplace(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

Pairs PairsOf(const Report& r) {
  Pairs out;
  for (const auto& v : r.vulnerabilities) out.emplace(v.package, v.id);
  return out;
}

void ExpectSamePairs(const Pairs& ours, const Pairs& reference) {
  std::vector<std::string> only_ours, only_ref;
  for (const auto& p : ours) {
    if (!reference.contains(p)) only_ours.push_back(p.first + " " + p.second);
  }
  for (const auto& p : reference) {
    if (!ours.contains(p)) only_ref.push_back(p.first + " " + p.second);
  }
  EXPECT_TRUE(only_ours.empty()) << "found only by the matcher: " << only_ours.size()
                                 << ", first: " << (only_ours.empty() ? "" : only_ours[0]);
  EXPECT_TRUE(only_ref.empty()) << "found only by the reference: " << only_ref.size()
                                << ", first: " << (only_ref.empty() ? "" : only_ref[0]);
}

class VulnDetector : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto db = vulndb::VulnDb::Open((dir_->path() / "db.sqlite").string(),
                                   vulndb::VulnDb::Mode::kReadWrite);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    auto stats =
        vulndb::ImportPaths(**db, {SourcePath(kOsv), SourcePath(kSecdb), SourcePath(kTable)});
    ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
    ASSERT_EQ(stats->rejected, 0u);
    db_ = db->release();
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
  }

  static Report Detect(const std::vector<Package>& packages) {
    Report r;
    auto ok = DetectVulnerabilities(*db_, std::nullopt, packages, r);
    EXPECT_TRUE(ok.has_value()) << ok.error().ToString();
    return r;
  }

  static const Vulnerability* Find(const Report& r, std::string_view pkg, std::string_view id) {
    for (const auto& v : r.vulnerabilities) {
      if (v.package == pkg && v.id == id) return &v;
    }
    return nullptr;
  }

  static TempDir* dir_;
  static vulndb::VulnDb* db_;
};

TempDir* VulnDetector::dir_ = nullptr;
vulndb::VulnDb* VulnDetector::db_ = nullptr;

TEST_F(VulnDetector, Debian12MatchesIndependentAptCheck) {
  TempDir tmp;
  std::string status = ReadProjectFile("tests/data/vuln/debian12.status.zst");
  std::string status_file = tmp.Write("status", status);
  auto ref =
      RunCommand("/usr/bin/python3 " + SourcePath("tests/detector/vuln/reference/osv_check.py") +
                 " debian '" + status_file + "' " + SourcePath(kOsv));
  ASSERT_EQ(ref.exit_code, 0);
  Pairs reference = ParsePairs(ref.out);
  ASSERT_GT(reference.size(), 200u) << "the fixture should be older than many fixes";
  Report r = Detect(DebianPackages(status));
  ExpectSamePairs(PairsOf(r), reference);
}

TEST_F(VulnDetector, Alpine319MatchesIndependentSecdbAndOsvCheck) {
  std::string installed = ReadProjectFile("tests/data/vuln/alpine319.installed");
  auto ref =
      RunCommand("/usr/bin/python3 " + SourcePath("tests/detector/vuln/reference/osv_check.py") +
                 " alpine " + SourcePath("tests/data/vuln/alpine319.installed") + " " +
                 SourcePath(kSecdb) + " " + SourcePath(kOsv));
  ASSERT_EQ(ref.exit_code, 0);
  Pairs reference = ParsePairs(ref.out);
  ASSERT_GT(reference.size(), 50u);
  Report r = Detect(AlpinePackages(installed));
  ExpectSamePairs(PairsOf(r), reference);
  for (const auto& v : r.vulnerabilities) {
    EXPECT_EQ(v.ecosystem, "Alpine:v3.19");
    EXPECT_FALSE(v.fixed_version.empty()) << v.id << ": every Alpine entry has a fix";
  }
}

TEST_F(VulnDetector, FindingFieldsOnDebian) {
  Report r = Detect(DebianPackages(ReadProjectFile("tests/data/vuln/debian12.status.zst")));
  ASSERT_FALSE(r.vulnerabilities.empty());
  std::map<std::string, int> statuses, sources;
  size_t folded = 0;
  for (const auto& v : r.vulnerabilities) {
    ++statuses[v.status];
    ++sources[v.severity_source];
    EXPECT_EQ(v.ecosystem, "Debian:12");
    EXPECT_FALSE(v.source_package.empty());
    EXPECT_EQ(v.status == "fixed", !v.fixed_version.empty()) << v.id;
    if (v.id.starts_with("CVE-")) {
      for (const auto& a : v.aliases) folded += a.starts_with("DSA-") || a.starts_with("DLA-");
    } else {
      EXPECT_TRUE(v.id.starts_with("DSA-") || v.id.starts_with("DLA-")) << v.id;
    }
    if (v.severity_source == "cvss_v3") {
      EXPECT_GT(v.cvss_score, 0) << v.id;
      EXPECT_TRUE(v.cvss_vector.starts_with("CVSS:3")) << v.id;
    }
  }
  EXPECT_GT(statuses["fixed"], 0);
  EXPECT_GT(statuses["will_not_fix"], 0) << "Debian 'unimportant' issues";
  EXPECT_GT(folded, 0u) << "a DSA should be folded into its CVE finding";
  EXPECT_GT(sources["cvss_v3"], 0);
}

TEST_F(VulnDetector, LanguagePackagesAndNearMisses) {
  auto pkg = [](std::string name, std::string version, std::string eco) {
    Package p;
    p.name = std::move(name);
    p.version = std::move(version);
    p.ecosystem = std::move(eco);
    return p;
  };
  // lodash before 4.17.21: command injection in template (GHSA-35jh-r3h4-6jhm, fixed 4.17.21).
  Report hit = Detect({pkg("lodash", "4.17.20", "npm")});
  // Its id is the CVE the advisory aliases; the GHSA id is among the aliases.
  const Vulnerability* v = Find(hit, "lodash", "CVE-2021-23337");
  ASSERT_NE(v, nullptr);
  EXPECT_NE(std::ranges::find(v->aliases, "GHSA-35jh-r3h4-6jhm"), v->aliases.end());
  EXPECT_EQ(v->fixed_version, "4.17.21");
  EXPECT_EQ(v->status, "fixed");
  Report miss = Detect({pkg("lodash", "4.17.21", "npm")});
  EXPECT_EQ(Find(miss, "lodash", "CVE-2021-23337"), nullptr);
  // PyPI names match after PEP 503 normalisation.
  Report py = Detect({pkg("Jinja2", "2.10", "PyPI")});
  EXPECT_FALSE(py.vulnerabilities.empty());
  // Same name, other ecosystem: never matched across ecosystems or distributions.
  Report cross =
      Detect({pkg("lodash", "4.17.20", "PyPI"), pkg("openssl", "3.0.0-1", "Ubuntu:22.04")});
  EXPECT_TRUE(cross.vulnerabilities.empty());
}

TEST_F(VulnDetector, MaliciousPackagesAreCritical) {
  // Any MAL record of the subset: its package at any version is affected.
  auto rows_result =
      RunCommand("zstd -dc " + SourcePath(kOsv) + " | tar -t | grep '^npm/MAL/' | head -1");
  ASSERT_EQ(rows_result.exit_code, 0);
  std::string member = Lines(rows_result.out).at(0);
  auto json = RunCommand("zstd -dc " + SourcePath(kOsv) + " | tar -xO '" + member + "'");
  auto rec = vulndb::ParseOsv(json.out, member);
  ASSERT_TRUE(rec.has_value());
  Package p;
  p.name = rec->affected.at(0).name;
  p.ecosystem = "npm";
  p.version = rec->affected.at(0).versions.empty() ? "1.0.0" : rec->affected.at(0).versions[0];
  Report r = Detect({p});
  const Vulnerability* v = Find(r, p.name, rec->id);
  ASSERT_NE(v, nullptr) << rec->id;
  EXPECT_EQ(v->severity, Severity::kCritical);
  EXPECT_EQ(v->severity_source, "malicious");
}

// OSV range semantics on hand-made ranges (dpkg ordering).
TEST(VulnRanges, OsvSemantics) {
  using K = vulndb::OsvEvent::Kind;
  auto range = [](std::string type, std::vector<vulndb::OsvEvent> events) {
    return vulndb::OsvRange{std::move(type), std::move(events)};
  };
  struct Case {
    const char* name;
    std::vector<vulndb::OsvRange> ranges;
    const char* version;
    bool listed;
    bool affected;
    const char* fixed;
  };
  const Case cases[] = {
      {"below fix",
       {range("ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kFixed, "1.2-1"}})},
       "1.1-1",
       false,
       true,
       "1.2-1"},
      {"at fix",
       {range("ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kFixed, "1.2-1"}})},
       "1.2-1",
       false,
       false,
       ""},
      {"before introduced",
       {range("ECOSYSTEM", {{K::kIntroduced, "1.0"}, {K::kFixed, "2.0"}})},
       "0.9",
       false,
       false,
       ""},
      {"open range", {range("ECOSYSTEM", {{K::kIntroduced, "0"}})}, "9.9", false, true, ""},
      {"last_affected includes",
       {range("SEMVER", {{K::kIntroduced, "0"}, {K::kLastAffected, "1.5"}})},
       "1.5",
       false,
       true,
       ""},
      {"past last_affected",
       {range("SEMVER", {{K::kIntroduced, "0"}, {K::kLastAffected, "1.5"}})},
       "1.6",
       false,
       false,
       ""},
      {"limit excludes",
       {range("ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kLimit, "2.0"}})},
       "2.1",
       false,
       false,
       ""},
      {"second interval",
       {range("ECOSYSTEM", {{K::kIntroduced, "1.0"},
                            {K::kFixed, "1.5"},
                            {K::kIntroduced, "2.0"},
                            {K::kFixed, "2.3"}})},
       "2.1",
       false,
       true,
       "2.3"},
      {"between intervals",
       {range("ECOSYSTEM", {{K::kIntroduced, "1.0"},
                            {K::kFixed, "1.5"},
                            {K::kIntroduced, "2.0"},
                            {K::kFixed, "2.3"}})},
       "1.7",
       false,
       false,
       ""},
      {"events out of order",
       {range("ECOSYSTEM", {{K::kFixed, "3.0"}, {K::kIntroduced, "2.0"}})},
       "2.5",
       false,
       true,
       "3.0"},
      {"git ignored", {range("GIT", {{K::kIntroduced, "0"}})}, "1.0", false, false, ""},
      {"versions list",
       {range("ECOSYSTEM", {{K::kIntroduced, "5.0"}, {K::kFixed, "6.0"}})},
       "1.0",
       true,
       true,
       "6.0"},
      {"two ranges, one open",
       {range("ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kFixed, "2.0"}}),
        range("ECOSYSTEM", {{K::kIntroduced, "1.0"}})},
       "1.5",
       false,
       true,
       ""},
      {"two ranges, largest fix",
       {range("ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kFixed, "2.0"}}),
        range("ECOSYSTEM", {{K::kIntroduced, "1.0"}, {K::kFixed, "2.5"}})},
       "1.5",
       false,
       true,
       "2.5"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    RangeVerdict v = EvaluateRanges(version::Scheme::kDpkg, c.version, c.ranges, c.listed);
    EXPECT_EQ(v.affected, c.affected);
    EXPECT_EQ(v.fixed, c.fixed);
  }
}

}  // namespace
}  // namespace portcullis::vuln
