// Misconfiguration.column reaches the JSON (`column`) and SARIF (`region.startColumn`) writers,
// from the real readers that set it: each row parses a Kubernetes manifest, a compose file, a
// script with a docker run line or docker inspect output, takes one finding, and checks that
// its 1-based column points at the offending value (the YAML/JSON value node, the command-line
// word), in the text and in both outputs.
// Dockerfile findings carry no column (the linter reports whole instructions): they and other
// column-less findings write neither field.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "config/dockerfile/dockerfile.h"
#include "config/runtime/fixtures.h"
#include "core/strings.h"
#include "report/formats.h"
#include "report/writer.h"
#include "report_fixture.h"
#include "rules/dockerfile/linter.h"

namespace portcullis {
namespace {

using runtime::ConfigKind;

struct ColumnCase {
  std::string name;
  ConfigKind kind;
  std::string text;
  std::string rule;   // the finding to look at
  uint64_t line;      // where it must point
  std::string token;  // the text that starts at its column: the offending value
};

void PrintTo(const ColumnCase& c, std::ostream* os) { *os << c.name; }

class MisconfigurationColumnTest : public ::testing::TestWithParam<ColumnCase> {};

// A report holding just `m`.
Report ReportOf(const Misconfiguration& m) {
  Report r = testing::DockerfileReport();
  r.misconfigurations = {m};
  return r;
}

TEST_P(MisconfigurationColumnTest, PointsAtTheTokenInJsonAndSarif) {
  const ColumnCase& c = GetParam();
  auto findings = runtime::testing::FindingsOf(c.text, c.kind, "app.yaml");
  const Misconfiguration* found = nullptr;
  for (const auto& f : findings) {
    if (f.id == c.rule) found = &f;
  }
  ASSERT_NE(found, nullptr) << c.rule;
  ASSERT_EQ(found->line, c.line);
  ASSERT_GT(found->column, 0u);
  std::vector<std::string_view> lines = Split(c.text, '\n');
  ASSERT_LE(found->line, lines.size());
  std::string_view line = lines[found->line - 1];
  ASSERT_LE(found->column, line.size());
  EXPECT_TRUE(line.substr(found->column - 1).starts_with(c.token))
      << "column " << found->column << " of '" << line << "'";

  Report report = ReportOf(*found);
  auto json = nlohmann::json::parse(WriteJson(report));
  EXPECT_EQ(json["misconfigurations"][0]["line"], c.line);
  EXPECT_EQ(json["misconfigurations"][0]["column"], found->column);
  auto sarif = nlohmann::json::parse(WriteSarif(report, {}));
  auto region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], c.line);
  EXPECT_EQ(region["startColumn"], found->column);
}

INSTANTIATE_TEST_SUITE_P(
    Readers, MisconfigurationColumnTest,
    ::testing::Values(
        ColumnCase{"KubernetesPrivileged", ConfigKind::kKubernetes,
                   "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n"
                   "    - name: web\n      image: nginx:1.25\n      securityContext:\n"
                   "        privileged: true\n",
                   "PC-RT-001", 9, "true"},
        ColumnCase{"KubernetesFlowStyleHostPid", ConfigKind::kKubernetes,
                   "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {hostPID: true, "
                   "containers: [{name: web, image: 'nginx:1.25'}]}\n",
                   "PC-RT-018", 4, "true, containers"},
        ColumnCase{"ComposePrivileged", ConfigKind::kCompose,
                   "services:\n  db:\n    image: postgres:16\n    privileged: true\n",
                   "PC-RT-001", 4, "true"},
        ColumnCase{"ScriptHostPath", ConfigKind::kScript,
                   "#!/bin/sh\nset -e\n  docker run --rm -v /:/host alpine:3.19 true\n",
                   "PC-RT-022", 3, "/:/host"},
        ColumnCase{"DockerInspectHostNetwork", ConfigKind::kDockerInspect,
                   "[\n  {\n    \"Id\": \"abcdefabcdef0000\",\n    \"Name\": \"/api\",\n"
                   "    \"Config\": {\"Image\": \"api:1\"},\n"
                   "    \"HostConfig\": {\"Privileged\": false, \"NetworkMode\": \"host\"}\n"
                   "  }\n]\n",
                   "PC-RT-017", 6, "\"host\"}"},
        ColumnCase{"ScriptImage", ConfigKind::kScript,
                   "#!/bin/sh\n  docker run --rm -v /:/host alpine:3.19 true\n", "PC-RT-033", 2,
                   "alpine:3.19"}),
    [](const auto& info) { return info.param.name; });

TEST(MisconfigurationColumnTest, UnknownColumnIsLeftOut) {
  dockerfile::LintOptions options;
  Report linted;
  dockerfile::LintDockerfile("FROM nginx:latest\nUSER root\n", "Dockerfile", options, linted);
  ASSERT_FALSE(linted.misconfigurations.empty());
  ASSERT_EQ(linted.misconfigurations.front().column, 0u);
  Report report = ReportOf(linted.misconfigurations.front());
  auto json = nlohmann::json::parse(WriteJson(report));
  EXPECT_FALSE(json["misconfigurations"][0].contains("column"));
  auto sarif = nlohmann::json::parse(WriteSarif(report, {}));
  auto region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_GT(region["startLine"], 0);
  EXPECT_FALSE(region.contains("startColumn"));
}

}  // namespace
}  // namespace portcullis
