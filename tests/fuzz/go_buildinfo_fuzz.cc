// libFuzzer target: Go buildinfo. The input is parsed directly as a buildinfo block, and also
// streamed through the content scanner behind an ELF magic in blocks whose size the first byte
// chooses (so magics and varints straddle block boundaries).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "analyzer/lang/go_binary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  portcullis::GoBuildInfo info;
  if (portcullis::ParseGoBuildInfo(std::span<const uint8_t>(data, size), info) ==
      portcullis::GoBuildInfoStatus::kOk) {
    portcullis::GoBuildInfoPackages(info, "bin/app");
  }
  if (size == 0) return 0;
  size_t block = 1 + data[0] % 64;
  std::string file = std::string("\x7f" "ELF", 4) +
                     std::string(reinterpret_cast<const char*>(data + 1), size - 1);
  portcullis::GoBinaryAnalyzer analyzer;
  portcullis::TarEntry entry;
  entry.path = "bin/app";
  entry.mode = 0755;
  entry.size = file.size() + 64;
  auto scan = analyzer.BeginScan(entry);
  if (!scan) return 0;
  for (size_t at = 0; at < file.size(); at += block) {
    size_t n = std::min(block, file.size() - at);
    scan->Feed(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(file.data()) + at, n));
  }
  portcullis::LayerFacts facts;
  scan->Finish(facts);
  return 0;
}
