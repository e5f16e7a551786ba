// Fuzz target: the .portcullisignore YAML parser, then applying what it parsed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/ignore_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  auto file = ParseIgnoreFile(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!file) return 0;
  Report report;
  Vulnerability v;
  v.id = "CVE-2023-4911";
  v.aliases = {"DSA-5514-1"};
  v.package = "libc6";
  report.vulnerabilities.push_back(v);
  (void)ApplyIgnoreFile(report, *file, "2025-02-20");
  return 0;
}
