// apk databases: /lib/apk/db/installed of Alpine, Wolfi and Chainguard images. Pure parser
// plus a stateless analyzer; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"

namespace portcullis {

inline constexpr std::string_view kApkInstalledPath = "lib/apk/db/installed";

// Parses the installed database: records separated by blank lines, each line "K:value" with a
// one-letter key. Reads P (name), V (version), A (arch), o (origin = source package), L
// (licence, kept as written: usually an SPDX expression), m (maintainer); file lines (F, R, Z,
// a, M) and the rest are skipped. source_version is the package's version (an apk origin is
// built at the same version). Records without P or V, and lines that are not "K:value", are
// reported in `diagnostics` with their 1-based line number; every readable package is kept.
std::vector<Package> ParseApkInstalled(std::string_view content, std::string_view path,
                                       std::vector<Diagnostic>& diagnostics);

// Reads lib/apk/db/installed into LayerFacts::package_dbs (kind "apk").
class ApkAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "apk"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
