#include "rules/runtime/runtime_rules.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analyzer/secret/secret_scanner.h"
#include "config/runtime/values.h"
#include "core/strings.h"

namespace portcullis {
namespace {

using runtime::Container;
using runtime::ContainerRole;
using runtime::EnvVar;
using runtime::InputKind;
using runtime::Mount;
using runtime::Pos;
using runtime::RuntimeModel;
using runtime::Workload;

constexpr uint8_t kK8s = static_cast<uint8_t>(InputKind::kKubernetes);
constexpr uint8_t kCompose = static_cast<uint8_t>(InputKind::kCompose);
constexpr uint8_t kRun = static_cast<uint8_t>(InputKind::kDockerRun);
constexpr uint8_t kAll = runtime::kAllInputs;
constexpr uint8_t kDocker = runtime::kDockerInputs;

// Picks the spelling of a setting in the input the workload came from.
std::string_view Say(const Workload& w, std::string_view k8s, std::string_view compose,
                     std::string_view run, std::string_view inspect) {
  switch (w.input) {
    case InputKind::kKubernetes: return k8s;
    case InputKind::kCompose: return compose;
    case InputKind::kDockerRun: return run;
    case InputKind::kDockerInspect: return inspect;
  }
  return k8s;
}

template <typename F>
void ForContainers(const RuntimeModel& m, F&& f) {
  for (const Workload& w : m.workloads) {
    for (const Container& c : w.containers) f(w, c);
  }
}

Pos Or(Pos a, Pos b) { return a.line != 0 ? a : b; }

bool IsK8s(const Workload& w) { return w.input == InputKind::kKubernetes; }

// ---- privileges ----

void CheckPrivileged(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (!c.privileged.Is(true)) return;
    out.Report(w, &c, c.privileged.pos,
               fmt::format("{}: the container runs privileged, with every capability and "
                           "device of the host and no seccomp or AppArmor confinement",
                           Say(w, "securityContext.privileged is true", "privileged: true",
                               "--privileged", "HostConfig.Privileged is true")));
  });
}

void CheckPrivilegeEscalation(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (c.privileged.Is(true) || c.allow_privilege_escalation.Is(false)) return;
    std::string what;
    if (IsK8s(w)) {
      what = c.allow_privilege_escalation.set()
                 ? "securityContext.allowPrivilegeEscalation is true"
                 : "securityContext.allowPrivilegeEscalation is not set to false";
    } else {
      what = std::string(Say(w, "", "security_opt has no no-new-privileges:true",
                             "no --security-opt no-new-privileges",
                             "HostConfig.SecurityOpt has no no-new-privileges"));
    }
    out.Report(w, &c, Or(c.allow_privilege_escalation.pos, c.security_context_pos),
               what + ": setuid binaries in the image can gain privileges");
  });
}

const std::set<std::string, std::less<>>& DangerousCaps() {
  static const std::set<std::string, std::less<>> caps = {
      "ALL",        "SYS_ADMIN",  "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE",  "NET_RAW",
      "DAC_READ_SEARCH", "SYS_RAWIO", "SYS_BOOT", "BPF", "PERFMON", "SYS_TIME", "MAC_ADMIN",
      "MAC_OVERRIDE", "SYSLOG", "LINUX_IMMUTABLE"};
  return caps;
}

void CheckDangerousCaps(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const auto& cap : c.cap_add) {
      if (!DangerousCaps().contains(cap.value)) continue;
      out.Report(w, &c, cap.pos,
                 fmt::format("capability {} is added{}", cap.value,
                             cap.value == "ALL" ? " (every capability)" : ""));
    }
  });
}

void CheckOtherCaps(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const auto& cap : c.cap_add) {
      if (DangerousCaps().contains(cap.value) || cap.value == "NET_BIND_SERVICE" ||
          cap.value.empty()) {
        continue;
      }
      out.Report(w, &c, cap.pos, fmt::format("capability {} is added", cap.value));
    }
  });
}

void CheckDropAll(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (c.privileged.Is(true)) return;
    bool all = std::any_of(c.cap_drop.begin(), c.cap_drop.end(),
                           [](const runtime::Text& t) { return t.value == "ALL"; });
    if (all) return;
    out.Report(w, &c, Or(c.capabilities_pos, c.security_context_pos),
               fmt::format("{}: the default capabilities (NET_RAW, CHOWN, SETUID, ...) stay",
                           Say(w, "securityContext.capabilities.drop does not include ALL",
                               "cap_drop does not include ALL", "no --cap-drop ALL",
                               "HostConfig.CapDrop does not include ALL")));
  });
}

// ---- users ----

// Where and how the container is explicitly root; "" when it is not.
std::string ExplicitRoot(const Workload& w, const Container& c, Pos* pos) {
  if (IsK8s(w)) {
    if (c.run_as_user.Is(0)) {
      *pos = c.run_as_user.pos;
      return "runAsUser is 0";
    }
    return "";
  }
  if (w.input == InputKind::kDockerInspect && (!c.user.set() || Trim(*c.user.value).empty())) {
    *pos = c.user.pos;
    return "Config.User is empty, so the container runs as root";
  }
  if (c.user.set() && !Trim(*c.user.value).empty() &&
      runtime::IsRootName(runtime::ParseUserSpec(*c.user.value).user)) {
    *pos = c.user.pos;
    return fmt::format("{} {}", Say(w, "", "user:", "--user", "Config.User"), *c.user.value);
  }
  return "";
}

void CheckRunsAsRoot(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    Pos pos;
    std::string why = ExplicitRoot(w, c, &pos);
    if (why.empty()) return;
    out.Report(w, &c, pos, fmt::format("{}: the container runs as root (uid 0)", why));
  });
}

void CheckNonRootNotEnforced(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    Pos ignored;
    if (w.input == InputKind::kDockerInspect || !ExplicitRoot(w, c, &ignored).empty()) return;
    if (IsK8s(w)) {
      if (c.run_as_non_root.Is(true)) return;
      if (c.run_as_user.set() && *c.run_as_user.value > 0) return;
      out.Report(w, &c, Or(c.run_as_non_root.pos, c.security_context_pos),
                 "neither runAsNonRoot: true nor a non-zero runAsUser is set: the container "
                 "runs as root when the image's USER is root");
      return;
    }
    if (c.user.set()) return;
    out.Report(w, &c, c.pos,
               fmt::format("{}: the container runs as the image's USER, root unless the image "
                           "sets another",
                           Say(w, "", "no user: is set", "no --user is given", "")));
  });
}

void CheckRootGroup(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    if (w.fs_group.Is(0)) out.Report(w, nullptr, w.fs_group.pos, "fsGroup is 0 (root group)");
    for (const auto& g : w.supplemental_groups) {
      if (g.Is(0)) out.Report(w, nullptr, g.pos, "supplementalGroups includes 0 (root group)");
    }
    for (const Container& c : w.containers) {
      if (IsK8s(w) && c.run_as_group.Is(0)) {
        out.Report(w, &c, c.run_as_group.pos, "runAsGroup is 0 (root group)");
      }
      if (!IsK8s(w) && c.user.set()) {
        auto spec = runtime::ParseUserSpec(*c.user.value);
        if (!spec.group.empty() && runtime::IsRootName(spec.group)) {
          out.Report(w, &c, c.user.pos,
                     fmt::format("user {} has the root group as its primary group",
                                 *c.user.value));
        }
      }
      for (const auto& g : c.group_add) {
        if (runtime::IsRootName(g.value)) {
          out.Report(w, &c, g.pos, fmt::format("group_add/--group-add adds group {}", g.value));
        }
      }
    }
  }
}

// ---- filesystem and resources ----

bool Counts(const Container& c) { return c.role != ContainerRole::kEphemeral; }

void CheckReadOnlyRoot(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (!Counts(c) || c.read_only_root_fs.Is(true)) return;
    out.Report(w, &c, Or(c.read_only_root_fs.pos, c.security_context_pos),
               fmt::format("{}: a compromised process can modify the container's files",
                           Say(w, "securityContext.readOnlyRootFilesystem is not true",
                               "read_only is not true", "no --read-only",
                               "HostConfig.ReadonlyRootfs is false")));
  });
}

bool Unlimited(const runtime::Field<std::string>& f) {
  if (!f.set()) return true;
  std::string_view v = Trim(*f.value);
  return v.empty() || v == "0" || v == "-1";
}

void CheckMemoryLimit(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (!Counts(c) || !Unlimited(c.memory_limit)) return;
    out.Report(w, &c, Or(c.memory_limit.pos, c.resources_pos),
               fmt::format("{}: one container can exhaust the host's memory",
                           Say(w, "resources.limits.memory is not set",
                               "no deploy.resources.limits.memory or mem_limit", "no --memory",
                               "HostConfig.Memory is 0 (unlimited)")));
  });
}

void CheckCpuLimit(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (!Counts(c) || !Unlimited(c.cpu_limit)) return;
    out.Report(w, &c, Or(c.cpu_limit.pos, c.resources_pos),
               std::string(Say(w, "resources.limits.cpu is not set",
                               "no deploy.resources.limits.cpus, cpus, cpu_quota or cpu_shares",
                               "no --cpus, --cpu-quota or --cpu-shares",
                               "HostConfig NanoCpus, CpuQuota and CpuShares are 0")));
  });
}

void CheckPidsLimit(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (IsK8s(w)) return;  // the kubelet's podPidsLimit, not the manifest, sets it
    if (c.pids_limit.set() && *c.pids_limit.value > 0) return;
    out.Report(w, &c, Or(c.pids_limit.pos, c.resources_pos),
               fmt::format("{}: a fork bomb in the container can exhaust the host's PIDs",
                           Say(w, "", "no pids_limit or deploy.resources.limits.pids",
                               "no --pids-limit", "HostConfig.PidsLimit is unlimited")));
  });
}

// ---- confinement ----

void CheckSeccompUnconfined(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (!c.seccomp.Is("Unconfined")) return;
    out.Report(w, &c, c.seccomp.pos,
               fmt::format("{}: every system call is allowed",
                           Say(w, "seccompProfile type is Unconfined", "seccomp:unconfined",
                               "--security-opt seccomp=unconfined", "seccomp=unconfined")));
  });
}

void CheckSeccompMissing(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    // Docker applies its default profile unless told not to; Kubernetes does not.
    if (!IsK8s(w) || c.seccomp.set() || c.privileged.Is(true)) return;
    out.Report(w, &c, c.security_context_pos.line ? c.security_context_pos : c.pos,
               "no seccompProfile (pod or container) and no seccomp annotation: the container "
               "runs Unconfined unless the kubelet defaults to RuntimeDefault");
  });
}

void CheckAppArmorUnconfined(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (!c.apparmor.Is("Unconfined")) return;
    out.Report(w, &c, c.apparmor.pos,
               fmt::format("{}: AppArmor confinement is disabled",
                           Say(w, "AppArmor profile is unconfined", "apparmor:unconfined",
                               "--security-opt apparmor=unconfined",
                               "AppArmorProfile is unconfined")));
  });
}

void CheckSelinux(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (!c.selinux.set()) return;
    if (*c.selinux.value == "disable") {
      out.Report(w, &c, c.selinux.pos, "SELinux labelling is disabled (label=disable)");
    } else {
      out.Report(w, &c, c.selinux.pos,
                 fmt::format("custom SELinux options {}: the container may run with a "
                             "privileged type, user or role",
                             *c.selinux.value));
    }
  });
}

void CheckProcMount(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (!c.proc_mount.set() || *c.proc_mount.value == "Default") return;
    out.Report(w, &c, c.proc_mount.pos,
               fmt::format("{}: kernel files under /proc and /sys are not masked",
                           Say(w, "procMount is Unmasked", "systempaths=unconfined",
                               "--security-opt systempaths=unconfined",
                               "systempaths=unconfined")));
  });
}

void CheckHostProcess(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (!c.windows_host_process.Is(true)) return;
    out.Report(w, &c, c.windows_host_process.pos,
               "windowsOptions.hostProcess is true: the container runs as a process on the "
               "Windows host");
  });
}

// ---- namespaces ----

template <runtime::Field<bool> Workload::*kField>
void CheckHostNamespace(const Workload& w, RuntimeRuleContext& out, std::string_view k8s,
                        std::string_view compose, std::string_view run,
                        std::string_view inspect, std::string_view effect) {
  const auto& f = w.*kField;
  if (!f.Is(true)) return;
  out.Report(w, nullptr, f.pos, fmt::format("{}: {}", Say(w, k8s, compose, run, inspect), effect));
}

void CheckHostNetwork(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    CheckHostNamespace<&Workload::host_network>(
        w, out, "hostNetwork: true", "network_mode: host", "--network host",
        "HostConfig.NetworkMode is host",
        "the container shares the host's network stack and can reach its local services");
  }
}

void CheckHostPid(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    CheckHostNamespace<&Workload::host_pid>(
        w, out, "hostPID: true", "pid: host", "--pid host", "HostConfig.PidMode is host",
        "the container sees and can signal every process of the host");
  }
}

void CheckHostIpc(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    CheckHostNamespace<&Workload::host_ipc>(
        w, out, "hostIPC: true", "ipc: host", "--ipc host", "HostConfig.IpcMode is host",
        "the container shares the host's shared memory and message queues");
  }
}

void CheckHostUts(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    CheckHostNamespace<&Workload::host_uts>(
        w, out, "", "uts: host", "--uts host", "HostConfig.UTSMode is host",
        "the container can change the host's hostname");
  }
}

void CheckUserNamespace(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    if (IsK8s(w)) {
      if (w.host_users.Is(false)) continue;
      out.Report(w, nullptr, w.host_users.pos.line ? w.host_users.pos : w.pos,
                 w.host_users.set()
                     ? "hostUsers is true: container uid 0 is uid 0 on the node"
                     : "hostUsers is not false: the pod uses the node's user namespace, so "
                       "container uid 0 is uid 0 on the node");
      continue;
    }
    if (!w.host_users.Is(true)) continue;
    out.Report(w, nullptr, w.host_users.pos,
               fmt::format("{}: user-namespace remapping is turned off for this container",
                           Say(w, "", "userns_mode: host", "--userns host",
                               "HostConfig.UsernsMode is host")));
  }
}

// ---- mounts ----

// `path` with duplicate and trailing slashes and `.` segments removed ("" when relative).
std::string NormalizePath(std::string_view path) {
  if (path.empty() || path[0] != '/') return "";
  std::string out;
  for (std::string_view seg : Split(path, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      size_t slash = out.rfind('/');
      out.erase(slash == std::string::npos ? 0 : slash);
      continue;
    }
    out += '/';
    out += seg;
  }
  return out.empty() ? "/" : out;
}

bool IsRuntimeSocket(const std::string& p) {
  static constexpr std::string_view kSockets[] = {"docker.sock", "containerd.sock", "crio.sock",
                                                  "podman.sock", "cri-dockerd.sock",
                                                  "dockershim.sock", "buildkitd.sock"};
  for (auto s : kSockets) {
    if (p.ends_with(s) && (p.size() == s.size() || p[p.size() - s.size() - 1] == '/')) {
      return true;
    }
  }
  static constexpr std::string_view kDirs[] = {"/run", "/var/run", "/run/containerd",
                                               "/var/run/containerd", "/run/docker",
                                               "/var/run/docker", "/run/crio", "/var/run/crio",
                                               "/run/podman", "/var/run/podman"};
  return std::find(std::begin(kDirs), std::end(kDirs), p) != std::end(kDirs);
}

bool IsDevicePath(const std::string& p, const Mount& m) {
  return p.starts_with("/dev/") || m.host_path_type == "CharDevice" ||
         m.host_path_type == "BlockDevice";
}

bool IsSensitivePath(const std::string& p, bool read_only) {
  static constexpr std::string_view kExact[] = {
      "/",        "/bin",        "/boot",         "/dev",         "/etc",
      "/home",    "/lib",        "/lib64",        "/proc",        "/root",
      "/sbin",    "/sys",        "/usr",          "/var",         "/var/lib",
      "/etc/shadow", "/etc/sudoers", "/etc/sudoers.d", "/etc/passwd", "/etc/group",
      "/var/lib/containerd", "/var/log/pods"};
  if (std::find(std::begin(kExact), std::end(kExact), p) != std::end(kExact)) return true;
  static constexpr std::string_view kUnder[] = {"/proc/", "/root/", "/var/lib/kubelet",
                                                "/var/lib/docker", "/etc/kubernetes",
                                                "/etc/ssh", "/etc/docker", "/boot/",
                                                "/etc/cron", "/etc/systemd"};
  for (auto prefix : kUnder) {
    if (p.starts_with(prefix)) return true;
  }
  // The cgroup tree read-only is what monitoring agents need; anything else under /sys is not.
  return p.starts_with("/sys/") && !(read_only && p.starts_with("/sys/fs/cgroup"));
}

std::string MountText(const Workload& w, const Mount& m) {
  std::string mode = m.read_only ? "read-only" : "writable";
  if (IsK8s(w)) {
    return m.target.empty() ? fmt::format("hostPath {} ({})", m.source, mode)
                            : fmt::format("hostPath {} at {} ({})", m.source, m.target, mode);
  }
  return fmt::format("host path {} at {} ({})", m.source, m.target, mode);
}

void CheckRuntimeSocket(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    for (const Mount& mount : w.mounts) {
      if (mount.type != Mount::Type::kBind) continue;
      std::string p = NormalizePath(mount.source);
      if (!IsRuntimeSocket(p)) continue;
      out.Report(w, nullptr, mount.pos,
                 fmt::format("{} is mounted: whoever controls the container controls the "
                             "container runtime, and so the host",
                             MountText(w, mount)));
    }
  }
}

void CheckSensitiveMount(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    for (const Mount& mount : w.mounts) {
      if (mount.type != Mount::Type::kBind) continue;
      std::string p = NormalizePath(mount.source);
      if (p.empty() || IsRuntimeSocket(p) || (p != "/dev" && IsDevicePath(p, mount))) continue;
      if (!IsSensitivePath(p, mount.read_only)) continue;
      out.Report(w, nullptr, mount.pos,
                 fmt::format("{}: a sensitive host directory is exposed to the container",
                             MountText(w, mount)));
    }
  }
}

void CheckHostPath(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    if (!IsK8s(w)) continue;
    for (const Mount& mount : w.mounts) {
      if (mount.type != Mount::Type::kBind) continue;
      std::string p = NormalizePath(mount.source);
      if (IsRuntimeSocket(p) || IsDevicePath(p, mount) || IsSensitivePath(p, mount.read_only)) {
        continue;
      }
      out.Report(w, nullptr, mount.pos,
                 fmt::format("{}: the pod depends on, and can change, files of the node",
                             MountText(w, mount)));
    }
  }
}

void CheckPropagation(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    for (const Mount& mount : w.mounts) {
      const std::string& p = mount.propagation;
      if (p != "shared" && p != "rshared" && p != "Bidirectional") continue;
      out.Report(w, nullptr, mount.pos,
                 fmt::format("mount of {} has {} propagation: mounts made in the container "
                             "appear on the host",
                             mount.source.empty() ? mount.target : mount.source, p));
    }
  }
}

void CheckDevices(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    for (const Container& c : w.containers) {
      for (const auto& d : c.devices) {
        out.Report(w, &c, d.pos, fmt::format("host device {} is passed to the container",
                                             d.host));
      }
    }
    for (const Mount& mount : w.mounts) {
      if (mount.type != Mount::Type::kBind) continue;
      std::string p = NormalizePath(mount.source);
      if (p == "/dev" || !IsDevicePath(p, mount)) continue;
      out.Report(w, nullptr, mount.pos,
                 fmt::format("host device {} is mounted into the pod", mount.source));
    }
  }
}

// ---- network ----

bool AllInterfaces(std::string_view ip) {
  return ip.empty() || ip == "0.0.0.0" || ip == "::" || ip == "[::]";
}

void CheckPublishedPorts(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const auto& p : c.ports) {
      if (!p.published || !AllInterfaces(p.host_ip)) continue;
      if (IsK8s(w)) {
        out.Report(w, &c, p.pos,
                   fmt::format("hostPort {} is opened on every interface of the node",
                               p.host_port));
      } else {
        out.Report(w, &c, p.pos,
                   fmt::format("port {} is published on every host interface (0.0.0.0); bind "
                               "it to one address, e.g. 127.0.0.1:{}",
                               p.text, p.host_port ? std::to_string(p.host_port) : "PORT"));
      }
    }
  });
}

void CheckPrivilegedPorts(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const auto& p : c.ports) {
      if (!p.published || p.host_port == 0 || p.host_port >= 1024) continue;
      out.Report(w, &c, p.pos,
                 fmt::format("host port {} is below 1024 (a privileged port)", p.host_port));
    }
  });
}

void CheckDefaultBridge(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    if (!w.on_default_bridge || w.host_network.Is(true)) continue;
    std::string why = w.network_mode.set()
                          ? fmt::format("network {}", *w.network_mode.value)
                          : std::string("no --network is given");
    out.Report(w, nullptr, w.network_mode.pos,
               fmt::format("{}: the container is on docker's default bridge (docker0), where "
                           "every container can reach every other",
                           why));
  }
}

void CheckNetworkPolicy(const RuntimeModel& m, RuntimeRuleContext& out) {
  std::set<std::string> covered;
  for (const auto& np : m.network_policies) covered.insert(np.namespace_name);
  std::set<std::string> reported;
  for (const Workload& w : m.workloads) {
    if (!IsK8s(w) || covered.contains(w.namespace_name) || w.host_network.Is(true)) continue;
    if (!reported.insert(w.namespace_name).second) continue;
    out.Report(w.file, fmt::format("Namespace/{}", w.namespace_name), w.pos,
               fmt::format("no NetworkPolicy for namespace {} among the scanned manifests: "
                           "its pods ({} first) accept traffic from every pod of the cluster",
                           w.namespace_name, w.resource));
  }
}

// ---- secrets ----

std::vector<std::string> NameTokens(std::string_view name) {
  std::vector<std::string> tokens;
  std::string cur;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool boundary = !std::isalnum(static_cast<unsigned char>(c));
    // camelCase: a lower-case letter followed by an upper-case one starts a token.
    bool camel = i > 0 && std::isupper(static_cast<unsigned char>(c)) &&
                 std::islower(static_cast<unsigned char>(name[i - 1]));
    if (boundary || camel) {
      if (!cur.empty()) tokens.push_back(cur);
      cur.clear();
      if (boundary) continue;
    }
    cur += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (!cur.empty()) tokens.push_back(cur);
  return tokens;
}

bool LooksLikePlaceholder(std::string_view v) {
  v = Trim(v);
  if (v.size() < 4) return true;
  if (v.front() == '<' && v.back() == '>') return true;
  if (v[0] == '/' || v.starts_with("file:") || v.starts_with("vault:") ||
      v.starts_with("arn:aws:secretsmanager") || v.starts_with("ref+")) {
    return true;
  }
  if (runtime::ParseYamlBool(v) || runtime::ParseInt(v)) return true;
  return std::all_of(v.begin(), v.end(), [](char c) { return c == '*' || c == 'x' || c == 'X'; });
}

// What the secret rules (src/analyzer/secret/) recognise in a literal environment value,
// scanned as the line `NAME=value` so keyword rules see the name. Empty when the value is too
// short to hold a credential or the secret engine is unavailable.
std::vector<SecretHit> EnvSecretHits(const Workload& w, const EnvVar& e) {
  if (e.source != EnvVar::Source::kLiteral || e.value.size() < 8) return {};
  static const auto scanner = SecretScanner::Builtin();
  if (!scanner) return {};
  return (*scanner)->ScanText(fmt::format("{}={}", e.name, e.value), w.file);
}

void CheckSecretEnv(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const EnvVar& e : c.env) {
      if (e.source != EnvVar::Source::kLiteral || !IsSecretLikeName(e.name) ||
          LooksLikePlaceholder(e.value)) {
        continue;
      }
      if (!EnvSecretHits(w, e).empty()) continue;  // PC-RT-041 names the kind of secret
      out.Report(w, &c, e.pos,
                 fmt::format("environment variable {} holds a literal {}-character value: the "
                             "credential is in the {} and visible to anyone who can inspect "
                             "the container",
                             e.name, e.value.size(),
                             Say(w, "manifest", "compose file", "command line",
                                 "container's configuration")));
    }
  });
}

void CheckSecretValueEnv(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const EnvVar& e : c.env) {
      for (const SecretHit& hit : EnvSecretHits(w, e)) {
        out.Report(w, &c, e.pos,
                   fmt::format("environment variable {} holds a {} ({} {}): the credential is "
                               "in the {} and visible to anyone who can inspect the container",
                               e.name, hit.title, hit.rule_id, hit.match,
                               Say(w, "manifest", "compose file", "command line",
                                   "container's configuration")));
      }
    }
  });
}

void CheckSecretRefEnv(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    for (const EnvVar& e : c.env) {
      if (e.source != EnvVar::Source::kSecretRef) continue;
      out.Report(w, &c, e.pos,
                 fmt::format("secret passed as environment variable {}: environments leak into "
                             "logs, crash dumps and child processes; mount it as a file",
                             e.name));
    }
  });
}

// ---- images ----

void CheckImageTag(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (c.image.value.empty() || c.image_has_variables) return;
    runtime::ImageRef ref = runtime::ParseImageRef(c.image.value);
    if (!ref.digest.empty()) return;
    if (!ref.tag.empty() && ref.tag != "latest") return;
    out.Report(w, &c, c.image.pos,
               fmt::format("image {} {}: what runs changes whenever the tag moves",
                           c.image.value, ref.tag.empty() ? "has no tag (so :latest)"
                                                          : "uses the latest tag"));
  });
}

void CheckImageDigest(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (c.image.value.empty() || c.image_has_variables) return;
    // docker inspect records the name the container was started with; its image is fixed.
    if (w.input == InputKind::kDockerInspect) return;
    runtime::ImageRef ref = runtime::ParseImageRef(c.image.value);
    if (!ref.digest.empty() || ref.tag.empty() || ref.tag == "latest") return;
    out.Report(w, &c, c.image.pos,
               fmt::format("image {} is not pinned by digest (@sha256:...)", c.image.value));
  });
}

// ---- Kubernetes pod settings ----

void CheckServiceAccountToken(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    if (!IsK8s(w) || w.automount_service_account_token.Is(false)) continue;
    out.Report(w, nullptr, Or(w.automount_service_account_token.pos, w.pos),
               "automountServiceAccountToken is not false: the pod's API token is mounted "
               "into every container");
  }
}

void CheckSysctls(const RuntimeModel& m, RuntimeRuleContext& out) {
  static constexpr std::string_view kSafe[] = {
      "kernel.shm_rmid_forced",         "net.ipv4.ip_local_port_range",
      "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
      "net.ipv4.ping_group_range",      "net.ipv4.ip_local_reserved_ports",
      "net.ipv4.tcp_keepalive_time",    "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl",   "net.ipv4.tcp_keepalive_probes"};
  for (const Workload& w : m.workloads) {
    if (!IsK8s(w)) continue;
    for (const auto& s : w.sysctls) {
      std::string_view name = std::string_view(s.value).substr(0, s.value.find('='));
      if (std::find(std::begin(kSafe), std::end(kSafe), name) != std::end(kSafe)) continue;
      out.Report(w, nullptr, s.pos,
                 fmt::format("sysctl {} is not in the Pod Security Standards' safe set",
                             name));
    }
  }
}

void CheckRestart(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const Workload& w : m.workloads) {
    if (IsK8s(w) || !w.restart.set()) continue;
    const std::string& policy = *w.restart.value;
    bool unbounded = policy == "always" || policy == "unless-stopped" || policy == "any";
    if (policy == "on-failure") {
      unbounded = !w.restart_max_retries.set() || *w.restart_max_retries.value <= 0 ||
                  *w.restart_max_retries.value > 5;
    }
    if (!unbounded) continue;
    out.Report(w, nullptr, w.restart.pos,
               fmt::format("restart policy {}{} restarts a crashing container without bound; "
                           "use on-failure with at most 5 retries",
                           policy,
                           w.restart_max_retries.set()
                               ? fmt::format(" (max {})", *w.restart_max_retries.value)
                               : std::string()));
  }
}

void CheckProbes(const RuntimeModel& m, RuntimeRuleContext& out) {
  ForContainers(m, [&](const Workload& w, const Container& c) {
    if (IsK8s(w)) {
      if (!w.long_running || c.role != ContainerRole::kMain) return;
      bool live = c.liveness_probe.Is(true);
      bool ready = c.readiness_probe.Is(true);
      if (live && ready) return;
      out.Report(w, &c, c.pos,
                 fmt::format("no {}: failures are not detected and traffic is not held back",
                             !live && !ready ? "livenessProbe and no readinessProbe"
                             : !live         ? "livenessProbe"
                                             : "readinessProbe"));
      return;
    }
    if (!c.healthcheck.Is(false)) return;
    out.Report(w, &c, c.healthcheck.pos,
               std::string(Say(w, "", "the healthcheck is disabled",
                               "--no-healthcheck disables the health check",
                               "no health check is configured (Config.Healthcheck)")));
  });
}

// ---- RBAC ----

bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void CheckRbacWildcard(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const auto& r : m.roles) {
    for (const auto& rule : r.rules) {
      bool verbs = Has(rule.verbs, "*");
      bool resources = Has(rule.resources, "*");
      if (!verbs && !resources) continue;
      out.Report(r.file, r.resource, rule.pos,
                 fmt::format("rule grants {}{}{}", verbs ? "every verb (*)" : "",
                             verbs && resources ? " on " : "",
                             resources ? "every resource (*)" : ""));
    }
  }
}

void CheckRbacSecrets(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const auto& r : m.roles) {
    for (const auto& rule : r.rules) {
      if (!Has(rule.resources, "secrets") || !rule.resource_names.empty()) continue;
      std::vector<std::string> verbs;
      for (const char* v : {"get", "list", "watch", "*"}) {
        if (Has(rule.verbs, v)) verbs.emplace_back(v);
      }
      if (verbs.empty()) continue;
      out.Report(r.file, r.resource, rule.pos,
                 fmt::format("rule allows {} on secrets{}", Join(verbs, ", "),
                             r.kind == "ClusterRole" ? " in every namespace it is bound for"
                                                     : ""));
    }
  }
}

void CheckRbacExec(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const auto& r : m.roles) {
    for (const auto& rule : r.rules) {
      for (const char* sub : {"pods/exec", "pods/attach"}) {
        if (!Has(rule.resources, sub)) continue;
        if (!Has(rule.verbs, "create") && !Has(rule.verbs, "get") && !Has(rule.verbs, "*")) {
          continue;
        }
        out.Report(r.file, r.resource, rule.pos,
                   fmt::format("rule allows {}: a shell in any pod it covers", sub));
      }
    }
  }
}

void CheckRbacEscalation(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const auto& r : m.roles) {
    for (const auto& rule : r.rules) {
      for (const char* verb : {"escalate", "bind", "impersonate"}) {
        if (!Has(rule.verbs, verb)) continue;
        out.Report(r.file, r.resource, rule.pos,
                   fmt::format("rule allows the {} verb: a way to gain permissions the role "
                               "does not have",
                               verb));
      }
    }
  }
}

void CheckClusterAdminBinding(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const auto& b : m.bindings) {
    bool admin = b.role_name == "cluster-admin" ||
                 (b.kind == "ClusterRoleBinding" && (b.role_name == "admin" ||
                                                     b.role_name == "edit"));
    if (!admin || b.role_kind != "ClusterRole") continue;
    out.Report(b.file, b.resource, b.role_pos,
               fmt::format("{} grants ClusterRole {} to {} subject(s)", b.kind, b.role_name,
                           b.subjects.size()));
  }
}

void CheckBroadSubjects(const RuntimeModel& m, RuntimeRuleContext& out) {
  for (const auto& b : m.bindings) {
    for (const auto& s : b.subjects) {
      if (s.name != "system:anonymous" && s.name != "system:unauthenticated" &&
          s.name != "system:authenticated" && s.name != "system:masters") {
        continue;
      }
      out.Report(b.file, b.resource, s.pos,
                 fmt::format("{} binds {} {} to {} {}", b.kind, b.role_kind, b.role_name,
                             s.kind.empty() ? "subject" : s.kind, s.name));
    }
  }
}

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

void RuntimeRuleContext::Report(const runtime::Workload& w, const runtime::Container* c,
                                runtime::Pos pos, std::string message) {
  if (pos.line == 0) pos = c && c->pos.line ? c->pos : w.pos;
  Misconfiguration f = MakeFinding(rule_.info, "runtime", w.file.empty() ? "command line" : w.file,
                                   std::move(message));
  f.resource = w.resource;
  if (c && w.input == runtime::InputKind::kKubernetes) {
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

std::span<const RuntimeRule> RuntimeRules() { return kRules; }

std::vector<const RuleInfo*> RuntimeRuleInfos() {
  std::vector<const RuleInfo*> out;
  for (const RuntimeRule& r : kRules) out.push_back(&r.info);
  return out;
}

std::vector<Misconfiguration> EvaluateRuntimeRules(const runtime::RuntimeModel& model) {
  std::vector<Misconfiguration> out;
  for (const RuntimeRule& rule : kRules) {
    RuntimeRuleContext ctx(rule, out);
    rule.check(model, ctx);
  }
  return out;
}

bool IsSecretLikeName(std::string_view name) {
  static const std::set<std::string, std::less<>> kSecretWords = {
      "PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "SECRETS", "TOKEN", "CREDENTIAL",
      "CREDENTIALS", "APIKEY", "PASSPHRASE", "PRIVATEKEY", "SECRETKEY", "ACCESSKEY"};
  static const std::set<std::string, std::less<>> kKeyQualifiers = {
      "API", "ACCESS", "PRIVATE", "SECRET", "ENCRYPTION", "SIGNING", "CLIENT", "MASTER",
      "AUTH", "SSH", "LICENSE", "APP", "SERVICE", "STRIPE", "SENDGRID"};
  static const std::set<std::string, std::less<>> kNotSecret = {
      "FILE", "PATH", "DIR", "TTL", "EXPIRY", "EXPIRES", "EXPIRATION", "LENGTH", "LEN",
      "SIZE", "TIMEOUT", "NAME", "USER", "USERNAME", "HEADER", "ENABLED", "ENABLE",
      "DISABLED", "ID", "TYPE", "MODE", "POLICY", "ALGORITHM", "ALG", "PREFIX", "REF",
      "MIN", "MAX", "LIFETIME", "COUNT", "PERIOD", "ENDPOINT", "HOST", "PORT", "FORMAT",
      "ROTATION", "VERSION", "REQUIRED", "FIELD", "PARAM", "KIND", "SOURCE", "ISSUER",
      "AUDIENCE", "SCOPE", "SCOPES", "URL", "URI", "LOCATION", "STORE", "PROVIDER"};
  std::vector<std::string> tokens = NameTokens(name);
  if (tokens.empty() || kNotSecret.contains(tokens.back())) return false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (kSecretWords.contains(tokens[i])) return true;
    if (tokens[i] == "KEY" && i > 0 && kKeyQualifiers.contains(tokens[i - 1])) return true;
  }
  return false;
}

}  // namespace portcullis
