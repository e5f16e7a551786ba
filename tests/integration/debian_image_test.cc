// Integration tests on a real Debian 12 image built with debootstrap (tests/tools/
// make-debian-image.sh; scripts/test builds it before ctest runs): the SBOM lists exactly what
// dpkg-query lists in that root, and every image format gives the same package set.
#include <gtest/gtest.h>
#include <stdio.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "support/run_binary.h"
#include "support/debian_image.h"

namespace portcullis {
namespace {

std::string Cache() { return testing::TestImageCache(); }

#define REQUIRE_DEBIAN_IMAGE() REQUIRE_DEBIAN_TEST_IMAGE()

std::string Run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// "name version source source_version arch" per installed package, from dpkg-query.
std::set<std::string> DpkgQuery(const std::string& root) {
  std::string out = Run("dpkg-query --admindir=" + root +
                        "/var/lib/dpkg -W -f='${db:Status-Status} ${Package} ${Version} "
                        "${source:Package} ${source:Version} ${Architecture}\\n'");
  std::set<std::string> rows;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("installed ", 0) == 0) rows.insert(line.substr(10));
  }
  return rows;
}

std::set<std::string> SbomRows(const std::string& source, nlohmann::json* report = nullptr) {
  auto r = testing::RunPortcullis({"sbom", source, "-f", "json", "-q"});
  EXPECT_EQ(r.exit_code, 0) << source << ": " << r.err;
  std::set<std::string> rows;
  if (r.exit_code != 0) return rows;
  auto doc = nlohmann::json::parse(r.out);
  for (const auto& p : doc["packages"]) {
    if (p["type"] != "deb") continue;
    rows.insert(p["name"].get<std::string>() + " " + p["version"].get<std::string>() + " " +
                p["source_name"].get<std::string>() + " " +
                p["source_version"].get<std::string>() + " " + p["arch"].get<std::string>());
  }
  if (report) *report = std::move(doc);
  return rows;
}

TEST(DebianImageTest, SbomEqualsDpkgQuery) {
  REQUIRE_DEBIAN_IMAGE();
  auto expected = DpkgQuery(Cache() + "/bookworm-rootfs");
  ASSERT_GT(expected.size(), 100u);
  nlohmann::json report;
  auto got = SbomRows(Cache() + "/bookworm-oci", &report);
  EXPECT_EQ(got, expected);
  EXPECT_EQ(report["os"]["family"], "debian");
  EXPECT_EQ(report["os"]["version"].get<std::string>().substr(0, 3), "12.");
  // Every package was installed by the first layer (the debootstrap root).
  std::string first_layer = report["artifact"]["layers"][0]["digest"];
  for (const auto& p : report["packages"]) {
    if (p["type"] == "deb") {
      EXPECT_EQ(p["layer"], first_layer) << p["name"];
      EXPECT_EQ(p["ecosystem"], "Debian:12") << p["name"];
      EXPECT_TRUE(p["purl"].get<std::string>().starts_with("pkg:deb/debian/")) << p["purl"];
    }
  }
}

TEST(DebianImageTest, EveryFormatGivesTheSamePackages) {
  REQUIRE_DEBIAN_IMAGE();
  auto oci = SbomRows(Cache() + "/bookworm-oci");
  ASSERT_FALSE(oci.empty());
  for (std::string source : {"oci:" + Cache() + "/bookworm-oci:app", Cache() + "/bookworm-oci.tar",
                             "docker-archive:" + Cache() + "/bookworm-docker.tar",
                             "dir:" + Cache() + "/bookworm-rootfs"}) {
    EXPECT_EQ(SbomRows(source), oci) << source;
  }
}

// "id package version package_path layer fixed data_source" of every finding of a JSON report.
std::multiset<std::string> Findings(const std::string& json) {
  std::multiset<std::string> out;
  auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded()) return out;
  for (const auto& v : doc["vulnerabilities"]) {
    out.insert(v["id"].get<std::string>() + " " + v["package"].get<std::string>() + " " +
               v["installed_version"].get<std::string>() + " " +
               v["package_path"].get<std::string>() + " " + v["layer"].get<std::string>() + " " +
               v["fixed_version"].get<std::string>() + " " + v["data_source"].get<std::string>());
  }
  return out;
}

// The image's CycloneDX and SPDX SBOMs, scanned with `image sbom:FILE`, give exactly the image
// scan's findings (Debian packages match by source package, which both formats carry).
TEST(DebianImageTest, SbomRoundTripsGiveTheImageScansFindings) {
  REQUIRE_DEBIAN_IMAGE();
  auto dir = std::filesystem::temp_directory_path() /
             ("portcullis-roundtrip-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string db = (dir / "db.sqlite").string();
  auto imported = testing::RunPortcullis(
      {"db", "--db", db, "import",
       std::string(PORTCULLIS_SOURCE_DIR) + "/tests/data/advisories/osv-subset.tar.zst"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  std::string image = Cache() + "/bookworm-oci";
  auto scan = testing::RunPortcullis({"image", image, "--db", db, "-f", "json", "-q"});
  auto expected = Findings(scan.out);
  ASSERT_GT(expected.size(), 10u) << scan.err;
  for (std::string format : {"cyclonedx", "spdx"}) {
    auto sbom = testing::RunPortcullis({"sbom", image, "-f", format, "-q"});
    ASSERT_EQ(sbom.exit_code, 0) << sbom.err;
    std::string file = (dir / ("image." + format + ".json")).string();
    std::ofstream(file) << sbom.out;
    auto again =
        testing::RunPortcullis({"image", "sbom:" + file, "--db", db, "-f", "json", "-q"});
    EXPECT_EQ(Findings(again.out), expected) << format << ": " << again.err;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace portcullis
