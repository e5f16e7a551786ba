// libFuzzer target: Java archives (zip via libarchive from memory, nested archives,
// pom.properties) on arbitrary bytes, with small limits so nesting is exercised quickly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/lang/java.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  std::vector<portcullis::Diagnostic> diagnostics;
  portcullis::JavaArchiveLimits limits;
  limits.max_nested_bytes = 8 << 20;
  limits.max_entries = 10'000;
  auto packages = portcullis::ReadJavaArchive(content, "app.jar", diagnostics, limits);
  for (const auto& p : packages) {
    if (p.name.empty() || p.version.empty()) __builtin_trap();
  }
  portcullis::ParsePomProperties(content, "app.jar");
  return 0;
}
