// Fuzzes the --secret-config YAML loader; small configs that parse are also compiled and run.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/secret/secret_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cfg = portcullis::ParseSecretConfig(text, "fuzz.yaml");
  if (!cfg) return 0;
  // Compiling is bounded by the rule and regex limits; keep the fuzzer's iterations fast.
  size_t regex_bytes = 0;
  for (const auto& r : cfg->rules) regex_bytes += r.regex.size();
  if (cfg->rules.size() > 4 || regex_bytes > 256) return 0;
  // Compile only the fuzzed rules: the built-in database takes a second under ASan.
  cfg->disable_rules.clear();
  for (const auto& r : portcullis::BuiltinSecretRules()) cfg->disable_rules.emplace_back(r.info.id);
  auto scanner = portcullis::SecretScanner::Create(*cfg);
  if (!scanner) return 0;
  (void)(*scanner)->ScanText("token = \"acme_0123456789abcdef0123456789abcdef\"\n", "a/b.env");
  return 0;
}
