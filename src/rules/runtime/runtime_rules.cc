// The runtime rule table (PC-RT-nnn) and its runner. The check functions are in the
// checks_*.cc files of this folder, by family (see checks.h).
#include "rules/runtime/runtime_rules.h"

#include <fmt/format.h>

#include "core/strings.h"
#include "rules/runtime/checks.h"

namespace portcullis {
namespace runtime {
namespace {

// ---- the table ----

const RuntimeRule kRules[] = {
    {{"PC-RT-001",
      {"KSV-0017", "kubesec Privileged", "CIS 5.5", "CKV_K8S_16"},
      Severity::kHigh,
      "Privileged container",
      "A privileged container has every capability, sees every host device and runs without "
      "seccomp or AppArmor: escaping to the host is trivial. Applies to Kubernetes, compose, "
      "docker run and docker inspect.",
      "Remove `privileged: true` / `--privileged`; add only the capabilities and devices the "
      "workload needs.",
      {"https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
       "https://kubernetes.io/docs/concepts/security/pod-security-standards/"}},
     kAll,
     CheckPrivileged},
    {{"PC-RT-002",
      {"KSV-0001", "kubesec AllowPrivilegeEscalation", "CIS 5.26", "CKV_K8S_20"},
      Severity::kMedium,
      "Privilege escalation allowed",
      "Without no_new_privs, a setuid or file-capability binary in the image can give a "
      "process more privileges than the container started with. Applies to all inputs.",
      "Kubernetes: `securityContext.allowPrivilegeEscalation: false`. Docker: "
      "`--security-opt no-new-privileges` / `security_opt: [no-new-privileges:true]`.",
      {"https://docs.docker.com/reference/cli/docker/container/run/#security-opt"}},
     kAll,
     CheckPrivilegeEscalation},
    {{"PC-RT-003",
      {"KSV-0005", "KSV-0119", "KSV-0120", "kubesec CapSysAdmin", "CIS 5.4", "CKV_K8S_39"},
      Severity::kHigh,
      "Dangerous capability added",
      "SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW, DAC_READ_SEARCH, BPF, ALL and "
      "similar capabilities each give a known path to the host or to other containers. "
      "Applies to all inputs.",
      "Remove the capability from `capabilities.add` / `cap_add` / `--cap-add`.",
      {"https://man7.org/linux/man-pages/man7/capabilities.7.html"}},
     kAll,
     CheckDangerousCaps},
    {{"PC-RT-004",
      {"KSV-0022", "KSV-0106", "CIS 5.4"},
      Severity::kLow,
      "Capability added",
      "Capabilities beyond NET_BIND_SERVICE widen what a compromised process can do. "
      "Applies to all inputs.",
      "Add only the capabilities the workload needs, and document why.",
      {}},
     kAll,
     CheckOtherCaps},
    {{"PC-RT-005",
      {"KSV-0003", "KSV-0004", "kubesec CapDropAll", "CKV_K8S_28", "CKV_K8S_37"},
      Severity::kLow,
      "Capabilities not dropped",
      "Containers keep a default set of capabilities (NET_RAW, CHOWN, SETUID, ...) unless "
      "they drop them. Applies to all inputs.",
      "Drop ALL and add back only what is needed: `capabilities.drop: [ALL]`, `cap_drop: "
      "[ALL]`, `--cap-drop ALL`.",
      {}},
     kAll,
     CheckDropAll},
    {{"PC-RT-006",
      {"KSV-0105", "CIS 4.1", "CKV_K8S_40"},
      Severity::kMedium,
      "Container runs as root",
      "The container is explicitly configured to run as uid 0 (runAsUser: 0, user root or 0; "
      "for docker inspect an empty Config.User). Root in a container is root on the host "
      "once anything else goes wrong. Applies to all inputs.",
      "Run as a non-root uid: `runAsUser: 10001`, `user: \"10001:10001\"`, `--user 10001`.",
      {}},
     kAll,
     CheckRunsAsRoot},
    {{"PC-RT-007",
      {"KSV-0012", "kubesec RunAsNonRoot", "CKV_K8S_23"},
      Severity::kMedium,
      "Non-root user not enforced",
      "Nothing in the configuration keeps the container from running as root: Kubernetes has "
      "neither runAsNonRoot: true nor a non-zero runAsUser; compose and docker run set no "
      "user, so the image's USER (root by default) applies.",
      "Kubernetes: `securityContext.runAsNonRoot: true`. Docker: `user:` / `--user` with a "
      "non-root uid.",
      {}},
     kK8s | kCompose | kRun,
     CheckNonRootNotEnforced},
    {{"PC-RT-008",
      {"KSV-0116"},
      Severity::kLow,
      "Root group",
      "A process in group 0 can read and write files that are group-root on shared volumes. "
      "Applies to all inputs.",
      "Use a non-zero runAsGroup/fsGroup/supplementalGroups, or `user: UID:GID` with GID > 0.",
      {}},
     kAll,
     CheckRootGroup},
    {{"PC-RT-009",
      {"KSV-0014", "kubesec ReadOnlyRootFilesystem", "CIS 5.13", "CKV_K8S_22"},
      Severity::kMedium,
      "Root filesystem not read-only",
      "A writable root filesystem lets an attacker drop tools and modify binaries in the "
      "running container. Applies to all inputs.",
      "`readOnlyRootFilesystem: true`, `read_only: true`, `--read-only`, with tmpfs or volumes "
      "for the paths that must be writable.",
      {}},
     kAll,
     CheckReadOnlyRoot},
    {{"PC-RT-010",
      {"KSV-0018", "kubesec LimitsMemory", "CIS 5.11", "CKV_K8S_13"},
      Severity::kMedium,
      "Memory not limited",
      "Without a memory limit one container can take the host's memory and get other "
      "workloads killed. Applies to all inputs.",
      "`resources.limits.memory`, `deploy.resources.limits.memory` or `mem_limit`, "
      "`--memory`.",
      {}},
     kAll,
     CheckMemoryLimit},
    {{"PC-RT-011",
      {"KSV-0011", "kubesec LimitsCPU", "CIS 5.12", "CKV_K8S_11"},
      Severity::kLow,
      "CPU not limited",
      "Without a CPU limit or shares one container can starve the others. Applies to all "
      "inputs.",
      "`resources.limits.cpu`, `deploy.resources.limits.cpus` or `cpus`, `--cpus`.",
      {}},
     kAll,
     CheckCpuLimit},
    {{"PC-RT-012",
      {"CIS 5.29"},
      Severity::kLow,
      "PIDs not limited",
      "Without a PIDs limit a fork bomb in the container exhausts the host's process table. "
      "Applies to compose, docker run and docker inspect (Kubernetes sets it per node).",
      "`pids_limit: 200` / `deploy.resources.limits.pids`, `--pids-limit 200`.",
      {}},
     kDocker,
     CheckPidsLimit},
    {{"PC-RT-013",
      {"KSV-0104", "kubesec SeccompUnconfined", "CIS 5.22"},
      Severity::kMedium,
      "Seccomp disabled",
      "An unconfined container can make every system call, including the ones most kernel "
      "exploits need. Applies to all inputs.",
      "Remove `seccomp=unconfined`; use RuntimeDefault or a Localhost profile.",
      {}},
     kAll,
     CheckSeccompUnconfined},
    {{"PC-RT-014",
      {"KSV-0030", "kubesec SeccompAny", "CKV_K8S_31"},
      Severity::kLow,
      "Seccomp profile not set",
      "Kubernetes runs containers Unconfined unless a seccomp profile is set (or the kubelet "
      "is started with --seccomp-default). Docker applies its default profile, so this "
      "applies to Kubernetes only.",
      "`securityContext.seccompProfile.type: RuntimeDefault` on the pod or container.",
      {}},
     kK8s,
     CheckSeccompMissing},
    {{"PC-RT-015",
      {"KSV-0002", "kubesec ApparmorUnconfined", "CIS 5.2"},
      Severity::kMedium,
      "AppArmor disabled",
      "The AppArmor profile is set to unconfined (Kubernetes: appArmorProfile or the legacy "
      "annotation, both read). Applies to all inputs.",
      "Use RuntimeDefault / docker-default or a custom profile.",
      {}},
     kAll,
     CheckAppArmorUnconfined},
    {{"PC-RT-016",
      {"KSV-0025", "CIS 5.3"},
      Severity::kMedium,
      "SELinux disabled or customised",
      "`label=disable` turns SELinux separation off; custom seLinuxOptions can select a "
      "privileged type such as spc_t. Applies to all inputs.",
      "Remove `label=disable` and custom SELinux user/role/type options.",
      {}},
     kAll,
     CheckSelinux},
    {{"PC-RT-017",
      {"KSV-0009", "kubesec HostNetwork", "CIS 5.10", "CKV_K8S_19"},
      Severity::kHigh,
      "Host network namespace",
      "The container shares the host's network stack: it can bind host ports, sniff traffic "
      "and reach services listening on localhost. Applies to all inputs.",
      "Remove `hostNetwork: true` / `network_mode: host` / `--network host`.",
      {}},
     kAll,
     CheckHostNetwork},
    {{"PC-RT-018",
      {"KSV-0010", "kubesec HostPID", "CIS 5.16", "CKV_K8S_17"},
      Severity::kHigh,
      "Host PID namespace",
      "The container sees every host process and, as root, can ptrace or signal them. "
      "Applies to all inputs.",
      "Remove `hostPID: true` / `pid: host` / `--pid host`.",
      {}},
     kAll,
     CheckHostPid},
    {{"PC-RT-019",
      {"KSV-0008", "kubesec HostIPC", "CIS 5.17", "CKV_K8S_18"},
      Severity::kHigh,
      "Host IPC namespace",
      "The container shares the host's System V IPC and POSIX shared memory. Applies to all "
      "inputs.",
      "Remove `hostIPC: true` / `ipc: host` / `--ipc host`.",
      {}},
     kAll,
     CheckHostIpc},
    {{"PC-RT-020",
      {"CIS 5.21"},
      Severity::kMedium,
      "Host UTS namespace",
      "The container shares the host's hostname and domain name and can change them. Applies "
      "to compose, docker run and docker inspect.",
      "Remove `uts: host` / `--uts host`.",
      {}},
     kDocker,
     CheckHostUts},
    {{"PC-RT-021",
      {"KSV-0006", "kubesec DockerSock", "CIS 5.32", "CKV_K8S_27"},
      Severity::kCritical,
      "Container runtime socket mounted",
      "docker.sock, containerd.sock, crio.sock, podman.sock (under any directory) or the whole "
      "/run or /var/run is mounted: the container can start a privileged container and own "
      "the host. Applies to all inputs.",
      "Do not mount the runtime socket; use a narrowly scoped API proxy if a tool needs one.",
      {}},
     kAll,
     CheckRuntimeSocket},
    {{"PC-RT-022",
      {"KSV-0121", "KSV-0023", "kubesec ProcMount", "CIS 5.6"},
      Severity::kHigh,
      "Sensitive host path mounted",
      "/, /etc, /proc, /sys, /boot, /root, /home, /usr, /var/lib/kubelet, /var/lib/docker and "
      "similar host paths expose credentials and host control (read-only /sys/fs/cgroup is "
      "allowed). Applies to all inputs.",
      "Mount only the specific files the workload needs, read-only.",
      {}},
     kAll,
     CheckSensitiveMount},
    {{"PC-RT-023",
      {"KSV-0023"},
      Severity::kMedium,
      "hostPath volume",
      "A hostPath volume ties the pod to a node and lets it read or change the node's files. "
      "Applies to Kubernetes (compose and docker bind mounts of project directories are "
      "normal and not reported).",
      "Use a PersistentVolumeClaim, configMap, secret or emptyDir instead.",
      {}},
     kK8s,
     CheckHostPath},
    {{"PC-RT-024",
      {"CIS 5.20"},
      Severity::kMedium,
      "Shared mount propagation",
      "With shared/rshared (Kubernetes: Bidirectional) propagation, mounts made inside the "
      "container propagate to the host. Applies to all inputs.",
      "Use the default private propagation (Kubernetes: None or HostToContainer).",
      {}},
     kAll,
     CheckPropagation},
    {{"PC-RT-025",
      {"CIS 5.18"},
      Severity::kMedium,
      "Host device exposed",
      "A host device (--device, devices:, a hostPath under /dev) gives the container direct "
      "access to hardware or kernel interfaces. Applies to all inputs.",
      "Pass only the devices the workload needs, with the narrowest permissions (r, w, m).",
      {}},
     kAll,
     CheckDevices},
    {{"PC-RT-026",
      {"KSV-0024", "CIS 5.14", "CKV_K8S_26"},
      Severity::kMedium,
      "Port published on every host interface",
      "A published port without a host address (docker: `-p 8080:80`; Kubernetes: hostPort "
      "without hostIP) listens on every interface of the host, public ones included. Applies "
      "to all inputs.",
      "Bind to one address (`127.0.0.1:8080:80`, `host_ip`), or use a Service instead of "
      "hostPort.",
      {}},
     kAll,
     CheckPublishedPorts},
    {{"PC-RT-027",
      {"CIS 5.8"},
      Severity::kLow,
      "Privileged host port",
      "A host port below 1024 is mapped to the container. Applies to all inputs.",
      "Publish on a port at or above 1024 and put a proxy or load balancer in front.",
      {}},
     kAll,
     CheckPrivilegedPorts},
    {{"PC-RT-028",
      {"CIS 5.30"},
      Severity::kLow,
      "Default bridge network",
      "On docker's default bridge (docker0) every container can talk to every other and "
      "names do not resolve. Compose puts services on a per-project network, so only an "
      "explicit `network_mode: bridge` is reported there. Applies to compose, docker run and "
      "docker inspect.",
      "Create a user-defined network (`docker network create app`) and use `--network app`.",
      {}},
     kDocker,
     CheckDefaultBridge},
    {{"PC-RT-029",
      {"KSV-0038"},
      Severity::kLow,
      "No NetworkPolicy for the namespace",
      "None of the scanned manifests is a NetworkPolicy for a namespace that has workloads: "
      "unless one exists elsewhere, every pod can reach them. Applies to Kubernetes.",
      "Add a default-deny NetworkPolicy per namespace and allow what is needed.",
      {"https://kubernetes.io/docs/concepts/services-networking/network-policies/"}},
     kK8s,
     CheckNetworkPolicy},
    {{"PC-RT-030",
      {"CKV_K8S_35"},
      Severity::kHigh,
      "Secret in environment variable",
      "An environment variable whose name reads as a credential (PASSWORD, TOKEN, SECRET, "
      "API_KEY, ...) has a literal value written in the file (compose defaults like "
      "`${DB_PASSWORD:-secret}` count; values from .env or the environment do not). Applies to "
      "all inputs.",
      "Use a Kubernetes Secret mounted as a file, compose `secrets:`, or `--env-file` kept out "
      "of version control.",
      {}},
     kAll,
     CheckSecretEnv},
    {{"PC-RT-031",
      {"kubesec SecretsAsEnvironmentVariables", "CKV_K8S_35"},
      Severity::kLow,
      "Secret exposed as environment variable",
      "A Secret is passed through env (secretKeyRef) or envFrom (secretRef): environments "
      "leak into logs, crash reports and child processes. Applies to Kubernetes.",
      "Mount the Secret as a volume and read the file.",
      {}},
     kK8s,
     CheckSecretRefEnv},
    {{"PC-RT-032",
      {"KSV-0013", "CKV_K8S_14"},
      Severity::kMedium,
      "Image tag latest or missing",
      "`:latest` or no tag means what runs changes whenever the tag moves, and a rollback "
      "cannot be trusted. Applies to all inputs.",
      "Use a versioned tag, ideally pinned by digest.",
      {}},
     kAll,
     CheckImageTag},
    {{"PC-RT-033",
      {"CKV_K8S_43"},
      Severity::kInfo,
      "Image not pinned by digest",
      "A tag can be moved to another image; only a digest names exactly one. Applies to "
      "Kubernetes, compose and docker run.",
      "Reference images as `name:tag@sha256:...`.",
      {}},
     kK8s | kCompose | kRun,
     CheckImageDigest},
    {{"PC-RT-034",
      {"KSV-0036", "kubesec AutomountServiceAccountToken", "CKV_K8S_38"},
      Severity::kLow,
      "Service account token mounted",
      "Unless automountServiceAccountToken is false, every container gets a token for the "
      "Kubernetes API. Applies to Kubernetes.",
      "Set `automountServiceAccountToken: false` on pods that do not call the API.",
      {}},
     kK8s,
     CheckServiceAccountToken},
    {{"PC-RT-035",
      {"CIS 5.15"},
      Severity::kLow,
      "Restart policy unbounded",
      "`always`, `unless-stopped` or `on-failure` without a small retry count restart a "
      "crashing container forever, hiding the failure and feeding a denial of service. "
      "Applies to compose, docker run and docker inspect.",
      "`--restart on-failure:5` / `restart: on-failure:5` / `deploy.restart_policy."
      "max_attempts: 5`.",
      {}},
     kDocker,
     CheckRestart},
    {{"PC-RT-036",
      {"CIS 5.27", "CKV_K8S_8", "CKV_K8S_9"},
      Severity::kInfo,
      "Health check missing",
      "Kubernetes: a long-running container has no liveness or readiness probe. Docker: the "
      "health check is disabled (or, for docker inspect, none is configured). Applies to all "
      "inputs.",
      "Add livenessProbe and readinessProbe / a `healthcheck`.",
      {}},
     kAll,
     CheckProbes},
    {{"PC-RT-037",
      {"kubesec HostUsers", "CIS 5.31"},
      Severity::kInfo,
      "User namespace not used",
      "Kubernetes: hostUsers is not false, so uid 0 in the container is uid 0 on the node. "
      "Docker: `--userns host` turns the daemon's user-namespace remapping off. Applies to all "
      "inputs.",
      "Kubernetes 1.30+: `hostUsers: false`. Docker: enable userns-remap and do not opt out.",
      {}},
     kAll,
     CheckUserNamespace},
    {{"PC-RT-038",
      {"KSV-0026"},
      Severity::kMedium,
      "Unsafe sysctl",
      "A sysctl outside the Pod Security Standards' safe set can affect the whole node. "
      "Applies to Kubernetes.",
      "Use only the safe sysctls, or set node-level settings on the node.",
      {}},
     kK8s,
     CheckSysctls},
    {{"PC-RT-039",
      {"KSV-0027"},
      Severity::kMedium,
      "/proc not masked",
      "procMount: Unmasked / systempaths=unconfined exposes kernel files under /proc and "
      "/sys that are normally masked. Applies to all inputs.",
      "Remove procMount: Unmasked and systempaths=unconfined.",
      {}},
     kAll,
     CheckProcMount},
    {{"PC-RT-040",
      {"KSV-0103"},
      Severity::kMedium,
      "Windows host process",
      "A HostProcess container runs directly on the Windows node with its privileges. "
      "Applies to Kubernetes.",
      "Remove windowsOptions.hostProcess.",
      {}},
     kK8s,
     CheckHostProcess},
    {{"PC-RT-041",
      {"CIS 4.10"},
      Severity::kHigh,
      "Known secret in environment variable",
      "A literal environment value is recognised by the secret rules (the same ones `portcullis "
      "image` runs: cloud keys, tokens, private keys, passwords in URLs, ...), whatever the "
      "variable is called. Applies to all inputs.",
      "Revoke the credential, then pass it from a secret store: a Kubernetes Secret mounted as "
      "a file, compose `secrets:`, or an env file kept out of version control.",
      {}},
     kAll,
     CheckSecretValueEnv},
    {{"PC-RT-050",
      {"KSV-0044", "KSV-0045", "KSV-0046", "KSV-0112"},
      Severity::kCritical,
      "RBAC wildcard",
      "A Role or ClusterRole rule grants every verb or every resource (`*`), including ones "
      "added to the API later. Applies to Kubernetes.",
      "List the verbs and resources the subject needs.",
      {"https://kubernetes.io/docs/concepts/security/rbac-good-practices/"}},
     kK8s,
     CheckRbacWildcard},
    {{"PC-RT-051",
      {"KSV-0041", "KSV-0113"},
      Severity::kHigh,
      "RBAC access to secrets",
      "A rule allows get, list or watch on every Secret (no resourceNames): whoever holds it "
      "reads every credential in scope, service-account tokens included. Applies to "
      "Kubernetes.",
      "Restrict with resourceNames, or move the workload's secrets to a dedicated namespace.",
      {}},
     kK8s,
     CheckRbacSecrets},
    {{"PC-RT-052",
      {"KSV-0053", "KSV-0054"},
      Severity::kHigh,
      "RBAC exec into pods",
      "pods/exec or pods/attach lets the subject run commands in every pod it covers. "
      "Applies to Kubernetes.",
      "Grant exec only to break-glass roles.",
      {}},
     kK8s,
     CheckRbacExec},
    {{"PC-RT-053",
      {"KSV-0043", "KSV-0050"},
      Severity::kCritical,
      "RBAC privilege-escalation verb",
      "The escalate, bind and impersonate verbs let a subject gain permissions its role does "
      "not grant. Applies to Kubernetes.",
      "Remove escalate, bind and impersonate from the rule.",
      {}},
     kK8s,
     CheckRbacEscalation},
    {{"PC-RT-054",
      {"KSV-0111"},
      Severity::kHigh,
      "Binding to cluster-admin",
      "A RoleBinding or ClusterRoleBinding grants cluster-admin (or, cluster-wide, admin or "
      "edit). Applies to Kubernetes.",
      "Bind a role with only the permissions needed.",
      {}},
     kK8s,
     CheckClusterAdminBinding},
    {{"PC-RT-055",
      {"KSV-0122", "KSV-0123", "KSV-01011", "kubesec BindingsToSystemAnonymous"},
      Severity::kCritical,
      "Binding to anonymous or all users",
      "A binding names system:anonymous, system:unauthenticated, system:authenticated or "
      "system:masters: the role goes to everyone (or to an unremovable superuser group). "
      "Unlike Trivy, ClusterRoleBindings are checked too. Applies to Kubernetes.",
      "Bind to specific users, groups or service accounts.",
      {}},
     kK8s,
     CheckBroadSubjects},
};

}  // namespace
}  // namespace runtime

void RuntimeRuleContext::Report(const runtime::Workload& w, const runtime::Container* c,
                                runtime::Pos pos, std::string message) {
  if (pos.line == 0) pos = c && c->pos.line ? c->pos : w.pos;
  Misconfiguration f = MakeFinding(rule_.info, "runtime", w.file.empty() ? "command line" : w.file,
                                   std::move(message));
  f.resource = w.resource;
  if (c && w.input == runtime::InputKind::kKubernetes) {
    using runtime::ContainerRole;
    std::string_view role = c->role == ContainerRole::kInit        ? "init container"
                            : c->role == ContainerRole::kEphemeral ? "ephemeral container"
                                                                   : "container";
    f.resource += fmt::format(" {} {}", role, c->name);
  }
  f.path = w.file;
  f.line = pos.line;
  f.end_line = pos.line;
  f.column = pos.column;
  out_.push_back(std::move(f));
}

void RuntimeRuleContext::Report(const std::string& file, const std::string& resource,
                                runtime::Pos pos, std::string message) {
  Misconfiguration f = MakeFinding(rule_.info, "runtime", file, std::move(message));
  f.resource = resource;
  f.path = file;
  f.line = pos.line;
  f.end_line = pos.line;
  f.column = pos.column;
  out_.push_back(std::move(f));
}

std::span<const RuntimeRule> RuntimeRules() { return runtime::kRules; }

std::vector<Misconfiguration> EvaluateRuntimeRules(const runtime::RuntimeModel& model) {
  std::vector<Misconfiguration> out;
  for (const RuntimeRule& rule : runtime::kRules) {
    RuntimeRuleContext ctx(rule, out);
    rule.check(model, ctx);
  }
  return out;
}

}  // namespace portcullis
