// Fuzz target: the hardening files analyzer (account files, sudoers.d, credential candidates and
// their prefilters, the per-layer budget). The first byte picks the file path.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/file/hardening_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  if (size == 0) return 0;
  static const char* const kPaths[] = {
      "etc/passwd", "etc/sudoers.d/x", "root/.ssh/id_rsa", "etc/ssl/private/a.key",
      "root/.docker/config.json", "home/u/.aws/credentials", "etc/ssl/certs/a.pem",
      "etc/shadow"};
  std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  TarEntry entry;
  entry.path = kPaths[data[0] % (sizeof(kPaths) / sizeof(kPaths[0]))];
  entry.size = content.size();
  HardeningFilesAnalyzer analyzer;
  LayerFacts facts;
  if (analyzer.Wants(entry)) analyzer.Analyze(entry, content, facts);
  if (!facts.package_files.empty()) __builtin_trap();  // not this analyzer's
  for (const auto& [path, kept] : facts.collected) {
    if (path != entry.path) __builtin_trap();  // kept under the file's own path
  }
  if (facts.hardening_kept_bytes > kMaxKeptBytesPerLayer) __builtin_trap();
  return 0;
}
