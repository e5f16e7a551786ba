// CVSS v4.0 scores computed from vectors, against a reference implementation of the FIRST
// calculator (the npm `ae-cvss-calculator` package): the calculator's published examples; all
// 104,976 Base vectors against the reference's scores stored in tests/data/cvss4; every CVSS_V4
// vector of the advisory subset and thousands of generated vectors with Threat, Environmental
// and Supplemental metrics, in one batch call to node; malformed and hostile vectors; which
// severity a record's vectors give, and that severity end to end through the detector on the
// real advisory subset.
#include "detector/vuln/cvss4.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detector/vuln/detector.h"
#include "detector/vuln/severity.h"
#include "vulndb/importer.h"
#include "vulndb/store.h"
#include "vulndb/test_util.h"

namespace portcullis::vuln {
namespace {

using portcullis::vulntest::Lines;
using portcullis::vulntest::ReadProjectFile;
using portcullis::vulntest::RunCommand;
using portcullis::vulntest::SourcePath;
using portcullis::vulntest::TempDir;

const char* kOsv = "tests/data/advisories/osv-subset.tar.zst";

TEST(VulnCvss4, PublishedExamples) {
  // Scores as the FIRST calculator (and Red Hat's, which it is built from) shows them.
  struct Case {
    const char* vector;
    double score;
    Severity severity;
    const char* macro_vector;
    const char* nomenclature;
  } cases[] = {
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, Severity::kCritical,
       "000100", "CVSS-B"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, Severity::kCritical,
       "000200", "CVSS-B"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H", 7.9, Severity::kHigh,
       "002101", "CVSS-B"},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0, Severity::kInfo,
       "002201", "CVSS-B"},
      {"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 1.0, Severity::kLow,
       "212201", "CVSS-B"},
      {"CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:N/VI:H/VA:H/SC:N/SI:L/SA:L", 5.2, Severity::kMedium,
       "201200", "CVSS-B"},
      // Threat: E:U lowers the score (CVSS-BT).
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U", 9.1,
       Severity::kCritical, "000120", "CVSS-BT"},
      {"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U", 0.4, Severity::kLow,
       "112221", "CVSS-BT"},
      // Environmental: modified metrics and security requirements (CVSS-BE, CVSS-BTE).
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MVI:L/MSA:S", 9.8,
       Severity::kCritical, "001000", "CVSS-BE"},
      {"CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:N/VC:N/VI:N/VA:H/SC:H/SI:H/SA:H/CR:L/IR:L/AR:L", 5.8,
       Severity::kMedium, "111101", "CVSS-BE"},
      {"CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:N/VI:H/VA:H/SC:N/SI:L/SA:L/E:P/CR:H/IR:M/AR:H/"
       "MAV:A/MAT:P/MPR:N/MVI:H/MVA:N/MSI:H/MSA:N/S:N/V:C/U:Amber",
       4.7, Severity::kMedium, "111111", "CVSS-BTE"},
      // Supplemental metrics never change the score.
      {"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N/S:P/AU:Y/R:A/V:D/RE:L/"
       "U:Red",
       1.0, Severity::kLow, "212201", "CVSS-B"},
      // The interpolation lands one ulp below the tie 8.55 here; the reference rounds it up.
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H", 8.6, Severity::kHigh,
       "101100", "CVSS-B"},
  };
  for (const auto& c : cases) {
    auto s = ScoreCvss4(c.vector);
    ASSERT_TRUE(s.has_value()) << c.vector << ": " << s.error().message;
    EXPECT_DOUBLE_EQ(s->score, c.score) << c.vector;
    EXPECT_EQ(s->severity, c.severity) << c.vector;
    EXPECT_EQ(s->macro_vector, c.macro_vector) << c.vector;
    EXPECT_EQ(s->nomenclature, c.nomenclature) << c.vector;
  }
}

TEST(VulnCvss4, EveryBaseVectorMatchesTheReference) {
  // tests/data/cvss4/base-scores.zst: the reference's "SCORE MACROVECTOR" for each of the
  // 104,976 Base vectors, enumerated as make_base_scores.py does (last metric fastest).
  struct Metric {
    const char* name;
    std::string_view values;
  };
  const Metric kBase[] = {{"AV", "NALP"}, {"AC", "LH"},  {"AT", "NP"},  {"PR", "NLH"},
                          {"UI", "NPA"},  {"VC", "HLN"}, {"VI", "HLN"}, {"VA", "HLN"},
                          {"SC", "HLN"},  {"SI", "HLN"}, {"SA", "HLN"}};
  auto lines = Lines(ReadProjectFile("tests/data/cvss4/base-scores.zst"));
  ASSERT_EQ(lines.size(), 104'976u);
  std::array<size_t, std::size(kBase)> digit{};
  size_t mismatches = 0;
  for (const auto& want : lines) {
    std::string vector = "CVSS:4.0";
    for (size_t m = 0; m < digit.size(); ++m) {
      vector += fmt::format("/{}:{}", kBase[m].name, kBase[m].values[digit[m]]);
    }
    auto s = ScoreCvss4(vector);
    ASSERT_TRUE(s.has_value()) << vector << ": " << s.error().message;
    std::string got = fmt::format("{:.1f} {}", s->score, s->macro_vector);
    if (got != want && ++mismatches <= 10) {
      ADD_FAILURE() << vector << ": reference " << want << ", ours " << got;
    }
    for (size_t m = digit.size(); m-- > 0;) {  // next vector: the last metric varies fastest
      if (++digit[m] < kBase[m].values.size()) break;
      digit[m] = 0;
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

TEST(VulnCvss4, OrderAndNotDefinedDoNotChangeTheScore) {
  const std::string canonical = "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
  auto base = ScoreCvss4(canonical);
  ASSERT_TRUE(base.has_value());
  EXPECT_DOUBLE_EQ(base->score, 8.7);
  const char* same[] = {
      // As some GitHub advisories write it (impacts interleaved).
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N",
      // Every Threat and Environmental metric Not Defined.
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/"
      "MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X",
      // Worst-case values stated explicitly, as X assumes them.
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/CR:H/IR:H/AR:H",
  };
  for (const char* v : same) {
    auto s = ScoreCvss4(v);
    ASSERT_TRUE(s.has_value()) << v << ": " << s.error().message;
    EXPECT_DOUBLE_EQ(s->score, base->score) << v;
    EXPECT_EQ(s->macro_vector, base->macro_vector) << v;
  }
  // X alone is not a use of the group; a stated value is, even the worst case.
  EXPECT_EQ(ScoreCvss4(same[1])->nomenclature, "CVSS-B");
  EXPECT_EQ(ScoreCvss4(same[2])->nomenclature, "CVSS-BTE");
}

TEST(VulnCvss4, LongestVectorFitsTheLimit) {
  std::string longest =
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H/"
      "MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/S:N/AU:N/R:A/V:D/RE:L/"
      "U:Amber";
  EXPECT_LT(longest.size(), kMaxCvss4VectorBytes / 2);
  auto s = ScoreCvss4(longest);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_DOUBLE_EQ(s->score, 10.0);
  EXPECT_EQ(s->macro_vector, "000000");
}

TEST(VulnCvss4, MalformedVectors) {
  const std::string base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
  struct Case {
    std::string vector;
    ErrorCode code;
    const char* says;
    uint64_t offset;  // of the offending part
  } cases[] = {
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrorCode::kCorrupt,
       "does not start with 'CVSS:4.0/'", 0},
      {"cvss:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ErrorCode::kCorrupt,
       "does not start with", 0},
      {"", ErrorCode::kCorrupt, "does not start with", 0},
      {"CVSS:4.0/", ErrorCode::kCorrupt, "part '' at offset 9 is not METRIC:VALUE", 9},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/SC:N/SI:N/SA:N", ErrorCode::kCorrupt,
       "lacks Base metric VA", 58},
      {"CVSS:4.0/AV:Q/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ErrorCode::kCorrupt,
       "metric AV has unknown value 'Q' at offset 12 (expected N, A, L, P)", 12},
      {base + "/E:A/E:X", ErrorCode::kCorrupt, "metric E appears twice (offsets 64 and 68)", 68},
      {"CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ErrorCode::kCorrupt,
       "metric AV appears twice", 14},
      {base + "/ZZ:1", ErrorCode::kCorrupt, "unknown metric 'ZZ' at offset 64", 64},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/ui:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ErrorCode::kCorrupt,
       "unknown metric 'ui'", 29},
      {"CVSS:4.0/AV:N/AC/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ErrorCode::kCorrupt,
       "part 'AC' at offset 14 is not METRIC:VALUE", 14},
      {base + "/", ErrorCode::kCorrupt, "part '' at offset 64 is not METRIC:VALUE", 64},
      {base + "//E:A", ErrorCode::kCorrupt, "is not METRIC:VALUE", 64},
      {"CVSS:4.0/AV:/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ErrorCode::kCorrupt,
       "part 'AV:' at offset 9 is not METRIC:VALUE", 9},
      {base + "/E:A:B", ErrorCode::kCorrupt, "metric E has unknown value 'A:B'", 66},
      // S (Safety) is a value of MSI and MSA only.
      {base + "/MSC:S", ErrorCode::kCorrupt, "metric MSC has unknown value 'S'", 68},
      {base + "/U:clear", ErrorCode::kCorrupt, "metric U has unknown value 'clear'", 66},
      {base + " ", ErrorCode::kCorrupt, "metric SA has unknown value 'N '", 62},
      {base + "/" + std::string(600, 'A'), ErrorCode::kLimitExceeded, "bytes long (limit 512)",
       kMaxCvss4VectorBytes},
  };
  for (const auto& c : cases) {
    auto s = ScoreCvss4(c.vector);
    ASSERT_FALSE(s.has_value()) << c.vector;
    EXPECT_EQ(s.error().code, c.code) << c.vector;
    EXPECT_NE(s.error().message.find(c.says), std::string::npos) << s.error().message;
    EXPECT_EQ(s.error().position, c.offset) << s.error().message;
    EXPECT_EQ(s.error().position_kind, Error::PositionKind::kOffset) << s.error().message;
  }
}

// Every distinct CVSS:4.0 vector of the OSV subset (as the JSON strings write them).
std::set<std::string> SubsetVectors() {
  std::string tar = ReadProjectFile(kOsv);
  std::set<std::string> out;
  const std::string needle = "\"CVSS:4.0/";
  for (size_t at = tar.find(needle); at != std::string::npos; at = tar.find(needle, at + 1)) {
    size_t end = tar.find('"', at + 1);
    if (end == std::string::npos || end - at > 600) continue;
    out.insert(tar.substr(at + 1, end - at - 1));
  }
  return out;
}

// `count` valid vectors drawn from a fixed seed: every Base metric, and Threat, Environmental
// and Supplemental metrics (X included) now and then; one in five with its parts shuffled.
std::vector<std::string> GeneratedVectors(size_t count) {
  struct Def {
    const char* name;
    std::vector<const char*> values;
  };
  const std::vector<Def> base = {
      {"AV", {"N", "A", "L", "P"}}, {"AC", {"L", "H"}},      {"AT", {"N", "P"}},
      {"PR", {"N", "L", "H"}},      {"UI", {"N", "P", "A"}}, {"VC", {"H", "L", "N"}},
      {"VI", {"H", "L", "N"}},      {"VA", {"H", "L", "N"}}, {"SC", {"H", "L", "N"}},
      {"SI", {"H", "L", "N"}},      {"SA", {"H", "L", "N"}},
  };
  const std::vector<Def> threat = {{"E", {"X", "A", "P", "U"}}};
  const std::vector<Def> environmental = {
      {"CR", {"X", "H", "M", "L"}},       {"IR", {"X", "H", "M", "L"}},
      {"AR", {"X", "H", "M", "L"}},       {"MAV", {"X", "N", "A", "L", "P"}},
      {"MAC", {"X", "L", "H"}},           {"MAT", {"X", "N", "P"}},
      {"MPR", {"X", "N", "L", "H"}},      {"MUI", {"X", "N", "P", "A"}},
      {"MVC", {"X", "H", "L", "N"}},      {"MVI", {"X", "H", "L", "N"}},
      {"MVA", {"X", "H", "L", "N"}},      {"MSC", {"X", "H", "L", "N"}},
      {"MSI", {"X", "S", "H", "L", "N"}}, {"MSA", {"X", "S", "H", "L", "N"}},
  };
  const std::vector<Def> supplemental = {
      {"S", {"X", "N", "P"}},       {"AU", {"X", "N", "Y"}},
      {"R", {"X", "A", "U", "I"}},  {"V", {"X", "D", "C"}},
      {"RE", {"X", "L", "M", "H"}}, {"U", {"X", "Clear", "Green", "Amber", "Red"}},
  };
  std::mt19937_64 rng(0xC5554);  // raw draws, modulo: the same on every standard library
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  std::vector<std::string> out;
  while (out.size() < count) {
    std::vector<std::string> parts;
    auto add = [&](const std::vector<Def>& group, size_t one_in) {
      for (const auto& d : group) {
        if (one_in == 1 || pick(one_in) == 0) {
          parts.push_back(std::string(d.name) + ":" + d.values[pick(d.values.size())]);
        }
      }
    };
    add(base, 1);
    if (pick(2) == 0) add(threat, 1);
    if (pick(2) == 0) add(environmental, 2);
    if (pick(4) == 0) add(supplemental, 2);
    if (pick(5) == 0) {
      for (size_t i = parts.size(); i > 1; --i) std::swap(parts[i - 1], parts[pick(i)]);
    }
    std::string v = "CVSS:4.0";
    for (const auto& p : parts) v += "/" + p;
    out.push_back(std::move(v));
  }
  return out;
}

std::string AeCvssCalculatorModule() { return vulntest::NodeModule("ae-cvss-calculator"); }

TEST(VulnCvss4Differential, AgainstAeCvssCalculator) {
  std::string module = AeCvssCalculatorModule();
  ASSERT_FALSE(module.empty()) << "npm ae-cvss-calculator not installed (scripts/setup does it)";
  std::set<std::string> subset = SubsetVectors();
  ASSERT_GE(subset.size(), 50u) << "the subset's CVSS_V4 vectors";
  std::vector<std::string> vectors(subset.begin(), subset.end());
  std::vector<std::string> generated = GeneratedVectors(4000);
  vectors.insert(vectors.end(), generated.begin(), generated.end());

  TempDir dir;
  std::string input;
  for (const auto& v : vectors) input += v + "\n";
  std::string file = dir.Write("vectors.txt", input);
  auto result = RunCommand("node " + SourcePath("tests/detector/vuln/reference/cvss4.js") + " '" +
                           module + "' < '" + file + "'");
  ASSERT_EQ(result.exit_code, 0);
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), vectors.size());
  size_t mismatches = 0, rejected = 0;
  std::set<std::string> macro_vectors;
  for (size_t i = 0; i < vectors.size(); ++i) {
    auto ours = ScoreCvss4(vectors[i]);
    if (lines[i] == "x") {
      ++rejected;
      EXPECT_FALSE(ours.has_value()) << vectors[i] << ": the reference rejects it";
      continue;
    }
    if (!ours.has_value()) {
      ADD_FAILURE() << vectors[i] << ": " << ours.error().message;
      continue;
    }
    macro_vectors.insert(ours->macro_vector);
    std::string got =
        fmt::format("{:.1f} {} {}", ours->score, ours->macro_vector, ours->nomenclature);
    if (got != lines[i] && ++mismatches <= 10) {
      ADD_FAILURE() << vectors[i] << ": reference " << lines[i] << ", ours " << got;
    }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_EQ(rejected, 0u) << "every vector here is valid";
  EXPECT_GE(macro_vectors.size(), 150u) << "the generated vectors reach most MacroVectors";
}

// A record's vectors -> the finding's severity (ResolveSeverity).
TEST(VulnCvss4Severity, V4BeforeV3BeforeVendor) {
  const std::string v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N";
  const std::string v3 = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H";
  struct Case {
    std::string cvss_v4, cvss_v3, vendor;
    Severity severity;
    const char* source;
    double score;
  } cases[] = {
      {v4, "", "", Severity::kHigh, "cvss_v4", 8.7},
      {v4, v3, "moderate", Severity::kHigh, "cvss_v4", 8.7},  // v3 alone would say 5.9
      {v4 + "/E:U", v3, "", Severity::kMedium, "cvss_v4", 6.6},
      // A v4 vector that does not parse is passed over.
      {"CVSS:4.0/AV:N/AC:L", v3, "", Severity::kMedium, "cvss_v3", 5.9},
      {"CVSS:4.0/AV:N/AC:L", "", "critical", Severity::kCritical, "ghsa", 0},
      {"", v3, "", Severity::kMedium, "cvss_v3", 5.9},
  };
  for (const auto& c : cases) {
    vulndb::Advisory adv;
    adv.id = "GHSA-test";
    adv.cvss_v4 = c.cvss_v4;
    adv.cvss_v3 = c.cvss_v3;
    adv.vendor_severity = c.vendor;
    SeverityVerdict got = ResolveSeverity(&adv, "", std::nullopt);
    EXPECT_EQ(got.severity, c.severity) << c.cvss_v4 << " | " << c.cvss_v3;
    EXPECT_EQ(got.source, c.source) << c.cvss_v4 << " | " << c.cvss_v3;
    EXPECT_DOUBLE_EQ(got.score, c.score) << c.cvss_v4 << " | " << c.cvss_v3;
    EXPECT_EQ(got.vector, c.source == std::string("cvss_v4")   ? c.cvss_v4
                          : c.source == std::string("cvss_v3") ? c.cvss_v3
                                                               : "");
  }
}

// End to end: the real advisory subset imported, packages matched, severity from the v4 vector.
TEST(VulnCvss4Severity, ThroughTheDetector) {
  TempDir dir;
  auto db =
      vulndb::VulnDb::Open((dir.path() / "db.sqlite").string(), vulndb::VulnDb::Mode::kReadWrite);
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  auto stats = vulndb::ImportPaths(**db, {SourcePath(kOsv)});
  ASSERT_TRUE(stats.has_value()) << stats.error().ToString();

  auto detect = [&](const char* name, const char* version, const char* ecosystem) {
    Package p;
    p.name = name;
    p.version = version;
    p.ecosystem = ecosystem;
    Report r;
    auto ok = DetectVulnerabilities(**db, std::nullopt, {p}, r);
    EXPECT_TRUE(ok.has_value()) << ok.error().ToString();
    return r;
  };
  auto find = [](const Report& r, std::string_view id) -> const Vulnerability* {
    for (const auto& v : r.vulnerabilities) {
      if (v.id == id || std::ranges::find(v.aliases, id) != v.aliases.end()) return &v;
    }
    return nullptr;
  };
  struct Case {
    const char* package;
    const char* ecosystem;
    const char* affected;  // a version the advisory names
    const char* fixed;     // its fix: the near miss
    const char* id;
    Severity severity;
    double score;
    const char* vector;
  } cases[] = {
      // Only a CVSS_V4 vector (GitHub rates it HIGH too).
      {"golang.org/x/net", "Go", "0.32.0", "0.33.0", "GHSA-w32m-9786-jp63", Severity::kHigh, 8.7,
       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N"},
      // Both: CVSS:3.1 .../A:H with AC:H scores 5.9 (MEDIUM); the v4 vector and GitHub say HIGH.
      {"django", "PyPI", "3.2.21", "3.2.22", "GHSA-h8gc-pgj2-vjm3", Severity::kHigh, 8.7,
       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N"},
      // Both, with E:U: CVSS-BT 6.6 (MEDIUM, as GitHub rates it), where v3 says 7.5 (HIGH).
      {"django", "PyPI", "1.1.2", "1.1.3", "GHSA-7wph-fc4w-wqp2", Severity::kMedium, 6.6,
       "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/E:U"},
  };
  for (const auto& c : cases) {
    Report hit = detect(c.package, c.affected, c.ecosystem);
    const Vulnerability* v = find(hit, c.id);
    ASSERT_NE(v, nullptr) << c.id << " for " << c.package << " " << c.affected;
    EXPECT_EQ(v->severity, c.severity) << c.id;
    EXPECT_EQ(v->severity_source, "cvss_v4") << c.id;
    EXPECT_DOUBLE_EQ(v->cvss_score, c.score) << c.id;
    EXPECT_EQ(v->cvss_vector, c.vector) << c.id;
    Report miss = detect(c.package, c.fixed, c.ecosystem);
    EXPECT_EQ(find(miss, c.id), nullptr) << c.id << " is fixed in " << c.fixed;
  }
}

}  // namespace
}  // namespace portcullis::vuln
