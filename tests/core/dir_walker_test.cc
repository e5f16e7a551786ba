// The project directory walker (core/dir_walker.h): what it lists, the skip list, symbolic
// links (never followed: no loops, nothing outside the root), and the limits, each of which
// becomes a diagnostic.
#include "core/dir_walker.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config/dockerfile/discover.h"
#include "support/image_builder.h"

namespace portcullis {
namespace {

namespace fs = std::filesystem;

void Touch(const std::string& path, std::string_view text = "FROM scratch\n") {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

bool Any(std::string_view) { return true; }

std::vector<std::string> Codes(const WalkResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.code);
  return out;
}

TEST(DirWalker, ListsHiddenDirectoriesAndSkipsOnlyTheSkipList) {
  testing::TempDir tmp;
  std::string root = tmp / "repo";
  Touch(root + "/Dockerfile");
  Touch(root + "/.devcontainer/Dockerfile");
  Touch(root + "/.github/workflows/Dockerfile.ci");
  Touch(root + "/svc/api.Dockerfile");
  Touch(root + "/svc/Dockerfile.dockerignore");
  Touch(root + "/.git/Dockerfile");
  Touch(root + "/.hg/Dockerfile");
  Touch(root + "/.svn/Dockerfile");
  Touch(root + "/.bzr/Dockerfile");
  Touch(root + "/node_modules/pkg/Dockerfile");
  Touch(root + "/deep/node_modules/pkg/Dockerfile");
  Touch(root + "/README.md");
  auto found = dockerfile::DiscoverDockerfiles(root, {});
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_EQ(found->files, (std::vector<std::string>{root + "/.devcontainer/Dockerfile",
                                                    root + "/.github/workflows/Dockerfile.ci",
                                                    root + "/Dockerfile",
                                                    root + "/svc/api.Dockerfile"}));
  EXPECT_TRUE(found->diagnostics.empty());
  for (std::string_view name : kWalkSkippedDirectories) EXPECT_TRUE(IsWalkSkippedDirectory(name));
  EXPECT_FALSE(IsWalkSkippedDirectory(".devcontainer"));
  EXPECT_FALSE(IsWalkSkippedDirectory(".github"));
}

TEST(DirWalker, PathsKeepTheRootAsGiven) {
  testing::TempDir tmp;
  Touch(tmp / "a/Dockerfile");
  auto slash = WalkDirectory(tmp / "a/", {}, Any);
  ASSERT_TRUE(slash);
  EXPECT_EQ(slash->files, std::vector<std::string>{tmp / "a/Dockerfile"});
}

TEST(DirWalker, SymlinkLoopAndLinksOutOfTheRootAreNotFollowed) {
  testing::TempDir tmp;
  std::string root = tmp / "root";
  Touch(root + "/sub/Dockerfile");
  Touch(tmp / "outside/Dockerfile");
  Touch(tmp / "outside/secret.yaml", "x: 1\n");
  fs::create_directory_symlink("..", root + "/sub/loop");        // loop back to root
  fs::create_directory_symlink(root, root + "/sub/self");         // absolute loop
  fs::create_directory_symlink(tmp / "outside", root + "/out");   // out of the root
  fs::create_symlink(tmp / "outside/Dockerfile", root + "/Dockerfile");  // file link out
  auto r = WalkDirectory(root, {}, Any);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->files, std::vector<std::string>{root + "/sub/Dockerfile"});
  // Every link the filter wants is reported, none is read.
  std::vector<std::string> links;
  for (const auto& d : r->diagnostics) {
    EXPECT_EQ(d.code, kWalkSymlink);
    EXPECT_EQ(d.severity, Severity::kInfo);
    links.push_back(d.path);
  }
  std::ranges::sort(links);
  EXPECT_EQ(links, (std::vector<std::string>{root + "/Dockerfile", root + "/out",
                                             root + "/sub/loop", root + "/sub/self"}));
  // With a name filter only the wanted link is mentioned.
  auto dockerfiles = dockerfile::DiscoverDockerfiles(root, {});
  ASSERT_TRUE(dockerfiles);
  EXPECT_EQ(dockerfiles->files, std::vector<std::string>{root + "/sub/Dockerfile"});
  ASSERT_EQ(dockerfiles->diagnostics.size(), 1u);
  EXPECT_EQ(dockerfiles->diagnostics[0].path, root + "/Dockerfile");
}

TEST(DirWalker, TheRootItselfMayBeALink) {
  testing::TempDir tmp;
  Touch(tmp / "real/Dockerfile");
  fs::create_directory_symlink(tmp / "real", tmp / "link");
  auto r = WalkDirectory(tmp / "link", {}, Any);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->files, std::vector<std::string>{tmp / "link/Dockerfile"});
}

TEST(DirWalker, DepthLimitIsADiagnostic) {
  testing::TempDir tmp;
  std::string root = tmp / "r";
  Touch(root + "/top");
  Touch(root + "/a/one");
  Touch(root + "/a/b/two");
  Touch(root + "/a/b/c/three");
  Touch(root + "/x/y/z/four");
  WalkLimits limits;
  limits.max_depth = 2;
  auto r = WalkDirectory(root, limits, Any);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->files, (std::vector<std::string>{root + "/a/b/two", root + "/a/one", root + "/top"}));
  ASSERT_EQ(Codes(*r), std::vector<std::string>{std::string(kWalkDepth)});
  EXPECT_EQ(r->diagnostics[0].severity, Severity::kHigh);
  EXPECT_NE(r->diagnostics[0].message.find("2 directories"), std::string::npos)
      << r->diagnostics[0].message;

  limits.max_depth = 0;  // only the root's own files
  r = WalkDirectory(root, limits, Any);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->files, std::vector<std::string>{root + "/top"});
  EXPECT_EQ(Codes(*r), std::vector<std::string>{std::string(kWalkDepth)});
}

TEST(DirWalker, EntryLimitStopsTheWalkWithADiagnostic) {
  testing::TempDir tmp;
  std::string root = tmp / "r";
  for (int i = 0; i < 10; ++i) Touch(root + "/f" + std::to_string(i));
  WalkLimits limits;
  limits.max_entries = 10;
  auto all = WalkDirectory(root, limits, Any);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->files.size(), 10u);
  EXPECT_TRUE(all->diagnostics.empty());
  limits.max_entries = 4;
  auto cut = WalkDirectory(root, limits, Any);
  ASSERT_TRUE(cut);
  EXPECT_TRUE(cut->files.empty());  // the directory's listing was cut: nothing from it is used
  ASSERT_EQ(Codes(*cut), std::vector<std::string>{std::string(kWalkEntries)});
  EXPECT_EQ(cut->diagnostics[0].severity, Severity::kHigh);
}

TEST(DirWalker, SpecialFilesAreNotOpened) {
  testing::TempDir tmp;
  std::string root = tmp / "r";
  fs::create_directories(root);
  ASSERT_EQ(::mkfifo((root + "/Dockerfile").c_str(), 0600), 0);
  Touch(root + "/b/Dockerfile");
  auto r = dockerfile::DiscoverDockerfiles(root, {});  // would hang if the FIFO were opened
  ASSERT_TRUE(r);
  EXPECT_EQ(r->files, std::vector<std::string>{root + "/b/Dockerfile"});
}

TEST(DirWalker, MissingRootOrAFileIsAnError) {
  testing::TempDir tmp;
  auto missing = WalkDirectory(tmp / "nope", {}, Any);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  Touch(tmp / "file");
  auto file = WalkDirectory(tmp / "file", {}, Any);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace portcullis
