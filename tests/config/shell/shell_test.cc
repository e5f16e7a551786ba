#include "config/shell/shell.h"

#include <gtest/gtest.h>

namespace portcullis::shell {
namespace {

std::vector<std::vector<std::string>> Argvs(const Script& s) {
  std::vector<std::vector<std::string>> out;
  for (const auto& c : s.commands) out.push_back(c.argv);
  return out;
}

using Argv = std::vector<std::string>;

struct SplitCase {
  std::string name;
  std::string script;
  std::vector<Argv> commands;
};

class ShellSplitTest : public testing::TestWithParam<SplitCase> {};

TEST_P(ShellSplitTest, Commands) {
  Script s = ParseScript(GetParam().script);
  EXPECT_EQ(Argvs(s), GetParam().commands);
  EXPECT_TRUE(s.errors.empty()) << s.errors[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, ShellSplitTest,
    testing::Values(
        SplitCase{"Words", "apt-get install -y curl", {{"apt-get", "install", "-y", "curl"}}},
        SplitCase{"AndOrSeq", "a && b || c; d", {{"a"}, {"b"}, {"c"}, {"d"}}},
        SplitCase{"Quotes", "echo 'a b' \"c $X d\" e\\ f", {{"echo", "a b", "c $X d", "e f"}}},
        SplitCase{"DoubleQuoteEscapes", R"(echo "a\"b\\c\$d")", {{"echo", R"(a"b\c$d)"}}},
        SplitCase{"Continuation",
                  "apt-get update \\\n && apt-get install x",
                  {{"apt-get", "update"}, {"apt-get", "install", "x"}}},
        SplitCase{"Newlines", "a\nb\n\nc", {{"a"}, {"b"}, {"c"}}},
        SplitCase{"Comment", "a # not b\nc", {{"a"}, {"c"}}},
        SplitCase{"Pipe", "curl -s url | sh -", {{"curl", "-s", "url"}, {"sh", "-"}}},
        SplitCase{"Subshell", "(cd /x && make) && ls", {{"cd", "/x"}, {"make"}, {"ls"}}},
        SplitCase{"Group", "{ a; b; }", {{"a"}, {"b"}}},
        SplitCase{"CommandSubstitution",
                  "echo $(uname -m) x",
                  {{"echo", "$(uname -m)", "x"}, {"uname", "-m"}}},
        SplitCase{"Backquote", "echo `id -u`", {{"echo", "`id -u`"}, {"id", "-u"}}},
        SplitCase{"Arithmetic", "echo $((1 + 2))", {{"echo", "$((1 + 2))"}}},
        SplitCase{"Braces", "echo ${A:-x y}", {{"echo", "${A:-x y}"}}},
        SplitCase{"Assignments",
                  "DEBIAN_FRONTEND=noninteractive apt-get install x",
                  {{"apt-get", "install", "x"}}},
        SplitCase{"Redirections", "make > /dev/null 2>&1 < in", {{"make"}}},
        SplitCase{"IfThen",
                  "if [ -f x ]; then rm x; else touch x; fi",
                  {{"[", "-f", "x", "]"}, {"rm", "x"}, {"touch", "x"}}},
        SplitCase{"ForLoop",
                  "for f in a b; do echo $f; done",
                  {{"for", "f", "in", "a", "b"}, {"echo", "$f"}}},
        SplitCase{"Case",
                  "case $x in a|b) echo ab ;; *) echo other ;; esac",
                  {{"echo", "ab"}, {"echo", "other"}}},
        SplitCase{"Function", "f() { echo hi; }; f", {{"echo", "hi"}, {"f"}}},
        SplitCase{"Background", "a & b", {{"a"}, {"b"}}},
        SplitCase{
            "Heredoc", "cat <<EOF > /etc/x\nline $A\nEOF\necho done", {{"cat"}, {"echo", "done"}}},
        SplitCase{"HeredocStripTabs", "cat <<-END\n\tx\n\tEND\nls", {{"cat"}, {"ls"}}}),
    [](const auto& info) { return info.param.name; });

TEST(ShellTest, Connectors) {
  Script s = ParseScript("a && b | c || d; e");
  ASSERT_EQ(s.commands.size(), 5u);
  EXPECT_EQ(s.commands[0].next, Connector::kAnd);
  EXPECT_EQ(s.commands[1].next, Connector::kPipe);
  EXPECT_TRUE(s.commands[2].piped_in);
  EXPECT_EQ(s.commands[1].pipeline, s.commands[2].pipeline);
  EXPECT_NE(s.commands[0].pipeline, s.commands[1].pipeline);
  EXPECT_EQ(s.commands[2].next, Connector::kOr);
  EXPECT_EQ(s.commands[3].next, Connector::kSequence);
  EXPECT_TRUE(s.has_pipe);
  EXPECT_FALSE(ParseScript("a || b").has_pipe);
}

TEST(ShellTest, DepthOffsetsAssignmentsRedirects) {
  Script s = ParseScript("X=1 Y=2 cmd >out; (sub $(inner))");
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[0].assignments, (std::vector<std::string>{"X=1", "Y=2"}));
  EXPECT_EQ(s.commands[0].redirects, std::vector<std::string>{"out"});
  EXPECT_EQ(s.commands[0].offset, 0u);
  EXPECT_EQ(s.commands[1].depth, 1);
  EXPECT_EQ(s.commands[1].offset, 19u);
  EXPECT_EQ(s.commands[2].argv, std::vector<std::string>{"inner"});
  EXPECT_EQ(s.commands[2].depth, 2);
  EXPECT_EQ(s.commands[2].offset, 25u);
}

TEST(ShellTest, HeredocBodyGoesToItsCommand) {
  Script s = ParseScript("python3 <<'PY' && echo ok\nprint(1)\nPY\n");
  ASSERT_EQ(s.commands.size(), 2u);
  ASSERT_EQ(s.commands[0].heredocs.size(), 1u);
  EXPECT_EQ(s.commands[0].heredocs[0], "print(1)\n");
}

TEST(ShellTest, ErrorsKeepWhatWasRead) {
  for (std::string bad : {"echo 'open", "echo \"open", "echo $(open", "echo `open", "echo ${open",
                          "cat <<EOF\nno end"}) {
    Script s = ParseScript(bad);
    EXPECT_FALSE(s.errors.empty()) << bad;
    ASSERT_FALSE(s.commands.empty()) << bad;
    EXPECT_EQ(s.commands[0].Name(), "echo" == bad.substr(0, 4) ? "echo" : "cat") << bad;
  }
}

TEST(ShellTest, DeepNestingIsBounded) {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "$(";
  deep += "x";
  for (int i = 0; i < 200; ++i) deep += ")";
  Script s = ParseScript("echo " + deep);
  EXPECT_FALSE(s.errors.empty());
  std::string parens(5000, '(');
  Script p = ParseScript(parens + "a");
  ASSERT_FALSE(p.commands.empty());
  EXPECT_LE(p.commands.back().depth, kMaxShellDepth);
}

TEST(ShellTest, UnwrappedArgv) {
  auto unwrap = [](std::string text) {
    Script s = ParseScript(text);
    return UnwrappedArgv(s.commands.at(0));
  };
  EXPECT_EQ(unwrap("sudo -u app apt-get install x"),
            (std::vector<std::string>{"apt-get", "install", "x"}));
  EXPECT_EQ(unwrap("env -i A=1 B=2 pip install y"),
            (std::vector<std::string>{"pip", "install", "y"}));
  EXPECT_EQ(unwrap("nice -n 5 nohup make"), std::vector<std::string>{"make"});
  EXPECT_EQ(unwrap("xargs -n 1 rm"), std::vector<std::string>{"rm"});
  EXPECT_EQ(unwrap("curl url"), (std::vector<std::string>{"curl", "url"}));
  EXPECT_TRUE(unwrap("sudo").empty());
}

TEST(ShellTest, SplitWords) {
  EXPECT_EQ(SplitWords("a 'b c' \"d\"  e"), (std::vector<std::string>{"a", "b c", "d", "e"}));
}

}  // namespace
}  // namespace portcullis::shell
