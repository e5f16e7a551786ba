// The corpus: a dozen Helm-rendered workloads (Deployments, StatefulSet, DaemonSets, CronJob,
// Job; `---` separators and `# Source:` comments; RBAC and NetworkPolicies) and a compose file
// with several services, a merge-key anchor and a .env file. Every finding is listed: a new
// false positive or a lost true positive fails the test. Each entry was checked by hand.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "portcullis/scan.h"

namespace portcullis::runtime {
namespace {

const std::string kCorpus = std::string(PORTCULLIS_SOURCE_DIR) + "/tests/data/config/corpus";

TEST(RuntimeCorpus, ExactFindings) {
  ConfigScanOptions options;
  options.paths = {kCorpus};
  options.parallel = 2;
  options.policy.discover = false;
  auto scanned = ScanConfig(options);
  ASSERT_TRUE(scanned.has_value()) << scanned.error().ToString();
  const Report* report = &scanned->report;
  EXPECT_TRUE(report->diagnostics.empty());
  std::vector<std::string> got;
  for (const auto& m : report->misconfigurations) {
    std::string file = m.target.substr(kCorpus.size() + 1);
    got.push_back(fmt::format("{}:{} {} {}", file, m.line, m.id, m.resource));
  }
  const std::vector<std::string> expected = {
      "ci-rendered.yaml:3 PC-RT-029 Namespace/ci",
      "ci-rendered.yaml:3 PC-RT-034 Deployment/ci/gitlab-runner",
      "ci-rendered.yaml:3 PC-RT-037 Deployment/ci/gitlab-runner",
      "ci-rendered.yaml:18 PC-RT-033 Deployment/ci/gitlab-runner container runner",
      "ci-rendered.yaml:19 PC-RT-007 Deployment/ci/gitlab-runner container runner",
      "ci-rendered.yaml:19 PC-RT-009 Deployment/ci/gitlab-runner container runner",
      "ci-rendered.yaml:20 PC-RT-001 Deployment/ci/gitlab-runner container runner",
      "ci-rendered.yaml:33 PC-RT-021 Deployment/ci/gitlab-runner",
      "ci-rendered.yaml:44 PC-RT-054 ClusterRoleBinding/gitlab-runner-admin",
      "ci-rendered.yaml:78 PC-RT-029 Namespace/logging",
      "ci-rendered.yaml:114 PC-RT-023 DaemonSet/logging/fluent-bit",
      "ci-rendered.yaml:116 PC-RT-022 DaemonSet/logging/fluent-bit",
      "ci-rendered.yaml:119 PC-RT-029 Namespace/cache",
      "ci-rendered.yaml:138 PC-RT-010 Deployment/cache/redis container redis",
      "ci-rendered.yaml:138 PC-RT-011 Deployment/cache/redis container redis",
      "ci-rendered.yaml:150 PC-RT-034 DaemonSet/ingress-nginx/ingress-nginx-controller",
      "ci-rendered.yaml:169 PC-RT-026 DaemonSet/ingress-nginx/ingress-nginx-controller container controller",
      "ci-rendered.yaml:169 PC-RT-027 DaemonSet/ingress-nginx/ingress-nginx-controller container controller",
      "ci-rendered.yaml:170 PC-RT-026 DaemonSet/ingress-nginx/ingress-nginx-controller container controller",
      "ci-rendered.yaml:170 PC-RT-027 DaemonSet/ingress-nginx/ingress-nginx-controller container controller",
      "compose/docker-compose.yml:14 PC-RT-033 compose service web",
      "compose/docker-compose.yml:16 PC-RT-026 compose service web",
      "compose/docker-compose.yml:16 PC-RT-027 compose service web",
      "compose/docker-compose.yml:31 PC-RT-030 compose service app",
      "compose/docker-compose.yml:37 PC-RT-002 compose service db",
      "compose/docker-compose.yml:37 PC-RT-005 compose service db",
      "compose/docker-compose.yml:37 PC-RT-009 compose service db",
      "compose/docker-compose.yml:38 PC-RT-033 compose service db",
      "compose/docker-compose.yml:41 PC-RT-030 compose service db",
      "compose/docker-compose.yml:47 PC-RT-035 compose service db",
      "compose/docker-compose.yml:50 PC-RT-002 compose service watchtower",
      "compose/docker-compose.yml:50 PC-RT-005 compose service watchtower",
      "compose/docker-compose.yml:50 PC-RT-007 compose service watchtower",
      "compose/docker-compose.yml:50 PC-RT-009 compose service watchtower",
      "compose/docker-compose.yml:50 PC-RT-010 compose service watchtower",
      "compose/docker-compose.yml:50 PC-RT-011 compose service watchtower",
      "compose/docker-compose.yml:50 PC-RT-012 compose service watchtower",
      "compose/docker-compose.yml:51 PC-RT-032 compose service watchtower",
      "compose/docker-compose.yml:53 PC-RT-021 compose service watchtower",
      "compose/docker-compose.yml:56 PC-RT-007 compose service cadvisor",
      "compose/docker-compose.yml:56 PC-RT-009 compose service cadvisor",
      "compose/docker-compose.yml:57 PC-RT-033 compose service cadvisor",
      "compose/docker-compose.yml:58 PC-RT-001 compose service cadvisor",
      "compose/docker-compose.yml:60 PC-RT-026 compose service cadvisor",
      "compose/docker-compose.yml:62 PC-RT-022 compose service cadvisor",
      "compose/docker-compose.yml:63 PC-RT-022 compose service cadvisor",
      "compose/docker-compose.yml:64 PC-RT-022 compose service cadvisor",
      "compose/docker-compose.yml:66 PC-RT-025 compose service cadvisor",
      "compose/docker-compose.yml:70 PC-RT-028 compose service cadvisor",
      "monitoring-rendered.yaml:3 PC-RT-037 DaemonSet/monitoring/node-exporter",
      "monitoring-rendered.yaml:15 PC-RT-017 DaemonSet/monitoring/node-exporter",
      "monitoring-rendered.yaml:16 PC-RT-018 DaemonSet/monitoring/node-exporter",
      "monitoring-rendered.yaml:25 PC-RT-033 DaemonSet/monitoring/node-exporter container node-exporter",
      "monitoring-rendered.yaml:29 PC-RT-026 DaemonSet/monitoring/node-exporter container node-exporter",
      "monitoring-rendered.yaml:47 PC-RT-022 DaemonSet/monitoring/node-exporter",
      "monitoring-rendered.yaml:49 PC-RT-022 DaemonSet/monitoring/node-exporter",
      "monitoring-rendered.yaml:51 PC-RT-022 DaemonSet/monitoring/node-exporter",
      "monitoring-rendered.yaml:54 PC-RT-034 Deployment/monitoring/prometheus",
      "monitoring-rendered.yaml:107 PC-RT-036 Deployment/monitoring/grafana container grafana",
      "monitoring-rendered.yaml:108 PC-RT-032 Deployment/monitoring/grafana container grafana",
      "monitoring-rendered.yaml:113 PC-RT-030 Deployment/monitoring/grafana container grafana",
      "shop-rendered.yaml:115 PC-RT-030 Deployment/shop/shop-api container api",
      "shop-rendered.yaml:116 PC-RT-031 Deployment/shop/shop-api container api",
      "shop-rendered.yaml:121 PC-RT-009 Deployment/shop/shop-api container api",
      "shop-rendered.yaml:164 PC-RT-006 StatefulSet/shop/shop-postgres init container fix-permissions",
      "shop-rendered.yaml:169 PC-RT-004 StatefulSet/shop/shop-postgres init container fix-permissions",
      "shop-rendered.yaml:169 PC-RT-004 StatefulSet/shop/shop-postgres init container fix-permissions",
      "shop-rendered.yaml:176 PC-RT-031 StatefulSet/shop/shop-postgres container postgres",
      "shop-rendered.yaml:211 PC-RT-023 CronJob/shop/shop-backup",
      "shop-rendered.yaml:216 PC-RT-014 CronJob/shop/shop-backup container backup",
      "shop-rendered.yaml:247 PC-RT-051 Role/shop/shop-config-reader",
  };
  EXPECT_EQ(got, expected);
}

TEST(RuntimeCorpus, EveryFindingNamesItsPlace) {
  ConfigScanOptions options;
  options.paths = {kCorpus};
  options.policy.discover = false;
  auto scanned = ScanConfig(options);
  ASSERT_TRUE(scanned.has_value());
  const Report* report = &scanned->report;
  for (const auto& m : report->misconfigurations) {
    EXPECT_EQ(m.kind, "runtime");
    EXPECT_EQ(m.path, m.target);
    EXPECT_GT(m.line, 0u) << m.id << " " << m.resource;
    EXPECT_GT(m.column, 0u) << m.id << " " << m.resource;
    EXPECT_FALSE(m.message.empty());
    EXPECT_FALSE(m.remediation.empty());
  }
}

}  // namespace
}  // namespace portcullis::runtime
