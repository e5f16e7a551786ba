// Every PC-DF rule: a Dockerfile that fires it (at the expected line) and a near miss that must
// not.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "rules/dockerfile/checks.h"
#include "rules/dockerfile/linter.h"

namespace portcullis::dockerfile {
namespace {

struct RuleCase {
  std::string id;
  std::string fires;
  uint64_t line;  // where it fires
  std::string near_miss;
};

void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.id; }

std::vector<Misconfiguration> Lint(const std::string& text) {
  LintOptions options;
  options.policy.trusted_registries = {"docker.io", "ghcr.io/acme"};
  options.policy.label_schema = {{"org.opencontainers.image.source", "url"},
                                 {"org.opencontainers.image.created", "rfc3339"},
                                 {"org.opencontainers.image.licenses", "spdx"},
                                 {"org.opencontainers.image.revision", "hash"},
                                 {"org.opencontainers.image.version", "semver"},
                                 {"maintainer", "email"}};
  options.policy.strict_labels = true;
  Report report;
  LintDockerfile(text, "Dockerfile", options, report);
  return report.misconfigurations;
}

// A user and a pinned base so that unrelated rules stay quiet around the one under test.
const std::string kHead = "FROM debian:12@sha256:1111\n";
const std::string kTail = "USER 10001\n";
const std::string kLabels =
    "LABEL org.opencontainers.image.source=https://github.com/acme/app \\\n"
    "      org.opencontainers.image.created=2024-03-01T12:00:00Z \\\n"
    "      org.opencontainers.image.licenses=Apache-2.0 \\\n"
    "      org.opencontainers.image.revision=0123456789abcdef0123456789abcdef01234567 \\\n"
    "      org.opencontainers.image.version=1.0.0 maintainer=team@example.com\n";

std::vector<RuleCase> Cases() {
  return {
      {"PC-DF-001", "FROM debian:12\nRUN make\n", 1, "FROM debian:12\nUSER 10001\n"},
      {"PC-DF-001", "FROM debian:12\nUSER root:root\n", 2,
       "FROM gcr.io/distroless/static:nonroot\n"},
      {"PC-DF-001", "FROM debian:12 AS base\nUSER 0\nFROM base\nRUN x\n", 2,
       "FROM debian:12 AS base\nUSER 10001\nFROM base\nRUN x\n"},
      {"PC-DF-002", kHead + "WORKDIR app\n", 2, kHead + "WORKDIR /app\nWORKDIR $HOME\n"},
      {"PC-DF-003", kHead + "RUN service nginx start\n", 2, kHead + "RUN nginx -t\n"},
      {"PC-DF-004", kHead + "RUN cd /src && make\n", 2, kHead + "RUN (cd /src && make)\n"},
      {"PC-DF-005", kHead + "RUN sudo apt-get update\n", 2, kHead + "RUN echo sudo\n"},
      {"PC-DF-006", "FROM debian\n", 1, "FROM debian:12\nFROM scratch\nARG X\nFROM $X\n"},
      {"PC-DF-007", "FROM debian:latest\n", 1, "FROM debian:latest@sha256:abcd\n"},
      {"PC-DF-008", kHead + "RUN apt-get install -y --no-install-recommends curl\n", 2,
       kHead + "RUN apt-get install -y --no-install-recommends curl=7.88.1-10 ./local.deb\n"},
      {"PC-DF-009", kHead + "RUN apt-get update && apt-get install -y x=1\n", 2,
       kHead + "RUN apt-get update && apt-get install -y x=1 && rm -rf /var/lib/apt/lists/*\n"},
      {"PC-DF-010", kHead + "COPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n", 2,
       kHead + "COPY app.tar.gz /tmp/\nRUN tar -czf /tmp/other.tar.gz /opt\n"},
      {"PC-DF-011", kHead + "EXPOSE 80 70000/tcp\n", 2, kHead + "EXPOSE 80 443/tcp 8000-8010\n"},
      {"PC-DF-012", kHead + "HEALTHCHECK CMD a\nHEALTHCHECK CMD b\n", 2,
       kHead + "HEALTHCHECK CMD a\nFROM x:1 AS other\nHEALTHCHECK CMD b\n"},
      {"PC-DF-013", kHead + "RUN pip install flask requests==2.31.0\n", 2,
       kHead + "RUN pip install -r requirements.txt flask==3.0.2 ./pkg\n"},
      {"PC-DF-014", kHead + "RUN apt-get install curl=1\n", 2,
       kHead + "RUN apt-get -qq install curl=1 && apt-get install -y x=1\n"},
      {"PC-DF-015", kHead + "RUN apt-get install -y curl=1\n", 2,
       kHead + "RUN apt-get install -y -o APT::Install-Recommends=false curl=1\n"},
      {"PC-DF-016", kHead + "RUN npm install -g typescript\n", 2,
       kHead + "RUN npm install -g typescript@5.4.2 @angular/cli@17.0.0 && npm install\n"},
      {"PC-DF-017", kHead + "RUN apk add --no-cache curl\n", 2,
       kHead + "RUN apk add --no-cache curl=8.5.0-r0 --virtual .deps\n"},
      {"PC-DF-018", kHead + "RUN apk add curl=1\n", 2,
       kHead + "RUN --mount=type=cache,target=/var/cache/apk apk add curl=1\n"
               "RUN apk add curl=1 && rm -rf /var/cache/apk/*\n"},
      {"PC-DF-019", kHead + "ADD app.py /app/\n", 2,
       kHead + "ADD rootfs.tar.xz /\nADD https://example.com/a.txt /a\n"},
      {"PC-DF-020", kHead + "COPY a b /dest\n", 2, kHead + "COPY a b /dest/\nCOPY a /dest\n"},
      {"PC-DF-021", kHead + "COPY --from=biuld /out /out\n", 2,
       "FROM debian:12 AS build\nFROM scratch\nCOPY --from=build /o /o\n"
       "COPY --from=nginx:1.25 /etc/nginx /etc/nginx\nCOPY --from=0 /x /x\n"},
      {"PC-DF-022", "FROM debian:12 AS build\nCOPY --from=build /a /b\n", 2,
       "FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /a /b\n"},
      {"PC-DF-023", "FROM debian:12 AS a\nFROM debian:12 AS A\n", 2,
       "FROM debian:12 AS a\nFROM debian:12 AS b\n"},
      {"PC-DF-024", kHead + "CMD nginx -g 'daemon off;'\n", 2,
       kHead + "CMD [\"nginx\", \"-g\", \"daemon off;\"]\n"},
      {"PC-DF-025", "FROM quay.io/org/app:1.0\n", 1,
       "FROM ghcr.io/acme/base:1.0\nFROM nginx:1.25\nFROM ghcr.io/acme\n"},
      {"PC-DF-026", kHead + "RUN apt install -y curl=1\n", 2,
       kHead + "RUN apt-get install -y x=1\n"},
      {"PC-DF-027", kHead + "RUN gem install rails\n", 2,
       kHead + "RUN gem install rails:7.1.3 && gem install bundler -v 2.5.6\n"},
      {"PC-DF-028", "FROM --platform=linux/amd64 debian:12\n", 1,
       "FROM --platform=$BUILDPLATFORM debian:12\n"},
      {"PC-DF-029", kHead + "RUN yum install httpd-2.4 && yum clean all\n", 2,
       kHead + "RUN yum install -y httpd-2.4 && yum clean all\n"},
      {"PC-DF-030", kHead + "RUN yum install -y httpd-2.4\n", 2,
       kHead + "RUN yum install -y httpd-2.4 && yum clean all\n"},
      {"PC-DF-031", kHead + "RUN yum install -y httpd && yum clean all\n", 2,
       kHead + "RUN yum install -y httpd-2.4.57 && yum clean all\n"},
      {"PC-DF-032", kHead + "RUN zypper install curl=8 && zypper clean\n", 2,
       kHead + "RUN zypper -n install curl=8 && zypper install -y x=1 && zypper clean\n"},
      {"PC-DF-033", kHead + "RUN zypper dup -y\n", 2, kHead + "RUN zypper refresh\n"},
      {"PC-DF-034", kHead + "RUN zypper install -y curl=8\n", 2,
       kHead + "RUN zypper install -y curl=8 && zypper cc\n"},
      {"PC-DF-035", kHead + "RUN zypper install -y curl && zypper clean\n", 2,
       kHead + "RUN zypper install -y 'curl>=8' && zypper clean\n"},
      {"PC-DF-036", kHead + "RUN dnf install httpd-2.4 && dnf clean all\n", 2,
       kHead + "RUN dnf install -y httpd-2.4 && dnf clean all\n"},
      {"PC-DF-037", kHead + "RUN microdnf install -y httpd-2.4\n", 2,
       kHead + "RUN microdnf install -y httpd-2.4 && microdnf clean all\n"},
      {"PC-DF-038", kHead + "RUN dnf install -y httpd && dnf clean all\n", 2,
       kHead + "RUN dnf install -y httpd-2.4.57 && dnf clean all\n"},
      {"PC-DF-039", kHead + "RUN pip install flask==3.0.2\n", 2,
       kHead + "ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.2\n"
               "RUN pip install --no-cache-dir x==1\n"},
      {"PC-DF-040", kHead + "ONBUILD ONBUILD RUN x\n", 2, kHead + "ONBUILD RUN x\n"},
      {"PC-DF-041", kHead + "ENV A=1 B=$A\n", 2, kHead + "ENV A=1\nENV A=2 B=$A\n"},
      {"PC-DF-042", kHead + "COPY app.py .\n", 2, kHead + "WORKDIR /app\nCOPY app.py .\n"},
      {"PC-DF-043", kHead + "RUN useradd -u 123456789 app\n", 2,
       kHead + "RUN useradd -l -u 123456789 app && useradd -u 10001 b\n"},
      {"PC-DF-044", kHead + "RUN wget https://example.com/x\n", 2,
       kHead + "RUN wget -q https://example.com/x && wget --progress=dot:giga y\n"},
      {"PC-DF-045", kHead + "LABEL Maintainer=me\n", 2,
       kHead + "LABEL org.opencontainers.image.authors=me maintainer=me\n"},
      {"PC-DF-046", kHead + kTail, 1, kHead + "HEALTHCHECK CMD [\"/healthz\"]\n"},
      {"PC-DF-047", kHead + "RUN a\nRUN b\n", 3, kHead + "RUN a\nWORKDIR /x\nRUN b\n"},
      {"PC-DF-048", kHead + "RUN yarn install\n", 2,
       kHead + "RUN yarn install && yarn cache clean\n"},
      {"PC-DF-049", "RUN echo\nFROM debian:12\n", 1, "ARG V=1\nFROM debian:12\n"},
      {"PC-DF-050", kHead + "RUN go install golang.org/x/tools/gopls@latest\n", 2,
       kHead + "RUN go install golang.org/x/tools/gopls@v0.15.0 && go build ./...\n"},
      {"PC-DF-051", "FROM debian:12 AS scratch\n", 1, "FROM debian:12 AS scratchpad\n"},
      {"PC-DF-052", kHead + "ENV DB_PASSWORD=hunter2\n", 2,
       kHead +
           "ENV DB_PASSWORD_FILE=/run/secrets/db GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n"
           "ENV PASSWORD=$FROM_BUILD\n"},
      {"PC-DF-053", kHead + "ARG NPM_TOKEN\n", 2,
       "FROM debian:12 AS build\nARG NPM_TOKEN\nFROM debian:12@sha256:1\nARG VERSION\n"},
      {"PC-DF-054", "FROM --platform=$TARGETPLATFORM debian:12\n", 1,
       "FROM --platform=$BUILDPLATFORM debian:12\n"},
      {"PC-DF-055", kHead + "USER app\n", 2, kHead + "USER 10001:10001\n"},
      {"PC-DF-056", "FROM debian:12 AS b\nFROM scratch\nCOPY --from=b / /\n", 3,
       "FROM debian:12 AS b\nFROM scratch\nCOPY --from=b /app /app\n"},
      {"PC-DF-057", kHead + "MAINTAINER me@example.com\n", 2,
       kHead + "LABEL org.opencontainers.image.authors=me\n"},
      {"PC-DF-058", kHead + "RUN wget -q x\nRUN curl -fsSL y\n", 3,
       kHead + "RUN curl -fsSL x\nFROM debian:12\nRUN wget -q y\n"},
      {"PC-DF-059", kHead + "CMD [\"a\"]\nCMD [\"b\"]\n", 2, kHead + "CMD [\"a\"]\n"},
      {"PC-DF-060", kHead + "ENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", 2,
       kHead + "ENTRYPOINT [\"a\"]\nFROM x:1\nENTRYPOINT [\"b\"]\n"},
      {"PC-DF-061", kHead + "RUN ln -sf /bin/bash /bin/sh\n", 2,
       kHead + "RUN ln -sf /usr/bin/python3 /usr/bin/python\n"},
      {"PC-DF-062", kHead + "RUN curl -fsSL x | tar -xz\n", 2,
       kHead + "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL x | tar -xz\n"
               "RUN set -eux -o pipefail; curl x | tar -xz\nRUN a || b\n"},
      {"PC-DF-063", kHead + "EXPOSE 22/tcp\n", 2, kHead + "EXPOSE 2222 8022\n"},
      {"PC-DF-064", kHead + "RUN apt-get update\nRUN apt-get install -y x=1\n", 2,
       kHead + "RUN apt-get update && apt-get install -y x=1\n"},
      {"PC-DF-065", kHead + "WORKDIR /proc/app\n", 2, kHead + "WORKDIR /procedures\n"},
      {"PC-DF-066", kHead + "RUN docker login -u me -p s3cret registry.example.com\n", 2,
       kHead + "RUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci\n"
               "RUN git clone https://github.com/acme/app.git\n"},
      {"PC-DF-066", kHead + "RUN git clone https://me:ghp_token@github.com/acme/app.git\n", 2,
       kHead + "RUN git clone git@github.com:acme/app.git\n"},
      {"PC-DF-067", "FROM debian:12\n", 1, "FROM debian:12@sha256:abcd\nFROM scratch\n"},
      {"PC-DF-068", kHead + "ADD https://example.com/tool.tgz /opt/\n", 2,
       kHead +
           "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
           "https://example.com/tool.tgz /opt/\nADD https://github.com/acme/app.git#v1.2.3 /src\n"},
      {"PC-DF-069", kHead + "RUN curl -fsSL https://get.example.com | bash -s --\n", 2,
       kHead + "RUN curl -fsSLo install.sh https://get.example.com && sha256sum -c sums && sh "
               "install.sh\n"},
      {"PC-DF-069", kHead + "RUN sh -c \"$(wget -qO- https://get.example.com)\"\n", 2,
       kHead + "RUN sh -c \"echo $(date)\"\n"},
      {"PC-DF-070", kHead + "RUN apt-get update && apt-get dist-upgrade -y\n", 2,
       kHead + "RUN yum update -y openssl\n"},
      {"PC-DF-071",
       kHead + "RUN apt-get install -y --no-install-recommends vim=2 netcat-openbsd=1\n", 2,
       kHead + "RUN apk add --no-cache --virtual .fetch curl=1 && curl -o x y && apk del .fetch\n"},
      {"PC-DF-072", kHead + "RUN apt-get install -y openssh-server=1\n", 2,
       kHead + "RUN apt-get install -y openssh-client=1 && apt-get purge -y openssh-client\n"},
      {"PC-DF-072", kHead + "CMD [\"/usr/sbin/sshd\", \"-D\"]\n", 2, kHead + "CMD [\"nginx\"]\n"},
      {"PC-DF-073", kHead + "RUN chmod -R 777 /app\n", 2,
       kHead + "RUN chmod 1777 /tmp/shared && chmod 755 /app && chmod o-w /x\n"},
      {"PC-DF-073", kHead + "COPY --chmod=666 a /a\n", 2, kHead + "COPY --chmod=644 a /a\n"},
      {"PC-DF-074", kHead + "RUN chmod u+s /usr/bin/tool\n", 2,
       kHead + "RUN chmod g+s /srv/shared\n"},
      {"PC-DF-074", kHead + "RUN chmod 4755 /usr/bin/tool\n", 2,
       kHead + "RUN chmod 0755 /usr/bin/tool\n"},
      {"PC-DF-075", "FROM golang:1.22\nRUN go build -o /app .\n", 2,
       "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app "
       "/app\n"},
      {"PC-DF-076", kHead + "RUN --security=insecure make\n", 2,
       kHead + "RUN --security=sandbox make\n"},
      {"PC-DF-077", kHead + "RUN --network=host make\n", 2, kHead + "RUN --network=none make\n"},
      {"PC-DF-078", kHead + "RUN curl -fsSLk https://example.com/x\n", 2,
       kHead + "RUN curl -fsSL https://example.com/x && curl -K cfg\n"},
      {"PC-DF-078", kHead + "ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n", 2,
       kHead + "ENV NODE_TLS_REJECT_UNAUTHORIZED=1\n"},
      {"PC-DF-078", kHead + "RUN GIT_SSL_NO_VERIFY=true git clone https://x/y.git\n", 2,
       kHead + "RUN GIT_SSL_NO_VERIFY=false git clone https://x/y.git\n"},
      {"PC-DF-079", kHead + "RUN apk add --no-cache --allow-untrusted x=1\n", 2,
       kHead + "RUN apk add --no-cache x=1\n"},
      {"PC-DF-079", kHead + "RUN dnf install -y --nogpgcheck x-1 && dnf clean all\n", 2,
       kHead + "RUN dnf install -y x-1 && dnf clean all\n"},
      {"PC-DF-080", kHead + "RUN echo 'root:toor' | chpasswd\n", 2, kHead + "RUN passwd -l root\n"},
      {"PC-DF-081", kHead + "COPY id_rsa /root/.ssh/id_rsa\n", 2,
       kHead + "COPY id_rsa.pub /root/.ssh/authorized_keys\n"},
      {"PC-DF-081",
       kHead + "ENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json\nCOPY sa.json /secrets/\n", 3,
       kHead +
           "ENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/sa.json\nCOPY app.json /secrets/\n"},
      {"PC-DF-082", "FROM debian:${TAG}\n", 1,
       "ARG TAG=12\nARG IMAGE\nFROM debian:${TAG}\nFROM --platform=$BUILDPLATFORM $IMAGE\n"},
      {"PC-DF-083", kHead + "ENV LANG C.UTF-8\n", 2, kHead + "ENV LANG=C.UTF-8 A=\"b c\"\n"},
      {"PC-DF-084", kHead + kTail, 1, kHead + kLabels},
      {"PC-DF-085", kHead + "LABEL foo=bar\n", 2, kHead + "LABEL maintainer=a@b.io\n"},
      {"PC-DF-086", kHead + "LABEL maintainer=\"\"\n", 2, kHead + "LABEL maintainer=a@b.io\n"},
      {"PC-DF-087", kHead + "LABEL org.opencontainers.image.source=github.com/acme\n", 2,
       kHead + "LABEL org.opencontainers.image.source=https://github.com/acme/app\n"},
      {"PC-DF-088", kHead + "LABEL org.opencontainers.image.created=\"2024-03-01 12:00\"\n", 2,
       kHead + "LABEL org.opencontainers.image.created=2024-03-01T12:00:00.5+01:00\n"},
      {"PC-DF-089", kHead + "LABEL org.opencontainers.image.licenses=\"MIT OR\"\n", 2,
       kHead +
           "LABEL org.opencontainers.image.licenses=\"(MIT OR Apache-2.0) AND BSD-3-Clause\"\n"},
      {"PC-DF-090", kHead + "LABEL org.opencontainers.image.revision=main\n", 2,
       kHead + "LABEL org.opencontainers.image.revision=a1b2c3d4e5f6\n"},
      {"PC-DF-091", kHead + "LABEL org.opencontainers.image.version=v1.2\n", 2,
       kHead + "LABEL org.opencontainers.image.version=1.2.3-rc.1+build.5\n"},
      {"PC-DF-093",
       kHead + "RUN curl -H \"Authorization: token ghp_4Fq9ZcX2LmN7pR1sT8vW3yB6dK0hJ5gA2eUo\" x\n",
       2, kHead + "RUN curl -H \"Authorization: token $GITHUB_TOKEN\" x\n"},
      {"PC-DF-092", kHead + "LABEL maintainer=\"Jane Doe\"\n", 2,
       kHead + "LABEL maintainer=jane@example.com\n"},
  };
}

std::string CaseName(const testing::TestParamInfo<RuleCase>& info) {
  std::string name = info.param.id + "_" + std::to_string(info.index);
  std::ranges::replace(name, '-', '_');
  return name;
}

class DockerfileRuleTest : public testing::TestWithParam<RuleCase> {};

TEST_P(DockerfileRuleTest, FiresAtTheLine) {
  const RuleCase& c = GetParam();
  auto found = Lint(c.fires);
  auto it = std::ranges::find_if(found, [&](const Misconfiguration& m) { return m.id == c.id; });
  ASSERT_NE(it, found.end()) << c.id << " did not fire on:\n" << c.fires;
  EXPECT_EQ(it->line, c.line);
  EXPECT_GE(it->end_line, it->line);
  EXPECT_EQ(it->kind, "dockerfile");
  EXPECT_EQ(it->path, "Dockerfile");
  EXPECT_FALSE(it->message.empty());
  EXPECT_FALSE(it->remediation.empty());
}

TEST_P(DockerfileRuleTest, NearMissIsQuiet) {
  const RuleCase& c = GetParam();
  for (const auto& m : Lint(c.near_miss)) {
    EXPECT_NE(m.id, c.id) << "fired on the near miss (line " << m.line << ": " << m.message
                          << "):\n"
                          << c.near_miss;
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, DockerfileRuleTest, testing::ValuesIn(Cases()), CaseName);

TEST(DockerfileRuleTableTest, EveryRuleHasAFixtureAndIdsAreOrdered) {
  std::set<std::string> tested;
  for (const auto& c : Cases()) tested.insert(c.id);
  std::string previous;
  for (const auto& r : DockerfileRules()) {
    std::string id(r.info.id);
    EXPECT_TRUE(tested.contains(id)) << id << " has no fixture";
    EXPECT_LT(previous, id);
    previous = id;
    EXPECT_FALSE(r.info.title.empty());
    EXPECT_FALSE(r.info.description.empty());
    EXPECT_FALSE(r.info.remediation.empty());
  }
}

TEST(DockerfileRuleTableTest, AllHadolintAndTrivyRulesAreCovered) {
  std::set<std::string> aliases;
  for (const auto& r : DockerfileRules()) {
    for (auto a : r.info.aliases) aliases.emplace(a);
  }
  for (const char* dl :
       {"DL3000", "DL3001", "DL3002", "DL3003", "DL3004", "DL3006", "DL3007", "DL3008", "DL3009",
        "DL3010", "DL3011", "DL3012", "DL3013", "DL3014", "DL3015", "DL3016", "DL3018", "DL3019",
        "DL3020", "DL3021", "DL3022", "DL3023", "DL3024", "DL3025", "DL3026", "DL3027", "DL3028",
        "DL3029", "DL3030", "DL3032", "DL3033", "DL3034", "DL3035", "DL3036", "DL3037", "DL3038",
        "DL3040", "DL3041", "DL3042", "DL3043", "DL3044", "DL3045", "DL3046", "DL3047", "DL3048",
        "DL3057", "DL3059", "DL3060", "DL3061", "DL3062", "DL3063", "DL3064", "DL3065", "DL3066",
        "DL3067", "DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006", "DS001",  "DS002",
        "DS004",  "DS005",  "DS006",  "DS007",  "DS008",  "DS009",  "DS010",  "DS011",  "DS012",
        "DS013",  "DS014",  "DS015",  "DS016",  "DS017",  "DS019",  "DS020",  "DS021",  "DS022",
        "DS023",  "DS024",  "DS025",  "DS026",  "DS027",  "DS029",  "DS030",  "DS031"}) {
    EXPECT_TRUE(aliases.contains(dl)) << dl;
  }
}

TEST(DockerfileSecretTest, ValueRuleReplacesNameRuleOnTheSameLine) {
  auto found = Lint(kHead + "ENV GH_TOKEN=ghp_4Fq9ZcX2LmN7pR1sT8vW3yB6dK0hJ5gA2eUo\n" +
                    "ENV DB_PASSWORD=hunter2-but-longer\n");
  std::vector<std::pair<std::string, uint64_t>> ids;
  for (const auto& m : found) {
    if (m.id == "PC-DF-052" || m.id == "PC-DF-093") ids.emplace_back(m.id, m.line);
  }
  EXPECT_EQ(ids,
            (std::vector<std::pair<std::string, uint64_t>>{{"PC-DF-052", 3}, {"PC-DF-093", 2}}));
  auto it = std::ranges::find_if(found, [](const auto& m) { return m.id == "PC-DF-093"; });
  ASSERT_NE(it, found.end());
  EXPECT_NE(std::ranges::find(it->aliases, "github-pat"), it->aliases.end());
  EXPECT_EQ(it->message.find("4Fq9ZcX2"), std::string::npos);  // redacted
}

TEST(LabelValueTest, Types) {
  EXPECT_TRUE(IsUrlValue("https://example.com/x"));
  EXPECT_FALSE(IsUrlValue("example.com"));
  EXPECT_FALSE(IsUrlValue("https:///x"));
  EXPECT_TRUE(IsRfc3339Value("2024-03-01T12:00:00Z"));
  EXPECT_TRUE(IsRfc3339Value("2024-03-01t12:00:00.123-05:30"));
  EXPECT_FALSE(IsRfc3339Value("2024-03-01"));
  EXPECT_FALSE(IsRfc3339Value("2024-03-01T12:00:00+0100"));
  EXPECT_TRUE(IsSpdxValue("GPL-2.0-only WITH Classpath-exception-2.0"));
  EXPECT_TRUE(IsSpdxValue("LicenseRef-acme"));
  EXPECT_FALSE(IsSpdxValue("MIT AND"));
  EXPECT_FALSE(IsSpdxValue("(MIT"));
  EXPECT_FALSE(IsSpdxValue("MIT/X11 license"));
  EXPECT_TRUE(IsGitHashValue("0123abc"));
  EXPECT_FALSE(IsGitHashValue("0123ab"));
  EXPECT_FALSE(IsGitHashValue("0123abz"));
  EXPECT_TRUE(IsSemverValue("0.0.1"));
  EXPECT_TRUE(IsSemverValue("1.0.0-alpha.1+001"));
  EXPECT_FALSE(IsSemverValue("01.0.0"));
  EXPECT_FALSE(IsSemverValue("1.0.0-01"));
  EXPECT_FALSE(IsSemverValue("1.0"));
  EXPECT_TRUE(IsEmailValue("a.b@example.co.uk"));
  EXPECT_FALSE(IsEmailValue("a@b"));
  EXPECT_FALSE(IsEmailValue("Jane <jane@example.com>"));
}

}  // namespace
}  // namespace portcullis::dockerfile
