// Ecosystems and purls of OS packages once the OS is known. Ecosystem spellings are the ones of
// the OSV schema's ecosystem list and of the advisory snapshots ("Debian:12", "Alpine:v3.19",
// "Ubuntu:22.04:LTS"); purls follow the purl spec's deb/apk/rpm type definitions.
#include "analyzer/pkg/identity.h"

#include <gtest/gtest.h>

namespace portcullis {
namespace {

OsInfo Os(const char* family, const char* version) {
  OsInfo os;
  os.family = family;
  os.version = version;
  return os;
}

struct EcosystemCase {
  const char* family;
  const char* version;
  const char* ecosystem;
};

class EcosystemTest : public ::testing::TestWithParam<EcosystemCase> {};

TEST_P(EcosystemTest, SpelledLikeOsv) {
  EXPECT_EQ(OsvEcosystem(Os(GetParam().family, GetParam().version)), GetParam().ecosystem)
      << GetParam().family << " " << GetParam().version;
}

INSTANTIATE_TEST_SUITE_P(
    Families, EcosystemTest,
    ::testing::Values(EcosystemCase{"debian", "12.5", "Debian:12"},
                      EcosystemCase{"debian", "11", "Debian:11"},
                      EcosystemCase{"debian", "", ""},
                      EcosystemCase{"ubuntu", "22.04", "Ubuntu:22.04:LTS"},
                      EcosystemCase{"ubuntu", "24.10", "Ubuntu:24.10"},
                      EcosystemCase{"ubuntu", "23.04", "Ubuntu:23.04"},
                      EcosystemCase{"alpine", "3.19.1", "Alpine:v3.19"},
                      EcosystemCase{"rocky", "9.3", "Rocky Linux:9"},
                      EcosystemCase{"almalinux", "8.9", "AlmaLinux:8"},
                      EcosystemCase{"rhel", "9.3", "Red Hat:enterprise_linux:9"},
                      EcosystemCase{"opensuse-leap", "15.5", "openSUSE:Leap 15.5"},
                      EcosystemCase{"photon", "5.0", "Photon OS:5.0"},
                      EcosystemCase{"wolfi", "20230201", "Wolfi"},
                      EcosystemCase{"chainguard", "", "Chainguard"},
                      EcosystemCase{"centos", "7.9.2009", ""},
                      EcosystemCase{"fedora", "40", ""},
                      EcosystemCase{"amazon", "2023", ""}));

Package Pkg(const char* type, const char* name, const char* version, const char* arch) {
  Package p;
  p.type = type;
  p.name = name;
  p.version = version;
  p.arch = arch;
  return p;
}

struct IdentityCase {
  std::optional<OsInfo> os;
  Package package;
  const char* ecosystem;
  const char* purl;
};

class IdentityTest : public ::testing::TestWithParam<IdentityCase> {};

TEST_P(IdentityTest, FillsEcosystemAndPurl) {
  std::vector<Package> packages{GetParam().package};
  AssignOsPackageIdentity(GetParam().os, packages);
  EXPECT_EQ(packages[0].ecosystem, GetParam().ecosystem);
  EXPECT_EQ(packages[0].purl, GetParam().purl);
}

INSTANTIATE_TEST_SUITE_P(
    Packages, IdentityTest,
    ::testing::Values(
        IdentityCase{Os("debian", "12.5"), Pkg("deb", "libc6", "2.36-9+deb12u4", "amd64"),
                     "Debian:12",
                     "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5"},
        IdentityCase{Os("debian", "12.5"), Pkg("deb", "login", "1:4.13+dfsg1-1+b1", "amd64"),
                     "Debian:12",
                     "pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12.5"},
        IdentityCase{Os("ubuntu", "22.04"), Pkg("deb", "bash", "5.1-6ubuntu1.1", "amd64"),
                     "Ubuntu:22.04:LTS",
                     "pkg:deb/ubuntu/bash@5.1-6ubuntu1.1?arch=amd64&distro=ubuntu-22.04"},
        IdentityCase{Os("alpine", "3.19.1"), Pkg("apk", "musl", "1.2.4_git20230717-r4", "x86_64"),
                     "Alpine:v3.19",
                     "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=3.19.1"},
        IdentityCase{Os("wolfi", "20230201"), Pkg("apk", "glibc", "2.39-r5", "aarch64"), "Wolfi",
                     "pkg:apk/wolfi/glibc@2.39-r5?arch=aarch64&distro=20230201"},
        IdentityCase{Os("rocky", "9.3"), Pkg("rpm", "openssl", "1:3.0.7-25.el9_3", "x86_64"),
                     "Rocky Linux:9",
                     "pkg:rpm/rocky/openssl@3.0.7-25.el9_3?arch=x86_64&distro=rocky-9.3&epoch=1"},
        IdentityCase{Os("rhel", "9.3"), Pkg("rpm", "bash", "5.1.8-6.el9_1", "x86_64"),
                     "Red Hat:enterprise_linux:9",
                     "pkg:rpm/redhat/bash@5.1.8-6.el9_1?arch=x86_64&distro=redhat-9.3"},
        IdentityCase{std::nullopt, Pkg("deb", "bash", "5.2.15-2+b2", "amd64"), "",
                     "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64"},
        IdentityCase{std::nullopt, Pkg("rpm", "bash", "5.1.8-6", "x86_64"), "",
                     "pkg:rpm/bash@5.1.8-6?arch=x86_64"}));

TEST(IdentityTest, LeavesLanguagePackagesAlone) {
  Package npm = Pkg("npm", "lodash", "4.17.21", "");
  npm.ecosystem = "npm";
  npm.purl = "pkg:npm/lodash@4.17.21";
  std::vector<Package> packages{npm};
  AssignOsPackageIdentity(Os("debian", "12"), packages);
  EXPECT_EQ(packages[0].ecosystem, "npm");
  EXPECT_EQ(packages[0].purl, "pkg:npm/lodash@4.17.21");
}

}  // namespace
}  // namespace portcullis
