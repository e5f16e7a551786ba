// Go modules compiled into executables: the build information the Go linker embeds in every
// binary since Go 1.18 (section .go.buildinfo: the magic "\xff Go buildinf:", pointer size,
// flags, then the Go version and the module list as length-prefixed strings; format of
// src/debug/buildinfo/buildinfo.go). Binaries of older Go versions keep that information behind
// pointers into the program's memory image; they are reported as a diagnostic, not read.
//
// The analyzer is a content scanner: executables stream past once, nothing is copied but the
// buildinfo block itself. ParseGoBuildInfo and ParseGoModInfo are pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"

namespace portcullis {

// Largest buildinfo block read (version and module list; a few KiB in practice).
inline constexpr size_t kMaxGoBuildInfoBytes = 4u << 20;

struct GoBuildInfo {
  std::string go_version;  // "go1.21.5"
  std::string path;        // main package path ("path" line)
  std::string main_module; // "mod" line: module path
  std::string main_version;  // "(devel)" for `go build` in a checkout
  struct Dep {
    std::string path;
    std::string version;
  };
  std::vector<Dep> deps;   // "dep" lines, with "=>" replacements applied
};

enum class GoBuildInfoStatus { kOk, kNeedMore, kInvalid, kOldFormat };

// Parses `block`, which starts at the buildinfo magic. kNeedMore when the block is a valid
// prefix but shorter than the strings it declares; kOldFormat for the pointer-based layout of
// Go < 1.18; kInvalid when it is not buildinfo after all (a magic-like byte string elsewhere).
GoBuildInfoStatus ParseGoBuildInfo(std::span<const uint8_t> block, GoBuildInfo& info);

// Parses the module-info text ("path\t...", "mod\t...", "dep\t...", "=>\t..." lines) into
// `info` (which keeps its go_version).
void ParseGoModInfo(std::string_view modinfo, GoBuildInfo& info);

// The packages of a build: "stdlib" at the Go version ("v1.21.5"), the main module and every
// dependency, except those at version "(devel)" (built from a checkout, no release); type
// "golang", ecosystem "Go", versions as Go writes them ("v1.2.3"; OSV's Go records drop the
// "v"), purl pkg:golang/MODULE@VERSION.
std::vector<Package> GoBuildInfoPackages(const GoBuildInfo& info, std::string_view path);

// Streams every executable regular file; for ELF files with Go buildinfo adds a PackageDb
// (kind "gobinary", os false) whose path is the binary.
class GoBinaryAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "gobinary"; }
  std::unique_ptr<ContentScan> BeginScan(const TarEntry& entry) const override;
};

}  // namespace portcullis
