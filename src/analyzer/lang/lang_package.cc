#include "analyzer/lang/lang_package.h"

#include "core/strings.h"

namespace portcullis {

Package MakeLanguagePackage(std::string_view name, std::string_view version,
                            std::string_view type, std::string_view ecosystem,
                            std::string_view path, PurlParts purl) {
  Package p;
  p.name = SanitizeUtf8(name);
  p.version = SanitizeUtf8(version);
  p.source_name = p.name;
  p.source_version = p.version;
  p.type = std::string(type);
  p.ecosystem = std::string(ecosystem);
  p.found_in = std::string(path);
  if (purl.type.empty()) purl.type = p.type;
  if (purl.name.empty()) purl.name = p.name;
  if (purl.version.empty()) purl.version = p.version;
  p.purl = BuildPurl(purl);
  return p;
}

void AddLanguageDb(LayerFacts& facts, std::string_view path, std::string_view kind,
                   std::vector<Package> packages) {
  if (packages.empty()) return;
  PackageDb db;
  db.path = std::string(path);
  db.kind = std::string(kind);
  db.os = false;
  db.packages = std::move(packages);
  facts.package_dbs.push_back(std::move(db));
}

Diagnostic ManifestDiagnostic(std::string_view code, std::string_view path, std::string message,
                              Severity severity) {
  Diagnostic d;
  d.code = std::string(code);
  d.path = std::string(path);
  d.message = std::move(message);
  d.severity = severity;
  return d;
}

}  // namespace portcullis
