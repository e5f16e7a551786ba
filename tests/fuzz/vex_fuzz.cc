// Fuzz target: the OpenVEX reader, then applying what it parsed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/vex.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  auto vex = ParseVex(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!vex) return 0;
  Report report;
  Vulnerability v;
  v.id = "CVE-2023-4911";
  v.package = "libc6";
  v.purl = "pkg:deb/debian/libc6@2.36-9?arch=amd64";
  report.vulnerabilities.push_back(v);
  (void)ApplyVex(report, *vex);
  return 0;
}
