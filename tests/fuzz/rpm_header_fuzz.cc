// libFuzzer target: the rpm header blob parser on arbitrary bytes, the package it makes, and
// the file list (DIRNAMES/BASENAMES/DIRINDEXES, OLDFILENAMES) read from it.
#include <cstddef>
#include <cstdint>
#include <span>

#include "analyzer/pkg/rpm.h"
#include "analyzer/pkg/rpm_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto header = portcullis::ParseRpmHeader(std::span<const uint8_t>(data, size));
  if (header) {
    portcullis::Package p = portcullis::RpmHeaderToPackage(*header, "var/lib/rpm/rpmdb.sqlite");
    if (p.name.empty() || p.version.empty()) __builtin_trap();
    portcullis::SplitSourceRpm(header->source_rpm);
    std::span<const uint8_t> blob(data, size);
    size_t files = 0;
    std::string error = portcullis::ForEachRpmFile(
        blob, *header, [&](std::string_view, std::string_view) { ++files; });
    if (!error.empty() && files != 0) __builtin_trap();  // refused before any file
    if (files > portcullis::kMaxRpmFilesPerHeader) __builtin_trap();
    std::string list;
    portcullis::RpmFileListReducer reducer("var/lib/rpm/Packages", &list);
    reducer.Add(blob, *header);
  }
  return 0;
}
