// dpkg status parsing: stanzas as dpkg writes them, the installed-state rule, Source forms,
// distroless status.d files, malformed input kept partly with line-numbered diagnostics, and
// (when the debootstrap root exists) the exact package list dpkg-query reports for it.
#include "analyzer/pkg/dpkg.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "analyzer/command_output.h"
#include "core/files.h"
#include "core/strings.h"
#include "support/debian_image.h"

namespace portcullis {
namespace {

// Three stanzas in the shape of a real bookworm status file (fields trimmed for length).
constexpr std::string_view kStatus =
    "Package: libc6\n"
    "Status: install ok installed\n"
    "Priority: optional\n"
    "Section: libs\n"
    "Installed-Size: 12987\n"
    "Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\n"
    "Architecture: amd64\n"
    "Multi-Arch: same\n"
    "Source: glibc\n"
    "Version: 2.36-9+deb12u4\n"
    "Depends: libgcc-s1\n"
    "Description: GNU C Library: Shared libraries\n"
    " Contains the standard libraries that are used by nearly all programs on\n"
    " the system.\n"
    "\n"
    "Package: login\n"
    "Status: install ok installed\n"
    "Maintainer: Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>\n"
    "Architecture: amd64\n"
    "Source: shadow (1:4.13+dfsg1-1)\n"
    "Version: 1:4.13+dfsg1-1+b1\n"
    "Conffiles:\n"
    " /etc/login.defs 8d2f1d9e6b5c2a1c3d4e5f60718293a4\n"
    "Description: system login tools\n"
    "\n"
    "Package: bash\n"
    "Essential: yes\n"
    "Status: install ok installed\n"
    "Architecture: amd64\n"
    "Version: 5.2.15-2+b2\n";

TEST(DpkgTest, ParsesStanzas) {
  std::vector<Diagnostic> diagnostics;
  auto packages = ParseDpkgStatus(kStatus, "var/lib/dpkg/status", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(packages.size(), 3u);
  EXPECT_EQ(packages[0].name, "libc6");
  EXPECT_EQ(packages[0].version, "2.36-9+deb12u4");
  EXPECT_EQ(packages[0].arch, "amd64");
  EXPECT_EQ(packages[0].source_name, "glibc");
  EXPECT_EQ(packages[0].source_version, "2.36-9+deb12u4");
  EXPECT_EQ(packages[0].maintainer, "GNU Libc Maintainers <debian-glibc@lists.debian.org>");
  EXPECT_EQ(packages[0].type, "deb");
  EXPECT_EQ(packages[0].found_in, "var/lib/dpkg/status");
  EXPECT_EQ(packages[1].name, "login");
  EXPECT_EQ(packages[1].version, "1:4.13+dfsg1-1+b1");
  EXPECT_EQ(packages[1].source_name, "shadow");
  EXPECT_EQ(packages[1].source_version, "1:4.13+dfsg1-1");
  EXPECT_EQ(packages[2].name, "bash");
  EXPECT_EQ(packages[2].source_name, "bash");
  EXPECT_EQ(packages[2].source_version, "5.2.15-2+b2");
}

struct StatusCase {
  const char* status;
  bool installed;
};

class DpkgStatusTest : public ::testing::TestWithParam<StatusCase> {};

TEST_P(DpkgStatusTest, InstalledStates) {
  EXPECT_EQ(IsDpkgInstalledStatus(GetParam().status), GetParam().installed) << GetParam().status;
  std::string stanza = std::string("Package: p\nVersion: 1\nStatus: ") + GetParam().status + "\n";
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(ParseDpkgStatus(stanza, "s", diagnostics).size(), GetParam().installed ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(
    States, DpkgStatusTest,
    ::testing::Values(StatusCase{"install ok installed", true},
                      StatusCase{"hold ok installed", true},
                      StatusCase{"deinstall ok installed", true},
                      StatusCase{"install ok unpacked", true},
                      StatusCase{"install ok half-configured", true},
                      StatusCase{"install reinstreq half-installed", true},
                      StatusCase{"install ok triggers-pending", true},
                      StatusCase{"install ok triggers-awaited", true},
                      StatusCase{"deinstall ok config-files", false},
                      StatusCase{"purge ok not-installed", false},
                      StatusCase{"unknown ok not-installed", false},
                      StatusCase{"", false}));

TEST(DpkgTest, MalformedStanzasAreDiagnosedAndTheRestKept) {
  constexpr std::string_view kBroken =
      "Package: good-one\n"
      "Status: install ok installed\n"
      "Version: 1.0\n"
      "\n"
      "Package: no-version\n"            // line 5
      "Status: install ok installed\n"
      "\n"
      "Status: install ok installed\n"   // line 8: no Package
      "Version: 2.0\n"
      "\n"
      "Package: good-two\n"
      "garbage without a colon\n"        // line 12
      "Version: 3.0\n"
      "Source: weird ()\n"
      "Status: install ok installed\n";
  std::vector<Diagnostic> diagnostics;
  auto packages = ParseDpkgStatus(kBroken, "var/lib/dpkg/status", diagnostics);
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].name, "good-one");
  EXPECT_EQ(packages[1].name, "good-two");
  EXPECT_EQ(packages[1].source_name, "weird");
  EXPECT_EQ(packages[1].source_version, "3.0");
  ASSERT_EQ(diagnostics.size(), 4u);
  EXPECT_EQ(diagnostics[0].code, "dpkg.bad_stanza");
  EXPECT_EQ(diagnostics[0].line, 5u);
  EXPECT_NE(diagnostics[0].message.find("Version"), std::string::npos);
  EXPECT_EQ(diagnostics[1].code, "dpkg.bad_stanza");
  EXPECT_EQ(diagnostics[1].line, 8u);
  EXPECT_EQ(diagnostics[2].code, "dpkg.bad_line");
  EXPECT_EQ(diagnostics[2].line, 12u);
  EXPECT_EQ(diagnostics[3].code, "dpkg.bad_source");
  for (const Diagnostic& d : diagnostics) EXPECT_EQ(d.path, "var/lib/dpkg/status");
}

TEST(DpkgTest, ToleratesCrlfAndMissingFinalNewlineAndEmptyInput) {
  std::vector<Diagnostic> diagnostics;
  auto packages = ParseDpkgStatus("Package: a\r\nVersion: 1\r\n\r\nPackage: b\r\nVersion: 2",
                                  "s", diagnostics);
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].version, "1");
  EXPECT_EQ(packages[1].name, "b");
  EXPECT_TRUE(ParseDpkgStatus("", "s", diagnostics).empty());
  EXPECT_TRUE(ParseDpkgStatus("\n\n\n", "s", diagnostics).empty());
  EXPECT_TRUE(diagnostics.empty());
}

TEST(DpkgTest, InvalidUtf8IsSanitized) {
  std::vector<Diagnostic> diagnostics;
  auto packages = ParseDpkgStatus("Package: a\xFF\nVersion: 1\n", "s", diagnostics);
  ASSERT_EQ(packages.size(), 1u);
  EXPECT_TRUE(IsValidUtf8(packages[0].name));
}

struct PathCase {
  const char* path;
  bool wanted;
};

class DpkgPathTest : public ::testing::TestWithParam<PathCase> {};

TEST_P(DpkgPathTest, Wants) {
  DpkgAnalyzer analyzer;
  TarEntry entry;
  entry.path = GetParam().path;
  EXPECT_EQ(analyzer.Wants(entry), GetParam().wanted) << GetParam().path;
}

INSTANTIATE_TEST_SUITE_P(Paths, DpkgPathTest,
                         ::testing::Values(PathCase{"var/lib/dpkg/status", true},
                                           PathCase{"var/lib/dpkg/status-old", false},
                                           PathCase{"var/lib/dpkg/status.d/libc6", true},
                                           PathCase{"var/lib/dpkg/status.d/libssl3_a1b2c3", true},
                                           PathCase{"var/lib/dpkg/status.d/libc6.md5sums",
                                                    false},
                                           PathCase{"var/lib/dpkg/status.d/", false},
                                           PathCase{"var/lib/dpkg/status.d/x/y", false},
                                           PathCase{"srv/var/lib/dpkg/status", false}));

TEST(DpkgTest, DistrolessStatusDFileWithoutStatusField) {
  DpkgAnalyzer analyzer;
  TarEntry entry;
  entry.path = "var/lib/dpkg/status.d/base-files";
  LayerFacts facts;
  analyzer.Analyze(entry,
                   "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n"
                   "Maintainer: Santiago Vila <sanvila@debian.org>\n",
                   facts);
  ASSERT_EQ(facts.package_dbs.size(), 1u);
  EXPECT_EQ(facts.package_dbs[0].kind, "dpkg");
  EXPECT_EQ(facts.package_dbs[0].path, "var/lib/dpkg/status.d/base-files");
  EXPECT_TRUE(facts.package_dbs[0].os);
  ASSERT_EQ(facts.package_dbs[0].packages.size(), 1u);
  EXPECT_EQ(facts.package_dbs[0].packages[0].version, "12.4+deb12u5");
}

// The real thing: a debootstrap-built bookworm root (scripts create it; see the issue), compared
// with what dpkg-query itself lists from the same database. config-files packages ("rc") are
// left out of both sides on purpose (see IsDpkgInstalledStatus).
TEST(DpkgTest, MatchesDpkgQueryOnDebootstrapRoot) {
  REQUIRE_DEBIAN_TEST_IMAGE();
  const std::filesystem::path root =
      std::filesystem::path(testing::TestImageCache()) / "bookworm-rootfs";
  const std::filesystem::path admindir = root / "var/lib/dpkg";
  std::string command = "dpkg-query --admindir=" + admindir.string() +
                        " -W -f='${db:Status-Abbrev}\\t${Package}\\t${Version}\\t"
                        "${source:Package}\\t${source:Version}\\t${Architecture}\\n'";
  std::string output = testing::CommandOutput(command);
  std::multiset<std::string> expected;
  for (std::string_view line : Split(output, '\n')) {
    if (line.empty() || line.substr(0, 2) == "rc") continue;
    expected.insert(std::string(line.substr(line.find('\t') + 1)));
  }
  ASSERT_GT(expected.size(), 50u) << "dpkg-query listed too little: " << output.substr(0, 200);

  auto content = ReadFileLimited((admindir / "status").string(), 256ull << 20);
  ASSERT_TRUE(content.has_value()) << content.error().ToString();
  std::vector<Diagnostic> diagnostics;
  auto packages = ParseDpkgStatus(*content, "var/lib/dpkg/status", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  std::multiset<std::string> actual;
  for (const Package& p : packages) {
    actual.insert(p.name + "\t" + p.version + "\t" + p.source_name + "\t" + p.source_version +
                  "\t" + p.arch);
  }
  EXPECT_EQ(actual, expected);
}

}  // namespace
}  // namespace portcullis
