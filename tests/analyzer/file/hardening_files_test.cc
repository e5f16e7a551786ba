// HardeningFilesAnalyzer: which files it keeps, the reduced dpkg/apk file lists (checked against
// the real lists of the debootstrap-built Debian root when present), and its per-layer budget.
#include "analyzer/file/hardening_files.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

namespace portcullis {
namespace {

std::map<std::string, std::string> Files(std::string_view list) {
  std::map<std::string, std::string> out;
  ForEachPackageFile(list, [&](std::string_view path, std::string_view package) {
    out[std::string(path)] = std::string(package);
  });
  return out;
}

TEST(HardeningFilesTest, AttributedPaths) {
  struct Case {
    std::string path;
    bool kept;
  } cases[] = {
      {"usr/bin/su", true},          {"bin/bash", true},
      {"usr/local/bin/pip3.11", true}, {"usr/lib/openssh/ssh-keysign", true},
      {"usr/lib/dbus-1.0/dbus-daemon-launch-helper", true},
      {"usr/lib/x86_64-linux-gnu/libc.so.6", false},
      {"usr/share/doc/bash/README", false}, {"usr/bin", false},
      {"etc/passwd", false},         {"usr/bin/", false},
      {"usr/libexec/sudo/sesh", true}, {"opt/app/bin/tool", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsAttributedPath(c.path), c.kept) << c.path;
}

TEST(HardeningFilesTest, ReducesDpkgLists) {
  std::string list =
      "/.\n/usr\n/usr/bin\n/usr/bin/passwd\n/usr/sbin/chpasswd\n/usr/share/man/man1/passwd.1.gz\n"
      "/usr/lib/x86_64-linux-gnu/libpam.so.0\n/bin/evil\tname\n";
  EXPECT_EQ(Files(ReduceDpkgList("var/lib/dpkg/info/passwd:amd64.list", list)),
            (std::map<std::string, std::string>{{"usr/bin/passwd", "passwd"},
                                                {"usr/sbin/chpasswd", "passwd"}}));
}

TEST(HardeningFilesTest, ReducesApkInstalled) {
  std::string db =
      "C:Q1abc=\nP:busybox\nV:1.36.1-r15\nF:bin\nR:busybox\nF:etc\nR:securetty\n\n"
      "P:sudo\nV:1.9\nF:usr/bin\nR:sudo\nR:../escape\nF:usr/share/doc\nR:README\n\n"
      "R:orphan\n";
  EXPECT_EQ(Files(ReduceApkInstalled(db)),
            (std::map<std::string, std::string>{{"bin/busybox", "busybox"},
                                                {"usr/bin/sudo", "sudo"}}));
}

// Found by the hardening_files fuzz target: a tab in an apk `F:` directory (or a tab or newline
// in a package name taken from a tar path) used to reach the "path<TAB>package" lines and split
// them in the wrong place, attributing a truncated path.
TEST(HardeningFilesTest, TabsAndNewlinesNeverReachTheReducedLists) {
  std::string db =
      "P:evil\nF:usr/lib/a\tb\nR:helper\nF:usr/bin\nR:ok\n\n"
      "P:bad\tname\nF:usr/bin\nR:sudo\n";
  EXPECT_EQ(Files(ReduceApkInstalled(db)),
            (std::map<std::string, std::string>{{"usr/bin/ok", "evil"}}));
  EXPECT_EQ(ReduceDpkgList("var/lib/dpkg/info/ev\nil.list", "/usr/bin/su\n"), "");
  EXPECT_EQ(ReduceDpkgList("var/lib/dpkg/info/ev\til.list", "/usr/bin/su\n"), "");
}

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

// Package file lists and the budget have their own LayerFacts fields: `collected` holds only
// file contents, under the files' own paths.
TEST(HardeningFilesTest, BookkeepingStaysOutOfCollectedFiles) {
  HardeningFilesAnalyzer a;
  LayerFacts facts;
  struct Input {
    std::string path;
    std::string content;
  } inputs[] = {
      {"var/lib/dpkg/info/passwd.list", "/usr/bin/passwd\n/usr/share/doc/passwd/README\n"},
      {"lib/apk/db/installed", "P:busybox\nF:bin\nR:busybox\n\n"},
      {"etc/sudoers.d/app", "app ALL=(ALL) NOPASSWD: ALL\n"},
      {"etc/passwd", "root:x:0:0::/root:/bin/sh\n"},
  };
  for (const auto& in : inputs) {
    TarEntry e;
    e.path = in.path;
    e.size = in.content.size();
    ASSERT_TRUE(a.Wants(e)) << in.path;
    a.Analyze(e, in.content, facts);
  }
  std::vector<std::string> collected;
  for (const auto& [k, v] : facts.collected) collected.push_back(k);
  EXPECT_EQ(collected, (std::vector<std::string>{"etc/passwd", "etc/sudoers.d/app"}));
  ASSERT_EQ(facts.package_files.size(), 2u);
  EXPECT_EQ(Files(facts.package_files.at("var/lib/dpkg/info/passwd.list")),
            (std::map<std::string, std::string>{{"usr/bin/passwd", "passwd"}}));
  EXPECT_EQ(Files(facts.package_files.at("lib/apk/db/installed")),
            (std::map<std::string, std::string>{{"bin/busybox", "busybox"}}));
  // The account file is not budgeted; the sudoers.d file and both lists are.
  EXPECT_EQ(facts.hardening_kept_bytes,
            facts.collected.at("etc/sudoers.d/app").size() +
                facts.package_files.at("var/lib/dpkg/info/passwd.list").size() +
                facts.package_files.at("lib/apk/db/installed").size());
  EXPECT_FALSE(facts.hardening_budget_reported);

  facts.hardening_kept_bytes = kMaxKeptBytesPerLayer;
  TarEntry over;
  over.path = "var/lib/dpkg/info/sudo.list";
  a.Analyze(over, "/usr/bin/sudo\n", facts);
  a.Analyze(over, "/usr/bin/sudo\n", facts);
  EXPECT_FALSE(facts.package_files.contains(over.path));
  EXPECT_TRUE(facts.hardening_budget_reported);
  EXPECT_EQ(facts.diagnostics.size(), 1u);
  EXPECT_EQ(facts.collected.size(), 2u);
}

TEST(HardeningFilesTest, RealDebianListsAttributeSetuidFiles) {
  std::string info = "/var/cache/portcullis-test/bookworm-rootfs/var/lib/dpkg/info";
  if (const char* c = std::getenv("PORTCULLIS_TEST_CACHE"); c && *c) {
    info = std::string(c) + "/bookworm-rootfs/var/lib/dpkg/info";
  }
  if (!std::filesystem::exists(info)) GTEST_SKIP() << info << " is absent";
  std::map<std::string, std::string> owner;
  size_t reduced = 0, original = 0;
  for (const auto& entry : std::filesystem::directory_iterator(info)) {
    std::string name = entry.path().filename();
    if (!name.ends_with(".list")) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string list = ReduceDpkgList("var/lib/dpkg/info/" + name, text.str());
    original += text.str().size();
    reduced += list.size();
    for (const auto& [p, pkg] : Files(list)) owner[p] = pkg;
  }
  // What `dpkg -S` says for these on Debian 12 (lists keep the pre-merged-/usr paths).
  EXPECT_EQ(owner["bin/su"], "util-linux");
  EXPECT_EQ(owner["usr/bin/passwd"], "passwd");
  EXPECT_EQ(owner["sbin/unix_chkpwd"], "libpam-modules-bin");
  EXPECT_EQ(owner["bin/bash"], "bash");
  EXPECT_LT(reduced * 4, original);  // a fraction of the lists is kept
}

}  // namespace
}  // namespace portcullis
