// dpkg databases: /var/lib/dpkg/status and the per-package stanza files of distroless images
// (/var/lib/dpkg/status.d/NAME, where NAME may carry a hash suffix; NAME.md5sums files are not
// stanzas and are ignored). Pure parser plus a stateless analyzer; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"

namespace portcullis {

// Whether a dpkg "Status:" value ("want flag state") describes a package whose files are on
// disk. The state decides, not the want or error flags: installed, unpacked, half-configured,
// half-installed, triggers-awaited and triggers-pending count ("hold ok installed" and
// "deinstall ok installed" too: the package is still there); not-installed and config-files
// (removed, only conffiles left) do not. `dpkg-query -W` also lists config-files packages;
// they have no code on disk that could be vulnerable, so they are left out on purpose.
bool IsDpkgInstalledStatus(std::string_view status);

// Parses dpkg control stanzas (RFC 822-like "Field: value" lines, continuation lines starting
// with a space or tab, stanzas separated by blank lines; field names are case-insensitive).
// Returns one Package per installed stanza: name (Package), version (Version, epoch kept),
// arch (Architecture), source_name/source_version (Source: "name" or "name (version)"; the
// binary's own name/version when absent), maintainer, type "deb", found_in = `path`. A stanza
// without Status (status.d files) counts as installed. Stanzas that cannot be read (no
// Package or Version, a line that is neither a field nor a continuation) are reported in
// `diagnostics` with the 1-based line number; every readable package is kept.
std::vector<Package> ParseDpkgStatus(std::string_view content, std::string_view path,
                                     std::vector<Diagnostic>& diagnostics);

// True for var/lib/dpkg/status and the stanza files directly in var/lib/dpkg/status.d/.
bool IsDpkgDatabasePath(std::string_view path);

// Reads the files of IsDpkgDatabasePath into LayerFacts::package_dbs (kind "dpkg").
class DpkgAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "dpkg"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
