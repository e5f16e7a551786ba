// Go buildinfo: a block cut from a real Go 1.24 binary (tests/data/go/make_fixture.py, which
// also decodes it independently into cbtemulator.expected), streamed through the content
// scanner in blocks of every size, plus the old format, false magics and truncation.
#include "analyzer/lang/go_binary.h"

#include <gtest/gtest.h>

#include "core/files.h"
#include "core/strings.h"

namespace portcullis {
namespace {

std::string TestData(std::string_view name) {
  auto content = ReadFileLimited(std::string(PORTCULLIS_SOURCE_DIR) + "/tests/data/go/" +
                                     std::string(name),
                                 1 << 20);
  EXPECT_TRUE(content.has_value()) << name;
  return content ? *content : "";
}

LayerFacts Stream(std::string_view content, size_t block_size, uint32_t mode = 0755) {
  GoBinaryAnalyzer analyzer;
  TarEntry entry;
  entry.path = "usr/local/bin/app";
  entry.mode = mode;
  entry.size = content.size();
  LayerFacts facts;
  auto scan = analyzer.BeginScan(entry);
  if (!scan) return facts;
  for (size_t at = 0; at < content.size(); at += block_size) {
    std::string_view block = content.substr(at, block_size);
    scan->Feed(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(block.data()),
                                        block.size()));
  }
  scan->Finish(facts);
  return facts;
}

TEST(GoBinaryTest, RealBuildInfoMatchesIndependentDecoder) {
  std::string bin = TestData("cbtemulator.bin");
  std::string expected = TestData("cbtemulator.expected");
  size_t at = bin.find("\xff Go buildinf:");
  ASSERT_NE(at, std::string::npos);
  GoBuildInfo info;
  ASSERT_EQ(ParseGoBuildInfo(std::span<const uint8_t>(
                                 reinterpret_cast<const uint8_t*>(bin.data()) + at,
                                 bin.size() - at),
                             info),
            GoBuildInfoStatus::kOk);
  std::string actual = "go " + info.go_version + "\n";
  if (!info.main_module.empty()) actual += info.main_module + "\t" + info.main_version + "\n";
  for (const auto& dep : info.deps) actual += dep.path + "\t" + dep.version + "\n";
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(info.path, "command-line-arguments");
}

TEST(GoBinaryTest, ScannerFindsModulesWhateverTheBlockSize) {
  std::string bin = TestData("cbtemulator.bin");
  for (size_t block : {1u, 3u, 13u, 14u, 15u, 64u, 100u, 4096u}) {
    LayerFacts facts = Stream(bin, block);
    ASSERT_EQ(facts.package_dbs.size(), 1u) << block;
    const PackageDb& db = facts.package_dbs[0];
    EXPECT_EQ(db.kind, "gobinary");
    EXPECT_FALSE(db.os);
    EXPECT_EQ(db.path, "usr/local/bin/app");
    // stdlib + 13 deps, minus the 3 at (devel).
    ASSERT_EQ(db.packages.size(), 11u) << block;
    EXPECT_EQ(db.packages[0].name, "stdlib");
    EXPECT_EQ(db.packages[0].version, "v1.24.3");
    EXPECT_EQ(db.packages[0].purl, "pkg:golang/stdlib@v1.24.3");
    EXPECT_EQ(db.packages[1].name, "github.com/google/btree");
    EXPECT_EQ(db.packages[1].version, "v1.1.3");
    EXPECT_EQ(db.packages[1].ecosystem, "Go");
    EXPECT_EQ(db.packages[1].purl, "pkg:golang/github.com/google/btree@v1.1.3");
    EXPECT_EQ(db.packages.back().purl, "pkg:golang/rsc.io/binaryregexp@v0.2.0");
  }
}

TEST(GoBinaryTest, NearMisses) {
  std::string bin = TestData("cbtemulator.bin");
  // Not executable: not scanned.
  EXPECT_TRUE(Stream(bin, 4096, 0644).package_dbs.empty());
  // Not ELF (a shell script quoting the magic).
  std::string script = "#!/bin/sh\n" + bin.substr(64);
  EXPECT_TRUE(Stream(script, 4096).package_dbs.empty());
  // ELF without buildinfo.
  EXPECT_TRUE(Stream(bin.substr(0, 64) + std::string(5000, 'x'), 512).package_dbs.empty());
}

TEST(GoBinaryTest, FalseMagicBeforeTheRealOneIsSkipped) {
  std::string bin = TestData("cbtemulator.bin");
  std::string decoy = std::string("\xff Go buildinf:", 14) + std::string(18, '\x01');
  std::string with_decoy = bin.substr(0, 64) + decoy + bin.substr(64);
  LayerFacts facts = Stream(with_decoy, 7);
  ASSERT_EQ(facts.package_dbs.size(), 1u);
  EXPECT_EQ(facts.package_dbs[0].packages.size(), 11u);
}

TEST(GoBinaryTest, OldFormatAndTruncationAreDiagnosed) {
  std::string bin = TestData("cbtemulator.bin");
  size_t at = bin.find("\xff Go buildinf:");
  std::string old = bin;
  old[at + 15] = 0;  // pointer-based layout of Go < 1.18
  LayerFacts facts = Stream(old, 4096);
  EXPECT_TRUE(facts.package_dbs.empty());
  ASSERT_EQ(facts.diagnostics.size(), 1u);
  EXPECT_EQ(facts.diagnostics[0].code, "go.old_buildinfo");

  LayerFacts cut = Stream(bin.substr(0, at + 100), 4096);
  EXPECT_TRUE(cut.package_dbs.empty());
  ASSERT_EQ(cut.diagnostics.size(), 1u);
  EXPECT_EQ(cut.diagnostics[0].code, "go.truncated_buildinfo");
}

// A minimal ELF64 little-endian header with two PT_LOAD program headers: r-x at 0 and rw- at
// `data_offset`.
std::string ElfWithSegments(uint64_t data_offset) {
  std::string h(64 + 2 * 56, '\0');
  auto put = [&](size_t at, uint64_t v, size_t n) {
    for (size_t i = 0; i < n; ++i) h[at + i] = static_cast<char>(v >> (8 * i));
  };
  h.replace(0, 4, "\x7f" "ELF");
  h[4] = 2;  // ELFCLASS64
  h[5] = 1;  // little endian
  put(0x20, 64, 8);  // e_phoff
  put(0x36, 56, 2);  // e_phentsize
  put(0x38, 2, 2);   // e_phnum
  put(64, 1, 4);     // PT_LOAD
  put(64 + 4, 5, 4);  // R+X
  put(64 + 8, 0, 8);
  put(120, 1, 4);     // PT_LOAD
  put(120 + 4, 6, 4);  // R+W
  put(120 + 8, data_offset, 8);
  return h;
}

TEST(GoBinaryTest, SearchesOnlyTheWritableDataSegment) {
  std::string bin = TestData("cbtemulator.bin");
  std::string block = bin.substr(bin.find("\xff Go buildinf:"));
  // The real buildinfo in the data segment at 8192 is found, in any block size.
  std::string file = ElfWithSegments(8192);
  file += std::string(8192 - file.size(), 'T') + block;
  for (size_t size : {1u, 100u, 4096u, 5000u, 65536u}) {
    LayerFacts facts = Stream(file, size);
    ASSERT_EQ(facts.package_dbs.size(), 1u) << size;
    EXPECT_EQ(facts.package_dbs[0].packages.size(), 11u);
  }
  // A buildinfo-shaped block in the text segment is not: Go never puts it there.
  std::string text_only = ElfWithSegments(20000);
  text_only += std::string(6000 - text_only.size(), 'T') + block;
  text_only += std::string(20000 - text_only.size(), 'T');
  EXPECT_TRUE(Stream(text_only, 4096).package_dbs.empty());
}

TEST(GoBinaryTest, ModInfoReplacementsAndMainModule) {
  GoBuildInfo info;
  info.go_version = "go1.22.1 X:boringcrypto";
  ParseGoModInfo(
      "path\texample.com/app/cmd/app\n"
      "mod\texample.com/app\tv1.4.0\th1:x\n"
      "dep\tgithub.com/a/b\tv1.0.0\th1:y\n"
      "=>\tgithub.com/fork/b\tv1.0.1\th1:z\n"
      "dep\tgithub.com/c/d\tv2.0.0\th1:w\n"
      "=>\t../local/d\t\t\n"
      "build\tGOOS=linux\n",
      info);
  auto packages = GoBuildInfoPackages(info, "app");
  ASSERT_EQ(packages.size(), 4u);
  EXPECT_EQ(packages[0].version, "v1.22.1");
  EXPECT_EQ(packages[1].name, "example.com/app");
  EXPECT_EQ(packages[1].version, "v1.4.0");
  EXPECT_EQ(packages[2].name, "github.com/fork/b");
  EXPECT_EQ(packages[2].version, "v1.0.1");
  EXPECT_EQ(packages[3].name, "github.com/c/d");  // a local replacement keeps the original
}

}  // namespace
}  // namespace portcullis
