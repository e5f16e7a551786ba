#include "report/spdx_license.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

#include "report_test_util.h"

namespace portcullis::testing {
namespace {

TEST(ReportSpdxLicenseTest, ListMatchesSchemaStore) {
  auto schema = nlohmann::json::parse(
      ReadWholeFile(SourcePath("tests/data/schemas/cyclonedx/spdx.schema.json")));
  std::vector<std::string> built_in;
  for (auto id : SpdxLicenseIds()) built_in.emplace_back(id);
  for (auto id : SpdxExceptionIds()) built_in.emplace_back(id);
  EXPECT_EQ(built_in, schema["enum"].get<std::vector<std::string>>())
      << "regenerate src/report/spdx_license_list.cc with tests/tools/gen_spdx_license_list.py";
  EXPECT_TRUE(schema["$comment"].get<std::string>().ends_with(SpdxLicenseListVersion()));
}

TEST(ReportSpdxLicenseTest, FindsIdsCaseInsensitively) {
  EXPECT_EQ(FindSpdxLicenseId("apache-2.0"), "Apache-2.0");
  EXPECT_EQ(FindSpdxLicenseId("0BSD"), "0BSD");
  EXPECT_EQ(FindSpdxLicenseId("ZPL-2.1"), "ZPL-2.1");
  EXPECT_FALSE(FindSpdxLicenseId("GPL-2+").has_value());
  EXPECT_FALSE(FindSpdxLicenseId("Classpath-exception-2.0").has_value());
  EXPECT_EQ(FindSpdxExceptionId("classpath-exception-2.0"), "Classpath-exception-2.0");
  EXPECT_FALSE(FindSpdxExceptionId("MIT").has_value());
}

struct NormalizeCase {
  std::string statement;
  std::string expression;  // "LicenseRef-*" matches by prefix up to the '*'
  bool single_list_id;
  size_t refs;
};

class ReportSpdxNormalizeTest : public ::testing::TestWithParam<NormalizeCase> {};

TEST_P(ReportSpdxNormalizeTest, Normalizes) {
  const NormalizeCase& c = GetParam();
  NormalizedLicense n = NormalizeLicense(c.statement);
  if (c.expression.ends_with('*')) {
    EXPECT_TRUE(n.expression.starts_with(c.expression.substr(0, c.expression.size() - 1)))
        << n.expression;
  } else {
    EXPECT_EQ(n.expression, c.expression);
  }
  EXPECT_EQ(n.single_list_id, c.single_list_id) << n.expression;
  EXPECT_EQ(n.refs.size(), c.refs) << n.expression;
  // Every LicenseRef the expression uses is declared, and every id is well-formed.
  static const std::regex kRef("LicenseRef-[A-Za-z0-9.-]+");
  for (auto it = std::sregex_iterator(n.expression.begin(), n.expression.end(), kRef);
       it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(std::ranges::any_of(n.refs, [&](const auto& r) { return r.id == it->str(); }))
        << it->str();
  }
  for (const auto& r : n.refs) EXPECT_TRUE(std::regex_match(r.id, kRef)) << r.id;
}

INSTANTIATE_TEST_SUITE_P(
    Report, ReportSpdxNormalizeTest,
    ::testing::Values(
        NormalizeCase{"MIT", "MIT", true, 0}, NormalizeCase{"  mit ", "MIT", true, 0},
        NormalizeCase{"GPL-2+", "GPL-2.0-or-later", true, 0},
        NormalizeCase{"GPLv2+", "GPL-2.0-or-later", true, 0},
        NormalizeCase{"GPL-2.0+", "GPL-2.0-or-later", true, 0},
        NormalizeCase{"Expat", "MIT", true, 0}, NormalizeCase{"ASL 2.0", "Apache-2.0", true, 0},
        NormalizeCase{"Apache License, Version 2.0", "Apache-2.0", true, 0},
        NormalizeCase{"(MIT)", "MIT", true, 0}, NormalizeCase{"MIT+", "MIT+", false, 0},
        NormalizeCase{"MIT or Apache-2.0", "MIT OR Apache-2.0", false, 0},
        NormalizeCase{"MIT and (BSD or GPLv2+)", "MIT AND (LicenseRef-BSD OR GPL-2.0-or-later)",
                      false, 1},
        NormalizeCase{"Apache-2.0 AND (MIT OR (BSD-2-Clause AND ISC))",
                      "Apache-2.0 AND (MIT OR BSD-2-Clause AND ISC)", false, 0},
        NormalizeCase{"(MIT OR ISC) AND Zlib", "(MIT OR ISC) AND Zlib", false, 0},
        NormalizeCase{"GPL-2.0-or-later with classpath-exception-2.0",
                      "GPL-2.0-or-later WITH Classpath-exception-2.0", false, 0},
        NormalizeCase{"GPL-2+ with OpenSSL exception", "LicenseRef-GPL-2-WITH-OpenSSL-exception-*",
                      false, 1},
        NormalizeCase{"GPL-2+ with Texinfo exception", "GPL-2.0-or-later WITH Texinfo-exception",
                      false, 0},
        NormalizeCase{"GPL-3+ with Bison exception", "LicenseRef-GPL-3-WITH-Bison-exception-*",
                      false, 1},
        NormalizeCase{"(MIT OR ISC) WITH LLVM-exception", "LicenseRef-MIT-OR-ISC-WITH-LLVM-*",
                      false, 1},
        NormalizeCase{"public-domain", "LicenseRef-public-domain", false, 1},
        NormalizeCase{"Public Domain", "LicenseRef-Public-Domain-*", false, 1},
        NormalizeCase{"LicenseRef-Custom", "LicenseRef-Custom", false, 1},
        NormalizeCase{"BSD-3-clause and public-domain", "BSD-3-Clause AND LicenseRef-public-domain",
                      false, 1},
        NormalizeCase{"MIT AND", "LicenseRef-MIT-AND-*", false, 1},
        NormalizeCase{"((MIT)", "LicenseRef-MIT-*", false, 1},
        NormalizeCase{"MIT OR OR ISC", "LicenseRef-MIT-OR-OR-ISC-*", false, 1},
        NormalizeCase{"()", "LicenseRef-*", false, 1},
        NormalizeCase{"\xff\xfe<&>", "LicenseRef-*", false, 1}, NormalizeCase{"", "", false, 0},
        NormalizeCase{std::string(40, '(') + "MIT" + std::string(40, ')'), "LicenseRef-MIT-*",
                      false, 1},
        NormalizeCase{std::string(5000, 'a'), "LicenseRef-aaaa*", false, 1}));

TEST(ReportSpdxLicenseTest, JoinAndListsEachOperandOnce) {
  auto join = [](std::vector<std::string> statements) {
    std::vector<NormalizedLicense> n;
    for (const auto& s : statements) n.push_back(NormalizeLicense(s));
    return JoinAnd(n);
  };
  EXPECT_EQ(join({}), "");
  EXPECT_EQ(join({"MIT OR ISC"}), "MIT OR ISC");
  EXPECT_EQ(join({"MIT OR ISC", "mit or isc"}), "MIT OR ISC");
  EXPECT_EQ(join({"GPL-3+", "GPL-3+ and BSD-4-clause-UC", "BSD-4-clause-UC", "GPL-3+ and ISC"}),
            "GPL-3.0-or-later AND BSD-4-Clause-UC AND ISC");
  EXPECT_EQ(join({"(MIT AND Zlib) AND MIT", "MIT OR ISC"}), "MIT AND Zlib AND (MIT OR ISC)");
  EXPECT_EQ(join({"public-domain", "Public Domain"}).find("LicenseRef-public-domain AND "
                                                         "LicenseRef-Public-Domain-"),
            0u);
}

TEST(ReportSpdxLicenseTest, DifferentTextsNeverShareARef) {
  auto a = NormalizeLicense("Public Domain");
  auto b = NormalizeLicense("public domain");
  auto c = NormalizeLicense("Public  Domain!");
  EXPECT_NE(a.expression, b.expression);
  EXPECT_NE(a.expression, c.expression);
  EXPECT_EQ(a.expression, NormalizeLicense("Public Domain").expression);
  EXPECT_EQ(a.refs.at(0).text, "Public Domain");
  EXPECT_LE(NormalizeLicense(std::string(5000, 'a')).expression.size(), 11u + 64 + 9);
}

}  // namespace
}  // namespace portcullis::testing
