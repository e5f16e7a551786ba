#include "analyzer/secret/hs_cache.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "analyzer/secret/secret_config.h"
#include "analyzer/secret/secret_scanner.h"
#include "secret_fixtures.h"
#include "support/image_builder.h"

namespace portcullis {
namespace {

// Points $XDG_CACHE_HOME at a temporary directory for the test's lifetime.
class ScopedCacheHome {
 public:
  ScopedCacheHome() {
    if (const char* old = std::getenv("XDG_CACHE_HOME")) old_ = old;
    setenv("XDG_CACHE_HOME", tmp_.path().c_str(), 1);
  }
  ~ScopedCacheHome() {
    if (old_) {
      setenv("XDG_CACHE_HOME", old_->c_str(), 1);
    } else {
      unsetenv("XDG_CACHE_HOME");
    }
  }
  std::vector<std::string> Files() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(tmp_ / "portcullis")) {
      out.push_back(e.path().string());
    }
    return out;
  }

 private:
  testing::TempDir tmp_;
  std::optional<std::string> old_;
};

std::vector<std::string> Hits(const SecretScanner& scanner) {
  std::vector<std::string> out;
  for (const auto& f : testing::SecretFixtures()) {
    std::string text = testing::ExpandTemplate(f.text, testing::SeedOf(f.rule));
    for (const auto& hit : scanner.ScanText(text, f.path)) {
      out.push_back(hit.rule_id + ":" + std::to_string(hit.line) + ":" + hit.match);
    }
  }
  return out;
}

TEST(HsCacheTest, SecondCompileLoadsTheCachedDatabaseWithTheSameResults) {
  ScopedCacheHome home;
  auto first = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(first) << first.error().ToString();
  auto files = home.Files();
  ASSERT_EQ(files.size(), 1u);
  auto second = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(second) << second.error().ToString();
  auto expected = Hits(**first);
  ASSERT_GT(expected.size(), 100u);
  EXPECT_EQ(Hits(**second), expected);

  // A damaged cache file is ignored (and replaced), never trusted.
  std::string data = testing::ReadFile(files[0]);
  data[data.size() / 2] ^= 0x20;
  testing::WriteFile(files[0], data);
  auto third = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(third) << third.error().ToString();
  EXPECT_EQ(Hits(**third), expected);
  EXPECT_NE(testing::ReadFile(files[0]), data);
  testing::WriteFile(files[0], "short");
  auto fourth = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(fourth);
  EXPECT_EQ(Hits(**fourth), expected);
}

TEST(HsCacheTest, KeyDependsOnPatternsFlagsAndIds) {
  const char* a[] = {"abc", "def"};
  std::vector<const char*> p(a, a + 2);
  auto k = HsCacheKey(p, {0, 0}, {0, 1}, HS_MODE_STREAM);
  EXPECT_EQ(k, HsCacheKey(p, {0, 0}, {0, 1}, HS_MODE_STREAM));
  EXPECT_NE(k, HsCacheKey(p, {0, 0}, {1, 0}, HS_MODE_STREAM));
  EXPECT_NE(k, HsCacheKey(p, {0, 1}, {0, 1}, HS_MODE_STREAM));
  EXPECT_NE(k, HsCacheKey(p, {0, 0}, {0, 1}, HS_MODE_BLOCK));
  const char* b[] = {"abcd", "ef"};  // same bytes, different split
  EXPECT_NE(k, HsCacheKey(std::vector<const char*>(b, b + 2), {0, 0}, {0, 1}, HS_MODE_STREAM));
}

}  // namespace
}  // namespace portcullis
