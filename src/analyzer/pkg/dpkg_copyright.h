// Licences of dpkg packages. dpkg's database has no licence field; Debian packages state it in
// /usr/share/doc/<package>/copyright. This analyzer reads those files: machine-readable ones
// (DEP-5, "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/") give
// the short names of their License: fields ("GPL-2+", "BSD-3-clause", "GPL-2+ or Artistic");
// free-form ones give the names of the /usr/share/common-licenses/NAME files they point to.
// Names are kept as Debian writes them (mostly SPDX-like, not always SPDX ids).
//
// The results are LicenseFacts of the layer (one per copyright file), so the applier decides which
// copyright files ship; after the merge, ApplyDpkgCopyrightLicenses gives them to the deb
// packages. Thread-safe: pure functions and a stateless analyzer.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"

namespace portcullis {

// The licences a copyright file states, in order of first appearance, without duplicates
// (at most 64, each at most 200 bytes).
std::vector<std::string> ParseDebianCopyright(std::string_view content);

// The package a path usr/share/doc/<package>/copyright documents, or "" for any other path.
std::string_view CopyrightPackageName(std::string_view path);

// Gives every package of type "deb" in `packages` the licences `by_package` has for its name
// (packages that already have licences keep them).
void ApplyDpkgCopyrightLicenses(
    const std::map<std::string, std::vector<std::string>, std::less<>>& by_package,
    std::vector<Package>& packages);

class DpkgCopyrightAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "dpkg-copyright"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
