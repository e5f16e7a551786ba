// libFuzzer target: os-release syntax and OS detection. The input is split at the first NUL
// into etc/os-release and a second release file whose name the first byte after it chooses.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "analyzer/os/detect.h"
#include "analyzer/os/os_release.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  portcullis::ParseOsRelease(input, "etc/os-release");

  std::map<std::string, std::string, std::less<>> files;
  size_t nul = input.find('\0');
  files["etc/os-release"] = std::string(input.substr(0, nul));
  if (nul != std::string_view::npos && nul + 1 < input.size()) {
    auto paths = portcullis::OsReleasePaths();
    std::string_view second = paths[static_cast<uint8_t>(input[nul + 1]) % paths.size()];
    files[std::string(second)] = std::string(input.substr(nul + 2));
    if (static_cast<uint8_t>(input[nul + 1]) >= 0x80) files.erase("etc/os-release");
  }
  portcullis::FileLookup lookup = [&](std::string_view path) -> std::optional<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  std::vector<portcullis::Diagnostic> diagnostics;
  auto os = portcullis::DetectOs(lookup, "2026-01-01", {}, &diagnostics);
  if (os && os->family.empty()) __builtin_trap();  // contract: a detected OS has a family
  return 0;
}
