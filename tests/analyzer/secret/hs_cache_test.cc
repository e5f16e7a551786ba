#include "analyzer/secret/hs_cache.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <set>

#include <fmt/format.h>

#include "analyzer/secret/secret_config.h"
#include "analyzer/secret/secret_scanner.h"
#include "core/files.h"
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

namespace fs = std::filesystem;

// Writes `name` in `dir` with a modification time `age` before now.
void WriteAged(const fs::path& dir, const std::string& name, std::chrono::hours age) {
  testing::WriteFile((dir / name).string(), name);
  fs::last_write_time(dir / name, fs::file_time_type::clock::now() - age);
}

std::set<std::string> Names(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

TEST(HsCacheTest, StoringADatabasePrunesTheOldestSoEightRemain) {
  ScopedCacheHome home;
  fs::path dir = CacheDir(true);
  ASSERT_FALSE(dir.empty());
  // Ten older databases (old0 the oldest), and files the pruning must not touch: a write in
  // progress, another tool's file, a directory and a link with the database name pattern.
  for (int i = 0; i < 10; ++i) {
    WriteAged(dir, fmt::format("hsdb-old{}.bin", i), std::chrono::hours(100 - i));
  }
  WriteAged(dir, "hsdb-old0.bin.tmp.4242", std::chrono::hours(200));
  WriteAged(dir, "advisories.db", std::chrono::hours(200));
  fs::create_directory(dir / "hsdb-dir.bin");
  fs::create_symlink(dir / "hsdb-old0.bin", dir / "hsdb-link.bin");
  std::set<std::string> before = Names(dir);

  auto scanner = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(scanner) << scanner.error().ToString();

  std::set<std::string> after = Names(dir);
  std::set<std::string> added, removed;
  std::ranges::set_difference(after, before, std::inserter(added, added.end()));
  std::ranges::set_difference(before, after, std::inserter(removed, removed.end()));
  ASSERT_EQ(added.size(), 1u);
  EXPECT_TRUE(added.begin()->starts_with("hsdb-") && added.begin()->ends_with(".bin"));
  EXPECT_EQ(removed, (std::set<std::string>{"hsdb-old0.bin", "hsdb-old1.bin", "hsdb-old2.bin"}));
  size_t databases = 0;
  for (const auto& name : after) {
    databases += name.starts_with("hsdb-") && name.ends_with(".bin") &&
                 fs::is_regular_file(fs::symlink_status(dir / name));
  }
  EXPECT_EQ(databases, kMaxCachedHsDatabases);

  // The database just written is loaded by the next process, not compiled again.
  auto second = SecretScanner::Create(SecretConfig{});
  ASSERT_TRUE(second) << second.error().ToString();
  EXPECT_EQ(Names(dir), after);
}

struct PruneCase {
  std::string name;
  size_t files;        // hsdb-<i>.bin, i hours old
  size_t max_files;
  int keep;            // index of the file to keep whatever its age, -1 for none
  std::set<size_t> remaining;
};

class HsCachePruneTest : public ::testing::TestWithParam<PruneCase> {};

TEST_P(HsCachePruneTest, KeepsTheNewestAndTheOneJustWritten) {
  const PruneCase& c = GetParam();
  testing::TempDir tmp;
  fs::path dir = tmp.path();
  for (size_t i = 0; i < c.files; ++i) {
    WriteAged(dir, fmt::format("hsdb-{}.bin", i), std::chrono::hours(i));
  }
  std::string keep = c.keep < 0 ? "" : (dir / fmt::format("hsdb-{}.bin", c.keep)).string();
  PruneCachedHsDatabases(dir.string(), c.max_files, keep);
  std::set<std::string> expected;
  for (size_t i : c.remaining) expected.insert(fmt::format("hsdb-{}.bin", i));
  EXPECT_EQ(Names(dir), expected);
}

INSTANTIATE_TEST_SUITE_P(
    HsCache, HsCachePruneTest,
    ::testing::Values(PruneCase{"UnderTheLimit", 3, 8, -1, {0, 1, 2}},
                      PruneCase{"AtTheLimit", 8, 8, -1, {0, 1, 2, 3, 4, 5, 6, 7}},
                      PruneCase{"OverTheLimit", 10, 8, -1, {0, 1, 2, 3, 4, 5, 6, 7}},
                      PruneCase{"KeepsAnOldOne", 10, 3, 9, {0, 1, 9}},
                      PruneCase{"KeepsANewOne", 10, 3, 0, {0, 1, 2}},
                      PruneCase{"NoneAllowed", 3, 0, -1, {}}),
    [](const auto& info) { return info.param.name; });

// Another process deleting files at the same time: removals that find nothing are ignored.
TEST(HsCacheTest, PruningAMissingDirectoryOrFilesIsQuiet) {
  testing::TempDir tmp;
  PruneCachedHsDatabases(tmp / "absent", 0);
  WriteAged(tmp.path(), "hsdb-a.bin", std::chrono::hours(1));
  PruneCachedHsDatabases(tmp.path(), 0);
  PruneCachedHsDatabases(tmp.path(), 0);
  EXPECT_TRUE(Names(tmp.path()).empty());
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
