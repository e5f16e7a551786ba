// Fuzz target: a whole image archive (docker-archive or OCI layout packed as a tar): the tar
// index, manifest.json / index.json / manifests, the image config, and every layer walked.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "source/source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  int fd = memfd_create("image", 0);
  if (fd < 0) return 0;
  if (write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    return 0;
  }
  Limits limits;
  limits.max_layer_bytes = 8 << 20;
  limits.max_image_bytes = 16 << 20;
  limits.max_entries = 5000;
  limits.max_json_bytes = 1 << 20;
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  for (const char* prefix : {"docker-archive:", "oci-archive:"}) {
    auto source = OpenSource(prefix + path, "", limits);
    if (!source) continue;
    for (size_t i = 0; i < (*source)->layer_count(); ++i) {
      std::vector<Diagnostic> diagnostics;
      ByteBudget budget;
      auto stats = (*source)->WalkLayer(
          i, limits,
          [](const TarEntry&, EntryReader& r) -> Result<void> {
            while (!PC_TRY(r.NextBlock()).empty()) {
            }
            return {};
          },
          diagnostics, &budget, {});
      (void)stats;
    }
  }
  close(fd);
  return 0;
}
