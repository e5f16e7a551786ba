// Helpers of the vulndb and vuln-detector tests: reading compressed test data, running a
// reference tool over a batch of inputs, temporary directories. Test code only; one thread.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/strings.h"
#include "layer/byte_stream.h"
#include "layer/decompress.h"

namespace portcullis::vulntest {

inline std::string SourcePath(std::string_view rel) {
  return std::string(PORTCULLIS_SOURCE_DIR) + "/" + std::string(rel);
}

// Whole content of a (possibly zstd- or gzip-compressed) project file; fails the test if absent.
inline std::string ReadProjectFile(std::string_view rel) {
  auto stream = OpenFileStream(SourcePath(rel));
  EXPECT_TRUE(stream.has_value()) << rel;
  if (!stream) return "";
  auto plain = OpenDecompressed(std::move(*stream), std::string(rel));
  EXPECT_TRUE(plain.has_value()) << rel;
  if (!plain) return "";
  auto text = ReadAll(**plain, 256ull << 20, rel);
  EXPECT_TRUE(text.has_value()) << rel;
  return text ? *text : "";
}

// A fresh directory under the test temp dir, removed when this object goes away.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::path(::testing::TempDir()) /
            ("portcullis-vuln-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string Write(std::string_view name, std::string_view content) const {
    auto p = path_ / std::string(name);
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
};

// Runs `command` through /bin/sh with stdout captured (stderr passes through).
inline CommandResult RunCommand(const std::string& command) {
  CommandResult r;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Lines of `text` without the trailing empty one.
inline std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  for (auto line : Split(text, '\n')) out.emplace_back(line);
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

// The directory of npm package `name` as scripts/setup installs it for the reference checks
// (`$XDG_CACHE_HOME` or `~/.cache`, then `portcullis-test/node_modules/NAME`), else the first of
// `fallbacks` that holds a package.json; "" when none does.
inline std::string NodeModule(std::string_view name, std::vector<std::string> fallbacks = {}) {
  std::vector<std::string> candidates;
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache != nullptr) {
    candidates.push_back(std::string(cache) + "/portcullis-test/node_modules/" + std::string(name));
  }
  if (const char* home = std::getenv("HOME"); home != nullptr) {
    candidates.push_back(std::string(home) + "/.cache/portcullis-test/node_modules/" +
                         std::string(name));
  }
  candidates.insert(candidates.end(), fallbacks.begin(), fallbacks.end());
  for (const auto& c : candidates) {
    if (std::filesystem::exists(c + "/package.json")) return c;
  }
  return "";
}

}  // namespace portcullis::vulntest
