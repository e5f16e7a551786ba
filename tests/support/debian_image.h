// Test support: where the debootstrap-built Debian 12 test image is (tests/tools/
// make-debian-image.sh, which the README's test command runs before ctest): the cache directory
// ($PORTCULLIS_TEST_CACHE, else /var/cache/portcullis-test) holding bookworm-rootfs,
// bookworm-oci, bookworm-oci.tar, bookworm-docker.tar and the bookworm.done marker.
//
// A test that needs the image FAILS when it is missing (REQUIRE_DEBIAN_TEST_IMAGE): a run that
// did not build it must not pass by skipping. Used from test threads only.
#pragma once

#include <string>

namespace portcullis::testing {

// The cache directory of the test images.
std::string TestImageCache();

// Whether make-debian-image.sh finished (bookworm.done is written last).
bool DebianTestImageReady();

}  // namespace portcullis::testing

// Fails (and returns from) the current test when the Debian test image is missing.
#define REQUIRE_DEBIAN_TEST_IMAGE()                                                           \
  if (!::portcullis::testing::DebianTestImageReady()) {                                       \
    FAIL() << "the Debian test image is missing in " << ::portcullis::testing::TestImageCache() \
           << ": run tests/tools/make-debian-image.sh (scripts/test does)";                   \
  }
