// Licences from /usr/share/doc/<package>/copyright: machine-readable (DEP-5) and free-form
// files, the analyzer's path rule, and moving the licences onto the dpkg packages.
#include "analyzer/pkg/dpkg_copyright.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/files.h"
#include "support/debian_image.h"

namespace portcullis {
namespace {

// Shortened from a DEP-5 file (bookworm's usr/share/doc/zlib1g/copyright).
constexpr std::string_view kDep5 =
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    "Upstream-Name: zlib\n"
    "Source: https://zlib.net/\n"
    "\n"
    "Files: *\n"
    "Copyright: 1995-2022 Jean-loup Gailly and Mark Adler\n"
    "License: Zlib\n"
    "\n"
    "Files: contrib/dotzlib/*\n"
    "Copyright: Henrik Ravn 2004\n"
    "License: BSL-1.0\n"
    "\n"
    "Files: debian/*\n"
    "License: Zlib\n"
    "\n"
    "License: Zlib\n"
    " This software is provided 'as-is', without any express or implied\n"
    " License: this continuation line is licence text, not a field\n";

// Free-form, in the style of older packages (e.g. bookworm's libgmp10, sed).
constexpr std::string_view kFreeForm =
    "This is the Debian prepackaged version of the GNU stream editor.\n"
    "\n"
    "Copyright (C) 1998-2022 Free Software Foundation, Inc.\n"
    "\n"
    "On Debian systems, the complete text of the GNU General Public License\n"
    "can be found in `/usr/share/common-licenses/GPL-3'. Parts are under\n"
    "/usr/share/common-licenses/LGPL-2.1. and again /usr/share/common-licenses/GPL-3\n";

TEST(DpkgCopyrightTest, MachineReadable) {
  EXPECT_EQ(ParseDebianCopyright(kDep5), (std::vector<std::string>{"Zlib", "BSL-1.0"}));
}

TEST(DpkgCopyrightTest, FreeFormCommonLicenses) {
  EXPECT_EQ(ParseDebianCopyright(kFreeForm), (std::vector<std::string>{"GPL-3", "LGPL-2.1"}));
}

TEST(DpkgCopyrightTest, NearMissesGiveNothing) {
  EXPECT_TRUE(ParseDebianCopyright("").empty());
  EXPECT_TRUE(ParseDebianCopyright("Copyright 2020 Someone. All rights reserved.\n").empty());
  // "License:" in a free-form file is prose, not a field.
  EXPECT_TRUE(ParseDebianCopyright("Upstream says\nLicense: do what you want\n").empty());
  EXPECT_TRUE(ParseDebianCopyright("see /usr/share/common-licenses/\n").empty());
}

TEST(DpkgCopyrightTest, PathRule) {
  EXPECT_EQ(CopyrightPackageName("usr/share/doc/bash/copyright"), "bash");
  EXPECT_EQ(CopyrightPackageName("usr/share/doc/bash/copyright.gz"), "");
  EXPECT_EQ(CopyrightPackageName("usr/share/doc/bash/examples/copyright"), "");
  EXPECT_EQ(CopyrightPackageName("usr/share/doc//copyright"), "");
  EXPECT_EQ(CopyrightPackageName("opt/usr/share/doc/bash/copyright"), "");
}

TEST(DpkgCopyrightTest, AppliesToDebPackagesAndDropsPseudoPackages) {
  DpkgCopyrightAnalyzer analyzer;
  TarEntry entry;
  entry.path = "usr/share/doc/zlib1g/copyright";
  ASSERT_TRUE(analyzer.Wants(entry));
  LayerFacts facts;
  analyzer.Analyze(entry, kDep5, facts);
  entry.path = "usr/share/doc/empty/copyright";
  analyzer.Analyze(entry, "no licence here", facts);  // adds nothing
  ASSERT_EQ(facts.licenses.size(), 1u);
  EXPECT_EQ(facts.licenses[0].path, "usr/share/doc/zlib1g/copyright");
  EXPECT_EQ(facts.licenses[0].package, "zlib1g");

  std::map<std::string, std::vector<std::string>, std::less<>> by_package = {
      {facts.licenses[0].package, facts.licenses[0].licenses}};
  std::vector<Package> packages;
  packages.push_back(Package{.name = "zlib1g", .version = "1:1.2.13.dfsg-1", .type = "deb"});
  packages.push_back(Package{.name = "other", .version = "1", .type = "deb"});
  Package already{.name = "zlib1g", .version = "1", .type = "deb"};
  already.licenses = {"Custom"};
  packages.push_back(already);
  ApplyDpkgCopyrightLicenses(by_package, packages);
  ASSERT_EQ(packages.size(), 3u);
  EXPECT_EQ(packages[0].licenses, (std::vector<std::string>{"Zlib", "BSL-1.0"}));
  EXPECT_TRUE(packages[1].licenses.empty());
  EXPECT_EQ(packages[2].licenses, std::vector<std::string>{"Custom"});
}

// On the debootstrap root: nearly every package documents a licence.
TEST(DpkgCopyrightTest, DebootstrapRootCoverage) {
  REQUIRE_DEBIAN_TEST_IMAGE();
  const std::filesystem::path doc =
      std::filesystem::path(testing::TestImageCache()) / "bookworm-rootfs/usr/share/doc";
  size_t files = 0, with_licenses = 0;
  for (const auto& dir : std::filesystem::directory_iterator(doc)) {
    if (dir.is_symlink() || !dir.is_directory()) continue;
    auto content = ReadFileLimited((dir.path() / "copyright").string(), 1 << 20);
    if (!content) continue;
    ++files;
    if (!ParseDebianCopyright(*content).empty()) ++with_licenses;
    if (dir.path().filename() == "bash") {
      auto bash = ParseDebianCopyright(*content);
      EXPECT_NE(std::find(bash.begin(), bash.end(), "GPL-3+"), bash.end());
    }
  }
  ASSERT_GT(files, 50u);
  EXPECT_GE(with_licenses * 100, files * 90) << with_licenses << " of " << files;
}

}  // namespace
}  // namespace portcullis
