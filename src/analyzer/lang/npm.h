// npm packages installed in an image: the package.json of every package directory directly
// under a node_modules folder (node_modules/NAME/package.json, node_modules/@SCOPE/NAME/
// package.json), at any depth of nesting. package.json files elsewhere (applications, test
// fixtures inside packages, examples) are not installed packages and are not read. Pure parser
// plus a stateless analyzer; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"

namespace portcullis {

// Largest package.json read (the biggest real ones are a few hundred KiB).
inline constexpr uint64_t kMaxPackageJsonBytes = 4ull << 20;

// Parses a package.json: name, version, licence ("license" as a string or {"type": X}, or the
// legacy "licenses": [{"type": X}, ...]). Returns a Package with type "npm", ecosystem "npm",
// purl pkg:npm/[%40scope/]name@version, found_in `path`; nullopt with a diagnostic
// ("npm.bad_package_json") when it is not JSON or has no name or version.
std::optional<Package> ParsePackageJson(std::string_view content, std::string_view path,
                                        std::vector<Diagnostic>& diagnostics);

// True for .../node_modules/NAME/package.json and .../node_modules/@SCOPE/NAME/package.json.
bool IsInstalledPackageJsonPath(std::string_view path);

// Reads each installed package.json into its own PackageDb (kind "npm", os false).
class NpmAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "npm"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
