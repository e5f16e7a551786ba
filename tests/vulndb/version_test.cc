// Version comparators: hand tables from each ecosystem's documentation, and differential tests
// against the reference implementations on this machine over thousands of version pairs taken
// from the real advisory data (tests/data/versions/*.pairs.zst, made by make_pairs.py).
#include "vulndb/version/version.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "vulndb/test_util.h"

namespace portcullis::version {
namespace {

using portcullis::vulntest::Lines;
using portcullis::vulntest::ReadProjectFile;
using portcullis::vulntest::RunCommand;
using portcullis::vulntest::SourcePath;
using portcullis::vulntest::TempDir;

struct Case {
  Scheme scheme;
  const char* a;
  const char* b;
  int want;  // sign of Compare(a, b)
};

const Case kCases[] = {
    // dpkg: deb-version(7)
    {Scheme::kDpkg, "1.0", "1.0", 0},
    {Scheme::kDpkg, "1.0~rc1", "1.0", -1},
    {Scheme::kDpkg, "1.0~~", "1.0~", -1},
    {Scheme::kDpkg, "1:1.0", "2.0", 1},
    {Scheme::kDpkg, "0:1.0", "1.0", 0},
    {Scheme::kDpkg, "1.0-1", "1.0-0", 1},
    {Scheme::kDpkg, "1.0", "1.0-0", 0},
    {Scheme::kDpkg, "2.36-9+deb12u4", "2.36-9+deb12u10", -1},
    {Scheme::kDpkg, "1.0a", "1.0+", -1},
    {Scheme::kDpkg, "1.0.0", "1.0", 1},
    {Scheme::kDpkg, "7.88.1-10+deb12u5", "7.88.1-10", 1},
    {Scheme::kDpkg, "99999999999999999999", "99999999999999999998", 1},
    // apk: apk-version(8), Gentoo-style suffixes
    {Scheme::kApk, "1.0", "1.0-r1", -1},
    {Scheme::kApk, "1.1_alpha", "1.1", -1},
    {Scheme::kApk, "1.0_alpha", "1.0", 1},  // apk-tools' own quirk with a zero component
    {Scheme::kApk, "1.0_rc1", "1.0_rc2", -1},
    {Scheme::kApk, "1.0_p1", "1.0", 1},
    {Scheme::kApk, "1.0a", "1.0", 1},
    {Scheme::kApk, "1.0.1", "1.0", 1},
    {Scheme::kApk, "1.2_alpha", "1.2_beta", -1},
    {Scheme::kApk, "1.2_pre1", "1.2_rc1", -1},
    {Scheme::kApk, "3.1.4-r1", "3.1.4-r5", -1},
    {Scheme::kApk, "1.36.1-r15", "1.36.1-r20", -1},
    {Scheme::kApk, "1.2.4_git20230717-r4", "1.2.4_git20230717-r5", -1},
    {Scheme::kApk, "1.2.4_git20230717", "1.2.4", 1},
    {Scheme::kApk, "1.0.0_pre20191002222144", "1.0.0_pre20210530193627", -1},
    {Scheme::kApk, "2.10", "2.9", 1},
    {Scheme::kApk, "1.01", "1.1", -1},
    {Scheme::kApk, "0.1.0_alpha_pre2", "0.1.0_alpha", -1},
    {Scheme::kApk, "1.06-r6", "006", -1},
    {Scheme::kApk, "2.12r-r4", "2.12r-r5", -1},
    {Scheme::kApk, "1.0", "1.0bc", -1},
    {Scheme::kApk, "3.0.20060720", "20060720", -1},
    {Scheme::kApk, "0.59s-r11", "0.65", -1},
    {Scheme::kApk, "02.08.01b", "4.77", -1},
    {Scheme::kApk, "1.2.07.8", "1.2.12.04", -1},
    {Scheme::kApk, "4.5_p1-r1", "4.5_p1", 1},
    {Scheme::kApk, "23_foo", "4_beta", 1},
    // rpm: rpmvercmp
    {Scheme::kRpm, "1.0", "1.0", 0},
    {Scheme::kRpm, "1.0~rc1", "1.0", -1},
    {Scheme::kRpm, "1.0^git1", "1.0", 1},
    {Scheme::kRpm, "1.0^git1", "1.0.1", -1},
    {Scheme::kRpm, "1:1.0-1", "2.0-1", 1},
    {Scheme::kRpm, "1.0-2", "1.0-10", -1},
    {Scheme::kRpm, "1.0", "1.0-5", -1},
    {Scheme::kRpm, "1.0a", "1.0", 1},
    {Scheme::kRpm, "1.0a", "1.0.1", -1},
    {Scheme::kRpm, "2.el9", "2.el9_1", -1},
    // semver: semver.org precedence, Go spellings
    {Scheme::kSemver, "1.0.0-alpha", "1.0.0-alpha.1", -1},
    {Scheme::kSemver, "1.0.0-alpha.1", "1.0.0-alpha.beta", -1},
    {Scheme::kSemver, "1.0.0-beta.2", "1.0.0-beta.11", -1},
    {Scheme::kSemver, "1.0.0-rc.1", "1.0.0", -1},
    {Scheme::kSemver, "1.0.0+build.1", "1.0.0", 0},
    {Scheme::kSemver, "v1.2.3", "1.2.3", 0},
    {Scheme::kSemver, "v2.0.0+incompatible", "v2.0.1+incompatible", -1},
    {Scheme::kSemver, "0.0.0-20210101000000-abcdefabcdef", "0.0.1", -1},
    {Scheme::kSemver, "1.2.4-0.20210101000000-abcdefabcdef", "1.2.4", -1},
    {Scheme::kSemver, "1.2.4-0.20210101000000-abcdefabcdef", "1.2.3", 1},
    {Scheme::kSemver, "1.10.0", "1.9.0", 1},
    {Scheme::kSemver, "not-a-version", "0.0.1", -1},
    // PEP 440
    {Scheme::kPep440, "1.0.dev0", "1.0a1", -1},
    {Scheme::kPep440, "1.0a1", "1.0b1", -1},
    {Scheme::kPep440, "1.0rc1", "1.0", -1},
    {Scheme::kPep440, "1.0", "1.0.post1", -1},
    {Scheme::kPep440, "1.0.post1.dev1", "1.0.post1", -1},
    {Scheme::kPep440, "1.0", "1.0.0", 0},
    {Scheme::kPep440, "1.0+local.1", "1.0", 1},
    {Scheme::kPep440, "1.0+abc", "1.0+1", -1},
    {Scheme::kPep440, "1!0.1", "2.0", 1},
    {Scheme::kPep440, "1.0-1", "1.0.post1", 0},
    {Scheme::kPep440, "1.0alpha1", "1.0a1", 0},
    {Scheme::kPep440, "1.0c1", "1.0rc1", 0},
    {Scheme::kPep440, "V1.0", "1.0", 0},
    // Maven: ComparableVersion
    {Scheme::kMaven, "1.0", "1", 0},
    {Scheme::kMaven, "1.0-alpha-1", "1.0", -1},
    {Scheme::kMaven, "1.0-SNAPSHOT", "1.0", -1},
    {Scheme::kMaven, "1.0-rc1", "1.0-SNAPSHOT", -1},
    {Scheme::kMaven, "1.0.Final", "1.0", 0},
    {Scheme::kMaven, "1.0-sp1", "1.0", 1},
    {Scheme::kMaven, "1.0-cr1", "1.0-rc1", 0},
    {Scheme::kMaven, "2.13.4.2", "2.13.4", 1},
    {Scheme::kMaven, "1.0.1", "1.0-foo", 1},
    {Scheme::kMaven, "9.4.51.v20230217", "9.4.52.v20230823", -1},
    // RubyGems: Gem::Version
    {Scheme::kRubyGems, "1.0", "1", 0},
    {Scheme::kRubyGems, "1.0.a", "1.0", -1},
    {Scheme::kRubyGems, "1.0.0.rc1", "1.0.0", -1},
    {Scheme::kRubyGems, "1.0-beta", "1.0", -1},
    {Scheme::kRubyGems, "1.10", "1.9", 1},
    {Scheme::kRubyGems, "5.2.4.3", "5.2.4.10", -1},
};

TEST(VersionCompare, HandTable) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(::testing::Message() << c.a << " vs " << c.b);
    int got = Compare(c.scheme, c.a, c.b);
    EXPECT_EQ((got > 0) - (got < 0), c.want);
    int back = Compare(c.scheme, c.b, c.a);
    EXPECT_EQ((back > 0) - (back < 0), -c.want) << "not antisymmetric";
  }
}

TEST(VersionCompare, SchemeForEcosystem) {
  EXPECT_EQ(SchemeForEcosystem("Debian:12"), Scheme::kDpkg);
  EXPECT_EQ(SchemeForEcosystem("Alpine:v3.19"), Scheme::kApk);
  EXPECT_EQ(SchemeForEcosystem("Go"), Scheme::kSemver);
  EXPECT_EQ(SchemeForEcosystem("PyPI"), Scheme::kPep440);
  EXPECT_EQ(SchemeForEcosystem("crates.io"), Scheme::kSemver);
  EXPECT_EQ(SchemeForEcosystem("NuGet"), std::nullopt);
}

struct Pair {
  std::string a, b;
};

std::vector<Pair> LoadPairs(const char* name) {
  std::vector<Pair> out;
  for (const auto& line : Lines(ReadProjectFile(std::string("tests/data/versions/") + name))) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

// Runs `command` (which reads the pairs file named by $PAIRS, or stdin) and checks our sign
// against every line it prints ("x" = the reference rejects the pair; skipped, but counted).
void Differential(Scheme scheme, const std::vector<Pair>& pairs, const std::string& command,
                  size_t min_checked) {
  ASSERT_GT(pairs.size(), 1000u);
  TempDir dir;
  std::string input;
  for (const auto& p : pairs) input += p.a + "\t" + p.b + "\n";
  std::string file = dir.Write("pairs.txt", input);
  auto result = RunCommand("(PAIRS='" + file + "' " + command + ") < '" + file + "'");
  ASSERT_EQ(result.exit_code, 0) << command;
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), pairs.size()) << command;
  size_t checked = 0, mismatches = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (lines[i] == "x") continue;
    ++checked;
    int got = Compare(scheme, pairs[i].a, pairs[i].b);
    int sign = (got > 0) - (got < 0);
    if (std::to_string(sign) != lines[i]) {
      if (++mismatches <= 10) {
        ADD_FAILURE() << "'" << pairs[i].a << "' vs '" << pairs[i].b << "': reference " << lines[i]
                      << ", ours " << sign;
      }
    }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GE(checked, min_checked) << "too few pairs the reference accepts";
}

const std::string kReference = SourcePath("tests/vulndb/reference/");

TEST(VersionDifferential, DpkgAgainstApt) {
  Differential(Scheme::kDpkg, LoadPairs("dpkg.pairs.zst"),
               "/usr/bin/python3 " + kReference + "dpkg.py", 5000);
}

TEST(VersionDifferential, RpmAgainstRpmVercmp) {
  // No rpm advisories in the snapshots: Debian and semver versions exercise the same
  // segments, '~', epochs and releases.
  auto pairs = LoadPairs("dpkg.pairs.zst");
  auto more = LoadPairs("semver.pairs.zst");
  pairs.insert(pairs.end(), more.begin(), more.end());
  Differential(Scheme::kRpm, pairs,
               "rpm --eval \"%{lua: dofile('" + kReference + "rpm.lua')}\" | sed '/^$/d'", 10000);
}

TEST(VersionDifferential, Pep440AgainstPackaging) {
  Differential(Scheme::kPep440, LoadPairs("pep440.pairs.zst"),
               "/usr/bin/python3 " + kReference + "pep440.py", 5000);
}

std::string SemverModule() {
  return vulntest::NodeModule("semver", {"/usr/lib/node_modules/npm/node_modules/semver",
                                         "/usr/share/nodejs/semver"});
}

TEST(VersionDifferential, SemverAgainstNpmSemver) {
  std::string module = SemverModule();
  ASSERT_FALSE(module.empty()) << "npm semver not installed (scripts/setup installs it)";
  Differential(Scheme::kSemver, LoadPairs("semver.pairs.zst"),
               "node " + kReference + "semver.js '" + module + "'", 5000);
}

TEST(VersionDifferential, RubyGemsAgainstGemVersion) {
  Differential(Scheme::kRubyGems, LoadPairs("rubygems.pairs.zst"),
               "ruby " + kReference + "rubygems.rb", 5000);
}

TEST(VersionDifferential, MavenAgainstComparableVersion) {
  // ComparableVersion's main() compares each argument with the next one.
  // Arguments go through xargs in chunks of kChunk (an even number, so no pair is split).
  auto pairs = LoadPairs("maven.pairs.zst");
  ASSERT_GT(pairs.size(), 1000u);
  std::vector<std::string> seq;
  for (const auto& p : pairs) {
    seq.push_back(p.a);
    seq.push_back(p.b);
  }
  constexpr size_t kChunk = 2000;
  TempDir dir;
  std::string args;
  for (const auto& v : seq) args += v + "\n";
  std::string file = dir.Write("args.txt", args);
  auto result = RunCommand("xargs -d '\\n' -n " + std::to_string(kChunk) + " -a '" + file +
                           "' java -cp /usr/share/maven/lib/maven-artifact-3.x.jar "
                           "org.apache.maven.artifact.versioning.ComparableVersion");
  ASSERT_EQ(result.exit_code, 0);
  std::vector<std::string> ops;
  for (const auto& line : Lines(result.out)) {
    if (line.starts_with("   ")) ops.push_back(line);
  }
  size_t next_op = 0, mismatches = 0;
  for (size_t i = 0; i + 1 < seq.size(); ++i) {
    if ((i + 1) % kChunk == 0) continue;  // last of a chunk: compared with nothing
    ASSERT_LT(next_op, ops.size());
    int got = CompareMaven(seq[i], seq[i + 1]);
    std::string op = got < 0 ? "<" : (got > 0 ? ">" : "==");
    std::string want = "   " + seq[i] + " " + op + " " + seq[i + 1];
    if (ops[next_op++] != want && ++mismatches <= 10) {
      ADD_FAILURE() << "reference: '" << ops[next_op - 1] << "', ours: '" << want << "'";
    }
  }
  EXPECT_EQ(next_op, ops.size());
  EXPECT_EQ(mismatches, 0u);
}

}  // namespace
}  // namespace portcullis::version
