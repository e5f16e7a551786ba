// Behaviour of each writer beyond its golden file: the mappings, the invariants the formats
// require (unique ids, declared references, counts) and the refusals.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <sstream>

#include "report/formats.h"
#include "report/writer.h"
#include "report_fixture.h"

namespace portcullis::testing {
namespace {

using nlohmann::json;

json Parse(const std::string& text) { return json::parse(text); }

Misconfiguration Finding(std::string id, Severity s) {
  Misconfiguration m;
  m.id = std::move(id);
  m.severity = s;
  m.title = "t";
  m.kind = "image";
  m.path = "/etc/passwd";
  return m;
}

struct LevelCase {
  Severity severity;
  std::string level;
  std::string security_severity;
};

class ReportSarifLevelTest : public ::testing::TestWithParam<LevelCase> {};

TEST_P(ReportSarifLevelTest, MapsSeverity) {
  Report r = BaseImageReport();
  r.misconfigurations.push_back(Finding("PC-X-1", GetParam().severity));
  json s = Parse(WriteSarif(r, {}));
  const json& run = s["runs"][0];
  EXPECT_EQ(run["results"][0]["level"], GetParam().level);
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"], GetParam().level);
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["properties"]["security-severity"],
            GetParam().security_severity);
}

INSTANTIATE_TEST_SUITE_P(Report, ReportSarifLevelTest,
                         ::testing::Values(LevelCase{Severity::kCritical, "error", "9.5"},
                                           LevelCase{Severity::kHigh, "error", "8.0"},
                                           LevelCase{Severity::kMedium, "warning", "5.5"},
                                           LevelCase{Severity::kLow, "note", "2.0"},
                                           LevelCase{Severity::kInfo, "note", "0.0"},
                                           LevelCase{Severity::kUnknown, "note", "0.0"}));

TEST(ReportSarifTest, OneRulePerIdAndValidIndexes) {
  json s = Parse(WriteSarif(FullReport(), {}));
  const json& run = s["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  std::set<std::string> ids;
  for (const auto& rule : rules) EXPECT_TRUE(ids.insert(rule["id"]).second) << rule["id"];
  // CVE-2024-0727 affects two packages: one rule, two results.
  int count = 0;
  for (const auto& result : run["results"]) {
    size_t index = result["ruleIndex"];
    ASSERT_LT(index, rules.size());
    EXPECT_EQ(rules[index]["id"], result["ruleId"]);
    count += result["ruleId"] == "CVE-2024-0727";
  }
  EXPECT_EQ(count, 2);
  EXPECT_EQ(run["results"].size(), FullReport().vulnerabilities.size() +
                                       FullReport().secrets.size() +
                                       FullReport().misconfigurations.size());
  // The CVSS score is used when it agrees with the severity band, else the band's middle.
  for (const auto& rule : rules) {
    if (rule["id"] == "CVE-2023-45853") {
      EXPECT_EQ(rule["properties"]["security-severity"], "9.8");
    }
    if (rule["id"] == "CVE-2024-0727") {
      EXPECT_EQ(rule["properties"]["security-severity"], "5.5");
    }
  }
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"].size(), 3u);
}

TEST(ReportSarifTest, SecretDeletedInLaterLayerIsSaid) {
  json s = Parse(WriteSarif(FullReport(), {}));
  bool found = false;
  for (const auto& result : s["runs"][0]["results"]) {
    if (result["ruleId"] != "aws-access-key-id") continue;
    found = true;
    EXPECT_NE(result["message"]["text"].get<std::string>().find("DELETED in a later layer"),
              std::string::npos);
    EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
  }
  EXPECT_TRUE(found);
}

TEST(ReportJunitTest, SuitesForKindsThatRan) {
  Report r = BaseImageReport();
  r.scanners = {"vuln"};
  std::string xml = WriteJunit(r, {});
  EXPECT_NE(xml.find("<testsuite name=\"vulnerabilities\" tests=\"0\" failures=\"0\""),
            std::string::npos);
  EXPECT_EQ(xml.find("name=\"secrets\""), std::string::npos);
  EXPECT_EQ(xml.find("name=\"misconfigurations\""), std::string::npos);

  r.scanners = {};
  r.misconfigurations.push_back(Finding("PC-X-1", Severity::kHigh));
  xml = WriteJunit(r, {});
  EXPECT_EQ(xml.find("name=\"vulnerabilities\""), std::string::npos);
  EXPECT_NE(xml.find("<testsuite name=\"misconfigurations\" tests=\"1\" failures=\"1\""),
            std::string::npos);
  EXPECT_TRUE(std::regex_search(xml, std::regex("<testsuites name=\"[^\"]*\" tests=\"1\" "
                                                "failures=\"1\"")));
}

TEST(ReportJunitTest, NoRawHostileCharacters) {
  std::string xml = WriteJunit(FullReport(), {});
  for (char c : xml) {
    auto u = static_cast<unsigned char>(c);
    EXPECT_FALSE(u < 0x20 && c != '\n' && c != '\t') << "control byte " << int(u);
  }
  EXPECT_EQ(xml.find("<b>"), std::string::npos);
  EXPECT_NE(xml.find("&lt;b&gt;&amp;amp;"), std::string::npos);
}

TEST(ReportCycloneDxTest, SerialNumberIsDerivedFromContent) {
  Report r = FullReport();
  json a = Parse(*WriteCycloneDx(r, {}));
  json b = Parse(*WriteCycloneDx(r, {}));
  EXPECT_EQ(a["serialNumber"], b["serialNumber"]);
  EXPECT_TRUE(std::regex_match(a["serialNumber"].get<std::string>(),
                               std::regex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]"
                                          "[0-9a-f]{3}-[0-9a-f]{12}")));
  r.created_at = "2024-05-01T12:30:46Z";
  EXPECT_NE(Parse(*WriteCycloneDx(r, {}))["serialNumber"], a["serialNumber"]);
}

TEST(ReportCycloneDxTest, BomRefsUniqueAndReferencesResolve) {
  Report r = FullReport();
  r.packages.push_back(r.packages[0]);  // same purl twice: a second layer installed it again
  json bom = Parse(*WriteCycloneDx(r, {}));
  std::set<std::string> refs = {bom["metadata"]["component"]["bom-ref"]};
  for (const auto& c : bom["components"]) EXPECT_TRUE(refs.insert(c["bom-ref"]).second);
  EXPECT_EQ(bom["components"].size(), r.packages.size() + 1);  // + the OS
  for (const auto& d : bom["dependencies"]) {
    EXPECT_TRUE(refs.contains(d["ref"]));
    for (const auto& on : d["dependsOn"]) EXPECT_TRUE(refs.contains(on)) << on;
  }
  ASSERT_EQ(bom["vulnerabilities"].size(), 4u);  // CVE-2024-0727 once, with two affects
  for (const auto& v : bom["vulnerabilities"]) {
    for (const auto& a : v["affects"]) EXPECT_TRUE(refs.contains(a["ref"])) << a["ref"];
    if (v["id"] == "CVE-2024-0727") {
      EXPECT_EQ(v["affects"].size(), 2u);
    }
  }
}

struct LicenseCase {
  std::vector<std::string> stated;
  std::string want;  // the licenses array, compact JSON; "" = no licenses field
};

class ReportCycloneDxLicenseTest : public ::testing::TestWithParam<LicenseCase> {};

TEST_P(ReportCycloneDxLicenseTest, ChoosesIdExpressionOrName) {
  Report r = BaseImageReport();
  r.packages.push_back(Deb("p", "1", "", GetParam().stated, kLayer1));
  json bom = Parse(*WriteCycloneDx(r, {}));
  const json& c = bom["components"][1];
  EXPECT_EQ(c.contains("licenses") ? c["licenses"].dump() : "", GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Report, ReportCycloneDxLicenseTest,
    ::testing::Values(
        LicenseCase{{}, ""}, LicenseCase{{" "}, ""},
        LicenseCase{{"MIT", "mit", "GPL-2+"},
                    R"([{"license":{"id":"MIT"}},{"license":{"id":"GPL-2.0-or-later"}}])"},
        LicenseCase{{"MIT OR Apache-2.0"}, R"([{"expression":"MIT OR Apache-2.0"}])"},
        LicenseCase{{"MIT OR Apache-2.0", "Zlib"},
                    R"([{"expression":"(MIT OR Apache-2.0) AND Zlib"}])"},
        LicenseCase{{"public-domain", "Zlib"},
                    R"([{"license":{"name":"public-domain"}},{"license":{"id":"Zlib"}}])"}));

TEST(ReportSpdxTest, IdsUniqueWellFormedAndLicenseRefsDeclared) {
  Report r = FullReport();
  r.packages.push_back(r.packages[0]);
  Package odd = r.packages[0];
  odd.name = "libssl3";
  odd.version = "3.0.11+1~deb12u2";  // sanitises to the same id as "3.0.11-1~deb12u2"
  r.packages.push_back(odd);
  json doc = Parse(*WriteSpdx(r, {}));
  static const std::regex kId("SPDXRef-[A-Za-z0-9.-]+");
  std::set<std::string> ids = {"SPDXRef-DOCUMENT"};
  for (const auto& p : doc["packages"]) {
    std::string id = p["SPDXID"];
    EXPECT_TRUE(std::regex_match(id, kId)) << id;
    EXPECT_TRUE(ids.insert(id).second) << id;
  }
  EXPECT_EQ(doc["packages"].size(), r.packages.size() + 2);  // + artifact, OS
  for (const auto& rel : doc["relationships"]) {
    EXPECT_TRUE(ids.contains(rel["spdxElementId"]));
    EXPECT_TRUE(ids.contains(rel["relatedSpdxElement"]));
  }
  std::set<std::string> declared;
  for (const auto& e : doc["hasExtractedLicensingInfos"]) declared.insert(e["licenseId"]);
  static const std::regex kRef("LicenseRef-[A-Za-z0-9.-]+");
  int used = 0;
  for (const auto& p : doc["packages"]) {
    std::string expr = p.value("licenseDeclared", "");
    for (auto it = std::sregex_iterator(expr.begin(), expr.end(), kRef);
         it != std::sregex_iterator(); ++it, ++used) {
      EXPECT_TRUE(declared.contains(it->str())) << it->str();
    }
  }
  EXPECT_GT(used, 0);
  EXPECT_TRUE(doc["documentNamespace"].get<std::string>().starts_with(
      "https://spdx.org/spdxdocs/portcullis-registry.example.com-shop-web-1.4-"));
}

TEST(ReportSpdxTest, NeedsCreationTime) {
  Report r = EmptyReport();
  r.created_at = "";
  EXPECT_FALSE(WriteSpdx(r, {}).has_value());
  r.created_at = "2024-05-01T12:30:45.123456Z";
  auto doc = WriteSpdx(r, {});
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(Parse(*doc)["creationInfo"]["created"], "2024-05-01T12:30:45Z");
}

TEST(ReportSbomFormatsTest, RefuseReportsWithoutSoftware) {
  for (auto format : {ReportFormat::kCycloneDx, ReportFormat::kSpdx}) {
    auto out = WriteReport(DockerfileReport(), format, {});
    ASSERT_FALSE(out.has_value());
    EXPECT_EQ(out.error().code, ErrorCode::kUnsupported);
    EXPECT_NE(out.error().message.find("dockerfile"), std::string::npos);
    EXPECT_FALSE(WriteReport(Report{}, format, {}).has_value());
  }
}

size_t DisplayColumns(const std::string& line) {
  size_t n = 0;
  for (char c : line) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST(ReportTableTest, PlainByDefaultAndFitsTheWidth) {
  for (size_t width : {0, 130, 160}) {
    WriteOptions options;
    options.command = "image";
    options.width = width;
    std::string table = WriteTable(FullReport(), options);
    EXPECT_EQ(table.find('\x1b'), std::string::npos);
    std::istringstream lines(table);
    bool in_header = true;  // header values are never cut
    for (std::string line; std::getline(lines, line);) {
      in_header &= !line.empty();
      if (!in_header) {
        EXPECT_LE(DisplayColumns(line), width ? width : 120) << width << ": " << line;
      }
    }
  }
}

TEST(ReportTableTest, ColourOnlyWhenAsked) {
  WriteOptions options;
  options.command = "image";
  options.color = true;
  std::string table = WriteTable(FullReport(), options);
  EXPECT_NE(table.find("\x1b[1;31mCRITICAL\x1b[0m"), std::string::npos);
  EXPECT_NE(table.find("\x1b[1;31mDELETED in later layer"), std::string::npos);
  // Escapes from the report itself stay inert even in colour mode.
  EXPECT_EQ(table.find("\x1b[31mred"), std::string::npos);
}

TEST(ReportTableTest, SectionsOnlyForWhatIsPresent) {
  WriteOptions options;
  options.command = "image";
  std::string empty = WriteTable(EmptyReport(), options);
  EXPECT_EQ(empty.find("Vulnerabilities"), std::string::npos);
  EXPECT_NE(empty.find("No findings (scanners: vuln, secret, hardening)."), std::string::npos);
  EXPECT_NE(empty.find("EOL since 2024-06-30"), std::string::npos);

  std::string full = WriteTable(FullReport(), options);
  EXPECT_NE(full.find("Vulnerabilities: 5 (CRITICAL 1, MEDIUM 2, LOW 1, UNKNOWN 1)"),
            std::string::npos);
  EXPECT_NE(full.find("Secrets: 3 (CRITICAL 1, HIGH 1, MEDIUM 1)"), std::string::npos);
  EXPECT_NE(full.find("DELETED in later layer c0ffee00c0ff"), std::string::npos);
  EXPECT_NE(full.find("Diagnostics: 3"), std::string::npos);
  EXPECT_EQ(full.find("Packages:"), std::string::npos);
  // Worst first: the CRITICAL zlib row comes before the MEDIUM openssl rows.
  EXPECT_LT(full.find("zlib1g"), full.find("libssl3"));

  Report one = EmptyReport();
  one.artifact.layers.resize(1);
  one.packages.push_back(Deb("bash", "5.2.15-2+b2", "", {}, kLayer1));
  EXPECT_NE(WriteTable(one, options).find("Contents  1 layer, 1 package\n"), std::string::npos);

  options.command = "sbom";
  std::string sbom = WriteTable(FullReport(), options);
  EXPECT_NE(sbom.find("Packages: 8"), std::string::npos);
  EXPECT_NE(sbom.find("libssl3"), std::string::npos);
}

TEST(ReportJsonTest, StableCoreFieldsPresent) {
  json j = Parse(WriteJson(FullReport()));
  EXPECT_EQ(j["schema"], "portcullis.report/v1");
  for (const char* key : {"name", "type", "digest", "layers"}) EXPECT_TRUE(j["artifact"].contains(key));
  for (const char* key : {"family", "version", "eol"}) EXPECT_TRUE(j["os"].contains(key));
  for (const char* key : {"name", "version", "arch", "source_name", "source_version", "ecosystem",
                          "purl", "layer"}) {
    EXPECT_TRUE(j["packages"][0].contains(key)) << key;
  }
  for (const char* key : {"id", "aliases", "package", "source_package", "installed_version",
                          "fixed_version", "status", "severity", "severity_source", "title",
                          "references", "layer", "purl"}) {
    EXPECT_TRUE(j["vulnerabilities"][0].contains(key)) << key;
  }
  for (const char* key : {"rule_id", "title", "severity", "path", "line", "layer",
                          "deleted_in_later_layer", "match"}) {
    EXPECT_TRUE(j["secrets"][0].contains(key)) << key;
  }
  for (const char* key : {"id", "aliases", "severity", "title", "target", "path", "line", "message",
                          "remediation"}) {
    EXPECT_TRUE(j["misconfigurations"][0].contains(key)) << key;
  }
  for (const char* key : {"code", "path", "line", "message"}) {
    EXPECT_TRUE(j["diagnostics"][0].contains(key)) << key;
  }
}

// Two copies of lodash (app1/ and app2/): two findings, each pointing at its own file in SARIF
// (distinct fingerprints) and at its own component in CycloneDX.
TEST(ReportInstanceTest, EachCopyIsItsOwnResultAndComponent) {
  Report r;
  r.artifact.name = "img";
  r.scanners = {"vuln"};
  for (std::string app : {"app1", "app2"}) {
    Package p;
    p.name = "lodash";
    p.version = "4.17.20";
    p.type = "npm";
    p.ecosystem = "npm";
    p.purl = "pkg:npm/lodash@4.17.20";
    p.found_in = "/" + app + "/node_modules/lodash/package.json";
    p.layer = "sha256:" + std::string(64, app == "app1" ? 'a' : 'b');
    r.packages.push_back(p);
    Vulnerability v;
    v.id = "CVE-2021-23337";
    v.package = p.name;
    v.installed_version = p.version;
    v.purl = p.purl;
    v.package_path = p.found_in;
    v.layer = p.layer;
    v.severity = Severity::kHigh;
    r.vulnerabilities.push_back(v);
  }
  json s = Parse(WriteSarif(r, {}));
  std::set<std::string> uris, prints;
  for (const auto& result : s["runs"][0]["results"]) {
    uris.insert(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
    prints.insert(result["partialFingerprints"]["portcullisFinding/v1"]);
  }
  EXPECT_EQ(uris, (std::set<std::string>{"app1/node_modules/lodash/package.json",
                                         "app2/node_modules/lodash/package.json"}));
  EXPECT_EQ(prints.size(), 2u);

  json c = Parse(*WriteCycloneDx(r, {}));
  std::set<std::string> refs;
  for (const auto& comp : c["components"]) {
    if (comp["name"] == "lodash") refs.insert(comp["bom-ref"]);
  }
  ASSERT_EQ(refs.size(), 2u);
  std::set<std::string> affected;
  for (const auto& v : c["vulnerabilities"]) {
    for (const auto& a : v["affects"]) affected.insert(a["ref"]);
  }
  EXPECT_EQ(affected, refs);

  json j = Parse(WriteJson(r));
  std::set<std::string> paths;
  for (const auto& v : j["vulnerabilities"]) paths.insert(v["package_path"]);
  EXPECT_EQ(paths.size(), 2u);
}

}  // namespace
}  // namespace portcullis::testing
