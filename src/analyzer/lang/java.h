// Java archives in an image (.jar, .war, .ear, and Jenkins .hpi/.jpi plugins): the Maven
// coordinates recorded in META-INF/maven/GROUP/ARTIFACT/pom.properties of the archive and of
// the archives nested in it (WEB-INF/lib/*.jar, BOOT-INF/lib/*.jar of Spring Boot, ...). The
// zip is read from memory with libarchive; nesting depth, entry counts and the bytes read from
// nested archives are bounded. Pure functions plus a stateless analyzer; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"

namespace portcullis {

struct JavaArchiveLimits {
  int max_depth = 3;                       // archives inside archives inside the file
  uint64_t max_entries = 200'000;          // zip entries looked at, over all levels
  uint64_t max_nested_bytes = 512ull << 20;  // bytes of nested archives read, over all levels
  uint64_t max_properties_bytes = 64 << 10;  // one pom.properties
};

// Reads a pom.properties (Java properties: key=value or key: value, '#'/'!' comments) into a
// Package: name "GROUP:ARTIFACT" (as OSV names Maven packages), version, type "maven",
// ecosystem "Maven", purl pkg:maven/GROUP/ARTIFACT@VERSION. nullopt when a coordinate is
// missing.
std::optional<Package> ParsePomProperties(std::string_view content, std::string_view found_in);

// Every Maven package recorded in the zip `content` (the archive at `path`) and in the
// archives nested in it, without duplicates (identified_by "pom.properties"); an archive with
// no pom.properties naming itself (file name ARTIFACT-VERSION, a shaded jar) is also reported
// itself, through IdentifyArchive. found_in is `path`, or "path!/inner.jar" for
// nested archives. Archives that cannot be read, and limits reached, become diagnostics; what
// was read before is kept.
std::vector<Package> ReadJavaArchive(std::string_view content, std::string_view path,
                                     std::vector<Diagnostic>& diagnostics,
                                     const JavaArchiveLimits& limits = {});

// The main attributes of a META-INF/MANIFEST.MF ("Key: value", continuation lines joined).
std::map<std::string, std::string> ParseManifest(std::string_view content);

// An archive without a pom.properties of its own: artifact from the file name
// (ARTIFACT-VERSION.jar), else Implementation-Title; version from Implementation-Version, else
// Bundle-Version ("identified_by" "manifest"), else the file name ("file-name"); group from
// Implementation-Vendor-Id or a Bundle-SymbolicName "GROUP.ARTIFACT" (name "GROUP:ARTIFACT",
// else just "ARTIFACT"). nullopt when no name or version is found.
std::optional<Package> IdentifyArchive(std::string_view manifest, std::string_view file_name,
                                       std::string_view found_in);

// True for names ending in .jar, .war, .ear, .hpi or .jpi (any case).
bool IsJavaArchiveName(std::string_view path);

// Reads each Java archive into a PackageDb (kind "java", os false) when it records packages.
class JavaArchiveAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "java"; }
  bool Wants(const TarEntry& entry) const override;
  void Analyze(const TarEntry& entry, std::string_view content,
               LayerFacts& facts) const override;
};

}  // namespace portcullis
