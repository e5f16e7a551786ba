#include "analyzer/pkg/package_file_lists.h"

#include <array>

#include <fmt/format.h>

#include "core/strings.h"

namespace portcullis {

namespace {

constexpr std::string_view kDpkgInfo = "var/lib/dpkg/info/";
constexpr std::string_view kApkInstalled = "lib/apk/db/installed";

constexpr std::array<std::string_view, 7> kBinDirs = {
    "bin", "sbin", "usr/bin", "usr/sbin", "usr/local/bin", "usr/local/sbin", "usr/games"};
constexpr std::array<std::string_view, 8> kLibRoots = {
    "lib/", "lib64/", "lib32/", "libx32/", "usr/lib/", "usr/lib64/", "usr/libexec/",
    "usr/local/lib/"};
constexpr std::array<std::string_view, 5> kArchiveExtensions = {".jar", ".war", ".ear", ".jpi",
                                                                ".hpi"};

std::string_view Base(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view Dir(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

}  // namespace

bool IsPackageFileListPath(std::string_view path) {
  return IsLanguagePackagePath(path) || IsAttributedPath(path);
}

// A path or package that would split the line differently when read back (tab, CR, newline —
// possible in hostile tar paths, apk databases and rpm headers), or an empty one, is left out.
void AppendPackageFileLine(std::string& out, std::string_view path, std::string_view package) {
  if (path.empty() || package.empty() || path.find_first_of("\t\n\r") != std::string_view::npos ||
      package.find_first_of("\t\n\r") != std::string_view::npos) {
    return;
  }
  out.append(path);
  out += '\t';
  out.append(package);
  out += '\n';
}

void KeepPackageFileList(LayerFacts& facts, const std::string& list_path, std::string reduced,
                         bool truncated) {
  bool fits = facts.package_files_bytes + reduced.size() <= kMaxPackageFileListBytesPerLayer;
  if (fits && !reduced.empty()) {
    facts.package_files_bytes += reduced.size();
    facts.package_files[list_path] = std::move(reduced);
  }
  if ((fits && !truncated) || facts.package_files_budget_reported) return;
  facts.package_files_budget_reported = true;
  Diagnostic d;
  d.code = "pkg.file_lists_budget";
  d.path = list_path;
  d.message = fmt::format(
      "the OS package file lists of this layer name more than {} MiB of paths that language "
      "packages or hardening findings use: the rest were not kept, so their language packages "
      "are treated as not installed by an OS package and their files' packages show as unknown",
      kMaxPackageFileListBytesPerLayer >> 20);
  d.severity = Severity::kMedium;
  facts.diagnostics.push_back(std::move(d));
}

bool IsLanguagePackagePath(std::string_view path) {
  std::string_view base = Base(path);
  std::string_view dir = Dir(path);
  if (base == "METADATA" && dir.ends_with(".dist-info")) return true;
  if (base == "PKG-INFO" && dir.ends_with(".egg-info")) return true;
  if (base.ends_with(".egg-info") || base.ends_with(".dist-info")) return true;
  if (base == "package.json" || base.ends_with(".gemspec")) return true;
  for (std::string_view ext : kArchiveExtensions) {
    if (base.ends_with(ext)) return true;
  }
  std::string_view parent = Base(dir);
  return !base.empty() && (parent == "bin" || parent == "sbin" || parent == "libexec");
}

bool IsAttributedPath(std::string_view path) {
  std::string_view dir = Dir(path);
  std::string_view base = Base(path);
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

std::string ReduceDpkgList(std::string_view list_path, std::string_view text) {
  std::string_view package = Base(list_path);
  if (package.ends_with(".list")) package.remove_suffix(5);
  package = package.substr(0, package.find(':'));  // "libc6:amd64" -> "libc6"
  std::string out;
  for (auto line : Split(text, '\n')) {
    line = Trim(line);
    while (line.starts_with('/')) line.remove_prefix(1);
    if (IsPackageFileListPath(line)) AppendPackageFileLine(out, line, package);
  }
  return out;
}

std::string ReduceApkInstalled(std::string_view text) {
  std::string out;
  std::string_view package;
  std::string_view dir;
  for (auto line : Split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      package = dir = {};  // a blank line ends a package stanza
      continue;
    }
    if (line.size() < 2 || line[1] != ':') continue;
    std::string_view value = line.substr(2);
    if (line[0] == 'P') {
      package = value;
      dir = {};
    } else if (line[0] == 'F') {
      dir = value;
      while (dir.starts_with('/')) dir.remove_prefix(1);
    } else if (line[0] == 'R' && !package.empty() && !value.empty() &&
               value.find('/') == std::string_view::npos) {
      std::string path = dir.empty() ? std::string(value) : fmt::format("{}/{}", dir, value);
      if (IsPackageFileListPath(path)) AppendPackageFileLine(out, path, package);
    }
  }
  return out;
}

void ForEachPackageFile(std::string_view list,
                        const std::function<void(std::string_view, std::string_view)>& on_file) {
  for (auto line : Split(list, '\n')) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0 || tab + 1 == line.size()) continue;
    on_file(line.substr(0, tab), line.substr(tab + 1));
  }
}

bool PackageFileListsAnalyzer::Wants(const TarEntry& entry) const {
  if (entry.type != EntryType::kFile) return false;
  std::string_view p = entry.path;
  if (p == kApkInstalled) return true;
  return p.starts_with(kDpkgInfo) && p.ends_with(".list") &&
         p.find('/', kDpkgInfo.size()) == std::string_view::npos;
}

void PackageFileListsAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                                       LayerFacts& facts) const {
  const std::string& p = entry.path;
  std::string reduced =
      p == kApkInstalled ? ReduceApkInstalled(content) : ReduceDpkgList(p, content);
  KeepPackageFileList(facts, p, std::move(reduced));
}

}  // namespace portcullis
