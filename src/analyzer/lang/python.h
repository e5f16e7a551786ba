// Python distributions installed in an image: the core-metadata files of site-packages and
// dist-packages (NAME-VER.dist-info/METADATA of wheels, NAME-VER.egg-info/PKG-INFO and
// single-file NAME-VER.egg-info of setuptools/distutils installs). Pure parser plus a stateless
// analyzer; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"

namespace portcullis {

// Parses the header block of a core-metadata file (RFC 822 style, ends at the first blank
// line): Name, Version, License-Expression (PEP 639) or else License (when it is one short
// line) or else the "License :: OSI Approved :: X" classifiers. Returns a Package with type
// "pypi", ecosystem "PyPI", purl pkg:pypi/NAME@VERSION and found_in `path`, or nullopt (with a
// diagnostic "python.bad_metadata" naming the missing field) when Name or Version is missing.
std::optional<Package> ParsePythonMetadata(std::string_view content, std::string_view path,
                                           std::vector<Diagnostic>& diagnostics);

// True for .../site-packages/X.dist-info/METADATA, .../X.egg-info/PKG-INFO and
// .../site-packages/X.egg-info (a file), also under dist-packages.
bool IsPythonMetadataPath(std::string_view path);

// Reads each metadata file into its own PackageDb (kind "python", os false).
class PythonAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "python"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
