// Python core metadata: real METADATA/PKG-INFO headers (from Debian 12's python3-jsonschema and
// python3-yaml), licence sources in order of preference, the path rule, and a cross-check of
// every distribution in this machine's /usr/lib/python3/dist-packages against Python's own
// importlib.metadata (skipped when python3 or the folder is missing).
#include "analyzer/lang/python.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "analyzer/command_output.h"
#include "core/files.h"
#include "core/strings.h"

namespace portcullis {
namespace {

constexpr std::string_view kJsonschema =
    "Metadata-Version: 2.1\n"
    "Name: jsonschema\n"
    "Version: 4.10.3\n"
    "Summary: An implementation of JSON Schema validation for Python\n"
    "Author: Julian Berman\n"
    "License: MIT\n"
    "License-File: COPYING\n"
    "Classifier: License :: OSI Approved :: MIT License\n"
    "Requires-Python: >=3.7\n"
    "\n"
    "Version: 9.9.9 (the description is not part of the header)\n";

constexpr std::string_view kPyYaml =
    "Metadata-Version: 2.1\r\n"
    "Name: PyYAML\r\n"
    "Version: 6.0\r\n"
    "License: MIT\r\n"
    "Platform: Any\r\n";

TEST(PythonTest, ParsesRealHeaders) {
  std::vector<Diagnostic> diagnostics;
  auto p = ParsePythonMetadata(kJsonschema, "usr/lib/python3/dist-packages/x/METADATA",
                               diagnostics);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->name, "jsonschema");
  EXPECT_EQ(p->version, "4.10.3");
  EXPECT_EQ(p->licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(p->ecosystem, "PyPI");
  EXPECT_EQ(p->type, "pypi");
  EXPECT_EQ(p->purl, "pkg:pypi/jsonschema@4.10.3");
  auto y = ParsePythonMetadata(kPyYaml, "m", diagnostics);
  ASSERT_TRUE(y.has_value());
  EXPECT_EQ(y->name, "PyYAML");
  EXPECT_EQ(y->purl, "pkg:pypi/pyyaml@6.0");
  EXPECT_TRUE(diagnostics.empty());
}

struct LicenseCase {
  const char* header;
  std::vector<std::string> licenses;
};

class PythonLicenseTest : public ::testing::TestWithParam<LicenseCase> {};

TEST_P(PythonLicenseTest, PicksTheBestSource) {
  std::vector<Diagnostic> diagnostics;
  std::string text = std::string("Name: a\nVersion: 1\n") + GetParam().header;
  auto p = ParsePythonMetadata(text, "m", diagnostics);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->licenses, GetParam().licenses) << GetParam().header;
}

INSTANTIATE_TEST_SUITE_P(
    Sources, PythonLicenseTest,
    ::testing::Values(
        LicenseCase{"License-Expression: Apache-2.0 OR MIT\nLicense: ignored\n",
                    {"Apache-2.0 OR MIT"}},
        LicenseCase{"License: BSD-3-Clause\n", {"BSD-3-Clause"}},
        LicenseCase{"License: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License\n",
                    {"MIT License"}},
        LicenseCase{"License: Copyright (c) 2020\n  Permission is hereby granted...\n"
                    "Classifier: License :: OSI Approved :: BSD License\n",
                    {"BSD License"}},
        LicenseCase{"Classifier: Programming Language :: Python\n", {}}));

TEST(PythonTest, MissingFieldsAreDiagnosed) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(ParsePythonMetadata("Name: a\n", "m", diagnostics).has_value());
  EXPECT_FALSE(ParsePythonMetadata("\nName: a\nVersion: 1\n", "m", diagnostics).has_value());
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].code, "python.bad_metadata");
  EXPECT_NE(diagnostics[0].message.find("Version"), std::string::npos);
}

struct PathCase {
  const char* path;
  bool wanted;
};

class PythonPathTest : public ::testing::TestWithParam<PathCase> {};

TEST_P(PythonPathTest, Wants) {
  EXPECT_EQ(IsPythonMetadataPath(GetParam().path), GetParam().wanted) << GetParam().path;
}

INSTANTIATE_TEST_SUITE_P(
    Paths, PythonPathTest,
    ::testing::Values(
        PathCase{"usr/lib/python3/dist-packages/attrs-22.2.0.dist-info/METADATA", true},
        PathCase{"usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA",
                 true},
        PathCase{"opt/venv/lib/python3.11/site-packages/six-1.16.0.egg-info/PKG-INFO", true},
        PathCase{"usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info", true},
        PathCase{"usr/lib/python3/dist-packages/attrs-22.2.0.dist-info/RECORD", false},
        PathCase{"usr/lib/python3/dist-packages/pkg/data/x.dist-info/METADATA", false},
        PathCase{"src/project.egg-info/PKG-INFO", false},
        PathCase{"METADATA", false}));

TEST(PythonTest, AgreesWithImportlibMetadataOnThisMachine) {
  const std::filesystem::path dir = "/usr/lib/python3/dist-packages";
  if (!std::filesystem::exists(dir) || testing::CommandOutput("command -v python3").empty()) {
    GTEST_SKIP() << "no python3 or " << dir;
  }
  std::string listing = testing::CommandOutput(
      "python3 -c 'import importlib.metadata as m\n"
      "for d in m.distributions(path=[\"" + dir.string() + "\"]):\n"
      "  print(d.metadata[\"Name\"] + \"\\t\" + d.version)'");
  std::multiset<std::string> expected;
  for (std::string_view line : Split(listing, '\n')) {
    if (!line.empty()) expected.insert(std::string(line));
  }
  if (expected.empty()) GTEST_SKIP() << "no distributions in " << dir;

  std::multiset<std::string> actual;
  std::vector<Diagnostic> diagnostics;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    std::filesystem::path file;
    if (name.ends_with(".dist-info")) {
      file = entry.path() / "METADATA";
    } else if (name.ends_with(".egg-info")) {
      file = entry.is_directory() ? entry.path() / "PKG-INFO" : entry.path();
    } else {
      continue;
    }
    std::string relative = "usr/lib/python3/dist-packages/" + name +
                           (file == entry.path() ? "" : "/" + file.filename().string());
    ASSERT_TRUE(IsPythonMetadataPath(relative)) << relative;
    auto content = ReadFileLimited(file.string(), 16 << 20);
    if (!content) continue;
    if (auto p = ParsePythonMetadata(*content, relative, diagnostics)) {
      actual.insert(p->name + "\t" + p->version);
    }
  }
  EXPECT_EQ(actual, expected);
}

}  // namespace
}  // namespace portcullis
