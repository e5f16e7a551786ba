// HardeningFilesAnalyzer: which files it keeps, that `collected` holds only file contents, and
// its per-layer budget.
#include "analyzer/file/hardening_files.h"


#include <gtest/gtest.h>

namespace portcullis {
namespace {

TEST(HardeningFilesTest, KeepsWhatTheRulesRead) {
  HardeningFilesAnalyzer a;
  struct Case {
    std::string path;
    std::string content;
    bool wanted;
    bool kept;
  } cases[] = {
      {"etc/passwd", "root:x:0:0::/root:/bin/sh\n", true, true},
      {"etc/shadow", "root:*:1::::::\n", true, true},
      {"etc/sudoers.d/app", "app ALL=(ALL) NOPASSWD: ALL\n", true, true},
      {"root/.ssh/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\n", true, true},
      {"etc/ssl/private/server.key", "-----BEGIN PRIVATE KEY-----\n", true, true},
      {"etc/ssl/certs/ca.pem", "-----BEGIN CERTIFICATE-----\n", true, false},
      {"root/.docker/config.json", R"({"auths":{}})", true, true},
      {"root/.docker/config.json.bak", R"({"auths":{}})", false, false},
      {"home/u/.aws/credentials", "[default]\n", true, true},
      {"etc/hostname", "x\n", false, false},
      {"etc/passwd.d/x", "", false, false},
  };
  for (const auto& c : cases) {
    TarEntry e;
    e.path = c.path;
    e.size = c.content.size();
    EXPECT_EQ(a.Wants(e), c.wanted) << c.path;
    if (!c.wanted) continue;
    LayerFacts facts;
    a.Analyze(e, c.content, facts);
    EXPECT_EQ(facts.collected.contains(c.path), c.kept) << c.path;
  }
  TarEntry big;
  big.path = "root/.ssh/id_rsa";
  big.size = kMaxCredentialFileBytes + 1;
  EXPECT_FALSE(a.Wants(big));
  TarEntry dir;
  dir.path = "etc/passwd";
  dir.type = EntryType::kDir;
  EXPECT_FALSE(a.Wants(dir));
}

TEST(HardeningFilesTest, BudgetPerLayerIsEnforced) {
  HardeningFilesAnalyzer a;
  LayerFacts facts;
  std::string key(kMaxCredentialFileBytes - 100, 'k');
  key = "-----BEGIN PRIVATE KEY-----\n" + key;
  size_t n = kMaxKeptBytesPerLayer / key.size() + 10;
  for (size_t i = 0; i < n; ++i) {
    TarEntry e;
    e.path = "keys/" + std::to_string(i) + ".pem";
    e.size = key.size();
    ASSERT_TRUE(a.Wants(e));
    a.Analyze(e, key, facts);
  }
  uint64_t kept = 0;
  for (const auto& [k, v] : facts.collected) {
    if (k.starts_with("keys/")) kept += v.size();
  }
  EXPECT_LE(kept, kMaxKeptBytesPerLayer);
  EXPECT_GT(kept, kMaxKeptBytesPerLayer - key.size() - 1);
  ASSERT_EQ(facts.diagnostics.size(), 1u);
  EXPECT_EQ(facts.diagnostics[0].code, "hardening.budget");
}

// `collected` holds only file contents, under the files' own paths; package file lists are not
// this analyzer's (analyzer/pkg/package_file_lists.h).
TEST(HardeningFilesTest, CollectedHoldsOnlyFileContents) {
  HardeningFilesAnalyzer a;
  LayerFacts facts;
  struct Input {
    std::string path;
    std::string content;
  } inputs[] = {
      {"var/lib/dpkg/info/passwd.list", "/usr/bin/passwd\n"},
      {"lib/apk/db/installed", "P:busybox\nF:bin\nR:busybox\n\n"},
      {"etc/sudoers.d/app", "app ALL=(ALL) NOPASSWD: ALL\n"},
      {"etc/passwd", "root:x:0:0::/root:/bin/sh\n"},
  };
  for (const auto& in : inputs) {
    TarEntry e;
    e.path = in.path;
    e.size = in.content.size();
    if (a.Wants(e)) a.Analyze(e, in.content, facts);
  }
  std::vector<std::string> collected;
  for (const auto& [k, v] : facts.collected) collected.push_back(k);
  EXPECT_EQ(collected, (std::vector<std::string>{"etc/passwd", "etc/sudoers.d/app"}));
  EXPECT_TRUE(facts.package_files.empty());
  // The account file is not budgeted; the sudoers.d file is.
  EXPECT_EQ(facts.hardening_kept_bytes, facts.collected.at("etc/sudoers.d/app").size());
  EXPECT_FALSE(facts.hardening_budget_reported);
}

}  // namespace
}  // namespace portcullis
