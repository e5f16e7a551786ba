// The normalised runtime-configuration model: one shape for what a Kubernetes manifest, a
// docker-compose service, a `docker run` command line and `docker inspect` output say about
// how a container runs. Every parser in src/config/{kubernetes,compose,docker_run,
// docker_inspect}/ fills it; the runtime rules (src/rules/runtime/) read only it, so
// `privileged: true` in compose and `--privileged` on a command line are the same finding.
//
// Every value a rule can point at carries its source position. A Field that was not written
// in the input is unset (nullopt), which is different from being set to a default value.
// Plain value types; build on one thread, then read from any.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/runtime/document.h"

namespace portcullis::runtime {

// Where a workload came from. Bit values, so a rule can name the set it applies to.
enum class InputKind : uint8_t {
  kKubernetes = 1,
  kCompose = 2,
  kDockerRun = 4,
  kDockerInspect = 8,
};
inline constexpr uint8_t kAllInputs = 1 | 2 | 4 | 8;
inline constexpr uint8_t kDockerInputs = 2 | 4 | 8;

// "kubernetes", "compose", "docker-run", "docker-inspect".
std::string_view InputKindName(InputKind kind);

// A value with the position it was written at. Unset when the input did not say.
template <typename T>
struct Field {
  std::optional<T> value;
  Pos pos;

  bool set() const { return value.has_value(); }
  bool Is(const T& v) const { return value.has_value() && *value == v; }
  void Set(T v, Pos p) {
    value = std::move(v);
    pos = p;
  }
};

// A string with its position.
struct Text {
  std::string value;
  Pos pos;
};

// A host path or volume made visible inside the container.
struct Mount {
  enum class Type : uint8_t { kBind, kVolume, kTmpfs, kOther };
  Type type = Type::kBind;
  std::string source;          // host path (bind, hostPath) or volume name; "" for anonymous
  std::string target;          // path inside the container; "" when unknown
  bool read_only = false;      // every use of it is read-only
  std::string propagation;     // "shared", "rshared", "Bidirectional", ... ("" = private)
  std::string host_path_type;  // Kubernetes hostPath.type ("CharDevice", "Socket", ...)
  Pos pos;
};

// A container port, published on the host or not.
struct Port {
  std::string host_ip;          // "" = every interface
  uint32_t host_port = 0;       // 0 = not published, or published on a random port
  uint32_t container_port = 0;
  bool published = false;       // reachable from outside the container's network namespace
  std::string protocol;         // "tcp", "udp", "sctp"
  std::string text;             // as written, for messages
  Pos pos;
};

// An environment variable.
struct EnvVar {
  enum class Source : uint8_t {
    kLiteral,       // the value is written in the scanned file itself
    kInterpolated,  // the value comes (partly) from a variable: .env, the host, unresolved
    kSecretRef,     // Kubernetes secretKeyRef / envFrom secretRef
    kConfigRef,     // Kubernetes configMapKeyRef / envFrom configMapRef
    kFieldRef,      // Kubernetes fieldRef / resourceFieldRef
    kHost,          // `-e NAME` / `NAME` alone: copied from the caller's environment
    kFile,          // --env-file / env_file: the values are in another file
  };
  std::string name;
  std::string value;
  Source source = Source::kLiteral;
  Pos pos;
};

// A host device passed into the container.
struct Device {
  std::string host;
  std::string container;
  Pos pos;
};

enum class ContainerRole : uint8_t { kMain, kInit, kEphemeral };

// One container and its effective settings (Kubernetes pod-level securityContext values are
// copied into the containers that do not override them, keeping the pod-level position).
struct Container {
  std::string name;
  ContainerRole role = ContainerRole::kMain;
  Pos pos;                        // where the container is declared

  Text image;                     // reference as written ("" = none, e.g. compose build only)
  bool image_has_variables = false;  // unresolved `$VAR` in the reference: not judged

  Field<bool> privileged;
  Field<bool> allow_privilege_escalation;  // no-new-privileges sets it to false
  Field<bool> read_only_root_fs;
  Field<bool> run_as_non_root;
  Field<int64_t> run_as_user;
  Field<int64_t> run_as_group;
  Field<std::string> user;        // docker user spec as written ("1000:1000", "root", "app")
  std::vector<Text> cap_add;      // upper case, without the CAP_ prefix
  std::vector<Text> cap_drop;
  Pos capabilities_pos;           // where capabilities are declared (else 0)
  Pos security_context_pos;       // Kubernetes container securityContext, compose security_opt

  Field<std::string> seccomp;     // "RuntimeDefault", "Unconfined", "Localhost"
  Field<std::string> apparmor;    // "RuntimeDefault", "Unconfined", "Localhost"
  Field<std::string> selinux;     // "disable", or the custom option written ("type:spc_t")
  Field<std::string> proc_mount;  // "Default", "Unmasked"
  Field<bool> windows_host_process;

  Field<std::string> memory_limit;
  Field<std::string> cpu_limit;
  Field<std::string> memory_request;
  Field<std::string> cpu_request;
  Field<int64_t> pids_limit;      // <= 0 means unlimited
  Pos resources_pos;

  std::vector<Port> ports;
  std::vector<EnvVar> env;
  std::vector<Device> devices;
  std::vector<Text> group_add;    // extra groups ("0", "root", ...)

  Field<bool> liveness_probe;     // Kubernetes: probe present
  Field<bool> readiness_probe;
  Field<bool> healthcheck;        // docker: false = explicitly disabled
};

// One thing that runs containers: a Kubernetes workload (pod template), a compose service, a
// `docker run` command, a `docker inspect`ed container.
struct Workload {
  InputKind input = InputKind::kKubernetes;
  std::string file;               // the scanned file ("" for a --docker-run argument)
  std::string kind;               // "Deployment", "CronJob", "service", "docker run", "container"
  std::string namespace_name;     // Kubernetes namespace ("default" when not written)
  bool namespace_written = false;
  std::string name;
  std::string resource;           // "Deployment/ns/name", "compose service web", ...
  Pos pos;
  uint32_t last_line = 0;
  bool long_running = true;       // false for Jobs, CronJobs and run-to-completion pods

  Field<bool> host_network;
  Field<bool> host_pid;
  Field<bool> host_ipc;
  Field<bool> host_uts;
  Field<bool> host_users;         // true = the host's user namespace (no user-namespace remap)
  Field<std::string> network_mode;  // docker: "bridge", "default", "host", "none", NAME
  bool on_default_bridge = false;   // docker's default bridge (docker0) is used
  Field<bool> automount_service_account_token;
  Field<std::string> restart;     // "always", "unless-stopped", "on-failure", "no", "any"
  Field<int64_t> restart_max_retries;
  Field<int64_t> fs_group;
  std::vector<Field<int64_t>> supplemental_groups;
  std::vector<Text> sysctls;      // "name=value"
  std::vector<Mount> mounts;      // host paths and volumes (Kubernetes: pod volumes)

  std::vector<Container> containers;
};

// A Kubernetes RBAC rule of a Role or ClusterRole.
struct RbacRule {
  std::vector<std::string> api_groups;
  std::vector<std::string> resources;
  std::vector<std::string> verbs;
  std::vector<std::string> resource_names;
  Pos pos;
};

// What every Kubernetes object outside the workloads is identified by.
struct KubeObject {
  std::string file;
  std::string kind;               // "Role", "ClusterRole", "RoleBinding", ...
  std::string namespace_name;     // "" for cluster-scoped kinds
  std::string name;
  std::string resource;           // "Role/ns/name", "ClusterRole/name"
  Pos pos;
};

struct Role : KubeObject {
  std::vector<RbacRule> rules;
};

struct RoleBinding : KubeObject {
  struct Subject {
    std::string kind;             // "User", "Group", "ServiceAccount"
    std::string name;
    std::string namespace_name;
    Pos pos;
  };
  std::string role_kind;
  std::string role_name;
  Pos role_pos;
  std::vector<Subject> subjects;
};

struct NetworkPolicyRef {
  std::string file;
  std::string namespace_name;
  std::string name;
  Pos pos;
};

// Everything read from the scanned inputs.
struct RuntimeModel {
  std::vector<Workload> workloads;
  std::vector<Role> roles;
  std::vector<RoleBinding> bindings;
  std::vector<NetworkPolicyRef> network_policies;
  bool has_kubernetes = false;    // some input was a Kubernetes manifest
};

}  // namespace portcullis::runtime
