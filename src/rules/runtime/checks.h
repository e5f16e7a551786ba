// The check functions of the runtime rule table (runtime_rules.cc) and the helpers they share.
// Internal to src/rules/runtime: the checks are split by family (checks_privileges.cc,
// checks_resources.cc, checks_host.cc, checks_network.cc, checks_images_env.cc,
// checks_kubernetes.cc); each is a pure function of the model that reports through its
// RuntimeRuleContext, so any thread may run them on its own model.
#pragma once

#include <cstdint>
#include <string_view>

#include "config/runtime/model.h"
#include "rules/runtime/runtime_rules.h"

namespace portcullis::runtime {

// The input kinds a rule can fire on (RuntimeRule::inputs).
inline constexpr uint8_t kK8s = static_cast<uint8_t>(InputKind::kKubernetes);
inline constexpr uint8_t kCompose = static_cast<uint8_t>(InputKind::kCompose);
inline constexpr uint8_t kRun = static_cast<uint8_t>(InputKind::kDockerRun);
inline constexpr uint8_t kAll = kAllInputs;
inline constexpr uint8_t kDocker = kDockerInputs;

// Picks the spelling of a setting in the input the workload came from.
inline std::string_view Say(const Workload& w, std::string_view k8s, std::string_view compose,
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

inline Pos Or(Pos a, Pos b) { return a.line != 0 ? a : b; }

inline bool IsK8s(const Workload& w) { return w.input == InputKind::kKubernetes; }

void CheckHostNetwork(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckHostPid(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckHostIpc(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckHostUts(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckUserNamespace(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckRuntimeSocket(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckSensitiveMount(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckHostPath(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckPropagation(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckDevices(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckSecretEnv(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckSecretValueEnv(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckSecretRefEnv(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckImageTag(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckImageDigest(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckServiceAccountToken(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckSysctls(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckRestart(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckProbes(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckRbacWildcard(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckRbacSecrets(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckRbacExec(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckRbacEscalation(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckClusterAdminBinding(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckBroadSubjects(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckPublishedPorts(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckPrivilegedPorts(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckDefaultBridge(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckNetworkPolicy(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckPrivileged(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckPrivilegeEscalation(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckDangerousCaps(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckOtherCaps(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckDropAll(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckRunsAsRoot(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckNonRootNotEnforced(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckRootGroup(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckSeccompUnconfined(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckSeccompMissing(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckAppArmorUnconfined(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckSelinux(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckProcMount(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckHostProcess(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckReadOnlyRoot(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckMemoryLimit(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckCpuLimit(const RuntimeModel& m, RuntimeRuleContext& out);
void CheckPidsLimit(const RuntimeModel& m, RuntimeRuleContext& out);

}  // namespace portcullis::runtime
