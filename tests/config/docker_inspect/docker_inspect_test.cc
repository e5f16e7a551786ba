// The docker inspect reader: arrays of containers, the fields it maps, and what it skips.
#include "config/docker_inspect/docker_inspect.h"

#include <gtest/gtest.h>

namespace portcullis::runtime {
namespace {

TEST(DockerInspectReader, ReadsEveryContainerOfAnArray) {
  std::string text = R"([
  {
    "Id": "aaaaaaaaaaaaaaaa",
    "Name": "/db",
    "AppArmorProfile": "docker-default",
    "Config": {"User": "999", "Image": "postgres:16", "Env": ["POSTGRES_PASSWORD=pw123456"]},
    "HostConfig": {
      "Binds": ["/srv/db:/var/lib/postgresql/data"],
      "NetworkMode": "backend",
      "PidsLimit": 200,
      "Memory": 1073741824,
      "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}
    },
    "Mounts": [{"Type": "volume", "Name": "pgdata", "Source": "/var/lib/docker/volumes/pgdata/_data",
                "Destination": "/var/lib/postgresql/data", "RW": true}]
  },
  {"Id": "bbbbbbbbbbbbbbbbbbbb", "Config": {"Image": "x"}, "HostConfig": {"Privileged": true}},
  {"Id": "not a container"}
])";
  YamlStream s = ParseYamlStream(text, "inspect.json");
  ASSERT_TRUE(IsDockerInspectStream(s));
  RuntimeModel m;
  std::vector<Diagnostic> d;
  ReadDockerInspect(s, "inspect.json", m, d);
  ASSERT_EQ(m.workloads.size(), 2u);
  const Workload& db = m.workloads[0];
  EXPECT_EQ(db.resource, "container db");
  EXPECT_FALSE(db.on_default_bridge);
  EXPECT_TRUE(db.restart_max_retries.Is(3));
  ASSERT_EQ(db.mounts.size(), 1u);  // the real Mounts list wins over HostConfig.Binds
  EXPECT_EQ(db.mounts[0].type, Mount::Type::kVolume);
  EXPECT_EQ(db.mounts[0].source, "pgdata");
  const Container& c = db.containers[0];
  EXPECT_TRUE(c.user.Is("999"));
  EXPECT_TRUE(c.apparmor.Is("RuntimeDefault"));
  EXPECT_TRUE(c.pids_limit.Is(200));
  EXPECT_EQ(c.env[0].name, "POSTGRES_PASSWORD");
  EXPECT_EQ(c.env[0].pos.line, 6u);
  EXPECT_EQ(m.workloads[1].resource, "container bbbbbbbbbbbb");
  EXPECT_TRUE(m.workloads[1].containers[0].privileged.Is(true));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "inspect.not_container");
  EXPECT_EQ(d[0].line, 18u);
}

TEST(DockerInspectReader, ImageInspectIsNotAContainer) {
  YamlStream s = ParseYamlStream(R"([{"Id": "sha256:1", "Config": {"User": ""}, "RootFS": {}}])",
                                 "image.json");
  EXPECT_FALSE(IsDockerInspectStream(s));
}

}  // namespace
}  // namespace portcullis::runtime
