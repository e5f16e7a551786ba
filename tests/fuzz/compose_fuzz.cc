// libFuzzer target: compose files and their .env. The input is split at the first NUL byte:
// the part before it is the .env text, the rest the compose file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/compose/interpolate.h"
#include "config/runtime/input.h"
#include "rules/runtime/runtime_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  size_t nul = all.find('\0');
  std::string_view dotenv = nul == std::string_view::npos ? "" : all.substr(0, nul);
  std::string_view text = nul == std::string_view::npos ? all : all.substr(nul + 1);
  using namespace portcullis;
  (void)runtime::Interpolate(text.substr(0, 4096), runtime::ParseDotEnv(dotenv));
  runtime::FileAudit audit =
      runtime::AuditText(text, "compose.yaml", runtime::ConfigKind::kCompose, dotenv);
  for (const auto& f : EvaluateRuntimeRules(audit.model)) (void)audit.suppressions.Suppresses(f);
  return 0;
}
