#include "applier/applier.h"

#include <gtest/gtest.h>

#include "analyzer/pkg/package_file_lists.h"

namespace portcullis {
namespace {

FileMeta F(std::string path, EntryType type = EntryType::kFile, std::string link = "") {
  FileMeta m;
  m.path = std::move(path);
  m.type = type;
  m.link_target = std::move(link);
  return m;
}

LayerFacts L(std::vector<FileMeta> files) {
  LayerFacts f;
  f.files = std::move(files);
  return f;
}

std::vector<std::string> Paths(const MergedView& v) {
  std::vector<std::string> out;
  for (const auto& [p, f] : v.files()) out.push_back(p + "@" + std::to_string(f.layer));
  return out;
}

TEST(ApplierTest, WhiteoutsOpaqueDirsAndOverwrites) {
  std::vector<LayerFacts> layers;
  layers.push_back(L({F("etc", EntryType::kDir), F("etc/passwd"), F("etc/secret.key"),
                      F("opt/app/a"), F("opt/app/sub/b"), F("var/cache/x/y"), F("keep")}));
  layers.push_back(L({F("etc/secret.key", EntryType::kWhiteout), F("opt/app", EntryType::kOpaqueDir),
                      F("opt/app/new"), F("var/cache", EntryType::kWhiteout), F("etc/passwd")}));
  layers.push_back(L({F("etc/secret.key"), F("keep", EntryType::kDir), F("keep/inner")}));
  MergedView v = Merge(std::move(layers));
  EXPECT_EQ(Paths(v), (std::vector<std::string>{"etc@0", "etc/passwd@1", "etc/secret.key@2",
                                                "keep@2", "keep/inner@2", "opt/app/new@1"}));
  // What later layers removed still ships in the earlier layer: callers learn how it left.
  auto r = v.RemovedLater("etc/secret.key", 0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->layer, 1u);
  EXPECT_TRUE(r->by_whiteout);
  EXPECT_FALSE(v.RemovedLater("etc/secret.key", 2));
  auto over = v.RemovedLater("etc/passwd", 0);
  ASSERT_TRUE(over);
  EXPECT_FALSE(over->by_whiteout);
  EXPECT_TRUE(v.RemovedLater("opt/app/sub/b", 0)->by_whiteout);
  EXPECT_TRUE(v.RemovedLater("var/cache/x/y", 0)->by_whiteout);
  EXPECT_EQ(v.RemovedLater("keep", 0)->layer, 2u);  // a file replaced by a directory
  EXPECT_FALSE(v.RemovedLater("opt/app/new", 1));
}

TEST(ApplierTest, ResolveFollowsSymlinksInsideTheRoot) {
  std::vector<LayerFacts> layers;
  layers.push_back(L({F("usr/lib/os-release"), F("etc/os-release", EntryType::kSymlink,
                                                 "../usr/lib/os-release"),
                      F("bin", EntryType::kSymlink, "usr/bin"), F("usr/bin/sh"),
                      F("abs", EntryType::kSymlink, "/usr/bin/sh"),
                      F("escape", EntryType::kSymlink, "../../../../usr/bin/sh"),
                      F("loop1", EntryType::kSymlink, "loop2"),
                      F("loop2", EntryType::kSymlink, "loop1"),
                      F("dangling", EntryType::kSymlink, "nowhere"),
                      F("usr/bin/su2", EntryType::kHardlink, "usr/bin/sh")}));
  MergedView v = Merge(std::move(layers));
  auto path_of = [&](std::string_view p) -> std::string {
    const MergedFile* f = v.Resolve(p);
    return f ? f->meta.path : "<none>";
  };
  EXPECT_EQ(path_of("etc/os-release"), "usr/lib/os-release");
  EXPECT_EQ(path_of("/etc/os-release"), "usr/lib/os-release");
  EXPECT_EQ(path_of("bin/sh"), "usr/bin/sh");
  EXPECT_EQ(path_of("abs"), "usr/bin/sh");
  EXPECT_EQ(path_of("escape"), "usr/bin/sh");  // ".." stops at the root, as in a chroot
  EXPECT_EQ(path_of("loop1"), "<none>");
  EXPECT_EQ(path_of("dangling"), "<none>");
  EXPECT_EQ(path_of("usr/bin/su2"), "usr/bin/sh");
  EXPECT_EQ(path_of("usr/lib/os-release/x"), "<none>");
}

TEST(ApplierTest, ReadCollectedUsesTheShippingVersion) {
  std::vector<LayerFacts> layers(2);
  layers[0].files = {F("usr/lib/os-release"), F("etc/os-release", EntryType::kSymlink,
                                                "../usr/lib/os-release")};
  layers[0].collected["usr/lib/os-release"] = "ID=debian\nVERSION_ID=\"11\"\n";
  layers[1].files = {F("usr/lib/os-release")};
  layers[1].collected["usr/lib/os-release"] = "ID=debian\nVERSION_ID=\"12\"\n";
  MergedView v = Merge(std::move(layers));
  EXPECT_EQ(v.ReadCollected("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
  EXPECT_EQ(v.ReadCollected("etc/passwd"), std::nullopt);
}

TEST(ApplierTest, FinalPackagesKeepTheLayerThatInstalledTheVersion) {
  auto pkg = [](std::string name, std::string version) {
    Package p;
    p.name = std::move(name);
    p.version = std::move(version);
    p.arch = "amd64";
    return p;
  };
  std::vector<LayerFacts> layers(4);
  const std::string db = "var/lib/dpkg/status";
  layers[0].files = {F(db)};
  layers[0].package_dbs = {{db, "dpkg", true, {pkg("libc6", "2.36-9"), pkg("bash", "5.2-1")}}};
  layers[1].files = {F(db)};  // installs curl
  layers[1].package_dbs = {
      {db, "dpkg", true, {pkg("libc6", "2.36-9"), pkg("bash", "5.2-1"), pkg("curl", "7.88")}}};
  layers[2].files = {F(db)};  // upgrades libc6, removes bash
  layers[2].package_dbs = {{db, "dpkg", true, {pkg("libc6", "2.36-9+u1"), pkg("curl", "7.88")}}};
  layers[3].files = {F("app")};  // does not touch the database
  MergedView v = Merge(std::move(layers));
  std::vector<std::string> got;
  for (const auto& fp : v.FinalPackages()) {
    got.push_back(fp.package.name + "=" + fp.package.version + "@" +
                  std::to_string(fp.installed_in));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"libc6=2.36-9+u1@2", "curl=7.88@1"}));
}

TEST(ApplierTest, DeletedPackageDatabaseShipsNoPackages) {
  std::vector<LayerFacts> layers(2);
  layers[0].files = {F("lib/apk/db/installed")};
  layers[0].package_dbs = {{"lib/apk/db/installed", "apk", true, {Package{.name = "musl"}}}};
  layers[1].files = {F("lib/apk", EntryType::kWhiteout)};
  MergedView v = Merge(std::move(layers));
  EXPECT_TRUE(v.FinalPackages().empty());
}

TEST(ApplierTest, FinalLicensesComeFromShippingFilesOnly) {
  std::vector<LayerFacts> layers(2);
  layers[0].files = {F("usr/share/doc/a/copyright"), F("usr/share/doc/b/copyright")};
  layers[0].licenses = {{"usr/share/doc/a/copyright", "a", {"MIT"}},
                        {"usr/share/doc/b/copyright", "b", {"GPL-2+"}}};
  layers[1].files = {F("usr/share/doc/a/copyright"), F("usr/share/doc/b", EntryType::kWhiteout)};
  layers[1].licenses = {{"usr/share/doc/a/copyright", "a", {"Apache-2.0"}}};
  MergedView v = Merge(std::move(layers));
  auto licenses = v.FinalLicenses();
  EXPECT_EQ(licenses, (std::map<std::string, std::vector<std::string>, std::less<>>{
                          {"a", {"Apache-2.0"}}}));
}

}  // namespace
}  // namespace portcullis

namespace portcullis {
namespace {

Package Lang(std::string name, std::string version, std::string found_in) {
  Package p;
  p.name = std::move(name);
  p.version = std::move(version);
  p.type = "pypi";
  p.found_in = std::move(found_in);
  return p;
}

// dpkg's file list of Debian 12's python3-urllib3 (abridged): the egg-info directory and files.
constexpr std::string_view kUrllib3List =
    "/.\n/usr\n/usr/lib\n/usr/lib/python3\n/usr/lib/python3/dist-packages\n"
    "/usr/lib/python3/dist-packages/urllib3\n/usr/lib/python3/dist-packages/urllib3/__init__.py\n"
    "/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info\n"
    "/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO\n"
    "/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/top_level.txt\n";

TEST(ApplierTest, LanguagePackagesOfOsPackagesNameTheirInstaller) {
  const std::string list = "var/lib/dpkg/info/python3-urllib3.list";
  const std::string debian = "usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO";
  const std::string pip = "usr/local/lib/python3.11/dist-packages/urllib3-2.0.7.dist-info/METADATA";
  std::vector<LayerFacts> layers(2);
  layers[0].files = {F(list), F(debian)};
  TarEntry e;
  e.path = list;
  PackageFileListsAnalyzer().Analyze(e, kUrllib3List, layers[0]);
  layers[0].package_dbs = {{debian, "python", false, {Lang("urllib3", "1.26.12", debian)}}};
  layers[1].files = {F(pip)};
  layers[1].package_dbs = {{pip, "python", false, {Lang("urllib3", "2.0.7", pip)}}};
  MergedView v = Merge(std::move(layers));
  auto final = v.FinalPackages();
  ASSERT_EQ(final.size(), 2u);
  EXPECT_EQ(final[0].package.installed_by, "python3-urllib3");
  EXPECT_EQ(final[1].package.installed_by, "") << "pip's copy belongs to no OS package";
}

TEST(ApplierTest, FileListOfARemovedOsPackageOwnsNothing) {
  const std::string list = "var/lib/dpkg/info/python3-urllib3.list";
  const std::string debian = "usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO";
  std::vector<LayerFacts> layers(2);
  layers[0].files = {F(list), F(debian)};
  TarEntry e;
  e.path = list;
  PackageFileListsAnalyzer().Analyze(e, kUrllib3List, layers[0]);
  layers[0].package_dbs = {{debian, "python", false, {Lang("urllib3", "1.26.12", debian)}}};
  layers[1].files = {F(list, EntryType::kWhiteout)};
  MergedView v = Merge(std::move(layers));
  auto final = v.FinalPackages();
  ASSERT_EQ(final.size(), 1u);
  EXPECT_EQ(final[0].package.installed_by, "");
}

TEST(ApplierTest, OnePackageTwiceInOnePlaceIsOnePackage) {
  const std::string site = "usr/lib/python3/dist-packages/";
  const std::string egg = site + "cryptography-38.0.4.egg-info/PKG-INFO";
  const std::string dist = site + "cryptography-38.0.4.dist-info/METADATA";
  const std::string other = "opt/venv/lib/python3.11/site-packages/cryptography-38.0.4.dist-info/METADATA";
  std::vector<LayerFacts> layers(1);
  layers[0].files = {F(egg), F(dist), F(other)};
  layers[0].package_dbs = {{egg, "python", false, {Lang("cryptography", "38.0.4", egg)}},
                           {dist, "python", false, {Lang("cryptography", "38.0.4", dist)}},
                           {other, "python", false, {Lang("cryptography", "38.0.4", other)}}};
  MergedView v = Merge(std::move(layers));
  std::vector<std::string> got;
  for (const auto& fp : v.FinalPackages()) got.push_back(fp.package.found_in);
  EXPECT_EQ(got, (std::vector<std::string>{egg, other}));
}

TEST(ApplierTest, PackageLocationRoots) {
  struct Case {
    const char* found_in;
    const char* root;
  } cases[] = {
      {"a/site-packages/x-1.dist-info/METADATA", "a/site-packages"},
      {"a/site-packages/x-1.egg-info/PKG-INFO", "a/site-packages"},
      {"a/site-packages/x-1.egg-info", "a/site-packages"},
      {"gems/specifications/rake-13.gemspec", "gems/specifications"},
      {"gems/specifications/default/rake-13.gemspec", "gems/specifications"},
      {"app1/node_modules/lodash/package.json", "app1/node_modules/lodash/package.json"},
      {"app.war!/WEB-INF/lib/a.jar", "app.war!/WEB-INF/lib/a.jar"},
  };
  for (const auto& c : cases) EXPECT_EQ(PackageLocationRoot(c.found_in), c.root) << c.found_in;
}

}  // namespace
}  // namespace portcullis
