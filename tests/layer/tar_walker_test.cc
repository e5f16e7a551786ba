#include "layer/tar_walker.h"

#include <gtest/gtest.h>

#include "layer/decompress.h"
#include "support/image_builder.h"

namespace portcullis {
namespace {

using testing::Compress;
using testing::MakeTar;

// A ByteStream over a string, in chunks of `chunk` bytes (to exercise block boundaries).
class StringStream : public ByteStream {
 public:
  explicit StringStream(std::string data, size_t chunk = 1 << 20)
      : data_(std::move(data)), chunk_(chunk) {}
  Result<size_t> Read(uint8_t* buf, size_t size) override {
    size_t n = std::min({size, chunk_, data_.size() - pos_});
    std::memcpy(buf, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t chunk_;
  size_t pos_ = 0;
};

struct Walked {
  std::vector<TarEntry> entries;
  std::map<std::string, std::string> contents;
  std::vector<Diagnostic> diagnostics;
  Result<WalkStats> stats = WalkStats{};
};

Walked Walk(std::string tar, const Limits& limits = {}, ByteBudget* budget = nullptr,
            size_t chunk = 1 << 20) {
  Walked w;
  auto raw = std::make_unique<StringStream>(std::move(tar), chunk);
  auto stream = OpenDecompressed(std::move(raw), "layer.tar");
  if (!stream) {
    w.stats = std::unexpected(stream.error());
    return w;
  }
  w.stats = WalkTar(
      **stream, "layer.tar", limits,
      [&](const TarEntry& e, EntryReader& r) -> Result<void> {
        w.entries.push_back(e);
        std::string content;
        for (;;) {
          auto block = PC_TRY(r.NextBlock());
          if (block.empty()) break;
          content.append(reinterpret_cast<const char*>(block.data()), block.size());
        }
        w.contents[e.path] = content;
        return {};
      },
      w.diagnostics, budget);
  return w;
}

TEST(NormalizeEntryPathTest, Table) {
  struct Case {
    std::string_view in;
    std::optional<std::string> out;
  } cases[] = {
      {"etc/passwd", "etc/passwd"},      {"./etc/passwd", "etc/passwd"},
      {"/etc/passwd", "etc/passwd"},     {"etc//x/./y/", "etc/x/y"},
      {"a/b/../c", "a/c"},               {"./", ""},
      {"../etc/passwd", std::nullopt},   {"a/../../etc", std::nullopt},
      {"..", std::nullopt},              {"a/..", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(NormalizeEntryPath(c.in), c.out) << c.in;
}

TEST(TarWalkerTest, EntriesTypesAndContent) {
  std::string big(3 << 20, 'x');  // spans several blocks
  auto w = Walk(MakeTar({testing::Dir("etc"), testing::File("etc/hosts", "127.0.0.1 localhost\n"),
                         testing::File("usr/bin/su", "ELF", 04755),
                         testing::Symlink("etc/os-release", "../usr/lib/os-release"),
                         testing::Hardlink("usr/bin/su2", "usr/bin/su"),
                         testing::File("big.bin", big), testing::Whiteout("var/cache/apt"),
                         testing::Opaque("opt/app")}),
                {}, nullptr, 4096);
  ASSERT_TRUE(w.stats) << w.stats.error().ToString();
  ASSERT_EQ(w.entries.size(), 8u);
  EXPECT_EQ(w.entries[0].type, EntryType::kDir);
  EXPECT_EQ(w.contents["etc/hosts"], "127.0.0.1 localhost\n");
  EXPECT_EQ(w.entries[2].mode, 04755u);
  EXPECT_EQ(w.entries[3].type, EntryType::kSymlink);
  EXPECT_EQ(w.entries[3].link_target, "../usr/lib/os-release");
  EXPECT_EQ(w.entries[4].type, EntryType::kHardlink);
  EXPECT_EQ(w.entries[4].link_target, "usr/bin/su");
  EXPECT_EQ(w.contents["big.bin"], big);
  EXPECT_EQ(w.entries[6].type, EntryType::kWhiteout);
  EXPECT_EQ(w.entries[6].path, "var/cache/apt");
  EXPECT_EQ(w.entries[7].type, EntryType::kOpaqueDir);
  EXPECT_EQ(w.entries[7].path, "opt/app");
  EXPECT_TRUE(w.diagnostics.empty());
}

TEST(TarWalkerTest, GzipAndZstdLayersGiveTheSameEntries) {
  std::vector<testing::TarItem> items = {testing::File("a.txt", "alpha"),
                                         testing::File("b/c.txt", std::string(100000, 'c'))};
  for (Compress c : {Compress::kNone, Compress::kGzip, Compress::kZstd}) {
    auto w = Walk(MakeTar(items, c), {}, nullptr, 777);
    ASSERT_TRUE(w.stats) << w.stats.error().ToString();
    EXPECT_EQ(w.contents["a.txt"], "alpha");
    EXPECT_EQ(w.contents["b/c.txt"].size(), 100000u);
  }
}

TEST(TarWalkerTest, HostilePathsAreSkippedWithDiagnostics) {
  Limits limits;
  limits.max_path_length = 200;
  auto w = Walk(MakeTar({testing::File("../../etc/passwd", "root::0:0::/:/bin/sh\n"),
                         testing::File("a/../../escape", "x"), testing::File("/abs/file", "ok"),
                         testing::File(std::string(300, 'p'), "long"),
                         testing::Hardlink("innocent", "../../etc/shadow"),
                         testing::File("fine", "ok")}),
                limits);
  ASSERT_TRUE(w.stats) << w.stats.error().ToString();
  std::vector<std::string> paths;
  for (const auto& e : w.entries) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"abs/file", "fine"}));
  std::vector<std::string> codes;
  for (const auto& d : w.diagnostics) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"tar.path_escape", "tar.path_escape",
                                             "tar.path_too_long", "tar.path_escape"}));
  EXPECT_EQ(w.diagnostics[0].path, "layer.tar");
}

TEST(TarWalkerTest, TruncatedArchiveFails) {
  std::string tar = MakeTar({testing::File("a", std::string(10000, 'a')), testing::File("b", "b")});
  for (size_t cut : {size_t{100}, size_t{700}, size_t{5000}}) {
    auto w = Walk(tar.substr(0, cut));
    ASSERT_FALSE(w.stats) << cut;
    EXPECT_EQ(w.stats.error().code, ErrorCode::kCorrupt) << cut;
    EXPECT_EQ(w.stats.error().path, "layer.tar");
  }
}

TEST(TarWalkerTest, TruncatedCompressedLayersFail) {
  std::string tar = MakeTar({testing::File("a", std::string(200000, 'a'))});
  for (Compress c : {Compress::kGzip, Compress::kZstd}) {
    std::string z = testing::Compressed(tar, c);
    auto w = Walk(z.substr(0, z.size() - 12));
    ASSERT_FALSE(w.stats);
    EXPECT_EQ(w.stats.error().code, ErrorCode::kCorrupt) << w.stats.error().ToString();
  }
}

TEST(TarWalkerTest, CorruptGzipIsReported) {
  std::string z = testing::Compressed(MakeTar({testing::File("a", std::string(5000, 'a'))}),
                                      Compress::kGzip);
  z[z.size() - 6] ^= 0x55;  // inside the CRC32 trailer
  auto w = Walk(z);
  ASSERT_FALSE(w.stats);
  EXPECT_EQ(w.stats.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(w.stats.error().message.find("checksum"), std::string::npos);
}

TEST(TarWalkerTest, ConcatenatedGzipMembersAreOneStream) {
  std::string tar = MakeTar({testing::File("a", std::string(3000, 'a')), testing::File("b", "bee")});
  std::string z = testing::Compressed(tar.substr(0, 2048), Compress::kGzip) +
                  testing::Compressed(tar.substr(2048), Compress::kGzip);
  auto w = Walk(z);
  ASSERT_TRUE(w.stats) << w.stats.error().ToString();
  EXPECT_EQ(w.contents["b"], "bee");
}

TEST(TarWalkerTest, GarbageIsNotATar) {
  auto w = Walk(std::string(4096, '\x7f'));
  ASSERT_FALSE(w.stats);
  EXPECT_EQ(w.stats.error().code, ErrorCode::kCorrupt);
}

TEST(TarWalkerTest, EmptyLayerHasNoEntries) {
  auto w = Walk("");
  ASSERT_TRUE(w.stats) << w.stats.error().ToString();
  EXPECT_TRUE(w.entries.empty());
}

TEST(TarWalkerTest, EntryLimit) {
  std::vector<testing::TarItem> items;
  for (int i = 0; i < 50; ++i) items.push_back(testing::File("f" + std::to_string(i), "x"));
  Limits limits;
  limits.max_entries = 10;
  auto w = Walk(MakeTar(items), limits);
  ASSERT_FALSE(w.stats);
  EXPECT_EQ(w.stats.error().code, ErrorCode::kLimitExceeded);
}

TEST(TarWalkerTest, DecompressionBombStopsAtTheLimit) {
  // 64 MiB of zeros compress to ~64 KiB of gzip.
  std::string bomb = MakeTar({testing::File("zeros", std::string(64 << 20, '\0'))}, Compress::kGzip);
  ASSERT_LT(bomb.size(), 1u << 20);
  Limits limits;
  limits.max_layer_bytes = 8 << 20;
  auto w = Walk(bomb, limits);
  ASSERT_FALSE(w.stats);
  EXPECT_EQ(w.stats.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(w.stats.error().message.find("--max-layer-bytes"), std::string::npos);

  Limits image_limits;
  image_limits.max_image_bytes = 100 << 20;
  ByteBudget budget;
  budget.used = 90 << 20;  // other layers of the same image already used most of it
  auto w2 = Walk(bomb, image_limits, &budget);
  ASSERT_FALSE(w2.stats);
  EXPECT_NE(w2.stats.error().message.find("--max-image-bytes"), std::string::npos);
}

TEST(TarWalkerTest, CallbackErrorStopsTheWalk) {
  std::vector<Diagnostic> diags;
  StringStream s(MakeTar({testing::File("a", "1"), testing::File("b", "2")}));
  int calls = 0;
  auto r = WalkTar(s, "x", {},
                   [&](const TarEntry&, EntryReader&) -> Result<void> {
                     ++calls;
                     return Fail(ErrorCode::kInternal, "stop");
                   },
                   diags);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "stop");
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace portcullis
