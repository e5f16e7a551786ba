// The runtime-configuration rules (catalog "runtime", ids PC-RT-nnn): one table entry per rule,
// each with its metadata (aliases: Trivy KSV, kubesec, CIS Docker Benchmark 5.x, Checkov) and
// a check function over the normalised model of config/runtime/model.h. A rule is written
// once and fires the same way for Kubernetes manifests, compose services, `docker run` lines
// and `docker inspect` output. The table is immutable; evaluate from any thread.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "config/runtime/model.h"
#include "core/rule_info.h"

namespace portcullis {

class RuntimeRuleContext;

struct RuntimeRule {
  RuleInfo info;
  uint8_t inputs;  // bit set of runtime::InputKind the rule can fire on
  void (*check)(const runtime::RuntimeModel& model, RuntimeRuleContext& out);
};

// Collects the findings of one rule: fills in kind, target, resource, path, line and column.
class RuntimeRuleContext {
 public:
  RuntimeRuleContext(const RuntimeRule& rule, std::vector<Misconfiguration>& out)
      : rule_(rule), out_(out) {}

  // A finding about workload `w` (and container `c`, when not null) at `pos`; a zero `pos`
  // falls back to the container's, then the workload's position.
  void Report(const runtime::Workload& w, const runtime::Container* c, runtime::Pos pos,
              std::string message);
  // A finding about a non-workload object (RBAC, namespace).
  void Report(const std::string& file, const std::string& resource, runtime::Pos pos,
              std::string message);

 private:
  const RuntimeRule& rule_;
  std::vector<Misconfiguration>& out_;
};

// Every runtime rule, in id order.
std::span<const RuntimeRule> RuntimeRules();

// The catalog's name and document heading (docs/rules/runtime.md).
inline constexpr RuleCatalogDoc kRuntimeCatalog = {
    "runtime", "Runtime configuration rules (portcullis config)",
    "Checks of how containers are run, evaluated on one model shared by Kubernetes "
    "manifests, docker-compose files, `docker run` command lines and `docker inspect` "
    "output, so the same setting is the same finding in every syntax."};

// Runs every rule over `model`. Findings are in rule order, then model order.
std::vector<Misconfiguration> EvaluateRuntimeRules(const runtime::RuntimeModel& model);

}  // namespace portcullis
