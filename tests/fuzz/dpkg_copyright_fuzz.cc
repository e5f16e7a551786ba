// libFuzzer target: the Debian copyright-file licence reader on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/pkg/dpkg_copyright.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  auto licenses = portcullis::ParseDebianCopyright(content);
  if (licenses.size() > 64) __builtin_trap();  // contract: bounded
  return 0;
}
