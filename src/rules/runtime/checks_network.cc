// Runtime rules about the network: published ports, privileged ports, the default bridge and
// Kubernetes NetworkPolicies.
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

// ---- network ----

namespace {

bool AllInterfaces(std::string_view ip) {
  return ip.empty() || ip == "0.0.0.0" || ip == "::" || ip == "[::]";
}

}  // namespace

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


}  // namespace portcullis::runtime
