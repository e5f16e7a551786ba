// The compose reader and its interpolation: long and short syntaxes, .env values, defaults,
// `$$`, merge keys and local-driver bind volumes.
#include "config/compose/compose.h"

#include <gtest/gtest.h>

#include "config/compose/interpolate.h"

namespace portcullis::runtime {
namespace {

TEST(ComposeInterpolation, Table) {
  std::map<std::string, std::string> vars = {{"TAG", "1.2"}, {"EMPTY", ""}};
  struct Case {
    const char* in;
    const char* out;
    bool from_variable;
    bool unresolved;
  };
  const Case cases[] = {
      {"nginx:${TAG}", "nginx:1.2", true, false},
      {"nginx:$TAG", "nginx:1.2", true, false},
      {"${MISSING:-dflt}", "dflt", false, false},
      {"${EMPTY:-dflt}", "dflt", false, false},
      {"${EMPTY-dflt}", "", true, false},
      {"${MISSING}", "", true, true},
      {"${TAG:+set}", "set", false, false},
      {"${MISSING+set}", "", false, false},
      {"${MISSING:?need it}", "", true, true},
      {"$$HOME and $$$$", "$HOME and $$", false, false},
      {"${MISSING:-${TAG}}", "1.2", true, false},
      {"${unterminated", "${unterminated", false, false},
      {"plain", "plain", false, false},
  };
  for (const Case& c : cases) {
    Expanded e = Interpolate(c.in, vars);
    EXPECT_EQ(e.value, c.out) << c.in;
    EXPECT_EQ(e.from_variable, c.from_variable) << c.in;
    EXPECT_EQ(e.unresolved, c.unresolved) << c.in;
  }
}

TEST(ComposeInterpolation, DotEnv) {
  auto vars = ParseDotEnv(
      "# comment\nA=1\nexport B = two words # note\nC=\"q\\\"uoted\\n\"\nD='single # kept'\n"
      "bad line\n=x\n");
  EXPECT_EQ(vars.at("A"), "1");
  EXPECT_EQ(vars.at("B"), "two words");
  EXPECT_EQ(vars.at("C"), "q\"uoted\n");
  EXPECT_EQ(vars.at("D"), "single # kept");
  EXPECT_EQ(vars.size(), 4u);
}

TEST(ComposeReader, ReadsServices) {
  std::string text = R"(x-hardening: &hardening
  read_only: true
  cap_drop: [ALL]
volumes:
  hostetc:
    driver: local
    driver_opts: {type: none, o: bind, device: /etc}
services:
  web:
    <<: *hardening
    image: "nginx:${TAG}"
    ports:
      - "127.0.0.1:8080:80"
      - target: 443
        published: "8443"
    volumes:
      - hostetc:/host/etc
      - type: bind
        source: ./site
        target: /usr/share/nginx/html
        read_only: true
    environment:
      DB_PASSWORD: ${DB_PASSWORD}
      MODE: production
    deploy:
      resources:
        limits: {memory: 256M, cpus: "0.5", pids: 100}
  worker:
    build: .
    privileged: ${PRIV:-false}
    environment:
      - TOKEN
)";
  YamlStream s = ParseYamlStream(text, "compose.yaml");
  ASSERT_TRUE(IsComposeStream(s));
  RuntimeModel m;
  std::vector<Diagnostic> d;
  ReadCompose(s, "compose.yaml", {{"TAG", "1.25"}, {"DB_PASSWORD", "x"}}, m, d);
  EXPECT_TRUE(d.empty());
  ASSERT_EQ(m.workloads.size(), 2u);
  const Workload& web = m.workloads[0];
  EXPECT_EQ(web.resource, "compose service web");
  const Container& c = web.containers[0];
  EXPECT_EQ(c.image.value, "nginx:1.25");
  EXPECT_TRUE(c.read_only_root_fs.Is(true));      // through the merge key
  ASSERT_EQ(c.cap_drop.size(), 1u);
  ASSERT_EQ(c.ports.size(), 2u);
  EXPECT_EQ(c.ports[0].host_ip, "127.0.0.1");
  EXPECT_EQ(c.ports[1].host_port, 8443u);
  EXPECT_EQ(c.ports[1].container_port, 443u);
  ASSERT_EQ(web.mounts.size(), 2u);
  EXPECT_EQ(web.mounts[0].type, Mount::Type::kBind);
  EXPECT_EQ(web.mounts[0].source, "/etc");
  EXPECT_TRUE(web.mounts[1].read_only);
  ASSERT_EQ(c.env.size(), 2u);
  EXPECT_EQ(c.env[0].source, EnvVar::Source::kInterpolated);
  EXPECT_EQ(c.env[1].source, EnvVar::Source::kLiteral);
  EXPECT_TRUE(c.memory_limit.Is("256M"));
  EXPECT_TRUE(c.pids_limit.Is(100));
  const Container& worker = m.workloads[1].containers[0];
  EXPECT_TRUE(worker.image.value.empty());
  EXPECT_TRUE(worker.privileged.Is(false));
  ASSERT_EQ(worker.env.size(), 1u);
  EXPECT_EQ(worker.env[0].source, EnvVar::Source::kHost);
}

TEST(ComposeReader, ServiceThatIsNotAMapIsADiagnostic) {
  YamlStream s = ParseYamlStream("services:\n  web: [1, 2]\n  db:\n", "c.yaml");
  RuntimeModel m;
  std::vector<Diagnostic> d;
  ReadCompose(s, "c.yaml", {}, m, d);
  EXPECT_TRUE(m.workloads.empty());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 2u);
}

}  // namespace
}  // namespace portcullis::runtime
