// Runtime rules about privileges: privileged containers, privilege escalation, capabilities,
// the user a container runs as, and seccomp/AppArmor/SELinux confinement.
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

namespace {

const std::set<std::string, std::less<>>& DangerousCaps() {
  static const std::set<std::string, std::less<>> caps = {
      "ALL",        "SYS_ADMIN",  "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE",  "NET_RAW",
      "DAC_READ_SEARCH", "SYS_RAWIO", "SYS_BOOT", "BPF", "PERFMON", "SYS_TIME", "MAC_ADMIN",
      "MAC_OVERRIDE", "SYSLOG", "LINUX_IMMUTABLE"};
  return caps;
}

}  // namespace

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

namespace {

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

}  // namespace

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


}  // namespace portcullis::runtime
