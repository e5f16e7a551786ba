// The OS and package analyzers inside a real scan: images written by the test (OCI layout,
// gzip layers) go through Scanner::Scan, and the report must carry the OS, the packages of the
// database that ships (a later layer's upgrade wins), their ecosystems, purls and licences,
// the layer that installed each, and the diagnostics of what could not be read.
#include <gtest/gtest.h>

#include <cstdlib>

#include "portcullis/scanner.h"
#include "support/image_builder.h"

namespace portcullis {
namespace {

using testing::Dir;
using testing::File;
using testing::Symlink;
using testing::TempDir;
using testing::TestImage;

constexpr const char* kOsRelease =
    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
    "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n";

std::string Stanza(const std::string& name, const std::string& version,
                   const std::string& source = "") {
  return "Package: " + name + "\nStatus: install ok installed\nArchitecture: amd64\n" +
         (source.empty() ? "" : "Source: " + source + "\n") + "Version: " + version +
         "\nDescription: test\n multi-line\n\n";
}

const Package* FindPackage(const Report& r, std::string_view name) {
  for (const Package& p : r.packages) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

Report ScanImage(const TestImage& image, testing::Built* built_out = nullptr) {
  TempDir dir;
  testing::Built built = testing::WriteOciLayout(image, dir / "oci");
  if (built_out) *built_out = built;
  setenv("SOURCE_DATE_EPOCH", "1795392000", 1);  // 2026-11-23
  ScanOptions options;
  options.source = "oci:" + (dir / "oci");
  options.progress = false;
  options.scanners = {};
  auto report = Scanner().Scan(options);
  unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_TRUE(report.has_value()) << report.error().ToString();
  return report ? *report : Report{};
}

TEST(ScanPackagesTest, DebianImageWithUpgradeInALaterLayer) {
  const std::string kLoginAndZlib = Stanza("login", "1:4.13+dfsg1-1+b1",
                                           "shadow (1:4.13+dfsg1-1)") +
                                    Stanza("zlib1g", "1:1.2.13.dfsg-1", "zlib");
  TestImage image;
  image.layers.push_back({
      Dir("etc"),
      Dir("usr/lib"),
      File("usr/lib/os-release", kOsRelease),
      Symlink("etc/os-release", "../usr/lib/os-release"),
      File("etc/debian_version", "12.5\n"),
      File("var/lib/dpkg/status", Stanza("libc6", "2.36-9+deb12u3", "glibc") + kLoginAndZlib),
      File("usr/share/doc/zlib1g/copyright",
           "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
           "Files: *\nLicense: Zlib\n"),
  });
  image.layers.push_back({
      File("var/lib/dpkg/status", Stanza("libc6", "2.36-9+deb12u4", "glibc") + kLoginAndZlib),
  });
  testing::Built built;
  Report r = ScanImage(image, &built);
  ASSERT_TRUE(r.os.has_value());
  EXPECT_EQ(r.os->family, "debian");
  EXPECT_EQ(r.os->version, "12.5");
  EXPECT_EQ(r.os->codename, "bookworm");
  EXPECT_FALSE(r.os->eol);
  EXPECT_EQ(r.os->eol_date, "2028-06-30");

  ASSERT_EQ(r.packages.size(), 3u);
  const Package* libc = FindPackage(r, "libc6");
  ASSERT_NE(libc, nullptr);
  EXPECT_EQ(libc->version, "2.36-9+deb12u4");
  EXPECT_EQ(libc->source_name, "glibc");
  EXPECT_EQ(libc->ecosystem, "Debian:12");
  EXPECT_EQ(libc->purl, "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5");
  EXPECT_EQ(libc->layer, built.layer_digests[1]);  // the upgrade came with layer 2
  const Package* login = FindPackage(r, "login");
  ASSERT_NE(login, nullptr);
  EXPECT_EQ(login->layer, built.layer_digests[0]);  // unchanged since layer 1
  EXPECT_EQ(login->source_version, "1:4.13+dfsg1-1");
  const Package* zlib = FindPackage(r, "zlib1g");
  ASSERT_NE(zlib, nullptr);
  EXPECT_EQ(zlib->licenses, std::vector<std::string>{"Zlib"});
}

TEST(ScanPackagesTest, AlpineImageWithMalformedRecord) {
  TestImage image;
  image.layers.push_back({
      File("etc/os-release",
           "ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n"),
      File("etc/alpine-release", "3.19.1\n"),
      File("lib/apk/db/installed",
           "P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT\no:musl\n\n"
           "P:broken\nA:x86_64\n\n"
           "P:libcrypto3\nV:3.1.4-r5\nA:x86_64\nL:Apache-2.0\no:openssl\n\n"),
  });
  Report r = ScanImage(image);
  ASSERT_TRUE(r.os.has_value());
  EXPECT_EQ(r.os->family, "alpine");
  EXPECT_TRUE(r.os->eol);  // 3.19 ended 2025-11-01
  ASSERT_EQ(r.packages.size(), 2u);
  const Package* crypto = FindPackage(r, "libcrypto3");
  ASSERT_NE(crypto, nullptr);
  EXPECT_EQ(crypto->source_name, "openssl");
  EXPECT_EQ(crypto->ecosystem, "Alpine:v3.19");
  EXPECT_EQ(crypto->purl, "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=3.19.1");
  bool diagnosed = false;
  for (const Diagnostic& d : r.diagnostics) {
    if (d.code == "apk.bad_record" && d.path == "lib/apk/db/installed" && d.line == 7) {
      diagnosed = true;
    }
  }
  EXPECT_TRUE(diagnosed);
}

TEST(ScanPackagesTest, DistrolessStatusDAndLanguagePackages) {
  TestImage image;
  image.layers.push_back({
      File("var/lib/dpkg/status.d/base-files",
           "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n"),
      File("var/lib/dpkg/status.d/base-files.md5sums", "d41d8cd98f00b204e9800998ecf8427e  x\n"),
      File("var/lib/dpkg/status.d/libssl3_0a1b2c",
           "Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl\n"),
      File("app/node_modules/lodash/package.json",
           "{\"name\":\"lodash\",\"version\":\"4.17.21\",\"license\":\"MIT\"}"),
      File("usr/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA",
           "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n"),
      File("var/lib/rpm/Packages.db", std::string(4096, '\0')),
  });
  Report r = ScanImage(image);
  ASSERT_TRUE(r.os.has_value());
  EXPECT_EQ(r.os->family, "debian");
  EXPECT_EQ(r.os->version, "12");
  ASSERT_EQ(r.packages.size(), 4u);
  const Package* ssl = FindPackage(r, "libssl3");
  ASSERT_NE(ssl, nullptr);
  EXPECT_EQ(ssl->ecosystem, "Debian:12");
  EXPECT_EQ(ssl->purl, "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12");
  const Package* lodash = FindPackage(r, "lodash");
  ASSERT_NE(lodash, nullptr);
  EXPECT_EQ(lodash->ecosystem, "npm");
  EXPECT_EQ(lodash->purl, "pkg:npm/lodash@4.17.21");
  const Package* requests = FindPackage(r, "requests");
  ASSERT_NE(requests, nullptr);
  EXPECT_EQ(requests->ecosystem, "PyPI");
  bool ndb = false;
  for (const Diagnostic& d : r.diagnostics) {
    ndb |= d.code == "rpm.unsupported_format" && d.path == "var/lib/rpm/Packages.db";
  }
  EXPECT_TRUE(ndb);
}

}  // namespace
}  // namespace portcullis
