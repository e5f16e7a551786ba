// libFuzzer target: the gemspec literal reader on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/lang/ruby.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  std::vector<portcullis::Diagnostic> diagnostics;
  auto p = portcullis::ParseGemspec(content, "specifications/x.gemspec", diagnostics);
  if (p && (p->name.empty() || p->version.empty() || p->licenses.size() > 16)) __builtin_trap();
  portcullis::IsInstalledGemspecPath(content);
  return 0;
}
