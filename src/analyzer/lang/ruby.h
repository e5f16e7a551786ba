// Ruby gems installed in an image: the specification files RubyGems writes for every
// installed gem (.../specifications/NAME-VERSION.gemspec, and .../specifications/default/ for
// the gems that ship with Ruby). They are Ruby code; Portcullis does not run them, it reads the
// literal assignments RubyGems generates (`s.name = "rake".freeze`, `s.version = "13.0.6"`,
// `s.licenses = ["MIT".freeze]`, older `%q{...}` literals) and the "# stub: NAME VERSION" line.
// Pure parser plus a stateless analyzer; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"

namespace portcullis {

// Parses a generated gemspec: name, version, licence(s). Returns a Package with type "gem",
// ecosystem "RubyGems", purl pkg:gem/NAME@VERSION, found_in `path`; nullopt with a diagnostic
// ("ruby.bad_gemspec") when name or version cannot be read as literals.
std::optional<Package> ParseGemspec(std::string_view content, std::string_view path,
                                    std::vector<Diagnostic>& diagnostics);

// True for .../specifications/X.gemspec and .../specifications/default/X.gemspec.
bool IsInstalledGemspecPath(std::string_view path);

// Reads each installed gemspec into its own PackageDb (kind "gem", os false).
class GemspecAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "gemspec"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
