// libFuzzer target: portcullis.yaml and .hadolint.yaml readers, and the section key check.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/project_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto own = portcullis::ParseProjectConfig(text, "portcullis.yaml");
  if (own) {
    for (std::string_view command : {"dockerfile", "config"}) {
      auto keys = own->CheckSectionKeys(command);
      // Only a key the format does not define is refused, and it is named with its line.
      if (!keys && (keys.error().path != "portcullis.yaml" || keys.error().position == 0)) {
        __builtin_trap();
      }
      (void)own->For(command);
    }
  }
  auto hadolint = portcullis::ParseHadolintConfig(text, ".hadolint.yaml");
  if (hadolint) (void)hadolint->For("dockerfile");
  return 0;
}
