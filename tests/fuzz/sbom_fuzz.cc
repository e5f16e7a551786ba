// Fuzz target: the CycloneDX / SPDX SBOM reader (and the purl parser it uses).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "source/sbom_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ReadSbom(text, "fuzz", Limits{});
  (void)ParsePurl(text.substr(0, 512));
  return 0;
}
