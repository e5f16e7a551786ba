// End to end through the `portcullis` binary: `portcullis config` on files, directories and
// --docker-run lines; output format, --severity, --exit-code, --config and error exit codes.
#include <stdlib.h>

#include <filesystem>
#include <fstream>

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
  for (const auto& m : nlohmann::json::parse(cwd.out)["misconfigurations"]) {
    EXPECT_NE(m["id"], "PC-RT-001");
  }
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
