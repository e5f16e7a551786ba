// The Kubernetes reader: workload kinds and their pod templates, List kinds, container roles,
// pod-level inheritance, JSON manifests, RBAC and NetworkPolicy objects.
#include "config/kubernetes/kubernetes.h"

#include <gtest/gtest.h>

namespace portcullis::runtime {
namespace {

RuntimeModel Read(std::string_view text, std::vector<Diagnostic>* diags = nullptr) {
  YamlStream s = ParseYamlStream(text, "k.yaml");
  RuntimeModel m;
  std::vector<Diagnostic> d = s.diagnostics;
  ReadKubernetes(s, "k.yaml", m, d);
  if (diags) *diags = d;
  return m;
}

TEST(KubernetesReader, EveryWorkloadKindReachesItsPodTemplate) {
  struct Case {
    const char* kind;
    const char* prefix;  // path to the pod spec
    int indent;
  };
  const Case cases[] = {
      {"Pod", "spec:\n", 2},
      {"Deployment", "spec:\n  template:\n    spec:\n", 6},
      {"StatefulSet", "spec:\n  template:\n    spec:\n", 6},
      {"DaemonSet", "spec:\n  template:\n    spec:\n", 6},
      {"ReplicaSet", "spec:\n  template:\n    spec:\n", 6},
      {"ReplicationController", "spec:\n  template:\n    spec:\n", 6},
      {"Job", "spec:\n  template:\n    spec:\n", 6},
      {"DeploymentConfig", "spec:\n  template:\n    spec:\n", 6},
      {"CronJob", "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n", 10},
      {"PodTemplate", "template:\n  spec:\n", 4},
  };
  for (const Case& c : cases) {
    std::string pad(c.indent, ' ');
    std::string text = std::string("apiVersion: v1\nkind: ") + c.kind +
                       "\nmetadata:\n  name: w\n  namespace: prod\n" + c.prefix + pad +
                       "hostPID: true\n" + pad + "containers:\n" + pad + "  - name: app\n" + pad +
                       "    image: app:1\n";
    RuntimeModel m = Read(text);
    ASSERT_EQ(m.workloads.size(), 1u) << c.kind;
    const Workload& w = m.workloads[0];
    EXPECT_EQ(w.resource, std::string(c.kind) + "/prod/w");
    EXPECT_TRUE(w.host_pid.Is(true)) << c.kind;
    ASSERT_EQ(w.containers.size(), 1u);
    EXPECT_EQ(w.containers[0].image.value, "app:1");
    EXPECT_EQ(w.long_running, std::string(c.kind) != "Job" && std::string(c.kind) != "CronJob");
  }
}

TEST(KubernetesReader, ListsInitAndEphemeralContainersAndInheritance) {
  RuntimeModel m = Read(R"({"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
   "spec": {"securityContext": {"runAsNonRoot": true, "runAsUser": 1000,
                                "seccompProfile": {"type": "RuntimeDefault"}},
            "initContainers": [{"name": "init", "image": "busybox:1"}],
            "containers": [{"name": "main", "image": "app:2",
                            "securityContext": {"runAsUser": 0}}],
            "ephemeralContainers": [{"name": "debug", "image": "busybox:1"}]}}]}
)");
  ASSERT_EQ(m.workloads.size(), 1u);
  const Workload& w = m.workloads[0];
  EXPECT_EQ(w.namespace_name, "default");
  EXPECT_FALSE(w.namespace_written);
  ASSERT_EQ(w.containers.size(), 3u);
  EXPECT_EQ(w.containers[0].role, ContainerRole::kInit);
  EXPECT_EQ(w.containers[1].role, ContainerRole::kMain);
  EXPECT_EQ(w.containers[2].role, ContainerRole::kEphemeral);
  EXPECT_TRUE(w.containers[0].run_as_user.Is(1000));   // inherited
  EXPECT_EQ(w.containers[0].run_as_user.pos.line, 3u);  // at the pod-level value
  EXPECT_TRUE(w.containers[1].run_as_user.Is(0));      // overridden
  EXPECT_TRUE(w.containers[2].seccomp.Is("RuntimeDefault"));
  EXPECT_TRUE(w.containers[1].run_as_non_root.Is(true));
}

TEST(KubernetesReader, HostPathMountsAreReadOnlyOnlyIfEveryUseIs) {
  RuntimeModel m = Read(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
    - name: a
      hostPath: {path: /etc}
    - name: b
      hostPath: {path: /var/log, type: Directory}
  containers:
    - name: x
      image: x:1
      volumeMounts:
        - {name: a, mountPath: /a, readOnly: true}
        - {name: b, mountPath: /b, readOnly: true}
    - name: y
      image: y:1
      volumeMounts:
        - {name: a, mountPath: /a2}
)");
  ASSERT_EQ(m.workloads.size(), 1u);
  const auto& mounts = m.workloads[0].mounts;
  ASSERT_EQ(mounts.size(), 2u);
  EXPECT_EQ(mounts[0].source, "/etc");
  EXPECT_FALSE(mounts[0].read_only);
  EXPECT_EQ(mounts[0].pos.line, 7u);
  EXPECT_TRUE(mounts[1].read_only);
  EXPECT_EQ(mounts[1].host_path_type, "Directory");
}

TEST(KubernetesReader, RbacAndNetworkPolicies) {
  RuntimeModel m = Read(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: all}
roleRef: {kind: ClusterRole, name: reader, apiGroup: rbac.authorization.k8s.io}
subjects:
  - {kind: Group, name: "system:authenticated"}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}}
)");
  ASSERT_EQ(m.roles.size(), 1u);
  EXPECT_EQ(m.roles[0].resource, "ClusterRole/reader");
  ASSERT_EQ(m.roles[0].rules.size(), 1u);
  EXPECT_EQ(m.roles[0].rules[0].verbs, (std::vector<std::string>{"get", "list"}));
  ASSERT_EQ(m.bindings.size(), 1u);
  EXPECT_EQ(m.bindings[0].role_name, "reader");
  ASSERT_EQ(m.bindings[0].subjects.size(), 1u);
  EXPECT_EQ(m.bindings[0].subjects[0].name, "system:authenticated");
  ASSERT_EQ(m.network_policies.size(), 1u);
  EXPECT_EQ(m.network_policies[0].namespace_name, "shop");
}

TEST(KubernetesReader, WorkloadWithoutPodSpecIsADiagnostic) {
  std::vector<Diagnostic> d;
  RuntimeModel m = Read("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n",
                        &d);
  EXPECT_TRUE(m.workloads.empty());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "kubernetes.no_pod_spec");
  EXPECT_EQ(d[0].line, 1u);
}

TEST(KubernetesReader, NonKubernetesDocumentsAreIgnored) {
  YamlStream s = ParseYamlStream("services:\n  web: {image: x}\n", "c.yaml");
  EXPECT_FALSE(IsKubernetesStream(s));
  RuntimeModel m = Read("just: data\n---\n- a\n");
  EXPECT_TRUE(m.workloads.empty());
  EXPECT_FALSE(m.has_kubernetes);
}

}  // namespace
}  // namespace portcullis::runtime
