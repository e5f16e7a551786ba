// Fuzz target: the CVSS v3 vector scorer; a score, when there is one, is within 0..10.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "detector/vuln/cvss.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto s = portcullis::vuln::ScoreCvss3(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (s && (s->base < 0 || s->base > 10)) std::abort();
  return 0;
}
