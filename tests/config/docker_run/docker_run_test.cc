// The docker/podman run flag parser and the finders of command lines in scripts, Makefiles and
// CI files.
#include "config/docker_run/docker_run.h"

#include <gtest/gtest.h>

namespace portcullis::runtime {
namespace {

RuntimeModel FromScript(std::string_view text) {
  RuntimeModel m;
  ReadDockerRunScript(text, "deploy.sh", m);
  return m;
}

TEST(DockerRunParser, FlagForms) {
  struct Case {
    const char* line;
    const char* image;
    bool privileged;
    const char* memory;   // "" = unset
    size_t ports;
    size_t env;
  };
  const Case cases[] = {
      {"docker run -it --rm nginx:1 sh -c 'echo --privileged'", "nginx:1", false, "", 0, 0},
      {"docker run --privileged -m 512m nginx", "nginx", true, "512m", 0, 0},
      {"docker run --privileged=true --memory=1g nginx", "nginx", true, "1g", 0, 0},
      {"docker run --privileged=false nginx", "nginx", false, "", 0, 0},
      {"docker run -dp 8080:80 -e A=1 -eB=2 --env C nginx", "nginx", false, "", 1, 3},
      {"docker run -itm256m alpine", "alpine", false, "256m", 0, 0},
      {"docker run --name web -v /a:/b -- nginx --privileged", "nginx", false, "", 0, 0},
      {"docker container run --network host redis:7", "redis:7", false, "", 0, 0},
      {"docker -H tcp://host:2375 --context prod create --privileged busybox", "busybox", true, "",
       0, 0},
      {"podman run --userns keep-id --privileged quay.io/x/y:1", "quay.io/x/y:1", true, "", 0, 0},
      {"sudo -E -u root docker run --read-only nginx", "nginx", false, "", 0, 0},
      {"FOO=1 env BAR=2 timeout 30 nice -n 5 docker run nginx", "nginx", false, "", 0, 0},
      {"docker run --unknown-bool --dns 1.1.1.1 nginx", "nginx", false, "", 0, 0},
  };
  for (const Case& c : cases) {
    RuntimeModel m = FromScript(c.line);
    ASSERT_EQ(m.workloads.size(), 1u) << c.line;
    const Container& ct = m.workloads[0].containers[0];
    EXPECT_EQ(ct.image.value, c.image) << c.line;
    EXPECT_EQ(ct.privileged.Is(true), c.privileged) << c.line;
    EXPECT_EQ(ct.memory_limit.value.value_or(""), c.memory) << c.line;
    EXPECT_EQ(ct.ports.size(), c.ports) << c.line;
    EXPECT_EQ(ct.env.size(), c.env) << c.line;
  }
}

TEST(DockerRunParser, NotInvocations) {
  for (const char* line : {"docker ps -a", "docker run --help", "echo docker run nginx",
                           "dockerd --debug", "docker build -t x .", "# docker run nginx"}) {
    EXPECT_TRUE(FromScript(line).workloads.empty()) << line;
  }
}

TEST(DockerRunScript, ContinuationsSubstitutionsAndPositions) {
  std::string text =
      "#!/bin/sh\n"
      "set -e\n"
      "CID=$(docker run -d \\\n"
      "    --cap-add SYS_ADMIN \\\n"
      "    -v \"$(pwd)\":/src \\\n"
      "    builder:1.0)\n"
      "if true; then docker run --pid=host \"alpine:3.19\" && echo ok; fi\n";
  RuntimeModel m = FromScript(text);
  ASSERT_EQ(m.workloads.size(), 2u);
  const Workload& first = m.workloads[0];
  EXPECT_EQ(first.resource, "docker run (deploy.sh:3)");
  EXPECT_EQ(first.containers[0].image.value, "builder:1.0");
  ASSERT_EQ(first.containers[0].cap_add.size(), 1u);
  EXPECT_EQ(first.containers[0].cap_add[0].pos.line, 4u);
  EXPECT_EQ(first.containers[0].cap_add[0].pos.column, 15u);
  ASSERT_EQ(first.mounts.size(), 1u);
  EXPECT_EQ(first.mounts[0].target, "/src");
  EXPECT_EQ(first.last_line, 6u);
  const Workload& second = m.workloads[1];
  EXPECT_TRUE(second.host_pid.Is(true));
  EXPECT_EQ(second.containers[0].image.value, "alpine:3.19");
  EXPECT_EQ(second.pos.line, 7u);
}

TEST(DockerRunScript, MakefileRecipes) {
  std::string text =
      "IMAGE ?= app:dev\n"
      "run:\n"
      "\t@docker run --rm -p 80:80 \\\n"
      "\t  -e API_KEY=abc123def456 $(IMAGE)\n";
  RuntimeModel m = FromScript(text);
  ASSERT_EQ(m.workloads.size(), 1u);
  const Container& c = m.workloads[0].containers[0];
  EXPECT_TRUE(c.image_has_variables);
  ASSERT_EQ(c.env.size(), 1u);
  EXPECT_EQ(c.env[0].source, EnvVar::Source::kLiteral);
  EXPECT_EQ(c.env[0].pos.line, 4u);
}

TEST(DockerRunCi, GithubActionsAndGitlab) {
  std::string gha =
      "on: push\n"
      "jobs:\n"
      "  test:\n"
      "    runs-on: ubuntu-latest\n"
      "    container:\n"
      "      image: node:20\n"
      "      options: --privileged --cpus 1\n"
      "    steps:\n"
      "      - run: |\n"
      "          echo start\n"
      "          docker run --network host \\\n"
      "            redis:7\n"
      "      - name: describe\n"
      "        with:\n"
      "          text: docker run is mentioned here\n";
  YamlStream s = ParseYamlStream(gha, "ci.yml");
  ASSERT_TRUE(HasDockerRunCi(s));
  RuntimeModel m;
  auto spans = ReadDockerRunCi(s, "ci.yml", m);
  ASSERT_EQ(m.workloads.size(), 2u);
  EXPECT_EQ(m.workloads[0].kind, "docker create");  // the job container
  EXPECT_TRUE(m.workloads[0].containers[0].privileged.Is(true));
  EXPECT_EQ(m.workloads[0].containers[0].image.value, "node:20");
  EXPECT_EQ(m.workloads[1].pos.line, 11u);
  EXPECT_TRUE(m.workloads[1].host_network.Is(true));
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[1], std::make_pair(11u, 12u));

  std::string gitlab =
      "build:\n"
      "  script:\n"
      "    - docker login -u x -p y\n"
      "    - docker run -v /var/run/docker.sock:/var/run/docker.sock docker:24 info\n";
  YamlStream g = ParseYamlStream(gitlab, ".gitlab-ci.yml");
  RuntimeModel gm;
  ReadDockerRunCi(g, ".gitlab-ci.yml", gm);
  ASSERT_EQ(gm.workloads.size(), 1u);
  EXPECT_EQ(gm.workloads[0].pos.line, 4u);
  EXPECT_EQ(gm.workloads[0].mounts[0].source, "/var/run/docker.sock");
}

TEST(CommandSplitter, QuotesEscapesAndOperators) {
  auto cmds = SplitCommands("a 'b c' \"d $E\" f\\ g; h && i | j # k\nl", Pos{1, 1});
  ASSERT_EQ(cmds.size(), 5u);
  ASSERT_EQ(cmds[0].words.size(), 4u);
  EXPECT_EQ(cmds[0].words[1].text, "b c");
  EXPECT_EQ(cmds[0].words[2].text, "d $E");
  EXPECT_TRUE(cmds[0].words[2].has_variable);
  EXPECT_EQ(cmds[0].words[3].text, "f g");
  EXPECT_EQ(cmds[4].words[0].text, "l");
  EXPECT_EQ(cmds[4].first_line, 2u);
}

}  // namespace
}  // namespace portcullis::runtime
