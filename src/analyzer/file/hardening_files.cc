#include "analyzer/file/hardening_files.h"

#include <array>

#include <fmt/format.h>

#include "core/strings.h"

namespace portcullis {

namespace {

constexpr std::array<std::string_view, 4> kAccountFiles = {"etc/passwd", "etc/group", "etc/shadow",
                                                           "etc/sudoers"};
constexpr std::string_view kSudoersDir = "etc/sudoers.d/";
constexpr std::string_view kDpkgInfoDir = "var/lib/dpkg/info/";
constexpr std::string_view kApkInstalled = "lib/apk/db/installed";

constexpr std::array<std::string_view, 7> kBinDirs = {
    "bin", "sbin", "usr/bin", "usr/sbin", "usr/local/bin", "usr/local/sbin", "usr/games"};
constexpr std::array<std::string_view, 8> kLibRoots = {
    "lib/", "lib64/", "lib32/", "libx32/", "usr/lib/", "usr/lib64/", "usr/libexec/",
    "usr/local/lib/"};
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

// Appends one "path<TAB>package" line of a reduced file list. A path or package name holding a
// tab or a newline (possible in hostile tar paths and apk databases) cannot be written in that
// format and is left out.
void AppendLine(std::string& out, std::string_view path, std::string_view package) {
  if (path.find_first_of("\t\n") != std::string_view::npos ||
      package.find_first_of("\t\n") != std::string_view::npos) {
    return;
  }
  out.append(path);
  out += '\t';
  out.append(package);
  out += '\n';
}

}  // namespace

bool IsAttributedPath(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view dir = slash == std::string_view::npos ? "" : path.substr(0, slash);
  std::string_view base = BaseName(path);
  if (base.empty()) return false;
  for (auto d : kBinDirs) {
    if (dir == d) return true;
  }
  if (base.find('.') != std::string_view::npos) return false;
  for (auto root : kLibRoots) {
    if (path.starts_with(root)) return true;
  }
  return false;
}

void ForEachPackageFile(std::string_view list,
                        const std::function<void(std::string_view, std::string_view)>& on_file) {
  for (auto line : Split(list, '\n')) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    on_file(line.substr(0, tab), line.substr(tab + 1));
  }
}

std::string ReduceDpkgList(std::string_view list_path, std::string_view text) {
  std::string_view package = BaseName(list_path);
  if (package.ends_with(".list")) package.remove_suffix(5);
  package = package.substr(0, package.find(':'));  // "libc6:amd64" -> "libc6"
  std::string out;
  for (auto line : Split(text, '\n')) {
    line = Trim(line);
    while (line.starts_with('/')) line.remove_prefix(1);
    if (!IsAttributedPath(line)) continue;
    AppendLine(out, line, package);
  }
  return out;
}

std::string ReduceApkInstalled(std::string_view text) {
  std::string out;
  std::string_view package;
  std::string_view dir;
  for (auto line : Split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() < 2 || line[1] != ':') {
      if (line.empty()) package = dir = {};  // a blank line ends a package stanza
      continue;
    }
    std::string_view value = line.substr(2);
    switch (line[0]) {
      case 'P':
        package = value;
        dir = {};
        break;
      case 'F':
        dir = value;
        while (dir.starts_with('/')) dir.remove_prefix(1);
        break;
      case 'R': {
        if (package.empty() || value.empty() || value.find('/') != std::string_view::npos) break;
        std::string path = dir.empty() ? std::string(value) : fmt::format("{}/{}", dir, value);
        if (IsAttributedPath(path)) AppendLine(out, path, package);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

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
  if (p.starts_with(kDpkgInfoDir) && p.ends_with(".list")) return true;
  if (p == kApkInstalled) return true;
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
  if (p.starts_with(kDpkgInfoDir) && p.ends_with(".list")) {
    KeepBudgeted(facts, facts.package_files, p, ReduceDpkgList(p, content), p);
    return;
  }
  if (p == kApkInstalled) {
    KeepBudgeted(facts, facts.package_files, p, ReduceApkInstalled(content), p);
    return;
  }
  if (content.size() <= kMaxCredentialFileBytes && KeepCredentialCandidate(p, content)) {
    KeepBudgeted(facts, facts.collected, p, std::string(content), p);
  }
}

}  // namespace portcullis
