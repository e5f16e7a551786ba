// PackageFileListsAnalyzer: dpkg and apk file lists reduced once to the paths the applier
// (installed_by of language packages) and the hardening rules (owner of a setuid file, shell or
// tool) use; hostile names; the per-layer budget; the real lists of the debootstrap-built Debian
// root.
#include "analyzer/pkg/package_file_lists.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "support/debian_image.h"

namespace portcullis {
namespace {

std::map<std::string, std::string> Files(std::string_view list) {
  std::map<std::string, std::string> out;
  ForEachPackageFile(list, [&](std::string_view path, std::string_view package) {
    out[std::string(path)] = std::string(package);
  });
  return out;
}

TEST(PackageFileListsTest, AttributedPaths) {
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

TEST(PackageFileListsTest, LanguagePackagePaths) {
  struct Case {
    std::string path;
    bool kept;
  } cases[] = {
      {"usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO", true},
      {"usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info", true},
      {"usr/lib/python3.11/site-packages/a-1.dist-info/METADATA", true},
      {"usr/lib/python3.11/site-packages/a-1.dist-info/RECORD", false},
      {"usr/share/nodejs/lodash/package.json", true},
      {"usr/share/rubygems-integration/all/specifications/rake-13.0.6.gemspec", true},
      {"usr/share/java/commons-io.jar", true},
      {"usr/share/jenkins/plugins/git.hpi", true},
      {"usr/lib/go/bin/gofmt", true},
      {"usr/share/doc/x/README", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsLanguagePackagePath(c.path), c.kept) << c.path;
}

// dpkg's file list of Debian 12's python3-urllib3 (abridged) and of passwd: one reduction keeps
// what either consumer uses — the egg-info for installed_by, the setuid tools for the hardening
// rules — and drops the rest.
TEST(PackageFileListsTest, ReducesDpkgLists) {
  std::string urllib3 =
      "/.\n/usr\n/usr/lib\n/usr/lib/python3\n/usr/lib/python3/dist-packages\n"
      "/usr/lib/python3/dist-packages/urllib3/__init__.py\n"
      "/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info\n"
      "/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO\n"
      "/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/top_level.txt\n";
  // usr/lib/python3 and .../dist-packages look like helper executables to IsAttributedPath (no
  // '.' under usr/lib; a file list does not say which lines are directories): kept, never used.
  EXPECT_EQ(ReduceDpkgList("var/lib/dpkg/info/python3-urllib3.list", urllib3),
            "usr/lib/python3\tpython3-urllib3\n"
            "usr/lib/python3/dist-packages\tpython3-urllib3\n"
            "usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info\tpython3-urllib3\n"
            "usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO\tpython3-urllib3\n");
  std::string passwd =
      "/.\n/usr\n/usr/bin\n/usr/bin/passwd\n/usr/sbin/chpasswd\n/usr/share/man/man1/passwd.1.gz\n"
      "/usr/lib/x86_64-linux-gnu/libpam.so.0\n/bin/evil\tname\n";
  EXPECT_EQ(Files(ReduceDpkgList("var/lib/dpkg/info/passwd:amd64.list", passwd)),
            (std::map<std::string, std::string>{{"usr/bin/passwd", "passwd"},
                                                {"usr/sbin/chpasswd", "passwd"}}));
}

TEST(PackageFileListsTest, ReducesApkInstalled) {
  std::string db =
      "C:Q1abc=\nP:busybox\nV:1.36.1-r15\nF:bin\nR:busybox\nF:etc\nR:securetty\n\n"
      "P:sudo\nV:1.9\nF:usr/bin\nR:sudo\nR:../escape\nF:usr/share/doc\nR:README\n\n"
      "P:py3-urllib3\nF:usr/lib/python3.11/site-packages/urllib3-1.26.18.dist-info\nR:METADATA\n"
      "R:RECORD\n\nR:orphan\n";
  EXPECT_EQ(Files(ReduceApkInstalled(db)),
            (std::map<std::string, std::string>{
                {"bin/busybox", "busybox"},
                {"usr/bin/sudo", "sudo"},
                {"usr/lib/python3.11/site-packages/urllib3-1.26.18.dist-info/METADATA",
                 "py3-urllib3"},
                // no '.' in the name under usr/lib: a possible helper for the hardening rules
                {"usr/lib/python3.11/site-packages/urllib3-1.26.18.dist-info/RECORD",
                 "py3-urllib3"}}));
}

// Found by the hardening_files fuzz target: a tab in an apk `F:` directory (or a tab or newline
// in a package name taken from a tar path) used to reach the "path<TAB>package" lines and split
// them in the wrong place, attributing a truncated path. CR is refused the same way.
TEST(PackageFileListsTest, TabsAndNewlinesNeverReachTheReducedLists) {
  std::string db =
      "P:evil\nF:usr/lib/a\tb\nR:helper\nF:usr/bin\nR:ok\n\n"
      "P:bad\tname\nF:usr/bin\nR:sudo\n\nP:cr\rname\nF:usr/bin\nR:x\n";
  EXPECT_EQ(Files(ReduceApkInstalled(db)),
            (std::map<std::string, std::string>{{"usr/bin/ok", "evil"}}));
  EXPECT_EQ(ReduceDpkgList("var/lib/dpkg/info/ev\nil.list", "/usr/bin/su\n"), "");
  EXPECT_EQ(ReduceDpkgList("var/lib/dpkg/info/ev\til.list", "/usr/bin/su\n"), "");
  EXPECT_EQ(ReduceDpkgList("var/lib/dpkg/info/x.list", "/usr/bin/a\tb\n"), "");
  EXPECT_TRUE(Files("\tpkg\npath\t\nno-tab\n").empty());
}

TEST(PackageFileListsTest, WantsOnlyTheListsThemselves) {
  PackageFileListsAnalyzer a;
  TarEntry e;
  for (const char* p : {"var/lib/dpkg/info/libc6:amd64.list", "lib/apk/db/installed"}) {
    e.path = p;
    EXPECT_TRUE(a.Wants(e)) << p;
  }
  for (const char* p : {"var/lib/dpkg/info/libc6.md5sums", "var/lib/dpkg/info/x/y.list",
                        "lib/apk/db/installed.old"}) {
    e.path = p;
    EXPECT_FALSE(a.Wants(e)) << p;
  }
  e.path = "var/lib/dpkg/info/libc6.list";
  e.type = EntryType::kSymlink;
  EXPECT_FALSE(a.Wants(e));
}

TEST(PackageFileListsTest, BudgetPerLayerIsEnforcedWithOneDiagnostic) {
  PackageFileListsAnalyzer a;
  LayerFacts facts;
  TarEntry passwd;
  passwd.path = "var/lib/dpkg/info/passwd.list";
  a.Analyze(passwd, "/usr/bin/passwd\n/usr/share/doc/passwd/README\n", facts);
  ASSERT_EQ(facts.package_files.size(), 1u);
  EXPECT_EQ(Files(facts.package_files.at(passwd.path)),
            (std::map<std::string, std::string>{{"usr/bin/passwd", "passwd"}}));
  EXPECT_EQ(facts.package_files_bytes, facts.package_files.at(passwd.path).size());
  EXPECT_TRUE(facts.collected.empty());

  facts.package_files_bytes = kMaxPackageFileListBytesPerLayer;
  TarEntry over;
  over.path = "var/lib/dpkg/info/sudo.list";
  a.Analyze(over, "/usr/bin/sudo\n", facts);
  a.Analyze(over, "/usr/bin/sudo\n", facts);
  EXPECT_FALSE(facts.package_files.contains(over.path));
  EXPECT_TRUE(facts.package_files_budget_reported);
  ASSERT_EQ(facts.diagnostics.size(), 1u);
  EXPECT_EQ(facts.diagnostics[0].code, "pkg.file_lists_budget");
  EXPECT_EQ(facts.diagnostics[0].path, over.path);
}

TEST(PackageFileListsTest, RealDebianListsNameTheOwners) {
  REQUIRE_DEBIAN_TEST_IMAGE();
  std::string info = testing::TestImageCache() + "/bookworm-rootfs/var/lib/dpkg/info";
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
  EXPECT_EQ(owner["usr/bin/python3.11"], "python3.11-minimal");  // a Go-binary-style bin path
  EXPECT_LT(reduced * 4, original);  // a fraction of the lists is kept
}

}  // namespace
}  // namespace portcullis
