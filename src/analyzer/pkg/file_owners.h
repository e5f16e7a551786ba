// FileOwnersAnalyzer: which OS package installed which language-package file. Reads the file
// lists of the OS package managers — dpkg (var/lib/dpkg/info/NAME[:ARCH].list) and apk
// (lib/apk/db/installed, F:/R: lines) — and keeps, per layer and per list, the lines
// "path<TAB>package" of the paths a language analyzer reports a package at
// (IsLanguagePackagePath): Python metadata, package.json, gemspecs, Java archives and files in
// bin/sbin/libexec directories (Go binaries). The applier uses a list only when it ships as
// that layer wrote it, and marks the language packages found at those paths
// Package::installed_by.
//
// Memory is bounded per layer (kMaxOwnerBytesPerLayer); past it a list is dropped with one
// "pkg.file_owners_budget" diagnostic and its language packages are treated as not owned.
//
// Stateless; Wants and Analyze may be called from any number of layer tasks at once.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "analyzer/analyzer.h"

namespace portcullis {

inline constexpr uint64_t kMaxOwnerBytesPerLayer = 16ull << 20;

// Whether `path` (normalised, no leading '/') may be where a language analyzer finds a
// package: .../X.dist-info/METADATA, .../X.egg-info/PKG-INFO, .../X.egg-info, package.json,
// *.gemspec, *.jar/*.war/*.ear/*.jpi/*.hpi, or a file directly in a bin, sbin or libexec
// directory.
bool IsLanguagePackagePath(std::string_view path);

// The reduced list of a dpkg file list `text` (absolute paths, one a line) of the package
// named by `list_path` (var/lib/dpkg/info/NAME[:ARCH].list).
std::string OwnedLanguageFilesDpkg(std::string_view list_path, std::string_view text);

// The reduced list of an apk database (P: package, F: directory, R: file in it).
std::string OwnedLanguageFilesApk(std::string_view text);

// Calls `on_file(path, package)` for every line of a reduced list.
void ForEachOwnedFile(std::string_view list,
                      const std::function<void(std::string_view, std::string_view)>& on_file);

class FileOwnersAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "file-owners"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
