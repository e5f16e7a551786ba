// apk installed-database parsing, on records in the exact shape apk writes them (taken from an
// alpine:3.19 image, file lists shortened).
#include "analyzer/pkg/apk.h"

#include <gtest/gtest.h>

namespace portcullis {
namespace {

constexpr std::string_view kInstalled =
    "C:Q1yB3CFzhJPxT8gQHbqvOBsmv2ng0=\n"
    "P:musl\n"
    "V:1.2.4_git20230717-r4\n"
    "A:x86_64\n"
    "S:407200\n"
    "I:667648\n"
    "T:the musl c library (libc) implementation\n"
    "U:https://musl.libc.org/\n"
    "L:MIT\n"
    "o:musl\n"
    "m:Timo Teräs <timo.teras@iki.fi>\n"
    "t:1701258221\n"
    "c:ae9c2a8b0b1f5d3bb7e2c1e1b3d0d8c5d19c0e36\n"
    "p:so:libc.musl-x86_64.so.1=1\n"
    "F:lib\n"
    "R:ld-musl-x86_64.so.1\n"
    "a:0:0:755\n"
    "Z:Q1xPvGk1VaZ9K7yV3CH1bK5dNsy2o=\n"
    "R:libc.musl-x86_64.so.1\n"
    "\n"
    "C:Q1vBzJXyKMMg9dOHnE2b7HjBZKdM4=\n"
    "P:libcrypto3\n"
    "V:3.1.4-r5\n"
    "A:x86_64\n"
    "S:1769874\n"
    "L:Apache-2.0\n"
    "o:openssl\n"
    "m:Ariadne Conill <ariadne@dereferenced.org>\n"
    "D:so:libc.musl-x86_64.so.1\n"
    "F:usr/lib\n"
    "R:libcrypto.so.3\n"
    "\n"
    "C:Q1cB2G3bDoJtWJcQb7v3uAW3W4V6c=\n"
    "P:ca-certificates-bundle\n"
    "V:20240226-r0\n"
    "A:x86_64\n"
    "L:MPL-2.0 AND MIT\n"
    "o:ca-certificates\n"
    "\n";

TEST(ApkTest, ParsesRecords) {
  std::vector<Diagnostic> diagnostics;
  auto packages = ParseApkInstalled(kInstalled, "lib/apk/db/installed", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(packages.size(), 3u);
  EXPECT_EQ(packages[0].name, "musl");
  EXPECT_EQ(packages[0].version, "1.2.4_git20230717-r4");
  EXPECT_EQ(packages[0].arch, "x86_64");
  EXPECT_EQ(packages[0].source_name, "musl");
  EXPECT_EQ(packages[0].maintainer, "Timo Teräs <timo.teras@iki.fi>");
  EXPECT_EQ(packages[0].licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(packages[0].type, "apk");
  EXPECT_EQ(packages[1].name, "libcrypto3");
  EXPECT_EQ(packages[1].source_name, "openssl");
  EXPECT_EQ(packages[1].source_version, "3.1.4-r5");
  EXPECT_EQ(packages[2].licenses, std::vector<std::string>{"MPL-2.0 AND MIT"});
}

TEST(ApkTest, MalformedRecordsAreDiagnosedAndTheRestKept) {
  constexpr std::string_view kBroken =
      "P:no-version\n"        // line 1
      "A:x86_64\n"
      "\n"
      "V:1.0\n"               // line 4: no name
      "\n"
      "P:ok\n"
      "V:2.0-r0\n"
      "this line is junk\n"   // line 8
      "\n"
      "P:last\n"
      "V:3\n";                // no trailing blank line
  std::vector<Diagnostic> diagnostics;
  auto packages = ParseApkInstalled(kBroken, "lib/apk/db/installed", diagnostics);
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].name, "ok");
  EXPECT_EQ(packages[0].source_name, "ok");  // no origin: the package is its own source
  EXPECT_EQ(packages[1].name, "last");
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0].code, "apk.bad_record");
  EXPECT_EQ(diagnostics[0].line, 1u);
  EXPECT_EQ(diagnostics[1].code, "apk.bad_record");
  EXPECT_EQ(diagnostics[1].line, 4u);
  EXPECT_EQ(diagnostics[2].code, "apk.bad_line");
  EXPECT_EQ(diagnostics[2].line, 8u);
}

TEST(ApkTest, AnalyzerWantsOnlyTheDatabase) {
  ApkAnalyzer analyzer;
  TarEntry entry;
  entry.path = "lib/apk/db/installed";
  EXPECT_TRUE(analyzer.Wants(entry));
  entry.path = "lib/apk/db/installed.old";
  EXPECT_FALSE(analyzer.Wants(entry));
  entry.path = "lib/apk/db/installed";
  entry.type = EntryType::kDir;
  EXPECT_FALSE(analyzer.Wants(entry));
  entry.type = EntryType::kFile;
  LayerFacts facts;
  analyzer.Analyze(entry, kInstalled, facts);
  ASSERT_EQ(facts.package_dbs.size(), 1u);
  EXPECT_EQ(facts.package_dbs[0].kind, "apk");
  EXPECT_EQ(facts.package_dbs[0].packages.size(), 3u);
}

}  // namespace
}  // namespace portcullis
