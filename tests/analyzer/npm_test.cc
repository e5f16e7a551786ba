// npm package.json: real manifests (lodash 4.17.21 and @babel/core 7.x, trimmed), the licence
// shapes npm has used over time, which package.json paths are installed packages, and bad JSON.
#include "analyzer/lang/npm.h"

#include <gtest/gtest.h>

namespace portcullis {
namespace {

constexpr std::string_view kLodash = R"j({
  "name": "lodash",
  "version": "4.17.21",
  "description": "Lodash modular utilities.",
  "keywords": ["modules", "stdlib", "util"],
  "homepage": "https://lodash.com/",
  "repository": "lodash/lodash",
  "icon": "https://lodash.com/icon.svg",
  "license": "MIT",
  "main": "lodash.js"
})j";

constexpr std::string_view kBabelCore = R"j({
  "name": "@babel/core",
  "version": "7.24.0",
  "license": "MIT",
  "publishConfig": {"access": "public"},
  "dependencies": {"@babel/code-frame": "^7.23.5"}
})j";

TEST(NpmTest, ParsesRealManifests) {
  std::vector<Diagnostic> diagnostics;
  auto lodash = ParsePackageJson(kLodash, "app/node_modules/lodash/package.json", diagnostics);
  ASSERT_TRUE(lodash.has_value());
  EXPECT_EQ(lodash->name, "lodash");
  EXPECT_EQ(lodash->version, "4.17.21");
  EXPECT_EQ(lodash->licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(lodash->ecosystem, "npm");
  EXPECT_EQ(lodash->purl, "pkg:npm/lodash@4.17.21");
  auto babel = ParsePackageJson(kBabelCore, "p", diagnostics);
  ASSERT_TRUE(babel.has_value());
  EXPECT_EQ(babel->name, "@babel/core");
  EXPECT_EQ(babel->purl, "pkg:npm/%40babel/core@7.24.0");
  EXPECT_TRUE(diagnostics.empty());
}

struct LicenseCase {
  const char* json;
  std::vector<std::string> licenses;
};

class NpmLicenseTest : public ::testing::TestWithParam<LicenseCase> {};

TEST_P(NpmLicenseTest, Shapes) {
  std::vector<Diagnostic> diagnostics;
  auto p = ParsePackageJson(GetParam().json, "p", diagnostics);
  ASSERT_TRUE(p.has_value()) << GetParam().json;
  EXPECT_EQ(p->licenses, GetParam().licenses) << GetParam().json;
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, NpmLicenseTest,
    ::testing::Values(
        LicenseCase{R"j({"name":"a","version":"1","license":"(MIT OR Apache-2.0)"})j",
                    {"(MIT OR Apache-2.0)"}},
        LicenseCase{R"j({"name":"a","version":"1","license":{"type":"ISC","url":"u"}})j",
                    {"ISC"}},
        LicenseCase{
            R"j({"name":"a","version":"1","licenses":[{"type":"MIT"},{"type":"GPL-2.0"}]})j",
            {"MIT", "GPL-2.0"}},
        LicenseCase{R"j({"name":"a","version":"1","license":42})j", {}},
        LicenseCase{R"j({"name":"a","version":"1"})j", {}}));

TEST(NpmTest, BadManifestsAreDiagnosed) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(ParsePackageJson("{\"name\": \"a\",", "x/package.json", diagnostics));
  EXPECT_FALSE(ParsePackageJson("[1,2]", "x/package.json", diagnostics));
  EXPECT_FALSE(ParsePackageJson(R"j({"name":"a"})j", "x/package.json", diagnostics));
  EXPECT_FALSE(
      ParsePackageJson(R"j({"name":"a","version":1.0})j", "x/package.json", diagnostics));
  ASSERT_EQ(diagnostics.size(), 4u);
  for (const Diagnostic& d : diagnostics) {
    EXPECT_EQ(d.code, "npm.bad_package_json");
    EXPECT_EQ(d.path, "x/package.json");
  }
}

struct PathCase {
  const char* path;
  bool wanted;
};

class NpmPathTest : public ::testing::TestWithParam<PathCase> {};

TEST_P(NpmPathTest, InstalledPackagesOnly) {
  EXPECT_EQ(IsInstalledPackageJsonPath(GetParam().path), GetParam().wanted) << GetParam().path;
}

INSTANTIATE_TEST_SUITE_P(
    Paths, NpmPathTest,
    ::testing::Values(
        PathCase{"app/node_modules/lodash/package.json", true},
        PathCase{"usr/lib/node_modules/npm/package.json", true},
        PathCase{"app/node_modules/@babel/core/package.json", true},
        PathCase{"app/node_modules/a/node_modules/b/package.json", true},
        PathCase{"app/node_modules/a/node_modules/@s/b/package.json", true},
        PathCase{"app/package.json", false},
        PathCase{"app/node_modules/lodash/test/fixtures/package.json", false},
        PathCase{"app/node_modules/@babel/package.json", false},
        PathCase{"app/node_modules/.bin/package.json", false},
        PathCase{"app/node_modules/.package-lock.json", false},
        PathCase{"node_modules/package.json", false}));

TEST(NpmTest, AnalyzerMakesOneDatabasePerManifest) {
  NpmAnalyzer analyzer;
  TarEntry entry;
  entry.path = "app/node_modules/lodash/package.json";
  entry.size = kLodash.size();
  ASSERT_TRUE(analyzer.Wants(entry));
  entry.size = kMaxPackageJsonBytes + 1;
  EXPECT_FALSE(analyzer.Wants(entry));
  LayerFacts facts;
  analyzer.Analyze(entry, kLodash, facts);
  ASSERT_EQ(facts.package_dbs.size(), 1u);
  EXPECT_EQ(facts.package_dbs[0].kind, "npm");
  EXPECT_FALSE(facts.package_dbs[0].os);
}

}  // namespace
}  // namespace portcullis
