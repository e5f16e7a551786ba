#include <gtest/gtest.h>

#include "config/dockerfile/dockerfile.h"

namespace portcullis::dockerfile {
namespace {

Dockerfile Parse(std::string_view text) { return ParseDockerfile(text, "Dockerfile"); }

TEST(DockerfileParserTest, InstructionsLinesAndColumns) {
  Dockerfile f = Parse("FROM debian:12\n\n  run echo hi\nCMD [\"a\", \"b\"]\n");
  ASSERT_EQ(f.instructions.size(), 3u);
  EXPECT_EQ(f.instructions[1].keyword, "RUN");
  EXPECT_EQ(f.instructions[1].line, 3u);
  EXPECT_EQ(f.instructions[1].end_line, 3u);
  EXPECT_EQ(f.instructions[1].column, 3u);
  EXPECT_EQ(f.instructions[1].rest, "echo hi");
  EXPECT_FALSE(f.instructions[1].exec_form);
  EXPECT_TRUE(f.instructions[2].exec_form);
  EXPECT_EQ(f.instructions[2].args, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(f.diagnostics.empty());
}

TEST(DockerfileParserTest, ContinuationsAndCommentsInside) {
  Dockerfile f = Parse(
      "FROM alpine:3.19\n"
      "RUN apk add \\\n"
      "    # a comment inside the continuation\n"
      "\n"
      "    curl \\\n"
      "    git\n"
      "USER 1000\n");
  ASSERT_EQ(f.instructions.size(), 3u);
  const Instruction& run = f.instructions[1];
  EXPECT_EQ(run.rest, "apk add     curl     git");
  EXPECT_EQ(run.line, 2u);
  EXPECT_EQ(run.end_line, 6u);
  EXPECT_EQ(f.instructions[2].line, 7u);
}

TEST(DockerfileParserTest, EscapeDirectiveAndBacktickContinuation) {
  Dockerfile f = Parse(
      "# escape=`\n"
      "# syntax=docker/dockerfile:1\n"
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
      "RUN dir C:\\ `\n"
      "    && echo done\n"
      "WORKDIR C:\\app\n");
  EXPECT_EQ(f.escape, '`');
  EXPECT_EQ(f.directives.at("syntax"), "docker/dockerfile:1");
  ASSERT_EQ(f.instructions.size(), 3u);
  EXPECT_EQ(f.instructions[1].rest, "dir C:\\     && echo done");
  EXPECT_EQ(f.instructions[2].args[0], "C:\\app");
}

TEST(DockerfileParserTest, DirectivesOnlyAtTop) {
  Dockerfile f = Parse("# a comment\n# escape=`\nFROM x:1\nRUN a \\\n b\n");
  EXPECT_EQ(f.escape, '\\');
  EXPECT_TRUE(f.directives.empty());
  EXPECT_EQ(f.instructions[1].rest, "a  b");
  Dockerfile bad = Parse("# escape=x\nFROM x:1\n");
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].code, "dockerfile.bad_escape");
  EXPECT_EQ(bad.diagnostics[0].line, 1u);
}

TEST(DockerfileParserTest, Heredocs) {
  Dockerfile f = Parse(
      "FROM debian:12\n"
      "RUN <<EOF\n"
      "apt-get update\n"
      "apt-get install -y curl\n"
      "EOF\n"
      "COPY <<one.txt <<-\"TWO\" /dest/\n"
      "first $HOME\n"
      "one.txt\n"
      "\t\tsecond\n"
      "\tTWO\n"
      "CMD [\"x\"]\n");
  ASSERT_EQ(f.instructions.size(), 4u);
  const Instruction& run = f.instructions[1];
  ASSERT_EQ(run.heredocs.size(), 1u);
  EXPECT_EQ(run.heredocs[0].delimiter, "EOF");
  EXPECT_EQ(run.heredocs[0].body, "apt-get update\napt-get install -y curl\n");
  EXPECT_EQ(run.heredocs[0].line, 3u);
  EXPECT_TRUE(run.heredocs[0].expand);
  EXPECT_EQ(run.line, 2u);
  EXPECT_EQ(run.end_line, 5u);
  const Instruction& copy = f.instructions[2];
  ASSERT_EQ(copy.heredocs.size(), 2u);
  EXPECT_EQ(copy.heredocs[0].body, "first $HOME\n");
  EXPECT_EQ(copy.heredocs[1].delimiter, "TWO");
  EXPECT_TRUE(copy.heredocs[1].strip_tabs);
  EXPECT_FALSE(copy.heredocs[1].expand);
  EXPECT_EQ(copy.heredocs[1].body, "second\n");
  EXPECT_EQ(copy.args, (std::vector<std::string>{"<<one.txt", "<<-TWO", "/dest/"}));
  EXPECT_EQ(copy.end_line, 10u);
  EXPECT_EQ(f.instructions[3].line, 11u);
  EXPECT_TRUE(f.diagnostics.empty());
}

TEST(DockerfileParserTest, HereStringIsNotAHeredoc) {
  Dockerfile f = Parse("FROM x:1\nRUN cat <<<\"text\"\nUSER 1\n");
  EXPECT_TRUE(f.instructions[1].heredocs.empty());
  EXPECT_EQ(f.instructions.size(), 3u);
}

TEST(DockerfileParserTest, FlagsOfRunCopyFrom) {
  Dockerfile f = Parse(
      "FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\n"
      "RUN --mount=type=cache,target=/root/.cache/go-build --network=none --security=sandbox "
      "go build ./...\n"
      "FROM scratch\n"
      "COPY --from=build --chown=10001:10001 --chmod=0755 --link /out/app /app\n"
      "ADD --checksum=sha256:abc https://example.com/x.tar.gz /x\n");
  const Instruction& from = f.instructions[0];
  ASSERT_NE(from.FindFlag("platform"), nullptr);
  EXPECT_EQ(from.FindFlag("platform")->raw, "$BUILDPLATFORM");
  EXPECT_EQ(f.stages[0].name, "build");
  EXPECT_EQ(f.stages[0].base, "golang:1.22");
  const Instruction& run = f.instructions[1];
  ASSERT_EQ(run.flags.size(), 3u);
  EXPECT_EQ(run.flags[0].name, "mount");
  EXPECT_EQ(run.flags[0].value, "type=cache,target=/root/.cache/go-build");
  EXPECT_EQ(run.FindFlag("network")->value, "none");
  EXPECT_EQ(run.rest, "go build ./...");
  const Instruction& copy = f.instructions[3];
  EXPECT_EQ(copy.FindFlag("from")->value, "build");
  EXPECT_EQ(copy.FindFlag("chown")->value, "10001:10001");
  EXPECT_EQ(copy.FindFlag("chmod")->value, "0755");
  ASSERT_NE(copy.FindFlag("link"), nullptr);
  EXPECT_FALSE(copy.FindFlag("link")->has_value);
  EXPECT_EQ(copy.args, (std::vector<std::string>{"/out/app", "/app"}));
  EXPECT_EQ(f.instructions[4].FindFlag("checksum")->value, "sha256:abc");
}

TEST(DockerfileParserTest, StagesAndParents) {
  Dockerfile f = Parse(
      "FROM node:20 AS deps\nRUN npm ci\nFROM deps AS build\nRUN npm run build\n"
      "FROM nginx:1.25\nCOPY --from=1 /a /b\n");
  ASSERT_EQ(f.stages.size(), 3u);
  EXPECT_EQ(f.stages[0].parent, -1);
  EXPECT_EQ(f.stages[1].parent, 0);
  EXPECT_EQ(f.stages[2].parent, -1);
  EXPECT_EQ(f.stages[1].from, 2u);
  EXPECT_EQ(f.stages[1].end, 4u);
  EXPECT_EQ(f.instructions[3].stage, 1);
  EXPECT_EQ(f.FindStage("BUILD"), 1);
  EXPECT_EQ(f.FindStage("2"), 2);
  EXPECT_EQ(f.FindStage("nope"), -1);
}

TEST(DockerfileParserTest, ArgBeforeFromAndExpansion) {
  Dockerfile f = Parse(
      "ARG BASE=debian\n"
      "ARG TAG\n"
      "FROM ${BASE}:${TAG:-12-slim} AS b\n"
      "ARG BASE\n"
      "ENV HOME_DIR=/home/app APP=${BASE}-app\n"
      "ENV ALT=${MISSING:+set} DEF=${MISSING-fallback} PLUS=${APP:+yes}\n"
      "WORKDIR $HOME_DIR/src\n"
      "USER ${UID}\n"
      "RUN echo $HOME_DIR\n");
  ASSERT_EQ(f.stages.size(), 1u);
  EXPECT_EQ(f.stages[0].base, "debian:12-slim");
  EXPECT_EQ(f.stages[0].base_raw, "${BASE}:${TAG:-12-slim}");
  EXPECT_FALSE(f.stages[0].base_unresolved);
  const Instruction& env = f.instructions[4];
  ASSERT_EQ(env.pairs.size(), 2u);
  EXPECT_EQ(env.pairs[1].value, "debian-app");
  EXPECT_EQ(env.pairs[1].raw_value, "${BASE}-app");
  const Instruction& env2 = f.instructions[5];
  EXPECT_EQ(env2.pairs[0].value, "");
  EXPECT_EQ(env2.pairs[1].value, "fallback");
  EXPECT_EQ(env2.pairs[2].value, "yes");
  EXPECT_EQ(f.instructions[6].args[0], "/home/app/src");
  EXPECT_TRUE(f.instructions[7].unresolved[0]);
  EXPECT_EQ(f.instructions[8].rest, "echo $HOME_DIR");  // RUN is not expanded by Docker
}

TEST(DockerfileParserTest, UnresolvedBase) {
  Dockerfile f = Parse("ARG IMAGE\nFROM $IMAGE\n");
  EXPECT_TRUE(f.stages[0].base_unresolved);
}

TEST(DockerfileParserTest, ExpandWordForms) {
  Env env{{"A", "1"}, {"E", ""}};
  EXPECT_EQ(ExpandWord("$A-${A}", env).value, "1-1");
  EXPECT_EQ(ExpandWord("${E:-d}|${E-d}|${E:+p}|${E+p}", env).value, "d|||p");
  EXPECT_EQ(ExpandWord("'$A' \"$A\" \\$A", env).value, "$A 1 $A");
  Expansion e = ExpandWord("${NOPE}", env);
  EXPECT_TRUE(e.unresolved);
  EXPECT_FALSE(ExpandWord("${NOPE:-x}", env).unresolved);
  EXPECT_EQ(ExpandWord("${A:-${B:-deep}}", env).value, "1");
  EXPECT_EQ(ExpandWord("${B:-${C:-deep}}", env).value, "deep");
  EXPECT_EQ(ExpandWord("`$A", env, '`').value, "$A");
}

TEST(DockerfileParserTest, EnvForms) {
  Dockerfile f = Parse(
      "FROM x:1\nENV LEGACY some value here\nENV A=\"quoted value\" B='s' C=c\\ d\n"
      "LABEL org.opencontainers.image.title=\"Title\"\nARG X Y=2\n");
  ASSERT_EQ(f.instructions[1].pairs.size(), 1u);
  EXPECT_EQ(f.instructions[1].pairs[0].key, "LEGACY");
  EXPECT_EQ(f.instructions[1].pairs[0].value, "some value here");
  const auto& p = f.instructions[2].pairs;
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].value, "quoted value");
  EXPECT_EQ(p[1].value, "s");
  EXPECT_EQ(p[2].value, "c d");
  EXPECT_EQ(f.instructions[3].pairs[0].value, "Title");
  const auto& a = f.instructions[4].pairs;
  ASSERT_EQ(a.size(), 2u);
  EXPECT_FALSE(a[0].has_value);
  EXPECT_EQ(a[1].value, "2");
}

TEST(DockerfileParserTest, OnbuildHealthcheckAndPragmas) {
  Dockerfile f = Parse(
      "# hadolint global ignore=DL3059\n"
      "FROM x:1\n"
      "# hadolint ignore=DL3008, DL3015\n"
      "# portcullis ignore=PC-DF-009\n"
      "RUN apt-get install y\n"
      "ONBUILD RUN make\n"
      "HEALTHCHECK --interval=30s CMD [\"curl\", \"-f\", \"http://localhost/\"]\n"
      "HEALTHCHECK NONE\n");
  EXPECT_EQ(f.global_ignores, std::vector<std::string>{"DL3059"});
  EXPECT_EQ(f.instructions[1].ignores, (std::vector<std::string>{"DL3008", "DL3015", "PC-DF-009"}));
  ASSERT_EQ(f.instructions[2].onbuild.size(), 1u);
  EXPECT_EQ(f.instructions[2].onbuild[0].keyword, "RUN");
  EXPECT_EQ(f.instructions[2].onbuild[0].rest, "make");
  EXPECT_EQ(f.instructions[2].onbuild[0].line, 6u);
  const Instruction& hc = f.instructions[3];
  EXPECT_EQ(hc.FindFlag("interval")->value, "30s");
  EXPECT_TRUE(hc.exec_form);
  EXPECT_EQ(hc.args, (std::vector<std::string>{"CMD", "curl", "-f", "http://localhost/"}));
  EXPECT_EQ(f.instructions[4].args, std::vector<std::string>{"NONE"});
  EXPECT_TRUE(f.diagnostics.empty());
}

struct BadCase {
  std::string name;
  std::string text;
  std::string code;
  uint64_t line;
  uint64_t column;
  size_t instructions;  // still parsed
};

class DockerfileDiagnosticsTest : public testing::TestWithParam<BadCase> {};

TEST_P(DockerfileDiagnosticsTest, ReportsAndGoesOn) {
  Dockerfile f = Parse(GetParam().text);
  bool found = false;
  for (const auto& d : f.diagnostics) {
    if (d.code != GetParam().code) continue;
    found = true;
    EXPECT_EQ(d.line, GetParam().line) << d.message;
    EXPECT_EQ(d.column, GetParam().column) << d.message;
    EXPECT_EQ(d.path, "Dockerfile");
    EXPECT_FALSE(d.message.empty());
  }
  EXPECT_TRUE(found) << GetParam().code;
  EXPECT_EQ(f.instructions.size(), GetParam().instructions);
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, DockerfileDiagnosticsTest,
    testing::Values(
        BadCase{"UnknownInstruction", "FROM x:1\n  FORM y\nRUN a\n",
                "dockerfile.unknown_instruction", 2, 3, 2},
        BadCase{"UnterminatedHeredoc", "FROM x:1\nRUN <<EOF\necho\n",
                "dockerfile.unterminated_heredoc", 2, 1, 2},
        BadCase{"UnterminatedJson", "FROM x:1\nCMD [\"nginx\", \"-g\"\nUSER 1\n",
                "dockerfile.bad_json", 2, 1, 3},
        BadCase{"SingleQuotedJson", "FROM x:1\nENTRYPOINT ['app']\n", "dockerfile.bad_json", 2, 1,
                2},
        BadCase{"MissingFrom", "RUN echo\nCMD x\n", "dockerfile.missing_from", 1, 1, 2},
        BadCase{"EmptyFile", "", "dockerfile.missing_from", 1, 1, 0},
        BadCase{"MissingArguments", "FROM x:1\nWORKDIR\n", "dockerfile.missing_arguments", 2, 1, 2},
        BadCase{"BadFrom", "FROM a b\n", "dockerfile.bad_from", 1, 1, 1},
        BadCase{"ShellNotJson", "FROM x:1\nSHELL /bin/bash -c\n", "dockerfile.bad_shell", 2, 1, 2},
        BadCase{"BadPair", "FROM x:1\nLABEL novalue\n", "dockerfile.bad_pair", 2, 1, 2},
        BadCase{"BadHealthcheck", "FROM x:1\nHEALTHCHECK RUN x\n", "dockerfile.bad_healthcheck", 2,
                1, 2}),
    [](const auto& info) { return info.param.name; });

TEST(DockerfileParserTest, ShellCommandStartingWithBracketIsNotJson) {
  Dockerfile f = Parse("FROM x:1\nRUN [ -f /etc/os-release ] && cat /etc/os-release\n");
  EXPECT_TRUE(f.diagnostics.empty());
  EXPECT_FALSE(f.instructions[1].exec_form);
}

TEST(DockerfileParserTest, CrLfAndNoTrailingNewline) {
  Dockerfile f = Parse("FROM x:1\r\nRUN a \\\r\n  b\r\nUSER 1");
  ASSERT_EQ(f.instructions.size(), 3u);
  EXPECT_EQ(f.instructions[1].rest, "a   b");
  EXPECT_EQ(f.instructions[2].args[0], "1");
}

TEST(ImageRefTest, Normalisation) {
  ImageRef a = ParseImageRef("debian");
  EXPECT_EQ(a.registry, "docker.io");
  EXPECT_EQ(a.repository, "library/debian");
  EXPECT_EQ(a.tag, "");
  ImageRef b = ParseImageRef("localhost:5000/team/app:1.0@sha256:abc");
  EXPECT_EQ(b.registry, "localhost:5000");
  EXPECT_EQ(b.repository, "team/app");
  EXPECT_EQ(b.tag, "1.0");
  EXPECT_EQ(b.digest, "sha256:abc");
  ImageRef c = ParseImageRef("ghcr.io/acme/tool:latest");
  EXPECT_EQ(c.registry, "ghcr.io");
  EXPECT_EQ(c.tag, "latest");
  ImageRef d = ParseImageRef("bitnami/redis:7.2");
  EXPECT_EQ(d.registry, "docker.io");
  EXPECT_EQ(d.repository, "bitnami/redis");
}

}  // namespace
}  // namespace portcullis::dockerfile
