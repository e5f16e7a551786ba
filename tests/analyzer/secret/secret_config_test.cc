// The --secret-config loader: a valid file changes the rule set; bad files fail naming the file,
// the line and what was expected.
#include <gtest/gtest.h>

#include "analyzer/secret/secret_config.h"

namespace portcullis {
namespace {

TEST(SecretConfigTest, ValidConfigAddsDisablesAndAllows) {
  auto cfg = ParseSecretConfig(R"(rules:
  - id: acme-api-key
    title: Acme API key
    category: Acme
    severity: CRITICAL
    regex: 'acme_([a-z0-9]{32})'
    entropy: 3.0
    keywords: [acme]
    paths: ["**/*.env"]
    allow: ['^0+$']
disable-rules: [jwt]
allow-paths: ["opt/fixtures/**"]
allow-values: ['TESTONLY']
)",
                               "s.yaml");
  ASSERT_TRUE(cfg.has_value()) << cfg.error().ToString();
  ASSERT_EQ(cfg->rules.size(), 1u);
  EXPECT_EQ(cfg->rules[0].info.id, "acme-api-key");
  EXPECT_EQ(cfg->rules[0].info.severity, Severity::kCritical);
  auto scanner = SecretScanner::Create(*cfg);
  ASSERT_TRUE(scanner.has_value()) << scanner.error().ToString();
  const std::string key = "acme_k3j9x0m2q8w7e6r5t4y3u2i1o0p9a8s7";
  auto hits = (*scanner)->ScanText("A=" + key + "\n", "app/prod.env");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].rule_id, "acme-api-key");
  EXPECT_EQ(hits[0].category, "Acme");
  EXPECT_EQ(hits[0].match, "k3j9*****");
  EXPECT_TRUE((*scanner)->ScanText("A=" + key + "\n", "app/prod.txt").empty());  // paths
  EXPECT_TRUE((*scanner)->ScanText("A=acme_" + std::string(32, '0') + "\n", "a.env").empty());
  EXPECT_TRUE((*scanner)->ScanText("A=" + key.substr(0, 20) + "TESTONLY0000\n", "a.env").empty());
  EXPECT_TRUE((*scanner)->IsPathAllowed("opt/fixtures/a/b.txt"));
  for (const SecretRule* r : (*scanner)->Rules()) EXPECT_NE(r->info.id, "jwt");
}

TEST(SecretConfigTest, ErrorsNameFileLineAndExpectation) {
  struct Case {
    std::string yaml;
    uint64_t line;
    std::string expect;
  };
  const Case cases[] = {
      {"rules:\n  - id: a\n    title: t\n    severity: URGENT\n    regex: x\n", 4, "severity"},
      {"rules:\n  - id: a\n    title: t\n    regex: x\n    colour: red\n", 5, "unknown rule key"},
      {"rules:\n  - id: Bad Id\n    title: t\n    regex: x\n", 2, "must match"},
      {"rules:\n  - title: t\n    regex: x\n", 2, "needs an 'id'"},
      {"rules: [1, 2]\n", 1, "mapping"},
      {"colour: red\n", 1, "unknown key"},
      {"rules:\n  - id: github-pat\n    title: t\n    regex: x\n", 2, "already used"},
      {"rules:\n  - id: a\n    title: t\n    regex: x\n    entropy: lots\n", 5, "entropy"},
      {"rules: [\n", 2, "invalid YAML"},
  };
  for (const Case& c : cases) {
    auto cfg = ParseSecretConfig(c.yaml, "s.yaml");
    ASSERT_FALSE(cfg.has_value()) << c.yaml;
    EXPECT_EQ(cfg.error().path, "s.yaml") << c.yaml;
    EXPECT_EQ(cfg.error().position, c.line) << c.yaml << cfg.error().ToString();
    EXPECT_NE(cfg.error().message.find(c.expect), std::string::npos) << cfg.error().ToString();
  }
}

TEST(SecretConfigTest, RegexesOutsideTheCommonDialectAreRejected) {
  const std::pair<std::string, std::string> cases[] = {
      {"a+", "upper bound"},
      {"(a)\\1", "not supported"},
      {"foo(?=bar)", "not supported"},
      {"(unclosed", "does not compile"},
  };
  for (const auto& [regex, expect] : cases) {
    SecretConfig cfg;
    cfg.source = "s.yaml";
    SecretRule r;
    r.user_id = "x";
    r.user_title = "x";
    r.info.id = r.user_id;
    r.info.title = r.user_title;
    r.regex = regex;
    r.builtin = false;
    cfg.rules.push_back(r);
    auto s = SecretScanner::Create(cfg);
    ASSERT_FALSE(s.has_value()) << regex;
    EXPECT_NE(s.error().message.find(expect), std::string::npos) << s.error().ToString();
  }
  SecretConfig cfg;
  cfg.disable_rules = {"no-such-rule"};
  EXPECT_FALSE(SecretScanner::Create(cfg).has_value());
}

TEST(SecretConfigTest, OversizedConfigIsRejected) {
  std::string big(kMaxSecretConfigBytes + 1, '#');
  auto cfg = ParseSecretConfig(big, "s.yaml");
  ASSERT_FALSE(cfg.has_value());
  EXPECT_EQ(cfg.error().code, ErrorCode::kLimitExceeded);
}

}  // namespace
}  // namespace portcullis
