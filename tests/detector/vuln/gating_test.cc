// End to end through the `portcullis` binary: `db import`, `db info`, scanning a stored SBOM
// (`image sbom:FILE`) against the imported database, and the CI gating of the findings:
// --severity, --ignore-unfixed, --exit-code, the ignore file (with expiry) and OpenVEX.
#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_binary.h"
#include "vulndb/store.h"
#include "vulndb/test_util.h"
#include "support/debian_image.h"

namespace portcullis::vuln {
namespace {

using portcullis::testing::RunPortcullis;
using portcullis::vulntest::Lines;
using portcullis::vulntest::RunCommand;
using portcullis::vulntest::SourcePath;
using portcullis::vulntest::TempDir;

// 2025-02-20: two days after the newest record of the test data, so the database is fresh.
const std::string kFreshClock = "SOURCE_DATE_EPOCH=1740009600";

// A CycloneDX 1.5 SBOM: a Debian 12 system with glibc 2.36-9 (12.0) and lodash 4.17.20.
const char* kSbom = R"({
  "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
  "metadata": {"component": {"type": "container", "name": "example/app"}},
  "components": [
    {"type": "operating-system", "name": "debian", "version": "12.0"},
    {"type": "library", "name": "libc6", "version": "2.36-9",
     "purl": "pkg:deb/debian/libc6@2.36-9?arch=amd64&upstream=glibc&distro=debian-12.0"},
    {"type": "library", "name": "lodash", "version": "4.17.20",
     "purl": "pkg:npm/lodash@4.17.20"},
    {"type": "library", "name": "no-purl", "version": "1.0"}
  ]
})";

class VulnGating : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "db.sqlite").string();
    auto r = RunPortcullis({"db", "--db", db_, "import",
                            SourcePath("tests/data/advisories/osv-subset.tar.zst"),
                            SourcePath("tests/data/advisories/cve-severity-subset.tsv.zst")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_NE(r.err.find("advisories added"), std::string::npos) << r.err;
    sbom_ = dir_->Write("sbom.cdx.json", kSbom);
  }
  static void TearDownTestSuite() { delete dir_; }

  // Scans the SBOM with `extra` flags; returns (exit code, parsed JSON, stderr).
  static std::tuple<int, nlohmann::json, std::string> Scan(std::vector<std::string> extra,
                                                           std::vector<std::string> env = {
                                                               kFreshClock}) {
    std::vector<std::string> args = {"image", "sbom:" + sbom_, "--db", db_, "-f", "json", "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = RunPortcullis(args, "", env);
    nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, false);
    return {r.exit_code, doc, r.err};
  }

  static bool Has(const nlohmann::json& doc, const std::string& id) {
    // By id or alias: GHSA-35jh-r3h4-6jhm is reported as CVE-2021-23337, its alias.
    for (const auto& v : doc["vulnerabilities"]) {
      if (v["id"] == id) return true;
      for (const auto& a : v["aliases"]) {
        if (a == id) return true;
      }
    }
    return false;
  }

  static TempDir* dir_;
  static std::string db_;
  static std::string sbom_;
};

TempDir* VulnGating::dir_ = nullptr;
std::string VulnGating::db_;
std::string VulnGating::sbom_;

TEST_F(VulnGating, SbomScanFindsOsAndLanguageVulnerabilities) {
  auto [code, doc, err] = Scan({});
  ASSERT_EQ(code, 0) << err;
  EXPECT_EQ(doc["artifact"]["type"], "sbom");
  // CVE-2023-4911 (Looney Tunables) is fixed in glibc 2.36-9+deb12u3; the DSA joins it.
  bool found = false;
  for (const auto& v : doc["vulnerabilities"]) {
    if (v["id"] != "CVE-2023-4911") continue;
    found = true;
    EXPECT_EQ(v["package"], "libc6");
    EXPECT_EQ(v["source_package"], "glibc");
    EXPECT_EQ(v["status"], "fixed");
    EXPECT_EQ(v["fixed_version"], "2.36-9+deb12u3");
    EXPECT_NE(std::string(v["severity_source"]), "none");
    bool dsa = false;
    for (const auto& a : v["aliases"]) dsa = dsa || std::string(a).starts_with("DSA-");
    EXPECT_TRUE(dsa) << v.dump();
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(Has(doc, "GHSA-35jh-r3h4-6jhm"));
  bool no_purl = false;
  for (const auto& d : doc["diagnostics"]) no_purl = no_purl || d["code"] == "sbom.no_purl";
  EXPECT_TRUE(no_purl);
  EXPECT_EQ(err.find("warning"), std::string::npos) << "fresh database: no warning";
}

TEST_F(VulnGating, SeverityIgnoreUnfixedAndExitCode) {
  auto [all_code, all, e1] = Scan({"--exit-code", "3"});
  EXPECT_EQ(all_code, 3) << e1;
  size_t total = all["vulnerabilities"].size();
  size_t unfixed = 0;
  for (const auto& v : all["vulnerabilities"]) unfixed += v["fixed_version"] == "";
  ASSERT_GT(unfixed, 0u);

  auto [code, doc, e2] = Scan({"--ignore-unfixed", "--exit-code", "3"});
  EXPECT_EQ(code, 3) << e2;
  EXPECT_EQ(doc["vulnerabilities"].size(), total - unfixed);
  for (const auto& v : doc["vulnerabilities"]) EXPECT_NE(v["fixed_version"], "");

  auto [crit_code, crit, e3] = Scan({"--severity", "CRITICAL", "--exit-code", "3"});
  for (const auto& v : crit["vulnerabilities"]) EXPECT_EQ(v["severity"], "CRITICAL");
  EXPECT_EQ(crit_code, crit["vulnerabilities"].empty() ? 0 : 3) << e3;

  auto [none_code, none, e4] = Scan({"--severity", "INFO", "--exit-code", "3"});
  EXPECT_TRUE(none["vulnerabilities"].empty());
  EXPECT_EQ(none_code, 0) << e4;
}

TEST_F(VulnGating, IgnoreFileWithExpiry) {
  std::string file = dir_->Write("ignore.yaml", R"(ignore:
  - id: CVE-2023-4911
    package: libc6
    reason: setuid binaries removed
  - id: GHSA-35jh-r3h4-6jhm
    expires: 2025-01-31
    reason: waiting for upstream
  - id: CVE-2023-4911
    package: some-other-package
)");
  auto [code, doc, err] = Scan({"--ignorefile", file});
  ASSERT_EQ(code, 0) << err;
  EXPECT_FALSE(Has(doc, "CVE-2023-4911"));
  EXPECT_TRUE(Has(doc, "GHSA-35jh-r3h4-6jhm")) << "an expired entry ignores nothing";
  bool said = false;
  for (const auto& d : doc["diagnostics"]) {
    if (d["code"] == "ignore.expired") {
      said = true;
      EXPECT_EQ(d["line"], 5);
      EXPECT_NE(std::string(d["message"]).find("GHSA-35jh-r3h4-6jhm"), std::string::npos);
    }
  }
  EXPECT_TRUE(said);

  std::string bad = dir_->Write("bad.yaml", "ignore:\n  - package: libc6\n");
  auto r = RunPortcullis({"image", "sbom:" + sbom_, "--db", db_, "--ignorefile", bad, "-q"},
                         "", {kFreshClock});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.yaml:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no 'id'"), std::string::npos) << r.err;
}

TEST_F(VulnGating, OpenVexNotAffectedSuppresses) {
  std::string vex = dir_->Write("vex.json", R"({
  "@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1",
  "author": "Example", "timestamp": "2025-02-01T00:00:00Z", "version": 1,
  "statements": [
    {"vulnerability": {"name": "CVE-2023-4911"},
     "products": [{"@id": "pkg:oci/app", "subcomponents": [{"@id": "pkg:deb/debian/libc6"}]}],
     "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"},
    {"vulnerability": {"name": "GHSA-35jh-r3h4-6jhm"},
     "products": [{"@id": "pkg:npm/lodash@4.17.20"}], "status": "affected"}
  ]
})");
  auto [code, doc, err] = Scan({"--vex", vex});
  ASSERT_EQ(code, 0) << err;
  EXPECT_FALSE(Has(doc, "CVE-2023-4911"));
  EXPECT_TRUE(Has(doc, "GHSA-35jh-r3h4-6jhm"));
}

// An empty database is refused (exit 1); an ecosystem the database has nothing for is warned
// about on stderr and as a diagnostic; `db info -f json` prints a database whose file name is
// not UTF-8 (it aborted on an uncaught JSON exception).
TEST_F(VulnGating, EmptyDatabaseMissingEcosystemAndOddPaths) {
  std::string empty = (dir_->path() / "empty.sqlite").string();
  auto created = portcullis::vulndb::VulnDb::Open(
      empty, portcullis::vulndb::VulnDb::Mode::kReadWrite);
  ASSERT_TRUE(created.has_value());
  created->reset();
  auto r = RunPortcullis({"image", "sbom:" + sbom_, "--db", empty, "-q"}, "", {kFreshClock});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("holds no advisories"), std::string::npos) << r.err;

  std::string one = dir_->Write("GHSA-test-0001.json",
      R"({"id": "GHSA-test-0001", "modified": "2025-02-18T00:00:00Z",
      "affected": [{"package": {"ecosystem": "npm", "name": "lodash"}, "ranges": [{"type":
      "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]})");
  std::string odd = (dir_->path() / "db\xff.sqlite").string();
  ASSERT_EQ(RunPortcullis({"db", "--db", odd, "import", one}).exit_code, 0);
  auto info = RunPortcullis({"db", "info", "--db", odd, "-f", "json"});
  EXPECT_EQ(info.exit_code, 0) << info.err;
  EXPECT_FALSE(nlohmann::json::parse(info.out, nullptr, false).is_discarded()) << info.out;

  std::string rubygems_sbom = dir_->Write("rb.cdx.json", R"({"bomFormat": "CycloneDX",
    "specVersion": "1.5", "version": 1, "components": [{"type": "library", "name": "rake",
    "version": "13.0.6", "purl": "pkg:gem/rake@13.0.6"}, {"type": "library", "name": "lodash",
    "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20"}]})");
  auto scan = RunPortcullis({"image", "sbom:" + rubygems_sbom, "--db", odd, "-f", "json", "-q"},
                            "", {kFreshClock});
  EXPECT_EQ(scan.exit_code, 0) << scan.err;
  EXPECT_NE(scan.err.find("no advisories for RubyGems"), std::string::npos) << scan.err;
  auto doc = nlohmann::json::parse(scan.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  bool warned = false;
  for (const auto& d : doc["diagnostics"]) {
    warned = warned || (d["code"] == "vulndb.no_data_for_ecosystem" && d["severity"] == "HIGH");
  }
  EXPECT_TRUE(warned);
  ASSERT_EQ(doc["vulnerabilities"].size(), 1u);
  EXPECT_EQ(doc["vulnerabilities"][0]["id"], "GHSA-test-0001");
}

TEST_F(VulnGating, MissingAndStaleDatabase) {
  auto r = RunPortcullis({"image", "sbom:" + sbom_, "--db", (dir_->path() / "none.sqlite").string(),
                          "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no vulnerability database at"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("portcullis db update"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  // A year after the data: warned on stderr and as a diagnostic, and the scan still runs.
  auto [code, doc, err] = Scan({}, {"SOURCE_DATE_EPOCH=1771545600"});
  EXPECT_EQ(code, 0);
  EXPECT_NE(err.find("warning: the vulnerability database is"), std::string::npos) << err;
  bool stale = false;
  for (const auto& d : doc["diagnostics"]) stale = stale || d["code"] == "vulndb.stale";
  EXPECT_TRUE(stale);
}

// The whole pipeline (OCI image -> dpkg analyzer -> applier -> OS detection -> detector) on
// the debootstrap Debian 12 image: the (package, id) pairs equal the independent Python check
// over the same image's dpkg status and the same advisories.
TEST_F(VulnGating, DebianImageThroughThePipeline) {
  REQUIRE_DEBIAN_TEST_IMAGE();
  std::string cache = testing::TestImageCache();
  auto r = RunPortcullis({"image", cache + "/bookworm-oci", "--db", db_, "--scanners", "vuln",
                          "-f", "json", "-q"},
                         "", {kFreshClock});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  std::set<std::pair<std::string, std::string>> ours, reference;
  for (const auto& v : doc["vulnerabilities"]) {
    ours.emplace(v["package"], v["id"]);
    EXPECT_EQ(v["ecosystem"], "Debian:12");
    EXPECT_TRUE(std::string(v["layer"]).starts_with("sha256:")) << v.dump();
    EXPECT_TRUE(std::string(v["purl"]).starts_with("pkg:deb/debian/")) << v.dump();
  }
  auto ref = RunCommand("/usr/bin/python3 " +
                        SourcePath("tests/detector/vuln/reference/osv_check.py") + " debian " +
                        cache + "/bookworm-rootfs/var/lib/dpkg/status " +
                        SourcePath("tests/data/advisories/osv-subset.tar.zst"));
  ASSERT_EQ(ref.exit_code, 0);
  for (const auto& line : Lines(ref.out)) {
    size_t tab = line.find('\t');
    reference.emplace(line.substr(0, tab), line.substr(tab + 1));
  }
  EXPECT_GT(reference.size(), 50u);
  EXPECT_EQ(ours, reference);
}

TEST_F(VulnGating, DbInfo) {
  auto r = RunPortcullis({"db", "--db", db_, "info", "-f", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto info = nlohmann::json::parse(r.out);
  EXPECT_GT(info["advisories"].get<int>(), 2000);
  EXPECT_GT(info["ecosystems"]["Debian:12"].get<int>(), 1000);
  EXPECT_EQ(info["newest_modified"].get<std::string>().substr(0, 4), "2025");
  EXPECT_EQ(info["sources"].size(), 2u);
  auto text = RunPortcullis({"db", "--db", db_, "info"});
  EXPECT_NE(text.out.find("osv-subset.tar.zst"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace portcullis::vuln
