// Account file parsers: passwd, group, shadow, config User specs; malformed lines become
// diagnostics naming the file, line and column.
#include "detector/hardening/accounts.h"

#include <gtest/gtest.h>

namespace portcullis {
namespace {

TEST(HardeningAccountsTest, ParsesPasswd) {
  std::vector<Diagnostic> diags;
  auto entries = ParsePasswd(
      "root:x:0:0:root:/root:/bin/bash\r\n"
      "\n"
      "+nisuser::::::\n"
      "nonroot::65532:65532:Non Root:/home/nonroot:/sbin/nologin\n",
      "/etc/passwd", diags);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(entries[0].name, "root");
  EXPECT_EQ(entries[0].password, "x");
  EXPECT_EQ(entries[0].uid, 0);
  EXPECT_EQ(entries[0].shell, "/bin/bash");
  EXPECT_EQ(entries[0].line, 1u);
  EXPECT_EQ(entries[1].name, "nonroot");
  EXPECT_EQ(entries[1].password, "");
  EXPECT_EQ(entries[1].uid, 65532);
  EXPECT_EQ(entries[1].home, "/home/nonroot");
  EXPECT_EQ(entries[1].line, 4u);
}

TEST(HardeningAccountsTest, MalformedLinesAreDiagnosed) {
  struct Case {
    std::string text;
    std::string code;
    uint64_t line;
    uint64_t column;
    std::string message_part;
    int kind;     // 0 passwd, 1 group, 2 shadow
    size_t kept;  // entries parsed
  } cases[] = {
      {"root:x:0:0:root:/root\n", "hardening.bad_passwd", 1, 1, "expected 7", 0, 0},
      {"ok:x:1:1::/:/bin/sh\nbad:x:12a:1::/:/bin/sh\n", "hardening.bad_passwd", 2, 7,
       "decimal uid in field 3, found '12a'", 0, 1},
      {"bad:x:1:99999999999::/:/bin/sh\n", "hardening.bad_passwd", 1, 9, "decimal gid", 0, 0},
      {":x:1:1::/:/bin/sh\n", "hardening.bad_passwd", 1, 1, "user name", 0, 0},
      {"wheel:x:10\n", "hardening.bad_group", 1, 1, "expected 4", 1, 0},
      {"wheel:x:-1:\n", "hardening.bad_group", 1, 9, "found '-1'", 1, 0},
      {"wheel:x:ten:\n", "hardening.bad_group", 1, 9, "decimal gid in field 3", 1, 0},
      {"rootonly\n", "hardening.bad_shadow", 1, 1, "one field", 2, 0},
  };
  for (const auto& c : cases) {
    std::vector<Diagnostic> diags;
    size_t n = 0;
    if (c.kind == 0) n = ParsePasswd(c.text, "/etc/passwd", diags).size();
    if (c.kind == 1) n = ParseGroup(c.text, "/etc/group", diags).size();
    if (c.kind == 2) n = ParseShadow(c.text, "/etc/shadow", diags).size();
    ASSERT_EQ(diags.size(), 1u) << c.text;
    EXPECT_EQ(diags[0].code, c.code) << c.text;
    EXPECT_EQ(diags[0].line, c.line) << c.text;
    EXPECT_EQ(diags[0].column, c.column) << c.text;
    EXPECT_NE(diags[0].message.find(c.message_part), std::string::npos) << diags[0].message;
    EXPECT_EQ(n, c.kept) << c.text;
  }
}

TEST(HardeningAccountsTest, ParsesGroupAndShadow) {
  std::vector<Diagnostic> diags;
  auto groups = ParseGroup("sudo:x:27:alice, bob\nusers:x:100:\n", "/etc/group", diags);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].members, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_TRUE(groups[1].members.empty());
  auto shadow = ParseShadow("root:*:19000:0:99999:7:::\nguest::19000::::::\n", "/etc/shadow",
                            diags);
  ASSERT_EQ(shadow.size(), 2u);
  EXPECT_EQ(shadow[0].password, "*");
  EXPECT_EQ(shadow[1].password, "");
  EXPECT_EQ(shadow[1].line, 2u);
  EXPECT_TRUE(diags.empty());
}

TEST(HardeningAccountsTest, EntryCapIsReportedOnce) {
  std::string text;
  for (size_t i = 0; i <= kMaxAccountEntries + 5; ++i) text += "u:x:1:1::/:/bin/sh\n";
  std::vector<Diagnostic> diags;
  auto entries = ParsePasswd(text, "/etc/passwd", diags);
  EXPECT_EQ(entries.size(), kMaxAccountEntries);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].line, kMaxAccountEntries + 1);
}

TEST(HardeningAccountsTest, UserSpecs) {
  struct Case {
    std::string spec, user, group;
    std::optional<int64_t> uid, gid;
  } cases[] = {
      {"", "", "", std::nullopt, std::nullopt},
      {"root", "root", "", std::nullopt, std::nullopt},
      {"0", "0", "", 0, std::nullopt},
      {"0:0", "0", "0", 0, 0},
      {" app : staff ", "app", "staff", std::nullopt, std::nullopt},
      {"1000:", "1000", "", 1000, std::nullopt},
      {"4294967296", "4294967296", "", std::nullopt, std::nullopt},
      {"-1", "-1", "", std::nullopt, std::nullopt},
  };
  for (const auto& c : cases) {
    UserSpec s = ParseUserSpec(c.spec);
    EXPECT_EQ(s.user, c.user) << c.spec;
    EXPECT_EQ(s.group, c.group) << c.spec;
    EXPECT_EQ(s.uid, c.uid) << c.spec;
    EXPECT_EQ(s.gid, c.gid) << c.spec;
  }
}

}  // namespace
}  // namespace portcullis
