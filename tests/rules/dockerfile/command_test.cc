// End-to-end tests of `portcullis dockerfile` through the built binary: exit codes, stdin,
// directory discovery, policy files, inline pragmas, ShellCheck.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/run_binary.h"

namespace {

namespace fs = std::filesystem;

using portcullis::testing::RunResult;

class DockerfileCommandTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("pc-dockerfile-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    old_cwd_ = fs::current_path();
    fs::current_path(dir_);  // the command finds portcullis.yaml in its working directory
  }
  void TearDown() override {
    fs::current_path(old_cwd_);
    fs::remove_all(dir_);
  }

  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel) << text;
  }

  // Runs `portcullis dockerfile ARGS` in dir_; `args` are space-separated words.
  RunResult Run(const std::string& args, const std::string& stdin_text = "",
                std::vector<std::string> env = {}) {
    std::vector<std::string> argv = {"dockerfile"};
    std::istringstream words(args);
    for (std::string w; words >> w;) argv.push_back(w);
    return portcullis::testing::RunPortcullis(argv, stdin_text, env);
  }

  static nlohmann::json Json(const RunResult& r) {
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }

  static std::vector<std::string> Ids(const nlohmann::json& j) {
    std::vector<std::string> out;
    for (const auto& m : j["misconfigurations"]) out.push_back(m["id"]);
    return out;
  }

  static bool Has(const nlohmann::json& j, const std::string& id) {
    auto ids = Ids(j);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  fs::path dir_;
  fs::path old_cwd_;
};

const char* kBad = "FROM ubuntu:latest\nENV API_TOKEN=abcdef123456\nRUN apt-get update\n";
const char* kGood =
    "FROM debian:12@sha256:1111\nRUN useradd -u 10001 app\nHEALTHCHECK CMD [\"/ok\"]\n"
    "USER 10001\nCMD [\"/app\"]\n";

TEST_F(DockerfileCommandTest, ExitCodesAndSeverityFilter) {
  Write("Dockerfile", kBad);
  RunResult r = Run("Dockerfile -f json");
  EXPECT_EQ(r.exit_code, 0);
  nlohmann::json j = Json(r);
  EXPECT_EQ(j["artifact"]["type"], "dockerfile");
  EXPECT_TRUE(Has(j, "PC-DF-052"));
  EXPECT_TRUE(Has(j, "PC-DF-007"));
  for (const auto& m : j["misconfigurations"]) {
    EXPECT_EQ(m["path"], "Dockerfile");
    EXPECT_EQ(m["kind"], "dockerfile");
    EXPECT_GE(m["line"].get<int>(), 1);
  }
  EXPECT_EQ(Run("Dockerfile -f json --exit-code 3").exit_code, 3);
  RunResult critical = Run("Dockerfile -f json --severity CRITICAL --exit-code 4");
  EXPECT_EQ(critical.exit_code, 4);
  EXPECT_EQ(Ids(Json(critical)), std::vector<std::string>{"PC-DF-052"});
  Write("clean/Dockerfile", kGood);
  RunResult clean = Run("clean/Dockerfile -f json --exit-code 5");
  EXPECT_TRUE(Ids(Json(clean)).empty()) << clean.out;
  EXPECT_EQ(clean.exit_code, 0);
  Write("clean/Dockerfile", std::string(kGood) + "FROM debian:12\nUSER 1\nHEALTHCHECK NONE\n");
  EXPECT_EQ(Run("clean/Dockerfile -f json --exit-code 5").exit_code, 5);
  EXPECT_EQ(Run("clean/Dockerfile -f json --exit-code 5 --severity HIGH,CRITICAL").exit_code, 0);
}

TEST_F(DockerfileCommandTest, SarifRegionsAndJunit) {
  Write("Dockerfile", kBad);
  RunResult sarif = Run("Dockerfile -f sarif");
  EXPECT_EQ(sarif.exit_code, 0);
  nlohmann::json s = Json(sarif);
  bool secret_at_line_2 = false;
  for (const auto& r : s["runs"][0]["results"]) {
    const auto& region = r["locations"][0]["physicalLocation"]["region"];
    if (r["ruleId"] == "PC-DF-052") secret_at_line_2 = region["startLine"] == 2;
  }
  EXPECT_TRUE(secret_at_line_2) << sarif.out;
  RunResult junit = Run("Dockerfile -f junit --exit-code 6");
  EXPECT_EQ(junit.exit_code, 6);
  EXPECT_NE(junit.out.find("PC-DF-052"), std::string::npos);
  EXPECT_NE(junit.out.find("line=\"2\""), std::string::npos);
  RunResult table = Run("Dockerfile");
  EXPECT_NE(table.out.find("PC-DF-052"), std::string::npos);
}

TEST_F(DockerfileCommandTest, Stdin) {
  RunResult r = Run("- -f json", kBad);
  EXPECT_EQ(r.exit_code, 0);
  nlohmann::json j = Json(r);
  EXPECT_TRUE(Has(j, "PC-DF-052"));
  EXPECT_EQ(j["misconfigurations"][0]["path"], "-");
}

TEST_F(DockerfileCommandTest, DirectoryDiscovery) {
  Write("repo/Dockerfile", kBad);
  Write("repo/svc/api.Dockerfile", kBad);
  Write("repo/svc/Containerfile", kBad);
  Write("repo/svc/Dockerfile.dockerignore", "*\n");
  Write("repo/.git/Dockerfile", kBad);
  Write("repo/node_modules/x/Dockerfile", kBad);
  Write("repo/README.md", "FROM nothing\n");
  nlohmann::json j = Json(Run("repo -f json"));
  std::set<std::string> paths;
  for (const auto& m : j["misconfigurations"]) paths.insert(m["path"]);
  EXPECT_EQ(paths, (std::set<std::string>{"repo/Dockerfile", "repo/svc/Containerfile",
                                          "repo/svc/api.Dockerfile"}));
}

TEST_F(DockerfileCommandTest, TrustedRegistryFlag) {
  Write("Dockerfile", "FROM quay.io/acme/app:1.0\nUSER 1\n");
  EXPECT_FALSE(Has(Json(Run("Dockerfile -f json")), "PC-DF-025"));
  EXPECT_TRUE(Has(Json(Run("Dockerfile -f json --trusted-registry docker.io")), "PC-DF-025"));
  EXPECT_FALSE(Has(Json(Run("Dockerfile -f json --trusted-registry quay.io")), "PC-DF-025"));
}

TEST_F(DockerfileCommandTest, HadolintConfigIsHonoured) {
  Write("Dockerfile", "FROM ubuntu:latest\nUSER 1\nRUN apt-get update\n");
  Write(".hadolint.yaml",
        "ignored: [DL3007]\noverride:\n  error: [DS017]\nfailure-threshold: error\n");
  RunResult r = Run("Dockerfile -f json");
  nlohmann::json j = Json(r);
  EXPECT_FALSE(Has(j, "PC-DF-007"));
  bool raised = false;
  for (const auto& m : j["misconfigurations"]) {
    if (m["id"] == "PC-DF-064") raised = m["severity"] == "HIGH";
  }
  EXPECT_TRUE(raised);
  EXPECT_EQ(r.exit_code, 1);  // a finding at or above the threshold fails, as with Hadolint
  Write(".hadolint.yaml", "ignored: [DL3007, DS017]\nfailure-threshold: error\n");
  EXPECT_EQ(Run("Dockerfile -f json").exit_code, 0);  // only LOW/INFO findings remain
  // The threshold counts what is left after every filter: an ignore-file entry for the only
  // finding at the threshold makes the run pass.
  Write(".hadolint.yaml", "override:\n  error: [DS017]\nfailure-threshold: error\n");
  EXPECT_EQ(Run("Dockerfile -f json").exit_code, 1);
  Write(".portcullisignore", "- id: PC-DF-064\n  reason: apt lists are a cache mount here\n");
  EXPECT_EQ(Run("Dockerfile -f json").exit_code, 0);
}

TEST_F(DockerfileCommandTest, OwnConfigWinsAndExplicitConfig) {
  Write("Dockerfile", "FROM ubuntu:latest\nUSER 1\n");
  Write(".hadolint.yaml", "ignored: [DL3007]\n");
  Write("portcullis.yaml", "dockerfile:\n  ignore: [PC-DF-067]\n");
  nlohmann::json j = Json(Run("Dockerfile -f json"));
  EXPECT_TRUE(Has(j, "PC-DF-007"));
  EXPECT_FALSE(Has(j, "PC-DF-067"));
  nlohmann::json h = Json(Run("Dockerfile -f json --config .hadolint.yaml"));
  EXPECT_FALSE(Has(h, "PC-DF-007"));
  Write("bad.yaml", "ignore: [unclosed\n");
  EXPECT_EQ(Run("Dockerfile -f json --config bad.yaml").exit_code, 1);
}

TEST_F(DockerfileCommandTest, InlinePragmas) {
  Write("Dockerfile",
        "# hadolint global ignore=DL3057\n"
        "FROM ubuntu:latest\n"
        "# hadolint ignore=DL3002\n"
        "USER root\n"
        "# portcullis ignore=PC-DF-064\n"
        "RUN apt-get update\n");
  nlohmann::json j = Json(Run("Dockerfile -f json"));
  EXPECT_FALSE(Has(j, "PC-DF-001"));
  EXPECT_FALSE(Has(j, "PC-DF-046"));
  EXPECT_FALSE(Has(j, "PC-DF-064"));
  EXPECT_TRUE(Has(j, "PC-DF-007"));
}

TEST_F(DockerfileCommandTest, Errors) {
  EXPECT_EQ(Run("missing-file -f json").exit_code, 1);
  EXPECT_EQ(Run("").exit_code, 2);
  Write("Dockerfile", kBad);
  EXPECT_EQ(Run("Dockerfile -f nonsense").exit_code, 2);
}

TEST_F(DockerfileCommandTest, MalformedFileGivesDiagnosticsAndFindings) {
  Write("Dockerfile", "FROM ubuntu:latest\nRUNN echo\nRUN <<EOF\napt-get update\n");
  nlohmann::json j = Json(Run("Dockerfile -f json"));
  std::set<std::string> codes;
  for (const auto& d : j["diagnostics"]) codes.insert(d["code"]);
  EXPECT_TRUE(codes.contains("dockerfile.unknown_instruction"));
  EXPECT_TRUE(codes.contains("dockerfile.unterminated_heredoc"));
  EXPECT_TRUE(Has(j, "PC-DF-007"));
  EXPECT_TRUE(Has(j, "PC-DF-064"));
}

TEST_F(DockerfileCommandTest, ShellcheckMissingIsADiagnostic) {
  Write("Dockerfile", "FROM debian:12\nRUN echo $1\n");
  nlohmann::json j = Json(Run("Dockerfile -f json --shellcheck", "", {"PATH=/nonexistent"}));
  bool skipped = false;
  for (const auto& d : j["diagnostics"]) skipped |= d["code"] == "dockerfile.shellcheck_skipped";
  EXPECT_TRUE(skipped);
}

TEST_F(DockerfileCommandTest, ShellcheckFindingsMapToDockerfileLines) {
  if (std::system("command -v shellcheck >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "shellcheck is not installed (scripts/setup installs it)";
  }
  Write("Dockerfile",
        "FROM debian:12\n"
        "ARG VERSION=1\n"
        "RUN echo start && \\\n"
        "    # a comment inside the continuation\n"
        "    echo $VERSION && \\\n"
        "    cp $1 /tmp\n"
        "RUN <<EOF\n"
        "set -e\n"
        "ls $2\n"
        "EOF\n");
  nlohmann::json j = Json(Run("Dockerfile -f json --shellcheck"));
  std::vector<std::pair<std::string, int>> sc;
  for (const auto& m : j["misconfigurations"]) {
    std::string id = m["id"];
    if (id.starts_with("SC")) sc.emplace_back(id, m["line"].get<int>());
  }
  // $1 and $2 unquoted: SC2086 at the lines they are on; $VERSION is exported, not SC2154.
  EXPECT_NE(std::find(sc.begin(), sc.end(), std::pair<std::string, int>{"SC2086", 6}), sc.end());
  EXPECT_NE(std::find(sc.begin(), sc.end(), std::pair<std::string, int>{"SC2086", 9}), sc.end());
  for (const auto& [id, line] : sc) EXPECT_NE(id, "SC2154");
  EXPECT_TRUE(j["diagnostics"].empty()) << j["diagnostics"].dump();
}

}  // namespace
