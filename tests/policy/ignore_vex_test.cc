// The ignore file and OpenVEX statements as the filter step applies them.
#include <gtest/gtest.h>

#include "policy/filter.h"
#include "policy/ignore_file.h"
#include "policy/vex.h"

namespace portcullis {
namespace {

Report Sample() {
  Report r;
  r.artifact.name = "example/app";
  auto vuln = [](std::string id, std::string pkg, std::string purl, std::string fixed) {
    Vulnerability v;
    v.id = std::move(id);
    v.package = std::move(pkg);
    v.source_package = v.package == "libc6" ? "glibc" : v.package;
    v.purl = std::move(purl);
    v.fixed_version = std::move(fixed);
    v.severity = Severity::kHigh;
    return v;
  };
  r.vulnerabilities = {
      vuln("CVE-2023-4911", "libc6", "pkg:deb/debian/libc6@2.36-9?arch=amd64", "2.36-9+deb12u3"),
      vuln("CVE-2023-4911", "libc-bin", "pkg:deb/debian/libc-bin@2.36-9?arch=amd64",
           "2.36-9+deb12u3"),
      vuln("CVE-2024-0001", "zlib1g", "pkg:deb/debian/zlib1g@1.2.13", ""),
  };
  r.vulnerabilities[0].aliases = {"DSA-5514-1"};
  return r;
}

TEST(PolicyIgnoreFile, ParsesAndApplies) {
  auto file = ParseIgnoreFile(R"(ignore:
  - id: DSA-5514-1
    package: glibc
    reason: matched through the alias and the source package
  - id: CVE-2024-0001
    expires: 2025-01-01
)", ".portcullisignore");
  ASSERT_TRUE(file.has_value()) << file.error().ToString();
  ASSERT_EQ(file->entries.size(), 2u);
  EXPECT_EQ(file->entries[1].line, 5u);
  Report r = Sample();
  EXPECT_EQ(ApplyIgnoreFile(r, *file, "2025-02-20"), 1u);
  ASSERT_EQ(r.vulnerabilities.size(), 2u);
  EXPECT_EQ(r.vulnerabilities[0].package, "libc-bin") << "libc-bin has no DSA alias";
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "ignore.expired");
  EXPECT_EQ(r.diagnostics[0].line, 5u);
  // Before its expiry the second entry still ignores.
  Report early = Sample();
  EXPECT_EQ(ApplyIgnoreFile(early, *file, "2024-12-31"), 2u);
  EXPECT_TRUE(early.diagnostics.empty());
}

TEST(PolicyIgnoreFile, Errors) {
  struct Case {
    const char* text;
    uint64_t line;
    const char* says;
  } cases[] = {
      {"ignore:\n  - reason: x\n", 2, "no 'id'"},
      {"ignore:\n  - id: CVE-1\n    expires: next week\n", 3, "YYYY-MM-DD"},
      {"ignore: [\n", 2, "not valid YAML"},
      {"ignore: 5\n", 1, "expected a list"},
      {"ignore:\n  - id: [a, b]\n", 2, "plain value"},
  };
  for (const auto& c : cases) {
    auto r = ParseIgnoreFile(c.text, "f.yaml");
    ASSERT_FALSE(r.has_value()) << c.text;
    EXPECT_EQ(r.error().position, c.line) << c.text << r.error().ToString();
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().ToString();
  }
}

TEST(PolicyVex, StatementsInOrder) {
  auto vex = ParseVex(R"({"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
    {"vulnerability": {"name": "CVE-2023-4911"},
     "products": [{"@id": "pkg:deb/debian/libc6"}], "status": "not_affected",
     "justification": "component_not_present"},
    {"vulnerability": "CVE-2024-0001", "products": ["pkg:oci/app"], "status": "fixed"},
    {"vulnerability": {"name": "CVE-2024-0001"}, "products": ["pkg:oci/app"],
     "status": "affected"},
    {"vulnerability": {"name": "CVE-2023-4911"},
     "products": [{"@id": "pkg:deb/debian/libc-bin@2.0"}], "status": "not_affected"}]})",
                      "vex.json");
  ASSERT_TRUE(vex.has_value()) << vex.error().ToString();
  Report r = Sample();
  EXPECT_EQ(ApplyVex(r, *vex), 1u);
  ASSERT_EQ(r.vulnerabilities.size(), 2u);
  EXPECT_EQ(r.vulnerabilities[0].package, "libc-bin") << "other version: not covered";
  EXPECT_EQ(r.vulnerabilities[1].id, "CVE-2024-0001") << "a later 'affected' overrides";

  auto bad = ParseVex(R"({"statements": [{"vulnerability": {"name": "X"}, "status": "maybe"}]})",
                      "bad.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("statement 0"), std::string::npos);
}

TEST(PolicyFilter, OrderAndUnfixed) {
  auto file = ParseIgnoreFile("- CVE-2023-4911\n", "i.yaml");
  ASSERT_TRUE(file.has_value());
  Report r = Sample();
  FilterOptions options;
  options.ignore_file = &*file;
  options.ignore_unfixed = true;
  options.today = "2025-02-20";
  ApplyFilter(r, options);
  EXPECT_TRUE(r.vulnerabilities.empty());
}

}  // namespace
}  // namespace portcullis
