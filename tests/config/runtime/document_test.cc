// The positioned YAML/JSON document layer: positions, multi-document recovery, merge keys and
// the hostile-input bounds (alias expansion, nesting depth, recursive aliases).
#include "config/runtime/document.h"

#include <gtest/gtest.h>

namespace portcullis::runtime {
namespace {

TEST(YamlDocument, KeepsLineAndColumnOfEveryNode) {
  YamlStream s = ParseYamlStream("a: 1\nb:\n  c: [x, \"y\"]\n", "f.yaml");
  ASSERT_EQ(s.documents.size(), 1u);
  Node root = s.documents[0]->Root();
  EXPECT_EQ(root["a"].pos().line, 1u);
  EXPECT_EQ(root["a"].pos().column, 4u);
  Node c = root["b"]["c"];
  ASSERT_TRUE(c.IsSequence());
  auto el = c.Elements();
  ASSERT_EQ(el.size(), 2u);
  EXPECT_EQ(el[1].Scalar(), "y");
  EXPECT_TRUE(el[1].Quoted());
  EXPECT_FALSE(el[0].Quoted());
  EXPECT_EQ(el[1].pos().line, 3u);
  EXPECT_EQ(el[1].pos().column, 10u);
  EXPECT_EQ(root.last_line(), 3u);
  Pos key;
  EXPECT_TRUE(root.Get("b", &key).IsMap());
  EXPECT_EQ(key.line, 2u);
  EXPECT_FALSE(root["missing"]["deeper"].valid());
}

TEST(YamlDocument, MalformedDocumentIsReportedAndTheOthersKept) {
  std::string text =
      "---\n# Source: a.yaml\nkind: A\n---\nkind: [B\nx: 1\n---\nkind: C\n...\n---\nkind: D\n";
  YamlStream s = ParseYamlStream(text, "multi.yaml");
  ASSERT_EQ(s.documents.size(), 3u);
  EXPECT_EQ(s.documents[0]->Root()["kind"].Scalar(), "A");
  EXPECT_EQ(s.documents[1]->Root()["kind"].Scalar(), "C");
  EXPECT_EQ(s.documents[1]->Root()["kind"].pos().line, 8u);
  EXPECT_EQ(s.documents[2]->Root()["kind"].pos().line, 11u);
  ASSERT_EQ(s.diagnostics.size(), 1u);
  EXPECT_EQ(s.diagnostics[0].code, "yaml.syntax");
  EXPECT_EQ(s.diagnostics[0].path, "multi.yaml");
  EXPECT_GE(s.diagnostics[0].line, 5u);
  EXPECT_LE(s.diagnostics[0].line, 7u);
  EXPECT_GT(s.diagnostics[0].column, 0u);
  EXPECT_EQ(s.document_count, 4u);
}

TEST(YamlDocument, MergeKeysAndAliasesShareNodes) {
  YamlStream s = ParseYamlStream(
      "base: &b {privileged: true, user: root}\nsvc:\n  <<: *b\n  user: app\nlist: [*b, *b]\n",
      "m.yaml");
  ASSERT_EQ(s.documents.size(), 1u);
  Node root = s.documents[0]->Root();
  Node svc = root["svc"];
  EXPECT_EQ(svc["privileged"].Scalar(), "true");
  EXPECT_EQ(svc["user"].Scalar(), "app");
  auto entries = svc.Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].key, "user");
  EXPECT_EQ(entries[1].key, "privileged");
  auto list = root["list"].Elements();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id(), list[1].id());
  EXPECT_EQ(list[0].id(), root["base"].id());
}

TEST(YamlDocument, BillionLaughsIsBoundedByExpandedSize) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + prev;
    text += "]\n";
    prev = c;
  }
  text += "---\nkind: Fine\n";
  YamlStream s = ParseYamlStream(text, "lol.yaml");
  ASSERT_EQ(s.diagnostics.size(), 1u);
  EXPECT_EQ(s.diagnostics[0].code, "yaml.alias_expansion");
  ASSERT_EQ(s.documents.size(), 1u);
  EXPECT_EQ(s.documents[0]->Root()["kind"].Scalar(), "Fine");
}

TEST(YamlDocument, DeepNestingIsRejectedBeforeParsing) {
  for (std::string text : {std::string(100000, '[') + std::string(100000, ']'),
                           std::string(5000, '{'),
                           [] {
                             std::string t;
                             for (int i = 0; i < 300; ++i) t += std::string(i, ' ') + "k:\n";
                             return t;
                           }(),
                           [] {
                             std::string t;
                             for (int i = 0; i < 300; ++i) t += "- ";
                             return t + "x\n";
                           }()}) {
    YamlStream s = ParseYamlStream(text, "deep.yaml");
    ASSERT_EQ(s.diagnostics.size(), 1u);
    EXPECT_EQ(s.diagnostics[0].code, "yaml.depth");
    EXPECT_TRUE(s.documents.empty());
  }
}

TEST(YamlDocument, NormalNestingAndBracketsInTextAreNotDepth) {
  std::string text =
      "data:\n  config.ini: |\n    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n"
      "  regex: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n"
      "  plain: a[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n";
  YamlStream s = ParseYamlStream(text, "ok.yaml");
  EXPECT_TRUE(s.diagnostics.empty()) << s.diagnostics[0].message;
  ASSERT_EQ(s.documents.size(), 1u);
  EXPECT_TRUE(s.documents[0]->Root()["data"]["config.ini"].Block());
}

TEST(YamlDocument, RecursiveAliasIsAnErrorNotALoop) {
  YamlStream s = ParseYamlStream("a: &x [1, *x]\n", "rec.yaml");
  EXPECT_TRUE(s.documents.empty());
  ASSERT_EQ(s.diagnostics.size(), 1u);
}

TEST(YamlDocument, StrayTextAfterADocumentEndsIt) {
  // yaml-cpp reports the stray `,""` as endless further documents; found by kubernetes_fuzz.
  YamlStream s = ParseYamlStream("{apiVersion: v1},\"\"\n", "stray.json");
  ASSERT_EQ(s.documents.size(), 1u);
  EXPECT_EQ(s.documents[0]->Root()["apiVersion"].Scalar(), "v1");
  ASSERT_EQ(s.diagnostics.size(), 1u);
  EXPECT_EQ(s.diagnostics[0].code, "yaml.syntax");
}

TEST(YamlDocument, ReadsJson) {
  YamlStream s = ParseYamlStream(
      "[\n  {\n    \"Name\": \"/web\",\n\t\"HostConfig\": {\"Privileged\": true}\n  }\n]\n",
      "i.json");
  ASSERT_EQ(s.documents.size(), 1u) << (s.diagnostics.empty() ? "" : s.diagnostics[0].message);
  auto items = s.documents[0]->Root().Elements();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["HostConfig"]["Privileged"].Scalar(), "true");
  EXPECT_EQ(items[0]["HostConfig"]["Privileged"].pos().line, 4u);
}

TEST(YamlDocument, FileSizeLimit) {
  YamlLimits limits;
  limits.max_file_bytes = 10;
  YamlStream s = ParseYamlStream("a: 1234567890\n", "big.yaml", limits);
  ASSERT_EQ(s.diagnostics.size(), 1u);
  EXPECT_EQ(s.diagnostics[0].code, "yaml.limit");
}

TEST(ParseYamlBool, AcceptsWhatLoadersAccept) {
  EXPECT_EQ(ParseYamlBool("True"), true);
  EXPECT_EQ(ParseYamlBool("yes"), true);
  EXPECT_EQ(ParseYamlBool("OFF"), false);
  EXPECT_EQ(ParseYamlBool("1"), std::nullopt);
}

}  // namespace
}  // namespace portcullis::runtime
