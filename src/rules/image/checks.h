// The check functions of the image rule table (image_rules.cc) and the helpers they share.
// Internal to src/rules/image: the checks are split by family (checks_accounts_files.cc,
// checks_config_history.cc); each reads the ImageFacts and reports through its RuleOutput, so
// any thread may run them on its own facts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/strings.h"
#include "rules/image/image_rules.h"

namespace portcullis::hardening {

inline constexpr Severity kInfo = Severity::kInfo;
inline constexpr Severity kLow = Severity::kLow;
inline constexpr Severity kMedium = Severity::kMedium;
inline constexpr Severity kHigh = Severity::kHigh;

// An untrusted value quoted in a message: bounded and valid UTF-8.
inline std::string Q(std::string_view s, size_t max = 80) { return SanitizeUtf8(Excerpt(s, max)); }

// "/" + path, appended piecewise: GCC 12 at -O3 misreports `"/" + string` (bug 105329,
// -Wrestrict).
inline std::string Abs(std::string_view path) {
  std::string out;
  out.reserve(path.size() + 1);
  out += '/';
  out += path;
  return out;
}

inline std::string Mode(uint32_t mode) { return fmt::format("{:04o}", mode & 07777); }

inline std::string FormatBytes(uint64_t bytes) {
  if (bytes >= (1ull << 30)) return fmt::format("{:.1f} GiB", bytes / double(1ull << 30));
  if (bytes >= (1ull << 20)) return fmt::format("{:.1f} MiB", bytes / double(1ull << 20));
  if (bytes >= (1ull << 10)) return fmt::format("{:.1f} KiB", bytes / double(1ull << 10));
  return fmt::format("{} B", bytes);
}

// "name (/bin/sh -> /usr/bin/dash, package dash)" for a tool.
inline std::string DescribeTool(const ImageFacts& f, const ToolHit& t) {
  std::string s = fmt::format("{} ({}", t.name, Abs(t.path));
  if (t.file->meta.path != t.path) s += " -> " + Abs(t.file->meta.path);
  if (t.busybox && t.name != "busybox") s += ", busybox applet";
  std::string package = f.PackageOf(t.file->meta.path);
  if (package.empty()) package = f.PackageOf(t.path);
  if (!package.empty()) s += ", package " + package;
  return s + ")";
}

inline void ToolsFound(const ImageFacts& f, ToolKind kind, std::string_view what, RuleOutput& out) {
  const auto& tools = f.Tools(kind);
  if (tools.empty()) return;
  std::vector<std::string> parts;
  for (const ToolHit& t : tools) parts.push_back(DescribeTool(f, t));
  out.hits.push_back({Abs(tools.front().path), fmt::format("{}: {}", what, Join(parts, ", "))});
}

// Adds one hit per file, up to kMaxFileHitsPerRule, then one summary hit.
template <typename Describe>
void FileHits(const std::vector<const MergedFile*>& files, RuleOutput& out, Describe describe) {
  for (size_t i = 0; i < files.size() && i < kMaxFileHitsPerRule; ++i) {
    out.hits.push_back({Abs(files[i]->meta.path), describe(*files[i])});
  }
  if (files.size() > kMaxFileHitsPerRule) {
    out.hits.push_back({"", fmt::format("{} more files like these are not listed",
                                        files.size() - kMaxFileHitsPerRule)});
  }
}

// Who the config user is: uid when known (numeric, or a name /etc/passwd maps).
struct EffectiveUser {
  UserSpec spec;
  std::optional<int64_t> uid;
  const PasswdEntry* entry = nullptr;
};

inline EffectiveUser ResolveUser(const ImageFacts& f) {
  EffectiveUser e;
  e.spec = ParseUserSpec(f.input->config->user);
  if (e.spec.user.empty()) {
    e.uid = 0;
  } else if (e.spec.uid) {
    e.uid = e.spec.uid;
    e.entry = f.UserById(*e.uid);
  } else if ((e.entry = f.UserByName(e.spec.user))) {
    e.uid = e.entry->uid;
  } else if (e.spec.user == "root") {
    e.uid = 0;
  }
  return e;
}

void CheckRootUser(const ImageFacts& f, RuleOutput& out);
void CheckUnknownUserName(const ImageFacts& f, RuleOutput& out);
void CheckUidWithoutEntry(const ImageFacts& f, RuleOutput& out);
void CheckSetid(const ImageFacts& f, RuleOutput& out);
void CheckWorldWritable(const ImageFacts& f, RuleOutput& out);
void CheckShells(const ImageFacts& f, RuleOutput& out);
void CheckPackageManagers(const ImageFacts& f, RuleOutput& out);
void CheckNetworkTools(const ImageFacts& f, RuleOutput& out);
void CheckDebuggers(const ImageFacts& f, RuleOutput& out);
void CheckSudo(const ImageFacts& f, RuleOutput& out);
void CheckEmptyPasswords(const ImageFacts& f, RuleOutput& out);
void CheckDuplicateIds(const ImageFacts& f, RuleOutput& out);
void CheckExtraRoot(const ImageFacts& f, RuleOutput& out);
void CheckConfigSecrets(const ImageFacts& f, RuleOutput& out);
void CheckSuspiciousEnv(const ImageFacts& f, RuleOutput& out);
void CheckHealthcheck(const ImageFacts& f, RuleOutput& out);
void CheckRemoteLoginPorts(const ImageFacts& f, RuleOutput& out);
void CheckPrivilegedPorts(const ImageFacts& f, RuleOutput& out);
void CheckAddInHistory(const ImageFacts& f, RuleOutput& out);
void CheckUpgradeInHistory(const ImageFacts& f, RuleOutput& out);
void CheckCaches(const ImageFacts& f, RuleOutput& out);
void CheckCredentialFiles(const ImageFacts& f, RuleOutput& out);
void CheckEndOfLife(const ImageFacts& f, RuleOutput& out);
void CheckUnmanaged(const ImageFacts& f, RuleOutput& out);
void CheckImageSize(const ImageFacts& f, RuleOutput& out);
void CheckLayerCount(const ImageFacts& f, RuleOutput& out);

}  // namespace portcullis::hardening
