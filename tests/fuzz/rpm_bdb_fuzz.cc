// libFuzzer target: rpm's Berkeley DB Packages file (hash pages, overflow chains, then the
// header parser on every record) on arbitrary bytes. Seed: tests/data/rpm/Packages-512.bdb.zst
// decompressed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/pkg/rpm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  std::vector<portcullis::Diagnostic> diagnostics;
  auto packages = portcullis::ReadRpmBdb(content, "var/lib/rpm/Packages", diagnostics);
  (void)packages;
  return 0;
}
