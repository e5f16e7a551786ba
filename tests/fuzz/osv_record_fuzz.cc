// Fuzz target: the OSV record parser, and the range evaluation of what it parsed (every
// version scheme), which must neither crash nor hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detector/vuln/matcher.h"
#include "vulndb/osv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  auto rec = vulndb::ParseOsv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!rec) return 0;
  size_t evaluated = 0;
  for (const auto& a : rec->affected) {
    auto scheme = version::SchemeForEcosystem(a.ecosystem);
    if (!scheme || ++evaluated > 16) continue;
    for (const auto& v : a.versions) {
      (void)vuln::EvaluateRanges(*scheme, v, a.ranges, false);
      break;
    }
    (void)vuln::EvaluateRanges(*scheme, "1.0.0", a.ranges, false);
  }
  return 0;
}
