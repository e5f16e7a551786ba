#include "analyzer/file/hardening_files.h"

#include <array>

#include <fmt/format.h>


namespace portcullis {

namespace {

constexpr std::array<std::string_view, 4> kAccountFiles = {"etc/passwd", "etc/group", "etc/shadow",
                                                           "etc/sudoers"};
constexpr std::string_view kSudoersDir = "etc/sudoers.d/";

constexpr std::array<std::string_view, 6> kSshKeyNames = {
    "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"};

std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// True when `path` is `suffix` or ends with "/" + `suffix`.
bool PathEndsWith(std::string_view path, std::string_view suffix) {
  if (!path.ends_with(suffix)) return false;
  return path.size() == suffix.size() || path[path.size() - suffix.size() - 1] == '/';
}

// Stores `value` under `key` of `into` (a map of `facts`) when the layer's budget allows;
// reports the first refusal.
void KeepBudgeted(LayerFacts& facts, std::map<std::string, std::string>& into, std::string key,
                  std::string value, std::string_view path) {
  if (facts.hardening_kept_bytes + value.size() > kMaxKeptBytesPerLayer) {
    if (!facts.hardening_budget_reported) {
      facts.hardening_budget_reported = true;
      facts.diagnostics.push_back(
          {"hardening.budget", std::string(path), 0, 0,
           fmt::format("the hardening files kept for this layer exceed {} bytes; this file and "
                       "later ones are not checked (setuid owners may show as unknown)",
                       kMaxKeptBytesPerLayer),
           Severity::kLow});
    }
    return;
  }
  facts.hardening_kept_bytes += value.size();
  into[std::move(key)] = std::move(value);
}

}  // namespace

bool IsCredentialCandidatePath(std::string_view path) {
  std::string_view base = BaseName(path);
  for (auto name : kSshKeyNames) {
    if (base == name) return true;
  }
  if (PathEndsWith(path, ".aws/credentials") || PathEndsWith(path, ".docker/config.json")) {
    return true;
  }
  return base.size() > 4 && (base.ends_with(".pem") || base.ends_with(".key"));
}

bool KeepCredentialCandidate(std::string_view path, std::string_view content) {
  std::string_view base = BaseName(path);
  if (PathEndsWith(path, ".docker/config.json")) {
    return content.find("auth") != std::string_view::npos;
  }
  if (PathEndsWith(path, ".aws/credentials")) return true;
  if (base.ends_with(".pem") || base.ends_with(".key")) {
    return content.find("PRIVATE KEY") != std::string_view::npos;
  }
  return true;  // OpenSSH key file names
}

bool HardeningFilesAnalyzer::Wants(const TarEntry& entry) const {
  if (entry.type != EntryType::kFile) return false;
  const std::string& p = entry.path;
  for (auto f : kAccountFiles) {
    if (p == f) return entry.size <= kMaxAccountFileBytes;
  }
  if (p.starts_with(kSudoersDir)) return entry.size <= kMaxCredentialFileBytes;
  return IsCredentialCandidatePath(p) && entry.size <= kMaxCredentialFileBytes;
}

void HardeningFilesAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                                     LayerFacts& facts) const {
  const std::string& p = entry.path;
  for (auto f : kAccountFiles) {
    if (p == f) {
      if (content.size() <= kMaxAccountFileBytes) facts.collected[p] = std::string(content);
      return;
    }
  }
  if (p.starts_with(kSudoersDir)) {
    if (content.size() <= kMaxCredentialFileBytes) {
      KeepBudgeted(facts, facts.collected, p, std::string(content), p);
    }
    return;
  }
  if (content.size() <= kMaxCredentialFileBytes && KeepCredentialCandidate(p, content)) {
    KeepBudgeted(facts, facts.collected, p, std::string(content), p);
  }
}

}  // namespace portcullis
