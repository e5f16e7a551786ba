// Output of every fixture validated against the official schemas (CycloneDX 1.5, SPDX 2.3 and
// its 2.3.1 errata, SARIF 2.1.0), our own docs/report.schema.json, and a JUnit well-formedness
// and count check, with tests/tools/*.py under Debian's /usr/bin/python3.
#include <gtest/gtest.h>

#include <functional>

#include "report/writer.h"
#include "report_fixture.h"
#include "report_test_util.h"

namespace portcullis::testing {
namespace {

constexpr const char* kPython = "/usr/bin/python3";

std::string Schema(const std::string& relative) {
  return Quote(SourcePath("tests/data/schemas/" + relative).string());
}

// The checker command line for `format`, without the document argument.
std::vector<std::string> Checks(ReportFormat format) {
  std::string validate =
      std::string(kPython) + " " + Quote(SourcePath("tests/tools/validate_json_schema.py")) + " ";
  switch (format) {
    case ReportFormat::kCycloneDx:
      return {validate + "--schema " + Schema("cyclonedx/bom-1.5.schema.json") + " --store " +
              Schema("cyclonedx/spdx.schema.json") + " --store " +
              Schema("cyclonedx/jsf-0.82.schema.json")};
    case ReportFormat::kSpdx:
      return {validate + "--schema " + Schema("spdx-2.3/spdx-schema.json"),
              validate + "--schema " + Schema("alt/spdx-schema-2.3.1.json")};
    case ReportFormat::kSarif:
      return {validate + "--schema " + Schema("sarif-2.1.0/sarif-schema-2.1.0.json")};
    case ReportFormat::kJson:
      return {validate + "--no-extra-properties --schema " +
              Quote(SourcePath("docs/report.schema.json").string())};
    case ReportFormat::kJunit:
      return {std::string(kPython) + " " + Quote(SourcePath("tests/tools/check_junit_xml.py"))};
    case ReportFormat::kTable: return {};
  }
  return {};
}

struct SchemaCase {
  std::string name;
  std::function<Report()> fixture;
  ReportFormat format;
  std::string command;
};

class ReportSchemaTest : public ::testing::TestWithParam<SchemaCase> {};

TEST_P(ReportSchemaTest, OutputValidates) {
  const SchemaCase& c = GetParam();
  WriteOptions options;
  options.command = c.command;
  auto text = WriteReport(c.fixture(), c.format, options);
  ASSERT_TRUE(text.has_value()) << text.error().ToString();
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  auto doc = dir.path() / "document";
  WriteWholeFile(doc, *text);
  auto checks = Checks(c.format);
  ASSERT_FALSE(checks.empty());
  for (const auto& check : checks) {
    CommandResult r = RunCommand(check + " " + Quote(doc.string()));
    EXPECT_EQ(r.exit_code, 0) << check << "\n" << r.output;
  }
}

std::vector<SchemaCase> Cases() {
  std::vector<SchemaCase> cases;
  for (auto [format, name] : {std::pair{ReportFormat::kCycloneDx, "cyclonedx"},
                              std::pair{ReportFormat::kSpdx, "spdx"},
                              std::pair{ReportFormat::kSarif, "sarif"},
                              std::pair{ReportFormat::kJson, "json"},
                              std::pair{ReportFormat::kJunit, "junit"}}) {
    cases.push_back({std::string("full_") + name, FullReport, format, "image"});
    cases.push_back({std::string("empty_") + name, EmptyReport, format, "image"});
    if (format != ReportFormat::kCycloneDx && format != ReportFormat::kSpdx) {
      cases.push_back({std::string("dockerfile_") + name, DockerfileReport, format, "dockerfile"});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Report, ReportSchemaTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return info.param.name; });

// The checkers must be able to fail: documents that break each schema are rejected.
struct BrokenCase {
  std::string name;
  ReportFormat format;
  std::string document;
};

class ReportSchemaRejectsTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(ReportSchemaRejectsTest, CheckerFails) {
  const BrokenCase& c = GetParam();
  ScratchDir dir;
  auto doc = dir.path() / "document";
  WriteWholeFile(doc, c.document);
  bool any_failed = false;
  for (const auto& check : Checks(c.format)) {
    CommandResult r = RunCommand(check + " " + Quote(doc.string()));
    ASSERT_NE(r.exit_code, -1) << r.output;
    any_failed |= r.exit_code != 0;
  }
  EXPECT_TRUE(any_failed) << c.name << " was accepted";
}

INSTANTIATE_TEST_SUITE_P(
    Report, ReportSchemaRejectsTest,
    ::testing::Values(
        BrokenCase{"cdx_licence_not_on_list", ReportFormat::kCycloneDx,
                   R"({"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"type":"library",
                   "name":"a","licenses":[{"license":{"id":"GPL-2+"}}]}]})"},
        BrokenCase{"cdx_bad_serial", ReportFormat::kCycloneDx,
                   R"({"bomFormat":"CycloneDX","specVersion":"1.5","serialNumber":"urn:uuid:x"})"},
        BrokenCase{"spdx_underscore_category", ReportFormat::kSpdx,
                   R"({"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT",
                   "name":"x","documentNamespace":"https://x/y","creationInfo":{"created":
                   "2024-01-01T00:00:00Z","creators":["Tool: t"]},"packages":[{"name":"a",
                   "SPDXID":"SPDXRef-a","downloadLocation":"NOASSERTION","externalRefs":[{
                   "referenceCategory":"PACKAGE_MANAGER","referenceType":"purl",
                   "referenceLocator":"pkg:deb/debian/a@1"}]}]})"},
        BrokenCase{"spdx_no_namespace", ReportFormat::kSpdx,
                   R"({"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT",
                   "name":"x","creationInfo":{"created":"2024-01-01T00:00:00Z","creators":[
                   "Tool: t"]}})"},
        BrokenCase{"sarif_bad_level", ReportFormat::kSarif,
                   R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"p"}},"results":[{
                   "message":{"text":"m"},"level":"critical"}]}]})"},
        BrokenCase{"sarif_bad_uri", ReportFormat::kSarif,
                   R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"p"}},"results":[{
                   "message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{
                   "uri":"a b<c>"}}}]}]}]})"},
        BrokenCase{"json_undocumented_field", ReportFormat::kJson,
                   R"({"schema":"portcullis.report/v1","surprise":1})"},
        BrokenCase{"junit_wrong_count", ReportFormat::kJunit,
                   "<testsuites tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"0\"><testsuite "
                   "name=\"a\" tests=\"1\" failures=\"0\"><testcase classname=\"c\" name=\"n\"/>"
                   "</testsuite></testsuites>"},
        BrokenCase{"junit_control_char", ReportFormat::kJunit,
                   "<testsuites tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\x01"
                   "</testsuites>"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace portcullis::testing
