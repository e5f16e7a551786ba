// HardeningFilesAnalyzer: keeps, per layer, the small files the image-hardening detector reads
// after the merge:
//
//  - in LayerFacts::collected, verbatim under their own path: the account files etc/passwd,
//    etc/group, etc/shadow, etc/sudoers (each at most kMaxAccountFileBytes) and etc/sudoers.d/*
//    (budgeted, below); credential candidates, at most kMaxCredentialFileBytes each: OpenSSH key
//    files (id_rsa, id_dsa, id_ecdsa, id_ed25519 and their _sk forms), .aws/credentials,
//    .docker/config.json that mention "auth", and *.pem / *.key files that contain "PRIVATE KEY"
//    (a cheap prefilter: the detector confirms with the secret rules);
//  - in LayerFacts::package_files, which package owns which executable: the file lists of dpkg
//    (var/lib/dpkg/info/*.list) and apk (lib/apk/db/installed, F:/R: lines), reduced to the
//    paths the hardening rules can report (IsAttributedPath), keyed by the database's path, as
//    lines "path<TAB>package".
//
// Memory is bounded per layer: besides the four fixed account files, everything kept (sudoers.d,
// credential candidates, package file lists) counts against kMaxKeptBytesPerLayer; past it a
// file is dropped with one diagnostic ("hardening.budget") and the rules report "package
// unknown" or miss that file. The running total is LayerFacts::hardening_kept_bytes, and
// LayerFacts::hardening_budget_reported marks that the diagnostic was given.
//
// Stateless; Wants and Analyze may be called from any number of layer tasks at once.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "analyzer/analyzer.h"

namespace portcullis {

inline constexpr uint64_t kMaxAccountFileBytes = 4ull << 20;
inline constexpr uint64_t kMaxCredentialFileBytes = 64ull << 10;
inline constexpr uint64_t kMaxKeptBytesPerLayer = 32ull << 20;

// Whether the owner of `path` (normalised) is worth remembering: a file directly in a bin or
// sbin directory (bin, sbin, usr/bin, usr/sbin, usr/local/bin, usr/local/sbin, usr/games), or a
// file without a '.' in its name under lib*, usr/lib*, usr/libexec or usr/local/lib (helpers
// such as usr/lib/openssh/ssh-keysign; shared libraries and data files are left out).
bool IsAttributedPath(std::string_view path);

// Calls `on_file(path, package)` for every line of a reduced file list written by the analyzer.
void ForEachPackageFile(std::string_view list,
                        const std::function<void(std::string_view, std::string_view)>& on_file);

// Reduces a dpkg file list (`text` of var/lib/dpkg/info/NAME[:ARCH].list, absolute paths one a
// line) to "path<TAB>NAME" lines of the attributed paths.
std::string ReduceDpkgList(std::string_view list_path, std::string_view text);

// Reduces an apk database (P: package, F: directory, R: file in it) to "path<TAB>package" lines
// of the attributed paths.
std::string ReduceApkInstalled(std::string_view text);

// Whether `path` (normalised) is a credential candidate by name (see the header comment), and
// whether `content` passes its prefilter.
bool IsCredentialCandidatePath(std::string_view path);
bool KeepCredentialCandidate(std::string_view path, std::string_view content);

class HardeningFilesAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "hardening-files"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
