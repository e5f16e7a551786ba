// Fuzz target: the hardening files analyzer (dpkg .list and apk database reduction, account and
// credential files) and the reader of what it keeps. The first byte picks the file path.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/file/hardening_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  if (size == 0) return 0;
  static const char* const kPaths[] = {
      "var/lib/dpkg/info/libc6:amd64.list", "lib/apk/db/installed", "etc/passwd",
      "etc/sudoers.d/x", "root/.ssh/id_rsa", "etc/ssl/private/a.key",
      "root/.docker/config.json", "home/u/.aws/credentials"};
  std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  TarEntry entry;
  entry.path = kPaths[data[0] % (sizeof(kPaths) / sizeof(kPaths[0]))];
  entry.size = content.size();
  HardeningFilesAnalyzer analyzer;
  LayerFacts facts;
  if (analyzer.Wants(entry)) analyzer.Analyze(entry, content, facts);
  for (const auto& [db, list] : facts.package_files) {
    if (db != entry.path) __builtin_trap();  // keyed by the database's own path
    ForEachPackageFile(list, [](std::string_view path, std::string_view package) {
      if (!IsAttributedPath(path) || package.find('\n') != std::string_view::npos) {
        __builtin_trap();  // only attributed paths are kept
      }
    });
  }
  return 0;
}
