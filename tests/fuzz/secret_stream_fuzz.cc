// Fuzzes the streaming secret scanner: arbitrary bytes, split into blocks at positions chosen by
// the input, must neither crash nor disagree with the one-block scan of the same bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/secret/secret_scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto scanner = portcullis::SecretScanner::Builtin();
  if (!scanner || size < 2) return 0;
  const size_t step = 1 + (data[0] | (data[1] << 8)) % 4096;
  std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  // Path "x.p12" also exercises the path-only rules on odd inputs.
  const std::string_view path = (data[0] & 1) ? "app/config.env" : "app/key.p12";
  auto stream = (*scanner)->OpenStream(path);
  size_t i = 0, n = step;
  while (i < text.size()) {
    size_t len = std::min(n, text.size() - i);
    stream->Feed({reinterpret_cast<const uint8_t*>(text.data() + i), len});
    i += len;
    n = 1 + (n * 7 + 3) % step;  // varying block sizes
  }
  auto split = stream->Finish();
  auto whole = (*scanner)->ScanText(text, path);
  if (split.size() != whole.size()) __builtin_trap();
  for (size_t k = 0; k < split.size(); ++k) {
    if (split[k].rule_id != whole[k].rule_id || split[k].line != whole[k].line ||
        split[k].match != whole[k].match)
      __builtin_trap();
  }
  return 0;
}
