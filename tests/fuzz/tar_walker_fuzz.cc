// Fuzz target: a layer blob (any compression) through decompression and the tar walker, with
// every entry's content read, under small limits.
#include <cstddef>
#include <cstdint>

#include "layer/decompress.h"
#include "layer/tar_walker.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  Limits limits;
  limits.max_layer_bytes = 16 << 20;
  limits.max_entries = 10000;
  limits.max_path_length = 1024;
  auto stream = OpenDecompressed(std::make_unique<MemoryStream>(std::span(data, size)), "fuzz");
  if (!stream) return 0;
  std::vector<Diagnostic> diagnostics;
  auto stats = WalkTar(**stream, "fuzz", limits,
                       [](const TarEntry& e, EntryReader& r) -> Result<void> {
                         if (e.path.empty() || e.path.front() == '/' ||
                             e.path.find("..") == 0) {
                           __builtin_trap();  // normalisation must never let these through
                         }
                         for (;;) {
                           auto block = PC_TRY(r.NextBlock());
                           if (block.empty()) return {};
                         }
                       },
                       diagnostics);
  (void)stats;
  return 0;
}
