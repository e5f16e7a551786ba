#include "core/strings.h"

#include <gtest/gtest.h>

namespace portcullis {
namespace {

TEST(StringsTest, TrimSplitJoin) {
  EXPECT_EQ(Trim("  a b \n"), "a b");
  EXPECT_EQ(Trim(""), "");
  auto parts = Split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(Join({"x", "y"}, ", "), "x, y");
}

TEST(StringsTest, CaseInsensitive) {
  EXPECT_TRUE(EqualsIgnoreCase("Secret", "SECRET"));
  EXPECT_FALSE(EqualsIgnoreCase("Secret", "SECRETS"));
  EXPECT_TRUE(ContainsIgnoreCase("DB_PASSWORD", "password"));
  EXPECT_FALSE(ContainsIgnoreCase("DB_PASS", "password"));
}

TEST(StringsTest, Utf8) {
  EXPECT_TRUE(IsValidUtf8("h\xC3\xA9llo"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));        // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));    // surrogate
  EXPECT_EQ(SanitizeUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(Excerpt("abcdef", 3), "abc...");
  EXPECT_EQ(Excerpt("\xC3\xA9\xC3\xA9", 3), "\xC3\xA9...");  // never cuts inside a character
}

}  // namespace
}  // namespace portcullis
