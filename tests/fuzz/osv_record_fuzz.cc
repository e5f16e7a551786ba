// Fuzz target: the OSV record parser, the quick id/modified scan of import (which must agree
// with the parser whenever it answers), and the range evaluation of what was parsed (every
// version scheme), which must neither crash nor hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/strings.h"
#include "detector/vuln/matcher.h"
#include "vulndb/importer.h"
#include "vulndb/osv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view id, modified;
  bool quick = vulndb::QuickIdAndModified(text, id, modified);
  auto rec = vulndb::ParseOsv(text, "fuzz");
  // The quick scan may give up, but when it answers it agrees with the parser.
  if (quick && rec && IsValidUtf8(id) && IsValidUtf8(modified) &&
      (rec->id != id || rec->modified != modified)) {
    std::abort();
  }
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
