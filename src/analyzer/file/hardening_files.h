// HardeningFilesAnalyzer: keeps, per layer, the small files the image-hardening detector reads
// after the merge:
//
//  - in LayerFacts::collected, verbatim under their own path: the account files etc/passwd,
//    etc/group, etc/shadow, etc/sudoers (each at most kMaxAccountFileBytes) and etc/sudoers.d/*
//    (budgeted, below); credential candidates, at most kMaxCredentialFileBytes each: OpenSSH key
//    files (id_rsa, id_dsa, id_ecdsa, id_ed25519 and their _sk forms), .aws/credentials,
//    .docker/config.json that mention "auth", and *.pem / *.key files that contain "PRIVATE KEY"
//    (a cheap prefilter: the detector confirms with the secret rules);
//
// Which package owns which file comes from the package file lists, read once for the applier
// and the hardening rules by analyzer/pkg/package_file_lists.h.
//
// Memory is bounded per layer: besides the four fixed account files, everything kept (sudoers.d,
// credential candidates) counts against kMaxKeptBytesPerLayer; past it a file is dropped with
// one diagnostic ("hardening.budget") and the rules miss that file. The running total is LayerFacts::hardening_kept_bytes, and
// LayerFacts::hardening_budget_reported marks that the diagnostic was given.
//
// Stateless; Wants and Analyze may be called from any number of layer tasks at once.
#pragma once

#include <string>
#include <string_view>

#include "analyzer/analyzer.h"

namespace portcullis {

inline constexpr uint64_t kMaxAccountFileBytes = 4ull << 20;
inline constexpr uint64_t kMaxCredentialFileBytes = 64ull << 10;
inline constexpr uint64_t kMaxKeptBytesPerLayer = 32ull << 20;

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
