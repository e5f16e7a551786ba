// OS detection: os-release syntax, the fallback release files, version refinement, distroless,
// and the end-of-life table. Release files below are the real ones of the named images.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "analyzer/os/detect.h"
#include "analyzer/os/eol.h"
#include "analyzer/os/os_release.h"

namespace portcullis {
namespace {

constexpr std::string_view kToday = "2026-11-23";

FileLookup LookupIn(const std::map<std::string, std::string>& files) {
  return [files](std::string_view path) -> std::optional<std::string> {
    auto it = files.find(std::string(path));
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
}

constexpr const char* kDebian12 =
    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
    "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n"
    "HOME_URL=\"https://www.debian.org/\"\n";
constexpr const char* kDistroless =
    "PRETTY_NAME=\"Distroless\"\nNAME=\"Debian GNU/Linux\"\nID=\"debian\"\nVERSION_ID=\"12\"\n"
    "VERSION=\"Debian GNU/Linux 12 (bookworm)\"\n"
    "HOME_URL=\"https://github.com/GoogleContainerTools/distroless\"\n";
constexpr const char* kUbuntu2204 =
    "PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\n"
    "VERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\nVERSION_CODENAME=jammy\nID=ubuntu\n"
    "ID_LIKE=debian\nUBUNTU_CODENAME=jammy\n";
constexpr const char* kAlpine319 =
    "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n"
    "PRETTY_NAME=\"Alpine Linux v3.19\"\nHOME_URL=\"https://alpinelinux.org/\"\n";
constexpr const char* kRocky93 =
    "NAME=\"Rocky Linux\"\nVERSION=\"9.3 (Blue Onyx)\"\nID=\"rocky\"\n"
    "ID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\nPLATFORM_ID=\"platform:el9\"\n"
    "PRETTY_NAME=\"Rocky Linux 9.3 (Blue Onyx)\"\n";
constexpr const char* kCentos7 =
    "NAME=\"CentOS Linux\"\nVERSION=\"7 (Core)\"\nID=\"centos\"\nID_LIKE=\"rhel fedora\"\n"
    "VERSION_ID=\"7\"\nPRETTY_NAME=\"CentOS Linux 7 (Core)\"\n";
constexpr const char* kCentosStream9 =
    "NAME=\"CentOS Stream\"\nVERSION=\"9\"\nID=\"centos\"\nID_LIKE=\"rhel fedora\"\n"
    "VERSION_ID=\"9\"\nPRETTY_NAME=\"CentOS Stream 9\"\n";
constexpr const char* kAmazon2 =
    "NAME=\"Amazon Linux\"\nVERSION=\"2\"\nID=\"amzn\"\nID_LIKE=\"centos rhel fedora\"\n"
    "VERSION_ID=\"2\"\nPRETTY_NAME=\"Amazon Linux 2\"\n";
constexpr const char* kWolfi =
    "ID=wolfi\nNAME=\"Wolfi\"\nPRETTY_NAME=\"Wolfi\"\nVERSION_ID=\"20230201\"\n";

struct DetectCase {
  const char* name;
  std::map<std::string, std::string> files;
  const char* family;
  const char* version;
  const char* codename;
  const char* pretty;
  bool eol;
  const char* eol_date;
};

class DetectOsTest : public ::testing::TestWithParam<DetectCase> {};

TEST_P(DetectOsTest, Detects) {
  const DetectCase& c = GetParam();
  std::optional<OsInfo> os = DetectOs(LookupIn(c.files), kToday);
  ASSERT_TRUE(os.has_value()) << c.name;
  EXPECT_EQ(os->family, c.family) << c.name;
  EXPECT_EQ(os->version, c.version) << c.name;
  EXPECT_EQ(os->codename, c.codename) << c.name;
  EXPECT_EQ(os->name, c.pretty) << c.name;
  EXPECT_EQ(os->eol, c.eol) << c.name;
  EXPECT_EQ(os->eol_date, c.eol_date) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Images, DetectOsTest,
    ::testing::Values(
        DetectCase{"debian 12 refined from debian_version",
                   {{"etc/os-release", kDebian12}, {"etc/debian_version", "12.5\n"}},
                   "debian", "12.5", "bookworm", "Debian GNU/Linux 12 (bookworm)", false,
                   "2028-06-30"},
        DetectCase{"debian 12 through usr/lib/os-release only",
                   {{"usr/lib/os-release", kDebian12}}, "debian", "12", "bookworm",
                   "Debian GNU/Linux 12 (bookworm)", false, "2028-06-30"},
        DetectCase{"debian_version of another release does not refine",
                   {{"etc/os-release", kDebian12}, {"etc/debian_version", "11.9\n"}}, "debian",
                   "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", false, "2028-06-30"},
        DetectCase{"distroless",
                   {{"etc/os-release", kDistroless}, {"etc/debian_version", "12.4\n"}},
                   "debian", "12.4", "bookworm", "Distroless", false, "2028-06-30"},
        DetectCase{"debian 10 is past its LTS",
                   {{"etc/os-release",
                     "PRETTY_NAME=\"Debian GNU/Linux 10 (buster)\"\nID=debian\nVERSION_ID=\"10\"\n"
                     "VERSION_CODENAME=buster\n"},
                    {"etc/debian_version", "10.13\n"}},
                   "debian", "10.13", "buster", "Debian GNU/Linux 10 (buster)", true,
                   "2024-06-30"},
        DetectCase{"debian testing has no version",
                   {{"etc/os-release",
                     "PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nNAME=\"Debian GNU/Linux\"\n"
                     "ID=debian\n"},
                    {"etc/debian_version", "trixie/sid\n"}},
                   "debian", "", "trixie", "Debian GNU/Linux trixie/sid", false, ""},
        DetectCase{"ubuntu 22.04", {{"etc/os-release", kUbuntu2204}}, "ubuntu", "22.04", "jammy",
                   "Ubuntu 22.04.4 LTS", false, "2027-04-01"},
        DetectCase{"ubuntu 23.10 interim is past its end",
                   {{"etc/os-release",
                     "NAME=\"Ubuntu\"\nVERSION_ID=\"23.10\"\nID=ubuntu\n"
                     "PRETTY_NAME=\"Ubuntu 23.10\"\nVERSION_CODENAME=mantic\n"}},
                   "ubuntu", "23.10", "mantic", "Ubuntu 23.10", true, "2024-07-12"},
        DetectCase{"alpine 3.19.1",
                   {{"etc/os-release", kAlpine319}, {"etc/alpine-release", "3.19.1\n"}}, "alpine",
                   "3.19.1", "", "Alpine Linux v3.19", true, "2025-11-01"},
        DetectCase{"alpine 3.21 supported until 2026-11-01, past it on 11-23",
                   {{"etc/alpine-release", "3.21.3\n"}}, "alpine", "3.21.3", "",
                   "Alpine Linux 3.21.3", true, "2026-11-01"},
        DetectCase{"alpine 3.22 without os-release",
                   {{"etc/alpine-release", "3.22.0\n"}}, "alpine", "3.22.0", "",
                   "Alpine Linux 3.22.0", false, "2027-05-01"},
        DetectCase{"rocky 9.3", {{"etc/os-release", kRocky93}}, "rocky", "9.3", "",
                   "Rocky Linux 9.3 (Blue Onyx)", false, "2032-05-31"},
        DetectCase{"centos 7 refined from centos-release",
                   {{"etc/os-release", kCentos7},
                    {"etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n"}},
                   "centos", "7.9.2009", "", "CentOS Linux 7 (Core)", true, "2024-06-30"},
        DetectCase{"centos stream 9 is not centos linux",
                   {{"etc/os-release", kCentosStream9}}, "centos", "9", "", "CentOS Stream 9",
                   false, "2027-05-31"},
        DetectCase{"centos 6 without os-release",
                   {{"etc/redhat-release", "CentOS release 6.10 (Final)\n"}}, "centos", "6.10",
                   "", "CentOS release 6.10 (Final)", true, "2020-11-30"},
        DetectCase{"rhel 8 from redhat-release",
                   {{"etc/redhat-release",
                     "Red Hat Enterprise Linux release 8.9 (Ootpa)\n"}},
                   "rhel", "8.9", "", "Red Hat Enterprise Linux release 8.9 (Ootpa)", false,
                   "2029-05-31"},
        DetectCase{"amazon linux 2", {{"etc/os-release", kAmazon2}}, "amazon", "2", "",
                   "Amazon Linux 2", true, "2026-06-30"},
        DetectCase{"ubuntu from lsb-release",
                   {{"etc/lsb-release",
                     "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\nDISTRIB_CODENAME=focal\n"
                     "DISTRIB_DESCRIPTION=\"Ubuntu 20.04.6 LTS\"\n"}},
                   "ubuntu", "20.04", "focal", "Ubuntu 20.04.6 LTS", true, "2025-05-31"},
        DetectCase{"debian from debian_version only", {{"etc/debian_version", "11.9\n"}},
                   "debian", "11.9", "bullseye", "Debian GNU/Linux 11.9", true, "2026-08-31"},
        DetectCase{"wolfi is rolling", {{"etc/os-release", kWolfi}}, "wolfi", "20230201", "",
                   "Wolfi", false, ""},
        DetectCase{"unknown release of a known family",
                   {{"etc/os-release", "ID=debian\nVERSION_ID=\"42\"\n"}}, "debian", "42", "",
                   "", false, ""}));

TEST(DetectOsTest, NothingToGoOn) {
  EXPECT_FALSE(DetectOs(LookupIn({}), kToday).has_value());
  EXPECT_FALSE(DetectOs(LookupIn({{"etc/os-release", "NAME=Thing\n"}}), kToday).has_value());
  EXPECT_FALSE(DetectOs(FileLookup{}, kToday).has_value());
}

TEST(DetectOsTest, DistrolessWithOnlyStatusD) {
  PackageDb db;
  db.kind = "dpkg";
  db.packages.push_back(Package{.name = "base-files", .version = "12.4+deb12u5"});
  std::vector<PackageDb> dbs{db};
  auto os = DetectOs(LookupIn({}), kToday, dbs);
  ASSERT_TRUE(os.has_value());
  EXPECT_EQ(os->family, "debian");
  EXPECT_EQ(os->version, "12");
  EXPECT_EQ(os->codename, "bookworm");

  // Ubuntu's base-files does not pass for Debian's.
  dbs[0].packages[0].version = "12ubuntu4.6";
  EXPECT_FALSE(DetectOs(LookupIn({}), kToday, dbs).has_value());
}

TEST(DetectOsTest, OversizedReleaseFileIsIgnored) {
  std::string huge = "ID=debian\nVERSION_ID=12\n" + std::string(kMaxOsFileBytes, '#');
  EXPECT_FALSE(DetectOs(LookupIn({{"etc/os-release", huge}}), kToday).has_value());
}

TEST(DetectOsTest, DiagnosticsForMalformedOsRelease) {
  std::vector<Diagnostic> diagnostics;
  auto os = DetectOs(LookupIn({{"etc/os-release", "ID=alpine\nthis is not an assignment\n"
                                                  "VERSION_ID=\"3.20.1\n"}}),
                     kToday, {}, &diagnostics);
  ASSERT_TRUE(os.has_value());
  EXPECT_EQ(os->version, "3.20.1");
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].code, "os_release.bad_line");
  EXPECT_EQ(diagnostics[0].path, "etc/os-release");
  EXPECT_EQ(diagnostics[0].line, 2u);
  EXPECT_EQ(diagnostics[1].code, "os_release.unterminated_quote");
  EXPECT_EQ(diagnostics[1].line, 3u);
}

struct OsReleaseCase {
  const char* line;
  const char* key;
  const char* value;
};

class OsReleaseSyntaxTest : public ::testing::TestWithParam<OsReleaseCase> {};

TEST_P(OsReleaseSyntaxTest, Unquotes) {
  OsReleaseFile f = ParseOsRelease(GetParam().line, "etc/os-release");
  EXPECT_TRUE(f.diagnostics.empty()) << GetParam().line;
  ASSERT_EQ(f.fields.count(GetParam().key), 1u) << GetParam().line;
  EXPECT_EQ(f.fields.at(GetParam().key), GetParam().value);
}

// Quoting per os-release(5): shell-compatible, no expansion.
INSTANTIATE_TEST_SUITE_P(
    Quoting, OsReleaseSyntaxTest,
    ::testing::Values(OsReleaseCase{"ID=debian", "ID", "debian"},
                      OsReleaseCase{"ID=\"debian\"", "ID", "debian"},
                      OsReleaseCase{"ID='debian'", "ID", "debian"},
                      OsReleaseCase{"NAME=\"a \\\"quoted\\\" \\$word \\\\ \\`x\\`\"", "NAME",
                                    "a \"quoted\" $word \\ `x`"},
                      OsReleaseCase{"NAME=\"keep \\n as is\"", "NAME", "keep \\n as is"},
                      OsReleaseCase{"NAME='no \\\" escapes'", "NAME", "no \\\" escapes"},
                      OsReleaseCase{"NAME=unquoted\\ space", "NAME", "unquoted space"},
                      OsReleaseCase{"  VERSION_ID=\"12\"  \r", "VERSION_ID", "12"},
                      OsReleaseCase{"# comment\n\nID=x\nID=y", "ID", "y"},
                      OsReleaseCase{"EMPTY=", "EMPTY", ""},
                      OsReleaseCase{"HOME_URL=\"https://x/?a=b\"", "HOME_URL",
                                    "https://x/?a=b"}));

TEST(OsReleaseSyntaxTest, RejectsBadKeys) {
  OsReleaseFile f = ParseOsRelease("1ID=x\nI D=y\n=z\nOK=1\n", "p");
  EXPECT_EQ(f.diagnostics.size(), 3u);
  EXPECT_EQ(f.fields.size(), 1u);
  EXPECT_EQ(f.diagnostics[2].line, 3u);
}

TEST(EolTest, TableIsWellFormed) {
  for (const EolEntry& e : EolTable()) {
    ASSERT_EQ(e.date.size(), 10u) << e.family << " " << e.release;
    EXPECT_EQ(e.date[4], '-');
    EXPECT_EQ(e.date[7], '-');
    // Every entry is reachable from a version of its release, and only one entry per release.
    bool stream = e.release.starts_with("stream");
    std::string_view version = stream ? e.release.substr(6) : e.release;
    EXPECT_EQ(FindEol(e.family, version, stream), &e) << e.family << " " << e.release;
  }
}

TEST(EolTest, ReleaseKeysAndDates) {
  EXPECT_EQ(ReleaseKey("debian", "12.5"), "12");
  EXPECT_EQ(ReleaseKey("ubuntu", "22.04.4"), "22.04");
  EXPECT_EQ(ReleaseKey("alpine", "3.19.1"), "3.19");
  EXPECT_EQ(ReleaseKey("alpine", "3.21.0_alpha20240807"), "3.21");
  EXPECT_EQ(ReleaseKey("amazon", "2023.4.20240416"), "2023");
  EXPECT_EQ(ReleaseKey("amazon", "2018.03"), "2018.03");
  EXPECT_EQ(ReleaseKey("centos", "9", true), "stream9");
  EXPECT_EQ(ReleaseKey("debian", ""), "");
  EXPECT_TRUE(IsPastDate("2024-07-01", "2024-06-30"));
  EXPECT_FALSE(IsPastDate("2024-06-30", "2024-06-30"));  // the last day is still supported
  EXPECT_TRUE(IsPastDate("2024-07-01T00:00:00Z", "2024-06-30"));
  EXPECT_FALSE(IsPastDate("2030-01-01", ""));
}

TEST(OsFilesAnalyzerTest, CollectsExactPathsOnly) {
  OsFilesAnalyzer analyzer;
  TarEntry entry;
  entry.path = "etc/os-release";
  EXPECT_TRUE(analyzer.Wants(entry));
  entry.path = "usr/lib/os-release";
  EXPECT_TRUE(analyzer.Wants(entry));
  entry.path = "etc/os-release.bak";
  EXPECT_FALSE(analyzer.Wants(entry));
  entry.path = "home/u/etc/os-release";
  EXPECT_FALSE(analyzer.Wants(entry));
  entry.path = "etc/os-release";
  entry.type = EntryType::kSymlink;
  EXPECT_FALSE(analyzer.Wants(entry));

  entry.type = EntryType::kFile;
  LayerFacts facts;
  analyzer.Analyze(entry, kDebian12, facts);
  EXPECT_EQ(facts.collected.at("etc/os-release"), kDebian12);
  entry.path = "etc/debian_version";
  analyzer.Analyze(entry, std::string(kMaxOsFileBytes + 1, 'x'), facts);
  EXPECT_EQ(facts.collected.count("etc/debian_version"), 0u);
  ASSERT_EQ(facts.diagnostics.size(), 1u);
  EXPECT_EQ(facts.diagnostics[0].code, "os.release_file_too_large");
}

}  // namespace
}  // namespace portcullis
