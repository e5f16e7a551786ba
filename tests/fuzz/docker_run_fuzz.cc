// libFuzzer target: shell scripts / Makefiles with docker run lines, and the same text as a CI
// YAML file whose command strings are scanned.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/runtime/input.h"
#include "rules/runtime/runtime_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace portcullis;
  for (auto kind : {runtime::ConfigKind::kScript, runtime::ConfigKind::kCi}) {
    runtime::FileAudit audit = runtime::AuditText(text, "run.sh", kind);
    for (const auto& f : EvaluateRuntimeRules(audit.model)) (void)audit.suppressions.Suppresses(f);
  }
  return 0;
}
