// libFuzzer target: Kubernetes manifests (YAML and JSON, multi-document) through the positioned
// YAML parser, the Kubernetes reader, inline suppressions and every runtime rule.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/runtime/input.h"
#include "rules/runtime/runtime_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace portcullis;
  runtime::FileAudit audit = runtime::AuditText(text, "fuzz.yaml", runtime::ConfigKind::kKubernetes);
  for (const auto& f : EvaluateRuntimeRules(audit.model)) (void)audit.suppressions.Suppresses(f);
  return 0;
}
