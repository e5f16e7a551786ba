#include "analyzer/pkg/file_owners.h"

#include "core/strings.h"

namespace portcullis {

namespace {

constexpr std::string_view kDpkgInfo = "var/lib/dpkg/info/";
constexpr std::string_view kApkInstalled = "lib/apk/db/installed";

std::string_view Base(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view Dir(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

void Append(std::string& out, std::string_view path, std::string_view package) {
  // A tab or newline would split the line differently when it is read back.
  if (path.find_first_of("\t\n\r") != std::string_view::npos ||
      package.find_first_of("\t\n\r") != std::string_view::npos || path.empty() ||
      package.empty()) {
    return;
  }
  out.append(path);
  out += '\t';
  out.append(package);
  out += '\n';
}

}  // namespace

bool IsLanguagePackagePath(std::string_view path) {
  std::string_view base = Base(path);
  std::string_view dir = Dir(path);
  if (base == "METADATA" && dir.ends_with(".dist-info")) return true;
  if (base == "PKG-INFO" && dir.ends_with(".egg-info")) return true;
  if (base.ends_with(".egg-info") || base.ends_with(".dist-info")) return true;
  if (base == "package.json" || base.ends_with(".gemspec")) return true;
  for (std::string_view ext : {".jar", ".war", ".ear", ".jpi", ".hpi"}) {
    if (base.ends_with(ext)) return true;
  }
  std::string_view parent = Base(dir);
  return parent == "bin" || parent == "sbin" || parent == "libexec";
}

std::string OwnedLanguageFilesDpkg(std::string_view list_path, std::string_view text) {
  std::string_view package = Base(list_path);
  if (package.ends_with(".list")) package.remove_suffix(5);
  package = package.substr(0, package.find(':'));  // "libc6:amd64" -> "libc6"
  std::string out;
  for (auto line : Split(text, '\n')) {
    line = Trim(line);
    while (line.starts_with('/')) line.remove_prefix(1);
    if (IsLanguagePackagePath(line)) Append(out, line, package);
  }
  return out;
}

std::string OwnedLanguageFilesApk(std::string_view text) {
  std::string out;
  std::string_view package;
  std::string_view dir;
  for (auto line : Split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      package = dir = {};
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
      if (IsLanguagePackagePath(path)) Append(out, path, package);
    }
  }
  return out;
}

void ForEachOwnedFile(std::string_view list,
                      const std::function<void(std::string_view, std::string_view)>& on_file) {
  for (auto line : Split(list, '\n')) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0 || tab + 1 == line.size()) continue;
    on_file(line.substr(0, tab), line.substr(tab + 1));
  }
}

bool FileOwnersAnalyzer::Wants(const TarEntry& entry) const {
  std::string_view p = entry.path;
  if (p == kApkInstalled) return true;
  return p.starts_with(kDpkgInfo) && p.ends_with(".list") &&
         p.find('/', kDpkgInfo.size()) == std::string_view::npos;
}

void FileOwnersAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                                 LayerFacts& facts) const {
  const std::string& p = entry.path;
  std::string reduced =
      p == kApkInstalled ? OwnedLanguageFilesApk(content) : OwnedLanguageFilesDpkg(p, content);
  if (reduced.empty()) return;
  if (facts.owner_bytes + reduced.size() > kMaxOwnerBytesPerLayer) {
    if (!facts.owner_budget_reported) {
      facts.owner_budget_reported = true;
      Diagnostic d;
      d.code = "pkg.file_owners_budget";
      d.path = p;
      d.message = fmt::format(
          "the OS package file lists of this layer name more than {} MiB of language-package "
          "paths: the rest were not kept, and language packages at those paths are treated as "
          "not installed by an OS package",
          kMaxOwnerBytesPerLayer >> 20);
      d.severity = Severity::kMedium;
      facts.diagnostics.push_back(std::move(d));
    }
    return;
  }
  facts.owner_bytes += reduced.size();
  facts.language_file_owners[p] = std::move(reduced);
}

}  // namespace portcullis
