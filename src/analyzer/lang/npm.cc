#include "analyzer/lang/npm.h"

#include "analyzer/lang/lang_package.h"
#include "core/json.h"
#include "core/strings.h"

namespace portcullis {

namespace {

Diagnostic Bad(std::string_view path, std::string message) {
  return ManifestDiagnostic("npm.bad_package_json", path, std::move(message));
}

void AddLicense(std::vector<std::string>& out, const nlohmann::json& value) {
  if (out.size() >= 16) return;
  if (value.is_string()) {
    std::string s = value.get<std::string>();
    if (!s.empty() && s.size() <= 200) out.push_back(SanitizeUtf8(s));
  } else if (value.is_object()) {
    std::string s = JsonString(value, "type");
    if (!s.empty() && s.size() <= 200) out.push_back(SanitizeUtf8(s));
  }
}

}  // namespace

bool IsInstalledPackageJsonPath(std::string_view path) {
  constexpr std::string_view kFile = "/package.json";
  if (path.size() <= kFile.size() || path.substr(path.size() - kFile.size()) != kFile) {
    return false;
  }
  std::vector<std::string_view> parts = Split(path.substr(0, path.size() - kFile.size()), '/');
  size_t n = parts.size();
  if (n >= 2 && parts[n - 2] == "node_modules" && !parts[n - 1].empty() &&
      parts[n - 1][0] != '@' && parts[n - 1][0] != '.') {
    return true;
  }
  return n >= 3 && parts[n - 3] == "node_modules" && parts[n - 2].size() > 1 &&
         parts[n - 2][0] == '@' && !parts[n - 1].empty();
}

std::optional<Package> ParsePackageJson(std::string_view content, std::string_view path,
                                        std::vector<Diagnostic>& diagnostics) {
  Result<nlohmann::json> json = ParseJson(content, path, kMaxPackageJsonBytes);
  if (!json) {
    diagnostics.push_back(Bad(path, json.error().ToString()));
    return std::nullopt;
  }
  if (!json->is_object()) {
    diagnostics.push_back(Bad(path, "package.json is not a JSON object"));
    return std::nullopt;
  }
  std::string name = JsonString(*json, "name");
  std::string version = JsonString(*json, "version");
  if (name.empty() || version.empty()) {
    diagnostics.push_back(Bad(path, std::string("package.json has no ") +
                                        (name.empty() ? "name" : "version") +
                                        "; package skipped"));
    return std::nullopt;
  }
  PurlParts purl;
  if (name[0] == '@') {  // "@scope/name": the scope is the purl namespace
    size_t slash = name.find('/');
    if (slash != std::string::npos) {
      purl.namespace_ = SanitizeUtf8(std::string_view(name).substr(0, slash));
      purl.name = SanitizeUtf8(std::string_view(name).substr(slash + 1));
    }
  }
  Package p = MakeLanguagePackage(name, version, "npm", "npm", path, purl);
  if (auto it = json->find("license"); it != json->end()) AddLicense(p.licenses, *it);
  if (p.licenses.empty()) {
    for (const auto& entry : JsonArray(*json, "licenses")) AddLicense(p.licenses, entry);
  }
  return p;
}

bool NpmAnalyzer::Wants(const TarEntry& entry) const {
  return entry.type == EntryType::kFile && entry.size <= kMaxPackageJsonBytes &&
         IsInstalledPackageJsonPath(entry.path);
}

void NpmAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                          LayerFacts& facts) const {
  if (auto package = ParsePackageJson(content, entry.path, facts.diagnostics)) {
    AddLanguageDb(facts, entry.path, "npm", {std::move(*package)});
  }
}

}  // namespace portcullis
