// libFuzzer target: portcullis.yaml and .hadolint.yaml readers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/project_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto own = portcullis::ParseProjectConfig(text, "portcullis.yaml");
  if (own) (void)own->For("dockerfile");
  auto hadolint = portcullis::ParseHadolintConfig(text, ".hadolint.yaml");
  if (hadolint) (void)hadolint->For("dockerfile");
  return 0;
}
