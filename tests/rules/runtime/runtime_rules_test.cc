// Every runtime rule against every input kind it applies to: a fixture that fires it (at the
// line holding `at`) and a near miss that must not. The same rule over four syntaxes.
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analyzer/secret/secret_fixtures.h"
#include "config/runtime/fixtures.h"
#include "rules/runtime/runtime_rules.h"

namespace portcullis::runtime {
namespace {

using testing::Compose;
using testing::FindingsOf;
using testing::Inspect;
using testing::K8s;
using testing::Run;

constexpr ConfigKind kK = ConfigKind::kKubernetes;
constexpr ConfigKind kC = ConfigKind::kCompose;
constexpr ConfigKind kR = ConfigKind::kScript;
constexpr ConfigKind kI = ConfigKind::kDockerInspect;

struct Row {
  std::string id;
  ConfigKind kind;
  std::string text;
  std::string at;  // the finding is on the first line containing this; "" = must not fire
};

const std::string kNetPol =
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n"
    "spec:\n  podSelector: {}\n";

std::string Role(std::string_view kind, std::string_view rule) {
  return fmt::format("apiVersion: rbac.authorization.k8s.io/v1\nkind: {}\nmetadata:\n  name: r\n"
                     "  namespace: app\nrules:\n{}",
                     kind, testing::Indent(rule, 2));
}

std::string Binding(std::string_view kind, std::string_view role_kind, std::string_view role,
                    std::string_view subject) {
  return fmt::format("apiVersion: rbac.authorization.k8s.io/v1\nkind: {}\nmetadata:\n  name: b\n"
                     "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: {}\n  name: {}\n"
                     "subjects:\n{}",
                     kind, role_kind, role, testing::Indent(subject, 2));
}

std::string HostPathPod(std::string_view path, std::string_view mount_extra = "") {
  return K8s{.container = fmt::format("volumeMounts:\n  - name: h\n    mountPath: /h\n{}",
                                      testing::Indent(mount_extra, 4)),
             .pod = fmt::format("volumes:\n  - name: h\n    hostPath:\n      path: {}", path)}
      .Text();
}

std::vector<Row> Rows() {
  // A GitHub token, generated so that no literal in the source looks like a leaked credential.
  const std::string token = ::portcullis::testing::ExpandTemplate("ghp_%{m:36}", 41);
  const std::string fake = "ghp_" + std::string(36, 'x');
  return {
      // PC-RT-001 privileged
      {"PC-RT-001", kK, K8s{.container = "securityContext:\n  privileged: true"}.Text(), "privileged"},
      {"PC-RT-001", kK, K8s{.container = "securityContext:\n  privileged: false"}.Text(), ""},
      {"PC-RT-001", kC, Compose{.service = "privileged: true"}.Text(), "privileged"},
      {"PC-RT-001", kC, Compose{.service = "privileged: false"}.Text(), ""},
      {"PC-RT-001", kR, Run{.flags = "--privileged"}.Text(), "docker"},
      {"PC-RT-001", kR, Run{.flags = "--privileged=false"}.Text(), ""},
      {"PC-RT-001", kI, Inspect{.host = "\"Privileged\": true,"}.Text(), "Privileged"},
      {"PC-RT-001", kI, Inspect{.host = "\"Privileged\": false,"}.Text(), ""},
      // PC-RT-002 privilege escalation
      {"PC-RT-002", kK, K8s{.container = "securityContext:\n  allowPrivilegeEscalation: true"}.Text(), "allowPrivilegeEscalation"},
      {"PC-RT-002", kK, K8s{}.Text(), "- name: c"},
      {"PC-RT-002", kK, K8s{.container = "securityContext:\n  allowPrivilegeEscalation: false"}.Text(), ""},
      {"PC-RT-002", kC, Compose{.service = "read_only: true"}.Text(), "web:"},
      {"PC-RT-002", kC, Compose{.service = "security_opt:\n  - no-new-privileges:true"}.Text(), ""},
      {"PC-RT-002", kR, Run{.flags = "--read-only"}.Text(), "docker"},
      {"PC-RT-002", kR, Run{.flags = "--security-opt no-new-privileges"}.Text(), ""},
      {"PC-RT-002", kI, Inspect{.host = "\"SecurityOpt\": null,"}.Text(), "SecurityOpt"},
      {"PC-RT-002", kI, Inspect{.host = "\"SecurityOpt\": [\"no-new-privileges:true\"],"}.Text(), ""},
      // PC-RT-003 dangerous capabilities
      {"PC-RT-003", kK, K8s{.container = "securityContext:\n  capabilities:\n    add: [SYS_ADMIN]"}.Text(), "add:"},
      {"PC-RT-003", kK, K8s{.container = "securityContext:\n  capabilities:\n    add: [NET_BIND_SERVICE]"}.Text(), ""},
      {"PC-RT-003", kC, Compose{.service = "cap_add:\n  - NET_ADMIN"}.Text(), "- NET_ADMIN"},
      {"PC-RT-003", kC, Compose{.service = "cap_add:\n  - CHOWN"}.Text(), ""},
      {"PC-RT-003", kR, Run{.flags = "--cap-add=SYS_PTRACE"}.Text(), "docker"},
      {"PC-RT-003", kR, Run{.flags = "--cap-add NET_BIND_SERVICE"}.Text(), ""},
      {"PC-RT-003", kI, Inspect{.host = "\"CapAdd\": [\"CAP_SYS_MODULE\"],"}.Text(), "CapAdd"},
      {"PC-RT-003", kI, Inspect{.host = "\"CapAdd\": null,"}.Text(), ""},
      // PC-RT-004 other capabilities
      {"PC-RT-004", kK, K8s{.container = "securityContext:\n  capabilities:\n    add: [CHOWN]"}.Text(), "add:"},
      {"PC-RT-004", kK, K8s{.container = "securityContext:\n  capabilities:\n    add: [NET_BIND_SERVICE]"}.Text(), ""},
      {"PC-RT-004", kC, Compose{.service = "cap_add: [SETUID]"}.Text(), "cap_add"},
      {"PC-RT-004", kC, Compose{.service = "cap_add: [NET_BIND_SERVICE]"}.Text(), ""},
      {"PC-RT-004", kR, Run{.flags = "--cap-add chown"}.Text(), "docker"},
      {"PC-RT-004", kR, Run{.flags = "--cap-add SYS_ADMIN"}.Text(), ""},
      {"PC-RT-004", kI, Inspect{.host = "\"CapAdd\": [\"FOWNER\"],"}.Text(), "CapAdd"},
      {"PC-RT-004", kI, Inspect{.host = "\"CapAdd\": [\"NET_BIND_SERVICE\"],"}.Text(), ""},
      // PC-RT-005 capabilities not dropped
      {"PC-RT-005", kK, K8s{.container = "securityContext:\n  capabilities:\n    drop: [NET_RAW]"}.Text(), "capabilities:"},
      {"PC-RT-005", kK, K8s{.container = "securityContext:\n  capabilities:\n    drop: [ALL]"}.Text(), ""},
      {"PC-RT-005", kC, Compose{.service = "cap_drop: [NET_RAW]"}.Text(), "cap_drop"},
      {"PC-RT-005", kC, Compose{.service = "cap_drop: [ALL]"}.Text(), ""},
      {"PC-RT-005", kR, Run{.flags = "--cap-drop NET_RAW"}.Text(), "docker"},
      {"PC-RT-005", kR, Run{.flags = "--cap-drop=ALL"}.Text(), ""},
      {"PC-RT-005", kI, Inspect{.host = "\"CapDrop\": null,"}.Text(), "CapDrop"},
      {"PC-RT-005", kI, Inspect{.host = "\"CapDrop\": [\"ALL\"],"}.Text(), ""},
      // PC-RT-006 runs as root
      {"PC-RT-006", kK, K8s{.container = "securityContext:\n  runAsUser: 0"}.Text(), "runAsUser"},
      {"PC-RT-006", kK, K8s{.pod = "securityContext:\n  runAsUser: 0"}.Text(), "runAsUser"},
      {"PC-RT-006", kK, K8s{.container = "securityContext:\n  runAsUser: 1000"}.Text(), ""},
      {"PC-RT-006", kC, Compose{.service = "user: root"}.Text(), "user:"},
      {"PC-RT-006", kC, Compose{.service = "user: \"1000:1000\""}.Text(), ""},
      {"PC-RT-006", kR, Run{.flags = "-u 0:0"}.Text(), "docker"},
      {"PC-RT-006", kR, Run{.flags = "--user=1000"}.Text(), ""},
      {"PC-RT-006", kI, Inspect{.config = "\"User\": \"\","}.Text(), "\"User\""},
      {"PC-RT-006", kI, Inspect{.config = "\"User\": \"root\","}.Text(), "\"User\""},
      {"PC-RT-006", kI, Inspect{.config = "\"User\": \"1000\","}.Text(), ""},
      // PC-RT-007 non-root not enforced
      {"PC-RT-007", kK, K8s{}.Text(), "- name: c"},
      {"PC-RT-007", kK, K8s{.container = "securityContext:\n  runAsNonRoot: true"}.Text(), ""},
      {"PC-RT-007", kK, K8s{.pod = "securityContext:\n  runAsNonRoot: true"}.Text(), ""},
      {"PC-RT-007", kK, K8s{.container = "securityContext:\n  runAsUser: 1000"}.Text(), ""},
      {"PC-RT-007", kC, Compose{.service = "read_only: true"}.Text(), "web:"},
      {"PC-RT-007", kC, Compose{.service = "user: app"}.Text(), ""},
      {"PC-RT-007", kR, Run{.flags = "--rm"}.Text(), "docker"},
      {"PC-RT-007", kR, Run{.flags = "-u app"}.Text(), ""},
      {"PC-RT-007", kI, Inspect{.config = "\"User\": \"\","}.Text(), ""},
      // PC-RT-008 root group
      {"PC-RT-008", kK, K8s{.container = "securityContext:\n  runAsGroup: 0"}.Text(), "runAsGroup"},
      {"PC-RT-008", kK, K8s{.pod = "securityContext:\n  fsGroup: 0"}.Text(), "fsGroup"},
      {"PC-RT-008", kK, K8s{.container = "securityContext:\n  runAsGroup: 1000"}.Text(), ""},
      {"PC-RT-008", kC, Compose{.service = "user: \"1000:0\""}.Text(), "user:"},
      {"PC-RT-008", kC, Compose{.service = "user: \"1000:1000\""}.Text(), ""},
      {"PC-RT-008", kR, Run{.flags = "--group-add 0"}.Text(), "docker"},
      {"PC-RT-008", kR, Run{.flags = "--group-add 1000"}.Text(), ""},
      {"PC-RT-008", kI, Inspect{.config = "\"User\": \"1000:root\","}.Text(), "\"User\""},
      {"PC-RT-008", kI, Inspect{.config = "\"User\": \"1000:1000\","}.Text(), ""},
      // PC-RT-009 root filesystem not read-only
      {"PC-RT-009", kK, K8s{}.Text(), "- name: c"},
      {"PC-RT-009", kK, K8s{.container = "securityContext:\n  readOnlyRootFilesystem: false"}.Text(), "readOnlyRootFilesystem"},
      {"PC-RT-009", kK, K8s{.container = "securityContext:\n  readOnlyRootFilesystem: true"}.Text(), ""},
      {"PC-RT-009", kC, Compose{.service = "privileged: false"}.Text(), "web:"},
      {"PC-RT-009", kC, Compose{.service = "read_only: true"}.Text(), ""},
      {"PC-RT-009", kR, Run{.flags = "--rm"}.Text(), "docker"},
      {"PC-RT-009", kR, Run{.flags = "--read-only"}.Text(), ""},
      {"PC-RT-009", kI, Inspect{.host = "\"ReadonlyRootfs\": false,"}.Text(), "ReadonlyRootfs"},
      {"PC-RT-009", kI, Inspect{.host = "\"ReadonlyRootfs\": true,"}.Text(), ""},
      // PC-RT-010 memory limit
      {"PC-RT-010", kK, K8s{.container = "resources:\n  limits:\n    cpu: 500m"}.Text(), "resources:"},
      {"PC-RT-010", kK, K8s{.container = "resources:\n  limits:\n    memory: 128Mi"}.Text(), ""},
      {"PC-RT-010", kC, Compose{.service = "cpus: 0.5"}.Text(), "web:"},
      {"PC-RT-010", kC, Compose{.service = "mem_limit: 256m"}.Text(), ""},
      {"PC-RT-010", kC, Compose{.service = "deploy:\n  resources:\n    limits:\n      memory: 256M"}.Text(), ""},
      {"PC-RT-010", kR, Run{.flags = "--cpus 1"}.Text(), "docker"},
      {"PC-RT-010", kR, Run{.flags = "-m 512m"}.Text(), ""},
      {"PC-RT-010", kI, Inspect{.host = "\"Memory\": 0,"}.Text(), "\"Memory\""},
      {"PC-RT-010", kI, Inspect{.host = "\"Memory\": 536870912,"}.Text(), ""},
      // PC-RT-011 CPU limit
      {"PC-RT-011", kK, K8s{.container = "resources:\n  limits:\n    memory: 1Gi"}.Text(), "resources:"},
      {"PC-RT-011", kK, K8s{.container = "resources:\n  limits:\n    cpu: 500m"}.Text(), ""},
      {"PC-RT-011", kC, Compose{.service = "mem_limit: 1g"}.Text(), "web:"},
      {"PC-RT-011", kC, Compose{.service = "cpus: \"0.5\""}.Text(), ""},
      {"PC-RT-011", kC, Compose{.service = "cpu_shares: 512"}.Text(), ""},
      {"PC-RT-011", kR, Run{.flags = "-m 1g"}.Text(), "docker"},
      {"PC-RT-011", kR, Run{.flags = "--cpus=2"}.Text(), ""},
      {"PC-RT-011", kR, Run{.flags = "-c 512"}.Text(), ""},
      {"PC-RT-011", kI, Inspect{.host = "\"NanoCpus\": 0,"}.Text(), "NanoCpus"},
      {"PC-RT-011", kI, Inspect{.host = "\"NanoCpus\": 1000000000,"}.Text(), ""},
      // PC-RT-012 PIDs limit (not Kubernetes)
      {"PC-RT-012", kK, K8s{}.Text(), ""},
      {"PC-RT-012", kC, Compose{.service = "mem_limit: 1g"}.Text(), "web:"},
      {"PC-RT-012", kC, Compose{.service = "pids_limit: -1"}.Text(), "pids_limit"},
      {"PC-RT-012", kC, Compose{.service = "pids_limit: 100"}.Text(), ""},
      {"PC-RT-012", kR, Run{.flags = "--rm"}.Text(), "docker"},
      {"PC-RT-012", kR, Run{.flags = "--pids-limit 200"}.Text(), ""},
      {"PC-RT-012", kI, Inspect{.host = "\"PidsLimit\": null,"}.Text(), "PidsLimit"},
      {"PC-RT-012", kI, Inspect{.host = "\"PidsLimit\": 100,"}.Text(), ""},
      // PC-RT-013 seccomp unconfined
      {"PC-RT-013", kK, K8s{.container = "securityContext:\n  seccompProfile:\n    type: Unconfined"}.Text(), "type: Unconfined"},
      {"PC-RT-013", kK, K8s{.annotations = "seccomp.security.alpha.kubernetes.io/pod: unconfined"}.Text(), "seccomp.security"},
      {"PC-RT-013", kK, K8s{.container = "securityContext:\n  seccompProfile:\n    type: RuntimeDefault"}.Text(), ""},
      {"PC-RT-013", kC, Compose{.service = "security_opt:\n  - seccomp:unconfined"}.Text(), "seccomp:unconfined"},
      {"PC-RT-013", kC, Compose{.service = "security_opt:\n  - seccomp=/etc/profile.json"}.Text(), ""},
      {"PC-RT-013", kR, Run{.flags = "--security-opt seccomp=unconfined"}.Text(), "docker"},
      {"PC-RT-013", kR, Run{.flags = "--security-opt apparmor=docker-default"}.Text(), ""},
      {"PC-RT-013", kI, Inspect{.host = "\"SecurityOpt\": [\"seccomp=unconfined\"],"}.Text(), "seccomp="},
      {"PC-RT-013", kI, Inspect{.host = "\"SecurityOpt\": [\"label=type:container_t\"],"}.Text(), ""},
      // PC-RT-014 seccomp not set (Kubernetes only)
      {"PC-RT-014", kK, K8s{}.Text(), "- name: c"},
      {"PC-RT-014", kK, K8s{.pod = "securityContext:\n  seccompProfile:\n    type: RuntimeDefault"}.Text(), ""},
      {"PC-RT-014", kK, K8s{.annotations = "seccomp.security.alpha.kubernetes.io/pod: runtime/default", .kind = "Deployment"}.Text(), ""},
      {"PC-RT-014", kC, Compose{}.Text(), ""},
      // PC-RT-015 AppArmor
      {"PC-RT-015", kK, K8s{.annotations = "container.apparmor.security.beta.kubernetes.io/c: unconfined"}.Text(), "apparmor"},
      {"PC-RT-015", kK, K8s{.container = "securityContext:\n  appArmorProfile:\n    type: Unconfined"}.Text(), "type: Unconfined"},
      {"PC-RT-015", kK, K8s{.annotations = "container.apparmor.security.beta.kubernetes.io/c: runtime/default"}.Text(), ""},
      {"PC-RT-015", kC, Compose{.service = "security_opt: [\"apparmor:unconfined\"]"}.Text(), "security_opt"},
      {"PC-RT-015", kC, Compose{.service = "security_opt: [\"apparmor:docker-default\"]"}.Text(), ""},
      {"PC-RT-015", kR, Run{.flags = "--security-opt apparmor=unconfined"}.Text(), "docker"},
      {"PC-RT-015", kR, Run{.flags = "--security-opt=apparmor=my-profile"}.Text(), ""},
      {"PC-RT-015", kI, Inspect{.top = "\"AppArmorProfile\": \"unconfined\","}.Text(), "AppArmorProfile"},
      {"PC-RT-015", kI, Inspect{.top = "\"AppArmorProfile\": \"docker-default\","}.Text(), ""},
      // PC-RT-016 SELinux
      {"PC-RT-016", kK, K8s{.container = "securityContext:\n  seLinuxOptions:\n    type: spc_t"}.Text(), "seLinuxOptions"},
      {"PC-RT-016", kK, K8s{.container = "securityContext:\n  seLinuxOptions:\n    type: container_t\n    level: s0:c1,c2"}.Text(), ""},
      {"PC-RT-016", kC, Compose{.service = "security_opt: [\"label:disable\"]"}.Text(), "security_opt"},
      {"PC-RT-016", kC, Compose{.service = "security_opt: [\"label=level:s0:c100,c200\"]"}.Text(), ""},
      {"PC-RT-016", kR, Run{.flags = "--security-opt label=disable"}.Text(), "docker"},
      {"PC-RT-016", kR, Run{.flags = "--security-opt label=level:s0:c1,c2"}.Text(), ""},
      {"PC-RT-016", kI, Inspect{.host = "\"SecurityOpt\": [\"label=disable\"],"}.Text(), "label=disable"},
      {"PC-RT-016", kI, Inspect{.host = "\"SecurityOpt\": [\"label=level:s0\"],"}.Text(), ""},
      // PC-RT-017 host network
      {"PC-RT-017", kK, K8s{.pod = "hostNetwork: true"}.Text(), "hostNetwork"},
      {"PC-RT-017", kK, K8s{.pod = "hostNetwork: false"}.Text(), ""},
      {"PC-RT-017", kC, Compose{.service = "network_mode: host"}.Text(), "network_mode"},
      {"PC-RT-017", kC, Compose{.service = "network_mode: bridge"}.Text(), ""},
      {"PC-RT-017", kR, Run{.flags = "--net=host"}.Text(), "docker"},
      {"PC-RT-017", kR, Run{.flags = "--network appnet"}.Text(), ""},
      {"PC-RT-017", kI, Inspect{.host = "\"NetworkMode\": \"host\","}.Text(), "NetworkMode"},
      {"PC-RT-017", kI, Inspect{.host = "\"NetworkMode\": \"appnet\","}.Text(), ""},
      // PC-RT-018 host PID
      {"PC-RT-018", kK, K8s{.pod = "hostPID: true"}.Text(), "hostPID"},
      {"PC-RT-018", kK, K8s{.pod = "hostPID: false"}.Text(), ""},
      {"PC-RT-018", kC, Compose{.service = "pid: host"}.Text(), "pid:"},
      {"PC-RT-018", kC, Compose{.service = "pid: \"service:db\""}.Text(), ""},
      {"PC-RT-018", kR, Run{.flags = "--pid=host"}.Text(), "docker"},
      {"PC-RT-018", kR, Run{.flags = "--pid container:db"}.Text(), ""},
      {"PC-RT-018", kI, Inspect{.host = "\"PidMode\": \"host\","}.Text(), "PidMode"},
      {"PC-RT-018", kI, Inspect{.host = "\"PidMode\": \"\","}.Text(), ""},
      // PC-RT-019 host IPC
      {"PC-RT-019", kK, K8s{.pod = "hostIPC: true"}.Text(), "hostIPC"},
      {"PC-RT-019", kK, K8s{.pod = "hostIPC: false"}.Text(), ""},
      {"PC-RT-019", kC, Compose{.service = "ipc: host"}.Text(), "ipc:"},
      {"PC-RT-019", kC, Compose{.service = "ipc: shareable"}.Text(), ""},
      {"PC-RT-019", kR, Run{.flags = "--ipc host"}.Text(), "docker"},
      {"PC-RT-019", kR, Run{.flags = "--ipc private"}.Text(), ""},
      {"PC-RT-019", kI, Inspect{.host = "\"IpcMode\": \"host\","}.Text(), "IpcMode"},
      {"PC-RT-019", kI, Inspect{.host = "\"IpcMode\": \"private\","}.Text(), ""},
      // PC-RT-020 host UTS (not Kubernetes)
      {"PC-RT-020", kK, K8s{.pod = "hostNetwork: true"}.Text(), ""},
      {"PC-RT-020", kC, Compose{.service = "uts: host"}.Text(), "uts:"},
      {"PC-RT-020", kC, Compose{.service = "hostname: web"}.Text(), ""},
      {"PC-RT-020", kR, Run{.flags = "--uts=host"}.Text(), "docker"},
      {"PC-RT-020", kR, Run{.flags = "--hostname host"}.Text(), ""},
      {"PC-RT-020", kI, Inspect{.host = "\"UTSMode\": \"host\","}.Text(), "UTSMode"},
      {"PC-RT-020", kI, Inspect{.host = "\"UTSMode\": \"\","}.Text(), ""},
      // PC-RT-021 runtime socket
      {"PC-RT-021", kK, HostPathPod("/var/run/docker.sock"), "path: /var/run/docker.sock"},
      {"PC-RT-021", kK, HostPathPod("/run/containerd/containerd.sock"), "path: /run"},
      {"PC-RT-021", kK, HostPathPod("/var/lib/app-data"), ""},
      {"PC-RT-021", kC, Compose{.service = "volumes:\n  - /var/run/docker.sock:/var/run/docker.sock"}.Text(), "docker.sock"},
      {"PC-RT-021", kC, Compose{.service = "volumes:\n  - type: bind\n    source: /run/podman/podman.sock\n    target: /run/podman.sock"}.Text(), "source:"},
      {"PC-RT-021", kC, Compose{.service = "volumes:\n  - ./docker.sock.d:/data"}.Text(), ""},
      {"PC-RT-021", kR, Run{.flags = "-v /var/run:/host/run"}.Text(), "docker"},
      {"PC-RT-021", kR, Run{.flags = "-v /srv/app:/data"}.Text(), ""},
      {"PC-RT-021", kI, Inspect{.top = "\"Mounts\": [{\"Type\": \"bind\", \"Source\": \"/var/run/docker.sock\", \"Destination\": \"/var/run/docker.sock\", \"RW\": true}],"}.Text(), "docker.sock"},
      {"PC-RT-021", kI, Inspect{.top = "\"Mounts\": [{\"Type\": \"bind\", \"Source\": \"/srv/data\", \"Destination\": \"/data\", \"RW\": true}],"}.Text(), ""},
      // PC-RT-022 sensitive host path
      {"PC-RT-022", kK, HostPathPod("/etc"), "path: /etc"},
      {"PC-RT-022", kK, HostPathPod("/"), "path: /"},
      {"PC-RT-022", kK, HostPathPod("/sys/fs/cgroup", "readOnly: true"), ""},
      {"PC-RT-022", kK, HostPathPod("/data/app"), ""},
      {"PC-RT-022", kC, Compose{.service = "volumes:\n  - /etc:/host/etc:ro"}.Text(), "/etc:"},
      {"PC-RT-022", kC, Compose{.service = "volumes:\n  - /etc/localtime:/etc/localtime:ro"}.Text(), ""},
      {"PC-RT-022", kR, Run{.flags = "--volume=/proc:/host/proc:ro"}.Text(), "docker"},
      {"PC-RT-022", kR, Run{.flags = "-v /sys/fs/cgroup:/sys/fs/cgroup:ro"}.Text(), ""},
      {"PC-RT-022", kI, Inspect{.host = "\"Binds\": [\"/root/.ssh:/ssh\"],"}.Text(), "/root"},
      {"PC-RT-022", kI, Inspect{.host = "\"Binds\": [\"/srv/www:/www:ro\"],"}.Text(), ""},
      // PC-RT-023 hostPath (Kubernetes only)
      {"PC-RT-023", kK, HostPathPod("/data/app"), "path: /data/app"},
      {"PC-RT-023", kK, K8s{.pod = "volumes:\n  - name: s\n    emptyDir: {}"}.Text(), ""},
      {"PC-RT-023", kC, Compose{.service = "volumes:\n  - ./data:/data"}.Text(), ""},
      // PC-RT-024 mount propagation
      {"PC-RT-024", kK, K8s{.container = "volumeMounts:\n  - name: s\n    mountPath: /m\n    mountPropagation: Bidirectional", .pod = "volumes:\n  - name: s\n    emptyDir: {}"}.Text(), "mountPropagation"},
      {"PC-RT-024", kK, K8s{.container = "volumeMounts:\n  - name: s\n    mountPath: /m\n    mountPropagation: HostToContainer", .pod = "volumes:\n  - name: s\n    emptyDir: {}"}.Text(), ""},
      {"PC-RT-024", kC, Compose{.service = "volumes:\n  - type: bind\n    source: /srv\n    target: /srv\n    bind:\n      propagation: rshared"}.Text(), "source:"},
      {"PC-RT-024", kC, Compose{.service = "volumes:\n  - type: bind\n    source: /srv\n    target: /srv\n    bind:\n      propagation: rprivate"}.Text(), ""},
      {"PC-RT-024", kR, Run{.flags = "-v /srv:/srv:shared"}.Text(), "docker"},
      {"PC-RT-024", kR, Run{.flags = "-v /srv:/srv:ro,z"}.Text(), ""},
      {"PC-RT-024", kI, Inspect{.top = "\"Mounts\": [{\"Type\": \"bind\", \"Source\": \"/srv\", \"Destination\": \"/srv\", \"RW\": true, \"Propagation\": \"rshared\"}],"}.Text(), "Propagation"},
      {"PC-RT-024", kI, Inspect{.top = "\"Mounts\": [{\"Type\": \"bind\", \"Source\": \"/srv\", \"Destination\": \"/srv\", \"RW\": true, \"Propagation\": \"rprivate\"}],"}.Text(), ""},
      // PC-RT-025 devices
      {"PC-RT-025", kK, HostPathPod("/dev/kvm"), "path: /dev/kvm"},
      {"PC-RT-025", kK, HostPathPod("/dev"), ""},
      {"PC-RT-025", kC, Compose{.service = "devices:\n  - /dev/fuse:/dev/fuse"}.Text(), "/dev/fuse"},
      {"PC-RT-025", kC, Compose{.service = "tmpfs: /tmp"}.Text(), ""},
      {"PC-RT-025", kR, Run{.flags = "--device=/dev/snd"}.Text(), "docker"},
      {"PC-RT-025", kR, Run{.flags = "--device-read-bps /dev/sda:1mb"}.Text(), ""},
      {"PC-RT-025", kI, Inspect{.host = "\"Devices\": [{\"PathOnHost\": \"/dev/fuse\", \"PathInContainer\": \"/dev/fuse\", \"CgroupPermissions\": \"rwm\"}],"}.Text(), "PathOnHost"},
      {"PC-RT-025", kI, Inspect{.host = "\"Devices\": [],"}.Text(), ""},
      // PC-RT-026 ports on every interface
      {"PC-RT-026", kK, K8s{.container = "ports:\n  - containerPort: 80\n    hostPort: 8080"}.Text(), "hostPort"},
      {"PC-RT-026", kK, K8s{.container = "ports:\n  - containerPort: 80"}.Text(), ""},
      {"PC-RT-026", kK, K8s{.container = "ports:\n  - containerPort: 80\n    hostPort: 8080\n    hostIP: 127.0.0.1"}.Text(), ""},
      {"PC-RT-026", kC, Compose{.service = "ports:\n  - \"8080:80\""}.Text(), "8080:80"},
      {"PC-RT-026", kC, Compose{.service = "ports:\n  - target: 80\n    published: 8080"}.Text(), "published"},
      {"PC-RT-026", kC, Compose{.service = "ports:\n  - \"127.0.0.1:8080:80\""}.Text(), ""},
      {"PC-RT-026", kC, Compose{.service = "ports:\n  - target: 80\n    published: 8080\n    host_ip: 127.0.0.1"}.Text(), ""},
      {"PC-RT-026", kR, Run{.flags = "-p 8080:80"}.Text(), "docker"},
      {"PC-RT-026", kR, Run{.flags = "-dp 80:80"}.Text(), "docker"},
      {"PC-RT-026", kR, Run{.flags = "-P"}.Text(), "docker"},
      {"PC-RT-026", kR, Run{.flags = "-p 127.0.0.1:8080:80"}.Text(), ""},
      {"PC-RT-026", kI, Inspect{.host = "\"PortBindings\": {\"80/tcp\": [{\"HostIp\": \"\", \"HostPort\": \"8080\"}]},"}.Text(), "HostIp"},
      {"PC-RT-026", kI, Inspect{.host = "\"PortBindings\": {\"80/tcp\": [{\"HostIp\": \"127.0.0.1\", \"HostPort\": \"8080\"}]},"}.Text(), ""},
      // PC-RT-027 privileged host port
      {"PC-RT-027", kK, K8s{.container = "ports:\n  - containerPort: 80\n    hostPort: 80"}.Text(), "hostPort"},
      {"PC-RT-027", kK, K8s{.container = "ports:\n  - containerPort: 80\n    hostPort: 8080"}.Text(), ""},
      {"PC-RT-027", kC, Compose{.service = "ports: [\"80:80\"]"}.Text(), "ports"},
      {"PC-RT-027", kC, Compose{.service = "ports: [\"8080:80\"]"}.Text(), ""},
      {"PC-RT-027", kR, Run{.flags = "-p 127.0.0.1:443:443"}.Text(), "docker"},
      {"PC-RT-027", kR, Run{.flags = "-p 127.0.0.1:8443:443"}.Text(), ""},
      {"PC-RT-027", kI, Inspect{.host = "\"PortBindings\": {\"80/tcp\": [{\"HostIp\": \"127.0.0.1\", \"HostPort\": \"80\"}]},"}.Text(), "HostIp"},
      {"PC-RT-027", kI, Inspect{.host = "\"PortBindings\": {\"80/tcp\": [{\"HostIp\": \"127.0.0.1\", \"HostPort\": \"8080\"}]},"}.Text(), ""},
      // PC-RT-028 default bridge (not Kubernetes)
      {"PC-RT-028", kK, K8s{}.Text(), ""},
      {"PC-RT-028", kC, Compose{.service = "network_mode: bridge"}.Text(), "network_mode"},
      {"PC-RT-028", kC, Compose{}.Text(), ""},
      {"PC-RT-028", kC, Compose{.service = "networks: [backend]"}.Text(), ""},
      {"PC-RT-028", kR, Run{.flags = "--rm"}.Text(), "docker"},
      {"PC-RT-028", kR, Run{.flags = "--network=bridge"}.Text(), "docker"},
      {"PC-RT-028", kR, Run{.flags = "--network appnet"}.Text(), ""},
      {"PC-RT-028", kR, Run{.flags = "--rm", .program = "podman run"}.Text(), ""},
      {"PC-RT-028", kI, Inspect{.host = "\"NetworkMode\": \"default\","}.Text(), "NetworkMode"},
      {"PC-RT-028", kI, Inspect{.host = "\"NetworkMode\": \"appnet\","}.Text(), ""},
      // PC-RT-029 NetworkPolicy (Kubernetes only)
      {"PC-RT-029", kK, K8s{}.Text(), "apiVersion"},
      {"PC-RT-029", kK, K8s{.extra = kNetPol}.Text(), ""},
      {"PC-RT-029", kK, K8s{.extra = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: other\n"}.Text(), "apiVersion: v1"},
      {"PC-RT-029", kC, Compose{}.Text(), ""},
      // PC-RT-030 secret literal in env
      {"PC-RT-030", kK, K8s{.container = "env:\n  - name: API_TOKEN\n    value: abcd1234efgh"}.Text(), "value: abcd"},
      {"PC-RT-030", kK, K8s{.container = "env:\n  - name: TOKEN_TTL\n    value: \"3600\""}.Text(), ""},
      {"PC-RT-030", kK, K8s{.container = "env:\n  - name: DB_PASSWORD_FILE\n    value: /run/secrets/db"}.Text(), ""},
      {"PC-RT-030", kK, K8s{.container = "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: pw}"}.Text(), ""},
      {"PC-RT-030", kC, Compose{.service = "environment:\n  POSTGRES_PASSWORD: s3cretpass"}.Text(), "s3cretpass"},
      {"PC-RT-030", kC, Compose{.service = "environment:\n  - MYSQL_ROOT_PASSWORD=rootpass1"}.Text(), "MYSQL"},
      {"PC-RT-030", kC, Compose{.service = "environment:\n  DB_PASS: ${DB_PASS:-devpass123}"}.Text(), "DB_PASS"},
      {"PC-RT-030", kC, Compose{.service = "environment:\n  DB_PASS: ${DB_PASS}"}.Text(), ""},
      {"PC-RT-030", kC, Compose{.service = "environment:\n  - SECRET_KEY"}.Text(), ""},
      {"PC-RT-030", kR, Run{.flags = "-e AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENG"}.Text(), "docker"},
      {"PC-RT-030", kR, Run{.flags = "-e GITHUB_TOKEN"}.Text(), ""},
      {"PC-RT-030", kR, Run{.flags = "-e \"GITHUB_TOKEN=$GITHUB_TOKEN\""}.Text(), ""},
      {"PC-RT-030", kI, Inspect{.config = "\"Env\": [\"REDIS_PASSWORD=p4ssw0rd!\"],"}.Text(), "REDIS"},
      {"PC-RT-030", kI, Inspect{.config = "\"Env\": [\"PATH=/usr/bin\", \"PASSWORD_MIN_LENGTH=8\"],"}.Text(), ""},
      // PC-RT-031 Secret passed as env (Kubernetes only)
      {"PC-RT-031", kK, K8s{.container = "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: pw}"}.Text(), "- name: DB"},
      {"PC-RT-031", kK, K8s{.container = "envFrom:\n  - secretRef:\n      name: db"}.Text(), "secretRef"},
      {"PC-RT-031", kK, K8s{.container = "envFrom:\n  - configMapRef:\n      name: cfg"}.Text(), ""},
      {"PC-RT-031", kC, Compose{.service = "secrets: [db]"}.Text(), ""},
      // PC-RT-032 image tag latest or missing
      {"PC-RT-032", kK, K8s{.image = "nginx"}.Text(), "image: nginx"},
      {"PC-RT-032", kK, K8s{.image = "nginx:latest"}.Text(), "image: nginx"},
      {"PC-RT-032", kK, K8s{.image = "nginx@sha256:0123456789abcdef"}.Text(), ""},
      {"PC-RT-032", kK, K8s{.image = "registry:5000/app:1.2"}.Text(), ""},
      {"PC-RT-032", kC, Compose{.image = "redis"}.Text(), "image: redis"},
      {"PC-RT-032", kC, Compose{.image = "redis:${TAG}"}.Text(), ""},
      {"PC-RT-032", kR, Run{.image = "alpine"}.Text(), "docker"},
      {"PC-RT-032", kR, Run{.image = "alpine:$TAG"}.Text(), ""},
      {"PC-RT-032", kI, Inspect{.image = "nginx:latest"}.Text(), "\"Image\""},
      {"PC-RT-032", kI, Inspect{.image = "nginx:1.25"}.Text(), ""},
      // PC-RT-033 digest (not docker inspect)
      {"PC-RT-033", kK, K8s{}.Text(), "image:"},
      {"PC-RT-033", kK, K8s{.image = "nginx:1.25@sha256:0123456789abcdef"}.Text(), ""},
      {"PC-RT-033", kK, K8s{.image = "nginx"}.Text(), ""},
      {"PC-RT-033", kC, Compose{}.Text(), "image:"},
      {"PC-RT-033", kC, Compose{.image = "nginx@sha256:0123456789abcdef"}.Text(), ""},
      {"PC-RT-033", kR, Run{}.Text(), "docker"},
      {"PC-RT-033", kR, Run{.image = "nginx:1.25@sha256:0123456789abcdef"}.Text(), ""},
      {"PC-RT-033", kI, Inspect{}.Text(), ""},
      // PC-RT-034 service account token (Kubernetes only)
      {"PC-RT-034", kK, K8s{}.Text(), "apiVersion"},
      {"PC-RT-034", kK, K8s{.pod = "automountServiceAccountToken: true"}.Text(), "automount"},
      {"PC-RT-034", kK, K8s{.pod = "automountServiceAccountToken: false"}.Text(), ""},
      {"PC-RT-034", kC, Compose{}.Text(), ""},
      // PC-RT-035 restart policy (not Kubernetes)
      {"PC-RT-035", kK, K8s{.pod = "restartPolicy: Always"}.Text(), ""},
      {"PC-RT-035", kC, Compose{.service = "restart: always"}.Text(), "restart"},
      {"PC-RT-035", kC, Compose{.service = "restart: on-failure"}.Text(), "restart"},
      {"PC-RT-035", kC, Compose{.service = "deploy:\n  restart_policy:\n    condition: any"}.Text(), "condition"},
      {"PC-RT-035", kC, Compose{.service = "restart: \"on-failure:3\""}.Text(), ""},
      {"PC-RT-035", kC, Compose{.service = "deploy:\n  restart_policy:\n    condition: on-failure\n    max_attempts: 3"}.Text(), ""},
      {"PC-RT-035", kR, Run{.flags = "--restart=unless-stopped"}.Text(), "docker"},
      {"PC-RT-035", kR, Run{.flags = "--restart on-failure:10"}.Text(), "docker"},
      {"PC-RT-035", kR, Run{.flags = "--restart on-failure:5"}.Text(), ""},
      {"PC-RT-035", kI, Inspect{.host = "\"RestartPolicy\": {\"Name\": \"always\", \"MaximumRetryCount\": 0},"}.Text(), "always"},
      {"PC-RT-035", kI, Inspect{.host = "\"RestartPolicy\": {\"Name\": \"no\", \"MaximumRetryCount\": 0},"}.Text(), ""},
      // PC-RT-036 health checks
      {"PC-RT-036", kK, K8s{.kind = "Deployment"}.Text(), "- name: c"},
      {"PC-RT-036", kK, K8s{.container = "readinessProbe:\n  httpGet: {path: /, port: 80}\nlivenessProbe:\n  httpGet: {path: /, port: 80}", .kind = "Deployment"}.Text(), ""},
      {"PC-RT-036", kK, K8s{.kind = "CronJob"}.Text(), ""},
      {"PC-RT-036", kC, Compose{.service = "healthcheck:\n  disable: true"}.Text(), "healthcheck"},
      {"PC-RT-036", kC, Compose{.service = "healthcheck:\n  test: [\"CMD\", \"true\"]"}.Text(), ""},
      {"PC-RT-036", kC, Compose{}.Text(), ""},
      {"PC-RT-036", kR, Run{.flags = "--no-healthcheck"}.Text(), "docker"},
      {"PC-RT-036", kR, Run{.flags = "--health-cmd 'curl -f localhost'"}.Text(), ""},
      {"PC-RT-036", kI, Inspect{}.Text(), "\"Config\""},
      {"PC-RT-036", kI, Inspect{.config = "\"Healthcheck\": {\"Test\": [\"NONE\"]},"}.Text(), "Healthcheck"},
      {"PC-RT-036", kI, Inspect{.config = "\"Healthcheck\": {\"Test\": [\"CMD\", \"true\"]},"}.Text(), ""},
      // PC-RT-037 user namespaces
      {"PC-RT-037", kK, K8s{}.Text(), "apiVersion"},
      {"PC-RT-037", kK, K8s{.pod = "hostUsers: false"}.Text(), ""},
      {"PC-RT-037", kC, Compose{.service = "userns_mode: host"}.Text(), "userns"},
      {"PC-RT-037", kC, Compose{}.Text(), ""},
      {"PC-RT-037", kR, Run{.flags = "--userns=host"}.Text(), "docker"},
      {"PC-RT-037", kR, Run{.flags = "--userns keep-id", .program = "podman run"}.Text(), ""},
      {"PC-RT-037", kI, Inspect{.host = "\"UsernsMode\": \"host\","}.Text(), "UsernsMode"},
      {"PC-RT-037", kI, Inspect{.host = "\"UsernsMode\": \"\","}.Text(), ""},
      // PC-RT-038 sysctls (Kubernetes only)
      {"PC-RT-038", kK, K8s{.pod = "securityContext:\n  sysctls:\n    - name: net.core.somaxconn\n      value: \"1024\""}.Text(), "- name: net.core"},
      {"PC-RT-038", kK, K8s{.pod = "securityContext:\n  sysctls:\n    - name: net.ipv4.tcp_syncookies\n      value: \"1\""}.Text(), ""},
      {"PC-RT-038", kC, Compose{.service = "sysctls:\n  net.core.somaxconn: 1024"}.Text(), ""},
      // PC-RT-039 /proc masks
      {"PC-RT-039", kK, K8s{.container = "securityContext:\n  procMount: Unmasked"}.Text(), "procMount"},
      {"PC-RT-039", kK, K8s{.container = "securityContext:\n  procMount: Default"}.Text(), ""},
      {"PC-RT-039", kC, Compose{.service = "security_opt: [systempaths=unconfined]"}.Text(), "security_opt"},
      {"PC-RT-039", kC, Compose{.service = "security_opt: [no-new-privileges]"}.Text(), ""},
      {"PC-RT-039", kR, Run{.flags = "--security-opt systempaths=unconfined"}.Text(), "docker"},
      {"PC-RT-039", kR, Run{.flags = "--security-opt no-new-privileges"}.Text(), ""},
      {"PC-RT-039", kI, Inspect{.host = "\"SecurityOpt\": [\"systempaths=unconfined\"],"}.Text(), "systempaths"},
      {"PC-RT-039", kI, Inspect{.host = "\"SecurityOpt\": [],"}.Text(), ""},
      // PC-RT-040 Windows host process (Kubernetes only)
      {"PC-RT-040", kK, K8s{.container = "securityContext:\n  windowsOptions:\n    hostProcess: true"}.Text(), "hostProcess"},
      {"PC-RT-040", kK, K8s{.pod = "securityContext:\n  windowsOptions:\n    hostProcess: true"}.Text(), "hostProcess"},
      {"PC-RT-040", kK, K8s{.container = "securityContext:\n  windowsOptions:\n    hostProcess: false"}.Text(), ""},
      // PC-RT-041 secret value recognised by the secret rules
      {"PC-RT-041", kK, K8s{.container = "env:\n  - name: GH\n    value: " + token}.Text(), "value: ghp"},
      {"PC-RT-041", kK, K8s{.container = "env:\n  - name: GH\n    value: " + fake}.Text(), ""},
      {"PC-RT-041", kC, Compose{.service = "environment:\n  CONFIG_VALUE: " + token}.Text(), "CONFIG_VALUE"},
      {"PC-RT-041", kC, Compose{.service = "environment:\n  CONFIG_VALUE: ${GH_TOKEN}"}.Text(), ""},
      {"PC-RT-041", kR, Run{.flags = "-e CFG=" + token}.Text(), "docker"},
      {"PC-RT-041", kR, Run{.flags = "-e CFG=$GH_TOKEN"}.Text(), ""},
      {"PC-RT-041", kI, Inspect{.config = "\"Env\": [\"CFG=" + token + "\"],"}.Text(), "CFG="},
      {"PC-RT-041", kI, Inspect{.config = "\"Env\": [\"CFG=plain-setting-value\"],"}.Text(), ""},
      // A secret-like name whose value the secret rules recognise is reported once, as PC-RT-041.
      {"PC-RT-030", kC, Compose{.service = "environment:\n  GITHUB_TOKEN: " + token}.Text(), ""},
      // PC-RT-050..055 RBAC
      {"PC-RT-050", kK, Role("ClusterRole", "- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]"), "- apiGroups"},
      {"PC-RT-050", kK, Role("Role", "- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [\"*\"]"), "- apiGroups"},
      {"PC-RT-050", kK, Role("Role", "- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get, list]"), ""},
      {"PC-RT-051", kK, Role("Role", "- apiGroups: [\"\"]\n  resources: [secrets]\n  verbs: [get]"), "- apiGroups"},
      {"PC-RT-051", kK, Role("Role", "- apiGroups: [\"\"]\n  resources: [secrets]\n  resourceNames: [tls]\n  verbs: [get]"), ""},
      {"PC-RT-051", kK, Role("Role", "- apiGroups: [\"\"]\n  resources: [configmaps]\n  verbs: [get]"), ""},
      {"PC-RT-052", kK, Role("Role", "- apiGroups: [\"\"]\n  resources: [pods/exec]\n  verbs: [create]"), "- apiGroups"},
      {"PC-RT-052", kK, Role("Role", "- apiGroups: [\"\"]\n  resources: [pods/log]\n  verbs: [get]"), ""},
      {"PC-RT-053", kK, Role("ClusterRole", "- apiGroups: [\"\"]\n  resources: [users, groups]\n  verbs: [impersonate]"), "- apiGroups"},
      {"PC-RT-053", kK, Role("ClusterRole", "- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n  verbs: [bind]"), "- apiGroups"},
      {"PC-RT-053", kK, Role("Role", "- apiGroups: [rbac.authorization.k8s.io]\n  resources: [rolebindings]\n  verbs: [create]"), ""},
      {"PC-RT-054", kK, Binding("ClusterRoleBinding", "ClusterRole", "cluster-admin", "- kind: User\n  name: alice"), "name: cluster-admin"},
      {"PC-RT-054", kK, Binding("RoleBinding", "ClusterRole", "cluster-admin", "- kind: User\n  name: alice"), "name: cluster-admin"},
      {"PC-RT-054", kK, Binding("ClusterRoleBinding", "ClusterRole", "view", "- kind: User\n  name: alice"), ""},
      {"PC-RT-054", kK, Binding("RoleBinding", "ClusterRole", "admin", "- kind: User\n  name: alice"), ""},
      {"PC-RT-055", kK, Binding("ClusterRoleBinding", "ClusterRole", "view", "- kind: Group\n  name: system:unauthenticated"), "- kind: Group"},
      {"PC-RT-055", kK, Binding("RoleBinding", "Role", "r", "- kind: User\n  name: system:anonymous"), "- kind: User"},
      {"PC-RT-055", kK, Binding("ClusterRoleBinding", "ClusterRole", "view", "- kind: Group\n  name: devs"), ""},
  };
}

uint64_t LineOf(std::string_view text, std::string_view needle) {
  size_t at = text.find(needle);
  if (at == std::string_view::npos) return 0;
  return 1 + static_cast<uint64_t>(std::count(text.begin(), text.begin() + at, '\n'));
}

void PrintTo(const Row& row, std::ostream* os) {
  *os << row.id << " " << ConfigKindName(row.kind) << (row.at.empty() ? " quiet" : " fires");
}

class RuntimeRuleRowTest : public ::testing::TestWithParam<Row> {};

TEST_P(RuntimeRuleRowTest, FiresOnlyOnTheExpectedLine) {
  const Row& row = GetParam();
  std::vector<Misconfiguration> findings = FindingsOf(row.text, row.kind);
  std::vector<uint64_t> lines;
  for (const auto& f : findings) {
    if (f.id == row.id) lines.push_back(f.line);
  }
  if (row.at.empty()) {
    EXPECT_THAT(lines, ::testing::IsEmpty()) << row.text;
    return;
  }
  uint64_t expected = LineOf(row.text, row.at);
  ASSERT_NE(expected, 0u) << "fixture lacks '" << row.at << "'";
  EXPECT_THAT(lines, ::testing::Contains(expected)) << row.text;
}

std::string RowName(const ::testing::TestParamInfo<Row>& info) {
  std::string name = info.param.id + "_" + std::string(ConfigKindName(info.param.kind)) +
                     (info.param.at.empty() ? "_quiet_" : "_fires_") +
                     std::to_string(info.index);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllRules, RuntimeRuleRowTest, ::testing::ValuesIn(Rows()), RowName);

InputKind InputOf(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kCompose: return InputKind::kCompose;
    case ConfigKind::kScript: return InputKind::kDockerRun;
    case ConfigKind::kDockerInspect: return InputKind::kDockerInspect;
    default: return InputKind::kKubernetes;
  }
}

// Every rule has, for every input kind it applies to, a row that fires and one that does not;
// and no row shows a rule firing on an input it says it does not apply to.
TEST(RuntimeRuleTable, EveryRuleHasFiringAndQuietFixturesPerInput) {
  std::map<std::string, std::pair<uint8_t, uint8_t>> seen;  // id -> (fires, quiet) input bits
  for (const Row& row : Rows()) {
    auto& s = seen[row.id];
    uint8_t bit = static_cast<uint8_t>(InputOf(row.kind));
    (row.at.empty() ? s.second : s.first) |= bit;
  }
  for (const RuntimeRule& rule : RuntimeRules()) {
    std::string id(rule.info.id);
    ASSERT_TRUE(seen.contains(id)) << id << " has no fixture";
    EXPECT_EQ(seen[id].first, rule.inputs) << id << ": inputs with a firing fixture";
    EXPECT_EQ(seen[id].second & rule.inputs, rule.inputs) << id << ": inputs with a quiet fixture";
  }
}

TEST(RuntimeRuleTable, IdsAreUniqueOrderedAndDocumented) {
  std::set<std::string_view> ids;
  std::string_view previous;
  for (const RuntimeRule& rule : RuntimeRules()) {
    EXPECT_TRUE(ids.insert(rule.info.id).second) << rule.info.id;
    EXPECT_LT(previous, rule.info.id);
    previous = rule.info.id;
    EXPECT_FALSE(rule.info.title.empty());
    EXPECT_FALSE(rule.info.description.empty());
    EXPECT_FALSE(rule.info.remediation.empty());
    EXPECT_NE(rule.inputs, 0);
  }
}

}  // namespace
}  // namespace portcullis::runtime
