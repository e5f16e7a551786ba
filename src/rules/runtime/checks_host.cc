// Runtime rules about access to the host: shared host namespaces (network, PID, IPC, UTS,
// user), and mounts of host paths, runtime sockets and devices.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "config/runtime/values.h"
#include "core/strings.h"
#include "rules/runtime/checks.h"

namespace portcullis::runtime {

// ---- namespaces ----

namespace {

template <runtime::Field<bool> Workload::*kField>
void CheckHostNamespace(const Workload& w, RuntimeRuleContext& out, std::string_view k8s,
                        std::string_view compose, std::string_view run,
                        std::string_view inspect, std::string_view effect) {
  const auto& f = w.*kField;
  if (!f.Is(true)) return;
  out.Report(w, nullptr, f.pos, fmt::format("{}: {}", Say(w, k8s, compose, run, inspect), effect));
}

}  // namespace

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

namespace {

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

}  // namespace

namespace {

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

}  // namespace

namespace {

bool IsDevicePath(const std::string& p, const Mount& m) {
  return p.starts_with("/dev/") || m.host_path_type == "CharDevice" ||
         m.host_path_type == "BlockDevice";
}

}  // namespace

namespace {

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

}  // namespace

namespace {

std::string MountText(const Workload& w, const Mount& m) {
  std::string mode = m.read_only ? "read-only" : "writable";
  if (IsK8s(w)) {
    return m.target.empty() ? fmt::format("hostPath {} ({})", m.source, mode)
                            : fmt::format("hostPath {} at {} ({})", m.source, m.target, mode);
  }
  return fmt::format("host path {} at {} ({})", m.source, m.target, mode);
}

}  // namespace

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


}  // namespace portcullis::runtime
