// libFuzzer target: npm package.json parsing (through the bounded JSON reader) and the
// installed-package path rule, on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/lang/npm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  std::vector<portcullis::Diagnostic> diagnostics;
  auto p = portcullis::ParsePackageJson(content, "node_modules/x/package.json", diagnostics);
  if (p && (p->name.empty() || p->version.empty() || p->purl.empty())) __builtin_trap();
  portcullis::IsInstalledPackageJsonPath(content);
  return 0;
}
