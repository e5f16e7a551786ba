// libFuzzer target: a whole rpmdb.sqlite file read from memory (SQLite's b-tree reader on
// hostile pages, then the header parser on every row). Seeds: tests/data/rpm/rpmdb.sqlite.zst
// decompressed into tests/fuzz/corpus/rpmdb_sqlite/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/pkg/rpm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  std::vector<portcullis::Diagnostic> diagnostics;
  auto packages = portcullis::ReadRpmSqlite(content, "var/lib/rpm/rpmdb.sqlite", diagnostics);
  (void)packages;
  return 0;
}
