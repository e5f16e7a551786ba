// libFuzzer target: the Python core-metadata (METADATA / PKG-INFO) parser on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/lang/python.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  std::vector<portcullis::Diagnostic> diagnostics;
  auto p = portcullis::ParsePythonMetadata(content, "site-packages/x.dist-info/METADATA",
                                           diagnostics);
  if (p && (p->name.empty() || p->version.empty() || p->purl.empty())) __builtin_trap();
  portcullis::IsPythonMetadataPath(content);
  return 0;
}
