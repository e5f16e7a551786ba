// libFuzzer target: docker inspect JSON through the positioned parser, the inspect reader and
// every runtime rule.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/runtime/input.h"
#include "rules/runtime/runtime_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace portcullis;
  runtime::FileAudit audit =
      runtime::AuditText(text, "inspect.json", runtime::ConfigKind::kDockerInspect);
  for (const auto& f : EvaluateRuntimeRules(audit.model)) (void)audit.suppressions.Suppresses(f);
  return 0;
}
