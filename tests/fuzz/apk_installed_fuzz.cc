// libFuzzer target: the apk installed-database parser on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/pkg/apk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  std::vector<portcullis::Diagnostic> diagnostics;
  auto packages = portcullis::ParseApkInstalled(content, "lib/apk/db/installed", diagnostics);
  for (const auto& p : packages) {
    if (p.name.empty() || p.version.empty()) __builtin_trap();  // contract: both always set
  }
  return 0;
}
