// CVSS v3 base scores computed from vectors: the specification's examples, malformed vectors,
// and every vector of the CVE severity table subset against the score printed next to it
// (NVD / Ubuntu CVE tracker scores).
#include "detector/vuln/cvss.h"

#include <string>

#include <gtest/gtest.h>

#include "core/strings.h"
#include "vulndb/test_util.h"

namespace portcullis::vuln {
namespace {

TEST(VulnCvss, KnownScores) {
  struct Case {
    const char* vector;
    double score;
    Severity severity;
  } cases[] = {
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, Severity::kCritical},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, Severity::kCritical},
      {"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, Severity::kHigh},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, Severity::kMedium},
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9, Severity::kMedium},
      {"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6, Severity::kLow},
      {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, Severity::kInfo},
      {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, Severity::kMedium},
      // Temporal metrics do not change the base score.
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O", 9.8, Severity::kCritical},
  };
  for (const auto& c : cases) {
    auto s = ScoreCvss3(c.vector);
    ASSERT_TRUE(s.has_value()) << c.vector << ": " << s.error().message;
    EXPECT_DOUBLE_EQ(s->base, c.score) << c.vector;
    EXPECT_EQ(s->severity, c.severity) << c.vector;
  }
}

TEST(VulnCvss, MalformedVectors) {
  struct Case {
    const char* vector;
    const char* says;
  } cases[] = {
      {"AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "does not start with"},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "lacks A"},
      {"CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV has unknown value"},
      {"CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "appears twice"},
      {"CVSS:3.1/AV:N/AC/PR:N/UI:N/S:U/C:H/I:H/A:H", "not METRIC:VALUE"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "does not start with"},
  };
  for (const auto& c : cases) {
    auto s = ScoreCvss3(c.vector);
    ASSERT_FALSE(s.has_value()) << c.vector;
    EXPECT_NE(s.error().message.find(c.says), std::string::npos) << s.error().message;
  }
}

TEST(VulnCvss, ReproducesTheScoresOfTheCveTable) {
  std::string table =
      vulntest::ReadProjectFile("tests/data/advisories/cve-severity-subset.tsv.zst");
  size_t checked = 0, wrong = 0;
  for (const auto& line : vulntest::Lines(table)) {
    auto cols = Split(line, '\t');
    if (cols.size() < 3 || cols[1].empty() || !cols[1].starts_with("CVSS:3")) continue;
    auto s = ScoreCvss3(cols[1]);
    ASSERT_TRUE(s.has_value()) << line;
    ++checked;
    if (std::abs(s->base - std::stod(std::string(cols[2]))) > 1e-9 && ++wrong <= 5) {
      ADD_FAILURE() << line << ": computed " << s->base;
    }
  }
  EXPECT_GT(checked, 2000u);
  EXPECT_EQ(wrong, 0u);
}

}  // namespace
}  // namespace portcullis::vuln
