// Fuzz target: the image configuration JSON parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "source/image_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  auto config = ParseImageConfig(std::string_view(reinterpret_cast<const char*>(data), size),
                                 "fuzz", Limits{});
  if (config) (void)LayerHistory(*config);
  return 0;
}
