// The image of issue 15, built here with the test tar writer: Debian's python3-urllib3 (files
// listed by dpkg), cryptography's metadata twice in one place, lodash under app1/ and app2/,
// and a war holding a jar without pom.properties. Scanned through the CLI against advisories
// written here: no finding contradicts Debian's fix, each lodash copy is its own SARIF result at
// its own file, fingerprints are unique, no flaw appears twice and every jar is in the SBOM.
// The same checks then run on the real image (tests/tools/make-identity-image.sh: apt-installed
// python3-urllib3/python3-cryptography, six Go binaries from Debian packages, lodash from npm
// twice, a war of Debian's jars) against the real advisories of identity-subset.tar.zst.
#include <gtest/gtest.h>

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/debian_image.h"
#include "support/image_builder.h"
#include "support/run_binary.h"

namespace portcullis::testing {
namespace {

// A zip of `files`, written with libarchive.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_open(
      a, &out, nullptr,
      [](archive*, void* data, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(data)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  for (const auto& [name, content] : files) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    archive_write_header(a, e);
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

std::string Osv(const std::string& id, const std::string& aliases, const std::string& eco,
                const std::string& name, const std::string& fixed) {
  return R"({"id": ")" + id + R"(", "modified": "2025-02-18T00:00:00Z", "aliases": [)" +
         aliases + R"(], "affected": [{"package": {"ecosystem": ")" + eco + R"(", "name": ")" +
         name + R"("}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, )" +
         R"({"fixed": ")" + fixed + R"("}]}]}]})";
}

TEST(IdentityImageTest, EveryFindingIsRightOnceAndPointsAtItsPackage) {
  TempDir tmp;
  const std::string site = "usr/lib/python3/dist-packages/";
  const std::string lodash = R"({"name": "lodash", "version": "4.17.20"})";
  TestImage image;
  image.layers.push_back({
      File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian 12\"\n"),
      File("var/lib/dpkg/status",
           "Package: python3-urllib3\nStatus: install ok installed\nVersion: 1.26.12-1+deb12u4\n"
           "Source: python-urllib3\nArchitecture: all\n\n"
           "Package: python3-cryptography\nStatus: install ok installed\n"
           "Version: 38.0.4-3+deb12u1\nSource: python-cryptography\nArchitecture: amd64\n\n"),
      File("var/lib/dpkg/info/python3-urllib3.list",
           "/.\n/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info\n"
           "/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO\n"),
      File(site + "urllib3-1.26.12.egg-info/PKG-INFO",
           "Metadata-Version: 2.1\nName: urllib3\nVersion: 1.26.12\n\n"),
      File(site + "cryptography-38.0.4.egg-info/PKG-INFO",
           "Metadata-Version: 2.1\nName: cryptography\nVersion: 38.0.4\n\n"),
      File(site + "cryptography-38.0.4.dist-info/METADATA",
           "Metadata-Version: 2.1\nName: cryptography\nVersion: 38.0.4\n\n"),
  });
  image.layers.push_back({
      File("app1/node_modules/lodash/package.json", lodash),
      File("app2/node_modules/lodash/package.json", lodash),
      File("srv/app.war",
           Zip({{"WEB-INF/web.xml", "<web-app/>"},
                {"WEB-INF/lib/commons-logging-1.2.jar",
                 Zip({{"META-INF/MANIFEST.MF",
                       "Implementation-Vendor-Id: commons-logging\nImplementation-Version: 1.2\n"}})}})),
  });
  WriteOciLayout(image, tmp / "oci");

  WriteFile(tmp / "osv/GHSA-v845-jxx5-vc9f.json",
            Osv("GHSA-v845-jxx5-vc9f", R"("CVE-2023-43804")", "PyPI", "urllib3", "1.26.17"));
  WriteFile(tmp / "osv/PYSEC-2023-192.json",
            Osv("PYSEC-2023-192", R"("CVE-2023-43804", "GHSA-v845-jxx5-vc9f")", "PyPI",
                "urllib3", "1.26.17"));
  WriteFile(tmp / "osv/GHSA-35jh-r3h4-6jhm.json",
            Osv("GHSA-35jh-r3h4-6jhm", R"("CVE-2021-23337")", "npm", "lodash", "4.17.21"));
  WriteFile(tmp / "osv/PYSEC-2023-254.json",
            Osv("PYSEC-2023-254", R"("CVE-2023-49083")", "PyPI", "cryptography", "41.0.6"));
  WriteFile(tmp / "osv/CVE-2099-1.json",
            Osv("CVE-2099-1", "", "Debian:12", "python-cryptography", "38.0.4-4"));
  WriteFile(tmp / "osv/GHSA-maven.json",
            Osv("GHSA-maven", "", "Maven", "commons-logging:commons-logging", "1.3"));
  std::string db = tmp / "db.sqlite";
  auto imported = RunPortcullis({"db", "--db", db, "import", tmp / "osv"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  const std::vector<std::string> env = {"SOURCE_DATE_EPOCH=1740009600"};
  auto scan = RunPortcullis({"image", "oci:" + (tmp / "oci"), "--db", db, "-f", "json", "-q"},
                            "", env);
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  auto doc = nlohmann::json::parse(scan.out);
  std::set<std::string> ids;
  std::multiset<std::string> flaws;
  std::set<std::string> lodash_paths;
  for (const auto& v : doc["vulnerabilities"]) {
    std::string id = v["id"];
    flaws.insert(id + " " + std::string(v["package_path"]));
    ids.insert(id);
    if (v["package"] == "lodash") lodash_paths.insert(v["package_path"]);
  }
  EXPECT_FALSE(ids.contains("CVE-2023-43804")) << "Debian fixed it in python3-urllib3";
  EXPECT_TRUE(ids.contains("CVE-2099-1")) << "Debian's advisory for the OS package applies";
  EXPECT_TRUE(ids.contains("CVE-2021-23337"));
  EXPECT_TRUE(ids.contains("GHSA-maven")) << "the jar found by its manifest is matched";
  for (const auto& f : flaws) EXPECT_EQ(flaws.count(f), 1u) << f;
  EXPECT_EQ(lodash_paths, (std::set<std::string>{"app1/node_modules/lodash/package.json",
                                                 "app2/node_modules/lodash/package.json"}));
  int cryptography_pypi = 0;
  bool jar = false;
  for (const auto& p : doc["packages"]) {
    if (p["name"] == "urllib3") {
      EXPECT_EQ(p["installed_by"], "python3-urllib3");
    }
    cryptography_pypi += p["name"] == "cryptography";
    if (p["name"] == "commons-logging:commons-logging") {
      jar = true;
      EXPECT_EQ(p["identified_by"], "manifest");
      EXPECT_EQ(p["version"], "1.2");
    }
  }
  EXPECT_EQ(cryptography_pypi, 1) << "egg-info and dist-info in one place are one package";
  EXPECT_TRUE(jar);

  auto sarif = RunPortcullis({"image", "oci:" + (tmp / "oci"), "--db", db, "-f", "sarif", "-q"},
                             "", env);
  ASSERT_EQ(sarif.exit_code, 0) << sarif.err;
  auto s = nlohmann::json::parse(sarif.out);
  std::set<std::string> prints, lodash_uris;
  size_t results = 0;
  for (const auto& r : s["runs"][0]["results"]) {
    ++results;
    prints.insert(r["partialFingerprints"]["portcullisFinding/v1"]);
    if (r["ruleId"] == "CVE-2021-23337") {
      lodash_uris.insert(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
    }
  }
  EXPECT_EQ(prints.size(), results) << "fingerprints are unique";
  EXPECT_EQ(lodash_uris.size(), 2u);
}

using Json = nlohmann::json;

TEST(IdentityImageTest, RealImageFromDebianPackagesAndNpm) {
  const std::string oci = TestImageCache() + "/identity-oci";
  ASSERT_TRUE(std::filesystem::exists(TestImageCache() + "/identity.done"))
      << "the identity image is missing: run tests/tools/make-identity-image.sh (scripts/test does)";
  TempDir tmp;
  std::string db = tmp / "db.sqlite";
  auto imported = RunPortcullis(
      {"db", "--db", db, "import",
       std::string(PORTCULLIS_SOURCE_DIR) + "/tests/data/advisories/identity-subset.tar.zst"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const std::vector<std::string> env = {"SOURCE_DATE_EPOCH=1740009600"};
  auto scan = RunPortcullis({"image", "oci:" + oci, "--db", db, "-f", "json", "-q"}, "", env);
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  Json doc = Json::parse(scan.out);

  // Packages: Debian's Python modules are installed_by their Debian package; pip's copy of the
  // same urllib3 is nobody's; each Go binary, each lodash copy and each jar is its own package.
  std::map<std::string, std::string> installed_by;  // found_in -> installed_by, Python
  std::set<std::string> go_binaries, lodash_copies, jars;
  for (const auto& p : doc["packages"]) {
    std::string type = p["type"], found_in = p["found_in"];
    if (type == "pypi") installed_by[found_in] = p["installed_by"];
    if (type == "golang" && p["name"] == "stdlib") go_binaries.insert(found_in);
    if (type == "npm" && p["name"] == "lodash") lodash_copies.insert(found_in);
    if (type == "maven") {
      jars.insert(found_in);
      EXPECT_EQ(p["identified_by"], "manifest") << found_in;
      EXPECT_EQ(p["version"], "1.2") << found_in;
    }
  }
  const std::string debian_py = "usr/lib/python3/dist-packages/";
  const std::string pip_urllib3 =
      "usr/local/lib/python3.11/dist-packages/urllib3-1.26.12.dist-info/METADATA";
  EXPECT_EQ(installed_by[debian_py + "urllib3-1.26.12.egg-info/PKG-INFO"], "python3-urllib3");
  EXPECT_EQ(installed_by[debian_py + "cryptography-38.0.4.dist-info/METADATA"],
            "python3-cryptography");
  EXPECT_EQ(installed_by[debian_py + "six-1.16.0.egg-info/PKG-INFO"], "python3-six");
  ASSERT_TRUE(installed_by.contains(pip_urllib3));
  EXPECT_EQ(installed_by[pip_urllib3], "");
  std::set<std::string> expected_binaries;
  for (const char* b : {"age", "age-keygen", "direnv", "docker-registry", "fzf", "shfmt"}) {
    expected_binaries.insert(std::string("usr/local/bin/") + b);
  }
  EXPECT_EQ(go_binaries, expected_binaries);
  EXPECT_EQ(lodash_copies, (std::set<std::string>{"app1/node_modules/lodash/package.json",
                                                  "app2/node_modules/lodash/package.json"}));
  EXPECT_EQ(jars, (std::set<std::string>{"srv/app.war!/WEB-INF/lib/commons-logging-1.2.jar",
                                         "srv/app.war!/WEB-INF/lib/commons-logging-api-1.2.jar"}));

  // Findings: none from upstream advisories on Debian's modules (Debian fixed urllib3's
  // CVE-2023-43804 in 1.26.12-1+deb12u1) while pip's copy of the same version gets it; Debian's
  // own open CVE of python-cryptography applies; every Go binary has the same stdlib findings,
  // each at its own file; each lodash copy has its own; no (id, file) twice.
  std::map<std::string, std::set<std::string>> ids_at;  // package_path -> ids
  std::multiset<std::pair<std::string, std::string>> flaws;
  for (const auto& v : doc["vulnerabilities"]) {
    std::string path = v["package_path"], id = v["id"];
    EXPECT_FALSE(path.starts_with(debian_py)) << id << " on Debian's module at " << path;
    ids_at[path].insert(id);
    flaws.emplace(id, path);
  }
  for (const auto& f : flaws) EXPECT_EQ(flaws.count(f), 1u) << f.first << " " << f.second;
  EXPECT_TRUE(ids_at[pip_urllib3].contains("CVE-2023-43804"));
  EXPECT_TRUE(ids_at["var/lib/dpkg/status"].contains("CVE-2023-50782"));
  const std::set<std::string>& age = ids_at["usr/local/bin/age"];
  EXPECT_GE(age.size(), 20u) << "go1.19.8's standard library has many later fixes";
  for (const auto& bin : expected_binaries) EXPECT_EQ(ids_at[bin], age) << bin;
  EXPECT_TRUE(ids_at["app1/node_modules/lodash/package.json"].contains("CVE-2021-23337"));
  EXPECT_EQ(ids_at["app1/node_modules/lodash/package.json"],
            ids_at["app2/node_modules/lodash/package.json"]);

  // SARIF: one result per finding, at the finding's own file, with a unique fingerprint.
  auto sarif = RunPortcullis({"image", "oci:" + oci, "--db", db, "-f", "sarif", "-q"}, "", env);
  ASSERT_EQ(sarif.exit_code, 0) << sarif.err;
  Json s = Json::parse(sarif.out);
  std::set<std::string> prints;
  std::multiset<std::pair<std::string, std::string>> located;
  size_t results = 0;
  for (const auto& r : s["runs"][0]["results"]) {
    if (!r["ruleId"].get<std::string>().starts_with("CVE-") &&
        !r["ruleId"].get<std::string>().starts_with("GO-") &&
        !r["ruleId"].get<std::string>().starts_with("GHSA-")) {
      continue;  // hardening and secret results
    }
    ++results;
    prints.insert(r["partialFingerprints"]["portcullisFinding/v1"]);
    located.emplace(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
  }
  EXPECT_EQ(results, flaws.size());
  EXPECT_EQ(prints.size(), results) << "fingerprints are unique";
  std::multiset<std::pair<std::string, std::string>> expected_locations;
  for (const auto& [id, path] : flaws) expected_locations.emplace(id, path);
  EXPECT_EQ(located, expected_locations);
}

}  // namespace
}  // namespace portcullis::testing
