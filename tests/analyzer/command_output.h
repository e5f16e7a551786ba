// Test helper for the analyzer tests that compare with a reference tool of this machine
// (dpkg-query, Python's importlib.metadata, RubyGems): runs a shell command and returns what it
// printed. Test threads only.
#pragma once

#include <array>
#include <cstdio>
#include <memory>
#include <string>

namespace portcullis::testing {

// The standard output of `command` run by /bin/sh; "" when it cannot be started.
inline std::string CommandOutput(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return "";
  std::string out;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) {
    out.append(buffer.data(), n);
  }
  return out;
}

}  // namespace portcullis::testing
