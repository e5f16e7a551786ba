// Runtime rules about the container file system and resource limits: read-only root file
// system, memory, CPU and PID limits.
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

// ---- filesystem and resources ----

namespace {

bool Counts(const Container& c) { return c.role != ContainerRole::kEphemeral; }

}  // namespace

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

namespace {

bool Unlimited(const runtime::Field<std::string>& f) {
  if (!f.set()) return true;
  std::string_view v = Trim(*f.value);
  return v.empty() || v == "0" || v == "-1";
}

}  // namespace

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


}  // namespace portcullis::runtime
