#include "support/debian_image.h"

#include <cstdlib>
#include <filesystem>

namespace portcullis::testing {

std::string TestImageCache() {
  const char* env = std::getenv("PORTCULLIS_TEST_CACHE");
  return env && *env ? env : "/var/cache/portcullis-test";
}

bool DebianTestImageReady() {
  std::error_code ec;
  return std::filesystem::exists(TestImageCache() + "/bookworm.done", ec);
}

}  // namespace portcullis::testing
