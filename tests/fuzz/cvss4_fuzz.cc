// Fuzz target: the CVSS v4.0 vector scorer. A score, when there is one, is within 0..10 on the
// one-decimal grid with its qualitative rating, and its MacroVector has six EQ digits.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "detector/vuln/cvss.h"
#include "detector/vuln/cvss4.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto s =
      portcullis::vuln::ScoreCvss4(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!s) return 0;
  if (s->score < 0 || s->score > 10) std::abort();
  if (std::abs(s->score * 10 - std::round(s->score * 10)) > 1e-9) std::abort();
  if (s->severity != portcullis::vuln::SeverityOfScore(s->score)) std::abort();
  if (s->macro_vector.size() != 6) std::abort();
  return 0;
}
