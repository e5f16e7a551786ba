#include "analyzer/lang/python.h"

#include "analyzer/lang/lang_package.h"
#include "core/strings.h"

namespace portcullis {

namespace {

constexpr size_t kMaxLicenseBytes = 200;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The directory that contains `path`'s parent ("a/site-packages/x.dist-info/METADATA" ->
// "site-packages").
std::string_view GrandParentName(std::string_view path) {
  size_t last = path.rfind('/');
  if (last == std::string_view::npos) return "";
  size_t parent = path.rfind('/', last - 1);
  if (parent == std::string_view::npos) return "";
  size_t grand = parent == 0 ? std::string_view::npos : path.rfind('/', parent - 1);
  return path.substr(grand == std::string_view::npos ? 0 : grand + 1,
                     parent - (grand == std::string_view::npos ? 0 : grand + 1));
}

std::string_view ParentName(std::string_view path) {
  size_t last = path.rfind('/');
  if (last == std::string_view::npos) return "";
  size_t parent = path.rfind('/', last - 1);
  size_t start = parent == std::string_view::npos ? 0 : parent + 1;
  return path.substr(start, last - start);
}

bool IsPackagesDir(std::string_view name) {
  return name == "site-packages" || name == "dist-packages";
}

}  // namespace

bool IsPythonMetadataPath(std::string_view path) {
  if (EndsWith(path, "/METADATA")) {
    return EndsWith(ParentName(path), ".dist-info") && IsPackagesDir(GrandParentName(path));
  }
  if (EndsWith(path, "/PKG-INFO")) {
    return EndsWith(ParentName(path), ".egg-info") && IsPackagesDir(GrandParentName(path));
  }
  if (EndsWith(path, ".egg-info")) {
    return IsPackagesDir(ParentName(path));  // a single-file egg-info (distutils)
  }
  return false;
}

std::optional<Package> ParsePythonMetadata(std::string_view content, std::string_view path,
                                           std::vector<Diagnostic>& diagnostics) {
  std::string_view name, version, license, license_expression;
  std::vector<std::string> classifier_licenses;
  std::string_view* last_field = nullptr;
  for (std::string_view line : Split(content, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // end of the header block; the description follows
    if (line[0] == ' ' || line[0] == '\t') {
      // A folded header: a multi-line License is a licence text, not a name.
      if (last_field == &license) license = "";
      continue;
    }
    last_field = nullptr;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = line.substr(0, colon);
    std::string_view value = Trim(line.substr(colon + 1));
    if (EqualsIgnoreCase(key, "Name")) {
      name = value;
    } else if (EqualsIgnoreCase(key, "Version")) {
      version = value;
    } else if (EqualsIgnoreCase(key, "License")) {
      license = value;
      last_field = &license;
    } else if (EqualsIgnoreCase(key, "License-Expression")) {
      license_expression = value;
    } else if (EqualsIgnoreCase(key, "Classifier")) {
      constexpr std::string_view kPrefix = "License :: ";
      if (value.substr(0, kPrefix.size()) == kPrefix) {
        std::string_view last = value.substr(value.rfind(" :: ") + 4);
        if (last != "OSI Approved" && classifier_licenses.size() < 16) {
          classifier_licenses.push_back(SanitizeUtf8(last));
        }
      }
    }
  }
  if (name.empty() || version.empty()) {
    diagnostics.push_back(ManifestDiagnostic(
        "python.bad_metadata", path,
        std::string("core metadata has no ") + (name.empty() ? "Name" : "Version") +
            " field; distribution skipped",
        Severity::kMedium));
    return std::nullopt;
  }
  Package p = MakeLanguagePackage(name, version, "pypi", "PyPI", path);
  if (!license_expression.empty()) {
    p.licenses.push_back(SanitizeUtf8(license_expression));
  } else if (!license.empty() && license.size() <= kMaxLicenseBytes &&
             !EqualsIgnoreCase(license, "UNKNOWN")) {
    p.licenses.push_back(SanitizeUtf8(license));
  } else {
    p.licenses = std::move(classifier_licenses);
  }
  return p;
}

bool PythonAnalyzer::Wants(const TarEntry& entry) const {
  return entry.type == EntryType::kFile && IsPythonMetadataPath(entry.path);
}

void PythonAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                             LayerFacts& facts) const {
  if (auto package = ParsePythonMetadata(content, entry.path, facts.diagnostics)) {
    AddLanguageDb(facts, entry.path, "python", {std::move(*package)});
  }
}

}  // namespace portcullis
