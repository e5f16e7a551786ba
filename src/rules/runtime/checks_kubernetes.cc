// Runtime rules specific to Kubernetes: pod settings (service account tokens, sysctls,
// restart policy, probes) and RBAC roles and bindings.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analyzer/secret/secret_scanner.h"
#include "config/runtime/values.h"
#include "core/strings.h"
#include "rules/runtime/checks.h"

namespace portcullis::runtime {

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

namespace {

bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

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


}  // namespace portcullis::runtime
