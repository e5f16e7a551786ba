// End to end through the `portcullis` binary: `portcullis config` on files, directories and
// --docker-run lines; output format, --severity, --exit-code, --config and error exit codes.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_binary.h"

namespace {

namespace fs = std::filesystem;

using portcullis::testing::RunPortcullis;
using Outcome = portcullis::testing::RunResult;

// Runs portcullis with `cwd` as the working directory (the tests run on one thread).
Outcome Portcullis(const std::vector<std::string>& args,
                   const fs::path& cwd = fs::temp_directory_path()) {
  fs::path before = fs::current_path();
  fs::current_path(cwd);
  Outcome o = RunPortcullis(args);
  fs::current_path(before);
  return o;
}

class ConfigCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/portcullis-config-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    Write("k8s/app.yaml",
          "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  hostPID: true\n"
          "  containers:\n    - {name: web, image: 'nginx:1.25'}\n---\nkind: [broken\n---\n"
          "apiVersion: v1\nkind: Pod\nmetadata: {name: second}\nspec:\n  hostIPC: true\n"
          "  containers:\n    - {name: c, image: 'nginx:1.25'}\n");
    Write("docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    privileged: true\n");
    Write("scripts/run.sh", "#!/bin/sh\ndocker run --pid=host --rm alpine:3.19 true\n");
    Write("inspect.json",
          "[{\"Id\": \"abcdefabcdef0000\", \"Name\": \"/api\", \"Config\": {\"Image\": \"api:1\"},"
          " \"HostConfig\": {\"NetworkMode\": \"host\"}}]\n");
    Write("README.md", "docker run --privileged nginx\n");  // not a recognised file kind
    Write("node_modules/pkg/deploy.sh", "docker run --privileged nginx\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& rel, const std::string& text) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }

  fs::path dir_;
};

TEST_F(ConfigCommand, AuditsEveryInputKindOfADirectory) {
  Outcome o = Portcullis({"config", dir_.string(), "-f", "json", "--exit-code", "3", "-q"});
  ASSERT_EQ(o.exit_code, 3) << o.out;
  auto report = nlohmann::json::parse(o.out);
  EXPECT_EQ(report["artifact"]["type"], "config");
  std::set<std::string> seen;
  for (const auto& m : report["misconfigurations"]) {
    seen.insert(m["id"].get<std::string>() + " " + m["resource"].get<std::string>());
  }
  EXPECT_TRUE(seen.contains("PC-RT-018 Pod/default/web"));
  EXPECT_TRUE(seen.contains("PC-RT-019 Pod/default/second"));  // after the broken document
  EXPECT_TRUE(seen.contains("PC-RT-001 compose service db"));
  EXPECT_TRUE(seen.contains("PC-RT-018 docker run (run.sh:2)"));
  EXPECT_TRUE(seen.contains("PC-RT-017 container api"));
  for (const auto& s : seen) EXPECT_EQ(s.find("PC-RT-001 docker run"), std::string::npos) << s;
  bool syntax = false;
  for (const auto& d : report["diagnostics"]) {
    if (d["code"] == "yaml.syntax") {
      syntax = true;
      EXPECT_EQ(d["line"], 9);
    }
  }
  EXPECT_TRUE(syntax);
}

TEST_F(ConfigCommand, DockerRunLineSeverityAndExitCode) {
  Outcome o = Portcullis({"config", "--docker-run", "docker run --privileged -v /:/host nginx:1.25",
                   "-f", "json", "--severity", "HIGH,CRITICAL", "--exit-code", "4"});
  ASSERT_EQ(o.exit_code, 4) << o.out;
  auto report = nlohmann::json::parse(o.out);
  std::set<std::string> ids;
  for (const auto& m : report["misconfigurations"]) {
    ids.insert(m["id"]);
    EXPECT_EQ(m["resource"], "docker run (command line)");
  }
  EXPECT_EQ(ids, (std::set<std::string>{"PC-RT-001", "PC-RT-022"}));

  Outcome quiet = Portcullis({"config", "--docker-run", "docker ps -a", "-f", "json", "--exit-code", "4"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.out;
  auto r2 = nlohmann::json::parse(quiet.out);
  EXPECT_TRUE(r2["misconfigurations"].empty());
  ASSERT_EQ(r2["diagnostics"].size(), 1u);
  EXPECT_EQ(r2["diagnostics"][0]["code"], "config.no_invocation");
}

TEST_F(ConfigCommand, SettingsFileIgnoresAndOverrides) {
  Write("settings/portcullis.yaml", "config:\n  ignore: [PC-RT-001]\n  severity: {PC-RT-017: LOW}\n");
  Outcome o = Portcullis({"config", (dir_ / "docker-compose.yml").string(), (dir_ / "inspect.json").string(),
                   "--config", (dir_ / "settings/portcullis.yaml").string(), "-f", "json"});
  ASSERT_EQ(o.exit_code, 0) << o.out;
  auto report = nlohmann::json::parse(o.out);
  bool host_network = false;
  for (const auto& m : report["misconfigurations"]) {
    EXPECT_NE(m["id"], "PC-RT-001");
    if (m["id"] == "PC-RT-017") {
      host_network = true;
      EXPECT_EQ(m["severity"], "LOW");
    }
  }
  EXPECT_TRUE(host_network);
  // A portcullis.yaml in the working directory is picked up without --config.
  Outcome cwd = Portcullis({"config", (dir_ / "docker-compose.yml").string(), "-f", "json"},
                    dir_ / "settings");
  auto from_cwd = nlohmann::json::parse(cwd.out);  // kept: the loop must not see a temporary
  ASSERT_FALSE(from_cwd["misconfigurations"].empty());
  for (const auto& m : from_cwd["misconfigurations"]) {
    EXPECT_NE(m["id"], "PC-RT-001");
  }
}

// One portcullis.yaml configures `portcullis config` and `portcullis dockerfile`: the top level
// for both, each command's section for it alone, with the same keys and meaning.
TEST_F(ConfigCommand, SharedProjectConfigDrivesConfigAndDockerfile) {
  Write("proj/portcullis.yaml",
        "ignore: [DL3007]\n"
        "severity: {PC-RT-022: CRITICAL}\n"
        "config:\n"
        "  ignore: [KSV-0017]\n"
        "  failure_threshold: CRITICAL\n"
        "dockerfile:\n"
        "  failure_threshold: none\n");
  Write("proj/Dockerfile", "FROM nginx:latest\nUSER root\n");
  fs::path proj = dir_ / "proj";

  // A CRITICAL finding remains: the threshold fails the run without --exit-code.
  Outcome fails = Portcullis(
      {"config", "--docker-run", "docker run --privileged -v /:/host nginx:1.25", "-f", "json"},
      proj);
  EXPECT_EQ(fails.exit_code, 1) << fails.out;
  auto failed = nlohmann::json::parse(fails.out);
  std::set<std::string> ids;
  for (const auto& m : failed["misconfigurations"]) {
    ids.insert(m["id"].get<std::string>());
    if (m["id"] == "PC-RT-022") {
      EXPECT_EQ(m["severity"], "CRITICAL");
    }
  }
  EXPECT_FALSE(ids.contains("PC-RT-001"));  // ignored through its alias KSV-0017
  EXPECT_TRUE(ids.contains("PC-RT-022"));

  // Findings below the threshold remain but do not fail the run, even with --exit-code.
  Outcome passes = Portcullis(
      {"config", "--docker-run", "docker run --privileged nginx:1.25", "-f", "json",
       "--exit-code", "3"},
      proj);
  EXPECT_EQ(passes.exit_code, 0) << passes.out;
  EXPECT_FALSE(nlohmann::json::parse(passes.out)["misconfigurations"].empty());

  // The dockerfile command reads the same file: the top-level ignore and its own section.
  Outcome lint = Portcullis({"dockerfile", "Dockerfile", "-f", "json", "--exit-code", "5"}, proj);
  EXPECT_EQ(lint.exit_code, 0) << lint.out;
  auto report = nlohmann::json::parse(lint.out);
  ASSERT_FALSE(report["misconfigurations"].empty());
  for (const auto& m : report["misconfigurations"]) {
    for (const auto& alias : m["aliases"]) EXPECT_NE(alias, "DL3007") << m["id"];
  }
}

// Each command checks the keys of its own section: a typo is an error, not a silent no-op.
TEST_F(ConfigCommand, UnknownKeyInACommandSectionIsAnError) {
  Write("typo/portcullis.yaml",
        "config:\n  ignore: [PC-RT-001]\n  ignored: [PC-RT-009]\ndockerfile:\n  ignore: []\n");
  Write("typo/Dockerfile", "FROM nginx:1.25\n");
  Outcome o = Portcullis({"config", "--docker-run", "docker run nginx:1.25"}, dir_ / "typo");
  EXPECT_EQ(o.exit_code, 2) << o.out;
  EXPECT_NE(o.err.find("portcullis.yaml:3"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("'ignored'"), std::string::npos) << o.err;
  EXPECT_EQ(Portcullis({"dockerfile", "Dockerfile"}, dir_ / "typo").exit_code, 0);

  Write("typo2/portcullis.yaml", "config:\n  ignore: []\ndockerfile:\n  ignroe: [DL3007]\n");
  Outcome lint = Portcullis({"dockerfile", "-"}, dir_ / "typo2");
  EXPECT_EQ(lint.exit_code, 2) << lint.out;
  EXPECT_NE(lint.err.find("portcullis.yaml:4"), std::string::npos) << lint.err;
  EXPECT_EQ(Portcullis({"config", "--docker-run", "docker run nginx:1.25"}, dir_ / "typo2")
                .exit_code,
            0);
}

TEST_F(ConfigCommand, ErrorsAndUsage) {
  EXPECT_EQ(Portcullis({"config"}).exit_code, 2);
  EXPECT_EQ(Portcullis({"config", (dir_ / "missing.yaml").string()}).exit_code, 1);
  Write("bad.yaml", "ignore: [\n");
  EXPECT_EQ(Portcullis({"config", dir_.string(), "--config", (dir_ / "bad.yaml").string()}).exit_code, 1);
}

TEST_F(ConfigCommand, RulesCatalogIsListed) {
  Outcome o = Portcullis({"rules", "runtime"});
  ASSERT_EQ(o.exit_code, 0);
  EXPECT_NE(o.out.find("PC-RT-021"), std::string::npos);
}

}  // namespace
