// Fuzz target: every version comparator (dpkg, apk, rpm, semver, PEP 440, Maven, RubyGems).
// The input is two versions separated by a NUL byte. Each comparator must not crash, must be
// antisymmetric (sign(a,b) == -sign(b,a)) and reflexive (a == a).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vulndb/version/version.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis::version;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nul = in.find('\0');
  std::string_view a = in.substr(0, nul);
  std::string_view b = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
  auto sign = [](int v) { return (v > 0) - (v < 0); };
  for (Scheme s : {Scheme::kDpkg, Scheme::kApk, Scheme::kRpm, Scheme::kSemver, Scheme::kPep440,
                   Scheme::kMaven, Scheme::kRubyGems}) {
    if (sign(Compare(s, a, b)) != -sign(Compare(s, b, a))) std::abort();
    if (Compare(s, a, a) != 0 || Compare(s, b, b) != 0) std::abort();
  }
  return 0;
}
