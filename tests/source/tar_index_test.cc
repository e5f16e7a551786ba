// TarIndex (the outer tar of docker-archives and OCI archives): header fields an attacker
// controls must never wrap or be trusted past the file.
#include "source/tar_index.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "support/image_builder.h"

namespace portcullis {
namespace {

constexpr size_t kBlock = 512;

// One ustar header block with a valid checksum.
std::string Header(std::string_view name, char type, uint64_t size) {
  std::string h(kBlock, '\0');
  std::memcpy(h.data(), name.data(), std::min<size_t>(name.size(), 100));
  std::snprintf(h.data() + 100, 8, "%07o", 0644);
  std::snprintf(h.data() + 124, 12, "%011llo", static_cast<unsigned long long>(size));
  h[156] = type;
  std::memcpy(h.data() + 257, "ustar", 6);
  std::memcpy(h.data() + 263, "00", 2);
  std::memset(h.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(h.data() + 148, 8, "%06o", sum);
  return h;
}

std::string Padded(std::string data) {
  data.resize((data.size() + kBlock - 1) / kBlock * kBlock, '\0');
  return data;
}

// A pax extended header carrying `record` ("LEN key=value\n"), then a 5-byte file.
std::string PaxTar(std::string_view key_value) {
  std::string body = std::string(key_value) + "\n";
  // The length prefix counts itself: find the fixed point.
  size_t len = body.size() + 2;
  while (std::to_string(len).size() + 1 + body.size() != len) ++len;
  std::string record = std::to_string(len) + " " + body;
  std::string tar = Header("PaxHeaders/f", 'x', record.size()) + Padded(record);
  tar += Header("f", '0', 5) + Padded("hello");
  tar += std::string(2 * kBlock, '\0');
  return tar;
}

Result<TarIndex> OpenTar(const testing::TempDir& dir, const std::string& tar) {
  std::string path = dir / "a.tar";
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(tar.data(), 1, tar.size(), f);
  std::fclose(f);
  return TarIndex::Open(path, Limits{});
}

TEST(TarIndexTest, PaxSizeIsRead) {
  testing::TempDir dir;
  auto index = OpenTar(dir, PaxTar("size=5"));
  ASSERT_TRUE(index) << index.error().ToString();
  const auto* member = index->Find("f");
  ASSERT_NE(member, nullptr);
  EXPECT_EQ(member->size, 5u);
}

TEST(TarIndexTest, PaxSizePastUint64IsRejectedNotWrapped) {
  testing::TempDir dir;
  // 2^64 + 1 wrapped to 1 before the parser checked the last digit's addition.
  for (const char* size : {"size=18446744073709551617", "size=18446744073709551616",
                           "size=99999999999999999999"}) {
    auto index = OpenTar(dir, PaxTar(size));
    ASSERT_FALSE(index) << size;
    EXPECT_EQ(index.error().code, ErrorCode::kCorrupt) << size;
  }
}

TEST(TarIndexTest, PaxSizeOfUint64MaxIsParsedAndThenTooLargeForTheFile) {
  testing::TempDir dir;
  auto index = OpenTar(dir, PaxTar("size=18446744073709551615"));
  ASSERT_FALSE(index);  // the member claims more bytes than the file has
}

}  // namespace
}  // namespace portcullis
