// Fuzz target: the OS package file-list reduction (dpkg .list, apk database) and the reader of
// what it keeps. The first byte picks the file path (an even byte a dpkg list, an odd one apk's
// database); every kept line must be one the applier or the hardening rules use.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/pkg/package_file_lists.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  if (size == 0) return 0;
  static const char* const kPaths[] = {"var/lib/dpkg/info/libc6:amd64.list",
                                       "lib/apk/db/installed"};
  std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  TarEntry entry;
  entry.path = kPaths[data[0] % 2];
  entry.size = content.size();
  PackageFileListsAnalyzer analyzer;
  LayerFacts facts;
  if (analyzer.Wants(entry)) analyzer.Analyze(entry, content, facts);
  for (const auto& [db, list] : facts.package_files) {
    if (db != entry.path) __builtin_trap();  // keyed by the list's own path
    ForEachPackageFile(list, [](std::string_view path, std::string_view package) {
      if (!(IsAttributedPath(path) || IsLanguagePackagePath(path)) ||
          package.find_first_of("\t\r\n") != std::string_view::npos) {
        __builtin_trap();  // only used paths, and names that read back as written
      }
    });
  }
  return 0;
}
