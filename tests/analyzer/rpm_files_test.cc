// rpm file lists: the files of each package read from real rpm databases (Amazon Linux 2023's
// rpmdb.sqlite, a RHEL 8 Berkeley DB Packages) equal what Debian's rpm itself lists for them
// (`rpm -qa --qf '[%{FILENAMES}\t%{=NAME}\n]'`, run by the test), reduced the same way; and
// hostile file-list arrays give one diagnostic while the package is kept.
#include "analyzer/pkg/rpm_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "analyzer/pkg/package_file_lists.h"
#include "analyzer/pkg/rpm.h"
#include "core/files.h"
#include "core/strings.h"
#include "layer/byte_stream.h"
#include "layer/decompress.h"
#include "support/image_builder.h"
#include "analyzer/command_output.h"
#include "support/run_binary.h"
#include <nlohmann/json.hpp>

namespace portcullis {
namespace {

std::string ReadZstd(const std::string& name) {
  std::string path = std::string(PORTCULLIS_SOURCE_DIR) + "/tests/data/rpm/" + name;
  auto file = OpenFileStream(path);
  EXPECT_TRUE(file.has_value()) << path;
  if (!file) return "";
  auto stream = OpenDecompressed(std::move(*file), path);
  EXPECT_TRUE(stream.has_value());
  if (!stream) return "";
  auto content = ReadAll(**stream, 64 << 20, path);
  EXPECT_TRUE(content.has_value());
  return content ? *content : "";
}

using Lines = std::set<std::pair<std::string, std::string>>;

Lines LinesOf(std::string_view list) {
  Lines out;
  ForEachPackageFile(list, [&](std::string_view path, std::string_view package) {
    out.emplace(std::string(path), std::string(package));
  });
  return out;
}

// What Debian's rpm lists for the database `content` written as `file` in a scratch dbpath,
// reduced as a package file list is.
Lines RpmSays(const std::string& content, const std::string& file, const std::string& backend) {
  testing::TempDir dir;
  EXPECT_TRUE(WriteFileAtomic(dir.path() + "/" + file, content).has_value());
  std::string out = testing::CommandOutput(
      "rpm --dbpath " + dir.path() + " --define '_db_backend " + backend +
      "' -qa --qf '[%{FILENAMES}\\t%{=NAME}\\n]' 2>/dev/null");
  Lines lines;
  for (std::string_view line : Split(out, '\n')) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view path = line.substr(0, tab);
    while (path.starts_with('/')) path.remove_prefix(1);
    if (IsPackageFileListPath(path)) lines.emplace(std::string(path), std::string(line.substr(tab + 1)));
  }
  return lines;
}

TEST(RpmFilesTest, AmazonLinux2023ListsEqualRpms) {
  ASSERT_FALSE(testing::CommandOutput("command -v rpm").empty()) << "rpm (scripts/setup) missing";
  std::string db = ReadZstd("amazonlinux2023-rpmdb.sqlite.zst");
  std::vector<Diagnostic> diagnostics;
  std::string list;
  bool truncated = true;
  auto packages = ReadRpmSqlite(db, "var/lib/rpm/rpmdb.sqlite", diagnostics, &list, &truncated);
  ASSERT_TRUE(packages.has_value()) << packages.error().ToString();
  EXPECT_EQ(packages->size(), 103u);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_FALSE(truncated);
  Lines got = LinesOf(list);
  Lines expected = RpmSays(db, "rpmdb.sqlite", "sqlite");
  ASSERT_GT(expected.size(), 300u);
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(got.contains({"usr/bin/bash", "bash"}));
  EXPECT_TRUE(got.contains({"usr/bin/rpm", "rpm"}));
}

TEST(RpmFilesTest, Rhel8BerkeleyDbListsEqualRpms) {
  std::string db = ReadZstd("rhel8-libuuid-Packages.zst");
  std::vector<Diagnostic> diagnostics;
  std::string list;
  auto packages = ReadRpmBdb(db, "var/lib/rpm/Packages", diagnostics, &list);
  ASSERT_TRUE(packages.has_value()) << packages.error().ToString();
  ASSERT_EQ(packages->size(), 1u);
  EXPECT_TRUE(diagnostics.empty());
  // libuuid ships shared libraries and docs: only usr/lib/.build-id helper-like paths are kept.
  EXPECT_EQ(LinesOf(list), RpmSays(db, "Packages", "bdb_ro"));
}

TEST(RpmFilesTest, AnalyzerKeepsTheListUnderTheDatabasePath) {
  RpmAnalyzer analyzer;
  TarEntry entry;
  entry.path = "var/lib/rpm/rpmdb.sqlite";
  LayerFacts facts;
  analyzer.Analyze(entry, ReadZstd("amazonlinux2023-rpmdb.sqlite.zst"), facts);
  ASSERT_EQ(facts.package_dbs.size(), 1u);
  ASSERT_TRUE(facts.package_files.contains(entry.path));
  Lines lines = LinesOf(facts.package_files.at(entry.path));
  EXPECT_TRUE(lines.contains({"usr/bin/bash", "bash"}));
  EXPECT_EQ(facts.package_files_bytes, facts.package_files.at(entry.path).size());
}

// The whole pipeline on an image holding Amazon Linux 2023's rpm database: the hardening rules
// name the rpm of a shell and a package manager (they said "package unknown" before rpm file
// lists were read).
TEST(RpmFilesTest, HardeningFindingsNameTheRpm) {
  testing::TempDir dir;
  testing::TestImage image;
  image.layers = {{testing::File("var/lib/rpm/rpmdb.sqlite", ReadZstd("amazonlinux2023-rpmdb.sqlite.zst")),
                   testing::File("usr/bin/bash", "\x7f" "ELF", 0755),
                   testing::File("usr/bin/rpm", "\x7f" "ELF", 0755)}};
  testing::WriteOciLayout(image, dir / "oci");
  auto r = testing::RunPortcullis({"image", "oci:" + (dir / "oci"), "--scanners", "hardening", "-f", "json",
                          "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  std::string shells, managers;
  for (const auto& m : doc["misconfigurations"]) {
    if (m["id"] == "PC-IMG-006") shells = m["message"];
    if (m["id"] == "PC-IMG-007") managers = m["message"];
  }
  EXPECT_NE(shells.find("bash (/usr/bin/bash, package bash)"), std::string::npos) << shells;
  EXPECT_NE(managers.find("rpm (/usr/bin/rpm, package rpm)"), std::string::npos) << managers;
}

// A header blob: il, dl, index entries (tag, type, offset, count), data.
struct Entry {
  uint32_t tag, type, offset, count;
};
std::vector<uint8_t> Blob(const std::vector<Entry>& entries, const std::string& data) {
  std::vector<uint8_t> out;
  auto put = [&](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
  };
  put(static_cast<uint32_t>(entries.size()));
  put(static_cast<uint32_t>(data.size()));
  for (const Entry& e : entries) {
    put(e.tag);
    put(e.type);
    put(e.offset);
    put(e.count);
  }
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

std::vector<std::string> Files(const std::vector<uint8_t>& blob, std::string* error) {
  auto h = ParseRpmHeader(blob);
  EXPECT_TRUE(h.has_value());
  std::vector<std::string> out;
  if (!h) return out;
  *error = ForEachRpmFile(blob, *h, [&](std::string_view dir, std::string_view base) {
    out.push_back(std::string(dir) + std::string(base));
  });
  return out;
}

// NAME "su" at 0, VERSION "1" at 3; DIRNAMES {"/usr/bin/", "/etc/"} at 5; BASENAMES
// {"su", "login.defs"} at 21; one byte of padding; DIRINDEXES {0, 1} at 36 (INT32, 4-aligned).
const std::string kData =
    std::string("su\0" "1\0" "/usr/bin/\0" "/etc/\0" "su\0" "login.defs\0", 35) +
    std::string("\0", 1) + std::string("\0\0\0\0" "\0\0\0\x01", 8);

TEST(RpmFilesTest, HandBuiltCompressedAndOldFileNames) {
  std::string error;
  auto files = Files(Blob({{1000, 6, 0, 1}, {1001, 6, 3, 1}, {1118, 8, 5, 2}, {1117, 8, 21, 2},
                           {1116, 4, 36, 2}},
                          kData),
                     &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(files, (std::vector<std::string>{"/usr/bin/su", "/etc/login.defs"}));
  // rpm < 4: OLDFILENAMES, whole paths.
  std::string old = std::string("su\0" "1\0" "/bin/su\0", 13);
  files = Files(Blob({{1000, 6, 0, 1}, {1001, 6, 3, 1}, {1027, 8, 5, 1}}, old), &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(files, (std::vector<std::string>{"/bin/su"}));
  // No file list at all (gpg-pubkey).
  files = Files(Blob({{1000, 6, 0, 1}, {1001, 6, 3, 1}}, kData), &error);
  EXPECT_EQ(error, "");
  EXPECT_TRUE(files.empty());
}

TEST(RpmFilesTest, HostileArraysAreRefusedBeforeAnyFile) {
  struct Case {
    const char* what;
    std::vector<Entry> arrays;
  } cases[] = {
      {"index past DIRNAMES", {{1118, 8, 5, 1}, {1117, 8, 21, 2}, {1116, 4, 36, 2}}},
      {"more BASENAMES than DIRINDEXES", {{1118, 8, 5, 2}, {1117, 8, 21, 2}, {1116, 4, 36, 1}}},
      {"DIRINDEXES past the store", {{1118, 8, 5, 2}, {1117, 8, 21, 2}, {1116, 4, 40, 2}}},
      {"DIRNAMES running past the store", {{1118, 8, 5, 20}, {1117, 8, 21, 2}, {1116, 4, 36, 2}}},
      {"BASENAMES with a string type", {{1118, 8, 5, 2}, {1117, 6, 21, 2}, {1116, 4, 36, 2}}},
      {"DIRINDEXES as strings", {{1118, 8, 5, 2}, {1117, 8, 21, 2}, {1116, 8, 36, 2}}},
      {"DIRNAMES missing", {{1117, 8, 21, 2}, {1116, 4, 36, 2}}},
      {"a billion BASENAMES", {{1118, 8, 5, 2}, {1117, 8, 21, 1u << 30}, {1116, 4, 36, 2}}},
  };
  for (const auto& c : cases) {
    std::vector<Entry> entries = {{1000, 6, 0, 1}, {1001, 6, 3, 1}};
    entries.insert(entries.end(), c.arrays.begin(), c.arrays.end());
    std::string error;
    auto files = Files(Blob(entries, kData), &error);
    EXPECT_NE(error, "") << c.what;
    EXPECT_TRUE(files.empty()) << c.what;
  }
  // Through the reducer: the package's list is left out with one diagnostic for the database.
  std::string list;
  RpmFileListReducer reducer("var/lib/rpm/Packages", &list);
  auto bad = Blob({{1000, 6, 0, 1}, {1001, 6, 3, 1}, {1118, 8, 5, 1}, {1117, 8, 21, 2},
                   {1116, 4, 36, 2}},
                  kData);
  auto good = Blob({{1000, 6, 0, 1}, {1001, 6, 3, 1}, {1118, 8, 5, 2}, {1117, 8, 21, 2},
                    {1116, 4, 36, 2}},
                   kData);
  for (const auto* blob : {&bad, &good, &bad}) {
    auto h = ParseRpmHeader(*blob);
    ASSERT_TRUE(h.has_value());
    reducer.Add(*blob, *h);
  }
  std::vector<Diagnostic> diagnostics;
  bool truncated = true;
  reducer.Finish(diagnostics, &truncated);
  EXPECT_FALSE(truncated);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "rpm.bad_file_list");
  EXPECT_NE(diagnostics[0].message.find("2 package(s)"), std::string::npos);
  EXPECT_EQ(LinesOf(list), (Lines{{"usr/bin/su", "su"}}));
}

}  // namespace
}  // namespace portcullis
