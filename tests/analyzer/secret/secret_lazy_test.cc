// Built-in secret rules compile their PCRE2 regexes on their first candidate (a scanner is
// built in well under a millisecond instead of ~8 ms): every rule still compiles, the lazily
// compiled scanner finds exactly what a fully compiled one finds, also when many threads hit
// the same uncompiled rules at once, and a user's broken rule still fails in Create.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "analyzer/secret/secret_fixtures.h"
#include "analyzer/secret/secret_scanner.h"

namespace portcullis {
namespace {

// Every built-in fixture, one per line block, as one text.
std::string AllFixtures() {
  std::string text;
  for (const testing::SecretFixture& f : testing::SecretFixtures()) {
    if (f.rule == "pkcs12-file") continue;  // path-only: looks at the first bytes of a file
    text += testing::ExpandTemplate(f.text, testing::SeedOf(f.rule));
    text += "\n\n";
  }
  return text;
}

std::vector<std::string> Describe(const std::vector<SecretHit>& hits) {
  std::vector<std::string> out;
  for (const SecretHit& h : hits) {
    out.push_back(h.rule_id + ":" + std::to_string(h.line) + ":" + h.match);
  }
  return out;
}

TEST(SecretLazyCompile, EveryBuiltinRuleCompiles) {
  auto scanner = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(scanner) << scanner.error().ToString();
  auto all = (*scanner)->CompileAll();
  EXPECT_TRUE(all) << all.error().ToString();
}

TEST(SecretLazyCompile, SameHitsAsAFullyCompiledScanner) {
  const std::string text = AllFixtures();
  auto eager = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(eager);
  ASSERT_TRUE((*eager)->CompileAll());
  const std::vector<std::string> expected =
      Describe((*eager)->ScanText(text, "app/config.txt"));
  ASSERT_GT(expected.size(), 100u);

  auto lazy = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(lazy);
  EXPECT_EQ(Describe((*lazy)->ScanText(text, "app/config.txt")), expected);
}

TEST(SecretLazyCompile, ThreadsCompilingTheSameRulesAtOnceAgree) {
  const std::string text = AllFixtures();
  auto reference = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(reference);
  const std::vector<std::string> expected =
      Describe((*reference)->ScanText(text, "app/config.txt"));

  auto fresh = SecretScanner::Create(SecretConfig{});  // nothing compiled yet
  ASSERT_TRUE(fresh);
  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      got[static_cast<size_t>(t)] = Describe((*fresh)->ScanText(text, "app/config.txt"));
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& g : got) EXPECT_EQ(g, expected);
}

TEST(SecretLazyCompile, BrokenUserRuleStillFailsInCreate) {
  SecretConfig config;
  config.source = "secrets.yaml";
  SecretRule rule;
  rule.info.id = "my-token";
  rule.regex = "tok_([a-z]{8}";  // unbalanced parenthesis
  config.rules.push_back(rule);
  auto scanner = SecretScanner::Create(config);
  ASSERT_FALSE(scanner);
  EXPECT_EQ(scanner.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(scanner.error().message.find("secrets.yaml: secret rule 'my-token'"),
            std::string::npos)
      << scanner.error().message;
  EXPECT_NE(scanner.error().message.find("does not compile"), std::string::npos);
}

}  // namespace
}  // namespace portcullis
