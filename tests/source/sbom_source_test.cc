// The sbom:FILE reader: CycloneDX and SPDX JSON back into packages and OS; package URLs.
#include "source/sbom_source.h"

#include <gtest/gtest.h>

namespace portcullis {
namespace {

TEST(SbomSource, PurlParsing) {
  struct Case {
    const char* purl;
    const char* type;
    const char* ns;
    const char* name;
    const char* version;
  } cases[] = {
      {"pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12", "deb", "debian", "libc6",
       "2.36-9"},
      {"pkg:npm/%40babel/core@7.0.0", "npm", "@babel", "core", "7.0.0"},
      {"pkg:golang/golang.org/x/net@v0.17.0", "golang", "golang.org/x", "net", "v0.17.0"},
      {"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "maven",
       "org.apache.logging.log4j", "log4j-core", "2.14.1"},
      {"pkg:pypi/django", "pypi", "", "django", ""},
  };
  for (const auto& c : cases) {
    auto p = ParsePurl(c.purl);
    ASSERT_TRUE(p.has_value()) << c.purl;
    EXPECT_EQ(p->type, c.type);
    EXPECT_EQ(p->namespace_, c.ns);
    EXPECT_EQ(p->name, c.name);
    EXPECT_EQ(p->version, c.version);
  }
  EXPECT_FALSE(ParsePurl("deb/debian/libc6").has_value());
  EXPECT_FALSE(ParsePurl("pkg:deb").has_value());
}

TEST(SbomSource, CycloneDx) {
  const char* doc = R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
    "metadata": {"component": {"type": "container", "name": "registry.example/app",
                               "version": "sha256:abcd"}},
    "components": [
      {"type": "operating-system", "name": "debian", "version": "12.5"},
      {"type": "library", "name": "libc6", "version": "2.36-9+deb12u4",
       "purl": "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc"},
      {"type": "library", "name": "core", "purl": "pkg:npm/%40babel/core@7.0.0",
       "components": [{"type": "library", "purl": "pkg:golang/golang.org/x/net@v0.17.0"}]},
      {"type": "library", "name": "libssl3", "purl": "pkg:deb/debian/libssl3@3.0.11-1",
       "properties": [{"name": "portcullis:package:source_name", "value": "openssl"},
                      {"name": "portcullis:package:layer", "value": "sha256:1111"}]},
      {"type": "library", "name": "mystery"}
    ]})";
  auto s = ReadSbom(doc, "bom.json", Limits{});
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->artifact.type, "sbom");
  EXPECT_EQ(s->artifact.name, "registry.example/app");
  EXPECT_EQ(s->artifact.digest, "sha256:abcd");
  ASSERT_TRUE(s->os.has_value());
  EXPECT_EQ(s->os->family, "debian");
  ASSERT_EQ(s->packages.size(), 4u);
  const Package& libc = s->packages[0];
  EXPECT_EQ(libc.name, "libc6");
  EXPECT_EQ(libc.version, "2.36-9+deb12u4");
  EXPECT_EQ(libc.source_name, "glibc");
  EXPECT_EQ(libc.ecosystem, "Debian:12") << "release from the operating-system component";
  EXPECT_EQ(s->packages[1].name, "@babel/core");
  EXPECT_EQ(s->packages[1].ecosystem, "npm");
  EXPECT_EQ(s->packages[2].name, "golang.org/x/net");
  EXPECT_EQ(s->packages[2].ecosystem, "Go");
  EXPECT_EQ(s->packages[3].source_name, "openssl");
  EXPECT_EQ(s->packages[3].layer, "sha256:1111");
  ASSERT_EQ(s->diagnostics.size(), 1u);
  EXPECT_EQ(s->diagnostics[0].code, "sbom.no_purl");
}

TEST(SbomSource, Spdx) {
  const char* doc = R"({"spdxVersion": "SPDX-2.3", "name": "alpine-app", "packages": [
    {"SPDXID": "SPDXRef-OS", "name": "alpine", "versionInfo": "3.19.1",
     "primaryPackagePurpose": "OPERATING-SYSTEM"},
    {"SPDXID": "SPDXRef-1", "name": "busybox", "versionInfo": "1.36.1-r15", "externalRefs": [
      {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
       "referenceLocator": "pkg:apk/alpine/ssl_client@1.36.1-r15?arch=x86_64&upstream=busybox"}]},
    {"SPDXID": "SPDXRef-2", "name": "requests", "externalRefs": [
      {"referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl",
       "referenceLocator": "pkg:pypi/requests@2.31.0"}]}]})";
  auto s = ReadSbom(doc, "spdx.json", Limits{});
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_EQ(s->packages.size(), 2u);
  EXPECT_EQ(s->packages[0].name, "ssl_client");
  EXPECT_EQ(s->packages[0].source_name, "busybox");
  EXPECT_EQ(s->packages[0].ecosystem, "Alpine:v3.19");
  EXPECT_EQ(s->packages[1].ecosystem, "PyPI");
}

// What Portcullis' SPDX writer records beyond the purl comes back: the source package (Debian
// matches by it), the notes (found in, layer, installed by) and the rpm epoch qualifier.
TEST(SbomSource, SpdxKeepsSourcePackageNotesAndEpoch) {
  std::string doc = R"({"spdxVersion": "SPDX-2.3", "name": "img", "packages": [
    {"name": "debian", "versionInfo": "12.5", "primaryPackagePurpose": "OPERATING_SYSTEM"},
    {"name": "libssl3", "versionInfo": "3.0.11-1~deb12u2",
     "sourceInfo": "built package from: openssl 3.0.11-1~deb12u2",
     "externalRefs": [{"referenceType": "purl", "referenceLocator":
       "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5"}],
     "comment": "arch: amd64; ecosystem: Debian:12; layer: sha256:00; found in: var/lib/dpkg/status"},
    {"name": "urllib3", "externalRefs": [{"referenceType": "purl",
       "referenceLocator": "pkg:pypi/urllib3@1.26.12"}],
     "comment": "found in: usr/lib/python3/dist-packages/u.egg-info/PKG-INFO; installed by: python3-urllib3"},
    {"name": "bash", "externalRefs": [{"referenceType": "purl",
       "referenceLocator": "pkg:rpm/rocky/bash@5.1.8-6.el9?arch=x86_64&epoch=1"}]}]})";
  auto s = ReadSbom(doc, "x.spdx.json", Limits{});
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  ASSERT_TRUE(s->os.has_value());
  EXPECT_EQ(s->os->family, "debian");
  ASSERT_EQ(s->packages.size(), 3u);
  const Package& ssl = s->packages[0];
  EXPECT_EQ(ssl.source_name, "openssl");
  EXPECT_EQ(ssl.source_version, "3.0.11-1~deb12u2");
  EXPECT_EQ(ssl.ecosystem, "Debian:12");
  EXPECT_EQ(ssl.layer, "sha256:00");
  EXPECT_EQ(ssl.found_in, "var/lib/dpkg/status");
  EXPECT_EQ(s->packages[1].installed_by, "python3-urllib3");
  EXPECT_EQ(s->packages[1].found_in, "usr/lib/python3/dist-packages/u.egg-info/PKG-INFO");
  EXPECT_EQ(s->packages[2].version, "1:5.1.8-6.el9");
}

TEST(SbomSource, RejectsOtherDocuments) {
  auto other = ReadSbom(R"({"hello": 1})", "x.json", Limits{});
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kUnsupported);
  auto broken = ReadSbom("{\"bomFormat\": ", "y.json", Limits{});
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(broken.error().path, "y.json");
}

}  // namespace
}  // namespace portcullis
