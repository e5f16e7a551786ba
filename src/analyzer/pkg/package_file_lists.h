// PackageFileListsAnalyzer: which OS package installed which file, read once per layer from the
// file lists of the OS package managers — dpkg (var/lib/dpkg/info/NAME[:ARCH].list) and apk
// (lib/apk/db/installed, F:/R: lines); rpm's lists are in its database's headers, and the rpm
// analyzer reduces them the same way (analyzer/pkg/rpm_files.h) — for the two later stages that
// need it:
//
//  - the applier names the OS package that installed a language package (Package::installed_by,
//    so python3-urllib3's egg-info is not matched as a PyPI package): it needs the paths a
//    language analyzer reports a package at (IsLanguagePackagePath);
//  - the hardening rules name the package of a setuid file, shell or tool: they need the paths
//    they report (IsAttributedPath).
//
// Each list is reduced to "path<TAB>package" lines of the paths either needs and stored in
// LayerFacts::package_files under the list's own path; consumers use a list only when it ships
// as that layer wrote it. A path or package holding a tab, CR or newline cannot be written in
// that format and is left out.
//
// Memory is bounded per layer (kMaxPackageFileListBytesPerLayer); past it a list is dropped with
// one "pkg.file_lists_budget" diagnostic: its language packages are treated as not installed by
// an OS package and its files' owners show as unknown.
//
// Stateless; Wants and Analyze may be called from any number of layer tasks at once.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "analyzer/analyzer.h"

namespace portcullis {

inline constexpr uint64_t kMaxPackageFileListBytesPerLayer = 32ull << 20;

// Whether `path` (normalised, no leading '/') may be where a language analyzer finds a
// package: .../X.dist-info/METADATA, .../X.egg-info/PKG-INFO, .../X.egg-info, package.json,
// *.gemspec, *.jar/*.war/*.ear/*.jpi/*.hpi, or a file directly in a bin, sbin or libexec
// directory (Go binaries).
bool IsLanguagePackagePath(std::string_view path);

// Whether the hardening rules may report `path` (normalised): a file directly in a bin or sbin
// directory (bin, sbin, usr/bin, usr/sbin, usr/local/bin, usr/local/sbin, usr/games), or a file
// without a '.' in its name under lib*, usr/lib*, usr/libexec or usr/local/lib (helpers such as
// usr/lib/openssh/ssh-keysign; shared libraries and data files are left out).
bool IsAttributedPath(std::string_view path);

// Whether a reduced list keeps `path` (normalised): IsLanguagePackagePath or IsAttributedPath.
bool IsPackageFileListPath(std::string_view path);

// Appends one "path<TAB>package" line to `out`; left out when either is empty or holds a tab,
// CR or newline (it would not read back as written).
void AppendPackageFileLine(std::string& out, std::string_view path, std::string_view package);

// Stores `reduced`, the list of the package database or file list at `list_path`, in
// facts.package_files when the layer's budget allows; otherwise (or when the reader already
// stopped at the budget: `truncated`) adds the one "pkg.file_lists_budget" diagnostic.
void KeepPackageFileList(LayerFacts& facts, const std::string& list_path, std::string reduced,
                         bool truncated = false);

// The reduced list of a dpkg file list `text` (absolute paths, one a line) of the package
// named by `list_path` (var/lib/dpkg/info/NAME[:ARCH].list).
std::string ReduceDpkgList(std::string_view list_path, std::string_view text);

// The reduced list of an apk database (P: package, F: directory, R: file in it).
std::string ReduceApkInstalled(std::string_view text);

// Calls `on_file(path, package)` for every line of a reduced list.
void ForEachPackageFile(std::string_view list,
                        const std::function<void(std::string_view, std::string_view)>& on_file);

class PackageFileListsAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "package-file-lists"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
