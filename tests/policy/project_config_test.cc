#include "policy/project_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace portcullis {
namespace {

TEST(ProjectConfigTest, TopLevelAndSections) {
  auto c = ParseProjectConfig(R"(
ignore: [PC-DF-008, dl3059]
severity: {PC-DF-009: high}
trusted_registries: [docker.io]
failure_threshold: MEDIUM
dockerfile:
  ignore: [PC-DF-046]
  severity:
    PC-DF-009: CRITICAL
  trusted_registries: [ghcr.io/acme]
config:
  failure_threshold: none
  allowed_capabilities: [NET_BIND_SERVICE]
  profile: strict
)",
                              "portcullis.yaml");
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  PolicySection d = c->For("dockerfile");
  EXPECT_EQ(d.ignore, (std::vector<std::string>{"PC-DF-008", "DL3059", "PC-DF-046"}));
  EXPECT_EQ(d.severity.at("PC-DF-009"), Severity::kCritical);
  EXPECT_EQ(d.trusted_registries, (std::vector<std::string>{"docker.io", "ghcr.io/acme"}));
  EXPECT_EQ(d.failure_threshold, Severity::kMedium);
  EXPECT_TRUE(d.Ignores("PC-DF-100", {"DL3059"}));
  EXPECT_FALSE(d.Ignores("PC-DF-100", {"DL3060"}));
  EXPECT_EQ(d.SeverityFor("x", {"PC-DF-009"}), Severity::kCritical);
  PolicySection r = c->For("config");
  EXPECT_TRUE(r.never_fail);
  EXPECT_EQ(r.extras.at("allowed_capabilities"), std::vector<std::string>{"NET_BIND_SERVICE"});
  EXPECT_EQ(r.extras.at("profile"), std::vector<std::string>{"strict"});
  EXPECT_EQ(c->For("unknown").ignore.size(), 2u);
}

TEST(ProjectConfigTest, Hadolint) {
  auto c = ParseHadolintConfig(R"(
failure-threshold: warning
ignored:
  - DL3008
  - DL3059
override:
  error: [DL3015]
  info: [DL3007]
  style: [DL3057]
trustedRegistries:
  - docker.io
  - my-company.com:5000
label-schema:
  author: text
  url: url
strict-labels: true
disable-ignore-pragma: true
format: tty
)",
                               ".hadolint.yaml");
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_EQ(c->format, "hadolint");
  PolicySection d = c->For("dockerfile");
  EXPECT_EQ(d.ignore, (std::vector<std::string>{"DL3008", "DL3059"}));
  EXPECT_EQ(d.severity.at("DL3015"), Severity::kHigh);
  EXPECT_EQ(d.severity.at("DL3007"), Severity::kLow);
  EXPECT_EQ(d.severity.at("DL3057"), Severity::kInfo);
  EXPECT_EQ(d.trusted_registries.size(), 2u);
  EXPECT_EQ(d.failure_threshold, Severity::kMedium);
  EXPECT_FALSE(d.inline_ignores);
  EXPECT_EQ(d.label_schema.at("url"), "url");
  EXPECT_TRUE(d.strict_labels);
  EXPECT_TRUE(c->For("config").ignore.empty());
  EXPECT_FALSE(ParseHadolintConfig("label-schema: {a: colour}\n", ".hadolint.yaml").has_value());
}

struct BadConfig {
  std::string name;
  std::string text;
  ErrorCode code;
  uint64_t line;
};

void PrintTo(const BadConfig& c, std::ostream* os) { *os << c.name; }

class ProjectConfigErrorTest : public testing::TestWithParam<BadConfig> {};

TEST_P(ProjectConfigErrorTest, NamesFileAndLine) {
  auto c = ParseProjectConfig(GetParam().text, "portcullis.yaml");
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().code, GetParam().code) << c.error().ToString();
  EXPECT_EQ(c.error().path, "portcullis.yaml");
  EXPECT_EQ(c.error().position, GetParam().line) << c.error().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, ProjectConfigErrorTest,
    testing::Values(
        BadConfig{"Yaml", "ignore: [a\nseverity: x\n", ErrorCode::kCorrupt, 2},
        BadConfig{"UnknownKey", "ignore: []\nignores: [x]\n", ErrorCode::kInvalidArgument, 2},
        BadConfig{"BadSeverity", "severity:\n  PC-DF-001: urgent\n", ErrorCode::kInvalidArgument,
                  2},
        BadConfig{"NotAList", "ignore: {a: b}\n", ErrorCode::kInvalidArgument, 1},
        BadConfig{"NotAMap", "- a\n- b\n", ErrorCode::kInvalidArgument, 1},
        BadConfig{"TooDeep", "ignore: " + std::string(100, '[') + std::string(100, ']') + "\n",
                  ErrorCode::kLimitExceeded, 1}),
    [](const auto& info) { return info.param.name; });

TEST(ProjectConfigTest, EmptyFileIsEmptyPolicy) {
  auto c = ParseProjectConfig("", "portcullis.yaml");
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->For("dockerfile").ignore.empty());
  EXPECT_TRUE(c->For("dockerfile").inline_ignores);
}

TEST(ProjectConfigTest, FindAndLoadPreferOwnFile) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("pc-config-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  EXPECT_FALSE(FindProjectConfig(dir.string()).has_value());
  std::ofstream(dir / ".hadolint.yaml") << "ignored: [DL3008]\n";
  auto found = FindProjectConfig(dir.string());
  ASSERT_TRUE(found.has_value());
  auto hadolint = LoadProjectConfig(*found);
  ASSERT_TRUE(hadolint.has_value());
  EXPECT_EQ(hadolint->format, "hadolint");
  std::ofstream(dir / "portcullis.yaml") << "ignore: [PC-DF-001]\n";
  found = FindProjectConfig(dir.string());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(fs::path(*found).filename(), "portcullis.yaml");
  auto own = LoadProjectConfig(*found);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->global.ignore, std::vector<std::string>{"PC-DF-001"});
  fs::remove_all(dir);
}

}  // namespace
}  // namespace portcullis
