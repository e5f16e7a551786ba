// Helpers shared by the language-package analyzers (one file per ecosystem in this folder):
// the Package every manifest turns into, and the one-manifest PackageDb they add to a layer's
// facts. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/pkg/purl.h"

namespace portcullis {

// A language package: name and version (sanitised to UTF-8), which are also its source name
// and version, `type` (the purl type), `ecosystem` (OSV), found_in `path`, and the purl built
// from `purl` (whose name and version default to the package's when left empty).
Package MakeLanguagePackage(std::string_view name, std::string_view version,
                            std::string_view type, std::string_view ecosystem,
                            std::string_view path, PurlParts purl = {});

// Adds a PackageDb (os false) of kind `kind` at `path` holding `packages`, unless it is empty.
void AddLanguageDb(LayerFacts& facts, std::string_view path, std::string_view kind,
                   std::vector<Package> packages);

// A diagnostic about a manifest that could not be used.
Diagnostic ManifestDiagnostic(std::string_view code, std::string_view path, std::string message,
                              Severity severity = Severity::kLow);

}  // namespace portcullis
