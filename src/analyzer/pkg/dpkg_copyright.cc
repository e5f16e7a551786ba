#include "analyzer/pkg/dpkg_copyright.h"

#include <algorithm>
#include <map>

#include "core/strings.h"

namespace portcullis {

namespace {

constexpr size_t kMaxLicenses = 64;
constexpr size_t kMaxLicenseBytes = 200;
constexpr std::string_view kDocPrefix = "usr/share/doc/";
constexpr std::string_view kCommonLicenses = "/usr/share/common-licenses/";

void Add(std::vector<std::string>& out, std::string_view name) {
  name = Trim(name);
  if (name.empty() || name.size() > kMaxLicenseBytes || out.size() >= kMaxLicenses) return;
  std::string value = SanitizeUtf8(name);
  if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(std::move(value));
}

bool IsLicenseNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '+' || c == '_';
}

}  // namespace

std::vector<std::string> ParseDebianCopyright(std::string_view content) {
  std::vector<std::string> out;
  std::string_view first = Trim(content.substr(0, content.find('\n')));
  bool dep5 = first.size() >= 7 && EqualsIgnoreCase(first.substr(0, 7), "Format:");
  if (dep5) {
    for (std::string_view line : Split(content, '\n')) {
      if (line.size() < 8 || line[0] == ' ' || line[0] == '\t') continue;
      if (!EqualsIgnoreCase(line.substr(0, 8), "License:")) continue;
      Add(out, line.substr(8));
    }
    return out;
  }
  // Free-form: "see /usr/share/common-licenses/GPL-2".
  size_t pos = 0;
  while ((pos = content.find(kCommonLicenses, pos)) != std::string_view::npos) {
    pos += kCommonLicenses.size();
    size_t end = pos;
    while (end < content.size() && IsLicenseNameChar(content[end])) ++end;
    std::string_view name = content.substr(pos, end - pos);
    while (!name.empty() && name.back() == '.') name.remove_suffix(1);  // end of a sentence
    Add(out, name);
  }
  return out;
}

std::string_view CopyrightPackageName(std::string_view path) {
  constexpr std::string_view kSuffix = "/copyright";
  if (path.size() <= kDocPrefix.size() + kSuffix.size()) return "";
  if (path.substr(0, kDocPrefix.size()) != kDocPrefix) return "";
  if (path.substr(path.size() - kSuffix.size()) != kSuffix) return "";
  std::string_view name =
      path.substr(kDocPrefix.size(), path.size() - kDocPrefix.size() - kSuffix.size());
  if (name.empty() || name.find('/') != std::string_view::npos) return "";
  return name;
}

void ApplyDpkgCopyrightLicenses(
    const std::map<std::string, std::vector<std::string>, std::less<>>& by_package,
    std::vector<Package>& packages) {
  for (Package& p : packages) {
    if (p.type != "deb" || !p.licenses.empty()) continue;
    auto it = by_package.find(p.name);
    if (it != by_package.end()) p.licenses = it->second;
  }
}

bool DpkgCopyrightAnalyzer::Wants(const TarEntry& entry) const {
  return entry.type == EntryType::kFile && !CopyrightPackageName(entry.path).empty();
}

void DpkgCopyrightAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                                    LayerFacts& facts) const {
  std::vector<std::string> licenses = ParseDebianCopyright(content);
  if (licenses.empty()) return;
  facts.licenses.push_back(
      {entry.path, std::string(CopyrightPackageName(entry.path)), std::move(licenses)});
}

}  // namespace portcullis
