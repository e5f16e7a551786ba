// libFuzzer target: the rpm header blob parser on arbitrary bytes, and the package it makes.
#include <cstddef>
#include <cstdint>
#include <span>

#include "analyzer/pkg/rpm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto header = portcullis::ParseRpmHeader(std::span<const uint8_t>(data, size));
  if (header) {
    portcullis::Package p = portcullis::RpmHeaderToPackage(*header, "var/lib/rpm/rpmdb.sqlite");
    if (p.name.empty() || p.version.empty()) __builtin_trap();
    portcullis::SplitSourceRpm(header->source_rpm);
  }
  return 0;
}
