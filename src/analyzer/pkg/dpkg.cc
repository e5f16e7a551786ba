#include "analyzer/pkg/dpkg.h"

#include <string>

#include "analyzer/pkg/lines.h"
#include "core/strings.h"

namespace portcullis {

namespace {

constexpr std::string_view kStatusPath = "var/lib/dpkg/status";
constexpr std::string_view kStatusDir = "var/lib/dpkg/status.d/";

Diagnostic MakeDiagnostic(std::string_view code, std::string_view path, uint64_t line,
                          std::string message, Severity severity = Severity::kMedium) {
  Diagnostic d;
  d.code = std::string(code);
  d.path = std::string(path);
  d.line = line;
  d.message = std::move(message);
  d.severity = severity;
  return d;
}

// The fields of one stanza that matter, as views into the content.
struct Stanza {
  uint64_t first_line = 0;
  std::string_view package;
  std::string_view version;
  std::string_view status;
  std::string_view arch;
  std::string_view source;
  std::string_view maintainer;
  bool has_status = false;
  bool any_field = false;
};

void Emit(const Stanza& s, std::string_view path, std::vector<Package>& out,
          std::vector<Diagnostic>& diagnostics) {
  if (!s.any_field) return;
  if (s.has_status && !IsDpkgInstalledStatus(s.status)) return;
  if (s.package.empty() || s.version.empty()) {
    std::string what = s.package.empty() ? "Package" : "Version";
    std::string who = s.package.empty() ? "" : " of " + SanitizeUtf8(Excerpt(s.package));
    diagnostics.push_back(MakeDiagnostic("dpkg.bad_stanza", path, s.first_line,
                                         "stanza" + who + " has no " + what +
                                             " field; package skipped",
                                         Severity::kHigh));
    return;
  }
  Package p;
  p.name = SanitizeUtf8(s.package);
  p.version = SanitizeUtf8(s.version);
  p.arch = SanitizeUtf8(s.arch);
  p.maintainer = SanitizeUtf8(s.maintainer);
  p.type = "deb";
  p.found_in = std::string(path);
  p.source_name = p.name;
  p.source_version = p.version;
  if (!s.source.empty()) {
    // "name" or "name (version)".
    std::string_view src = s.source;
    size_t paren = src.find('(');
    std::string_view name = Trim(src.substr(0, paren));
    if (!name.empty()) p.source_name = SanitizeUtf8(name);
    if (paren != std::string_view::npos) {
      size_t close = src.find(')', paren);
      std::string_view version = Trim(src.substr(paren + 1, close == std::string_view::npos
                                                               ? std::string_view::npos
                                                               : close - paren - 1));
      if (!version.empty()) {
        p.source_version = SanitizeUtf8(version);
      } else {
        diagnostics.push_back(MakeDiagnostic("dpkg.bad_source", path, s.first_line,
                                             "Source of " + p.name +
                                                 " has an empty version in parentheses",
                                             Severity::kLow));
      }
    }
  }
  out.push_back(std::move(p));
}

}  // namespace

bool IsDpkgInstalledStatus(std::string_view status) {
  // "want flag state"; older databases may have more spaces.
  std::string_view state = Trim(status);
  size_t last_space = state.find_last_of(" \t");
  if (last_space != std::string_view::npos) state = state.substr(last_space + 1);
  return state == "installed" || state == "unpacked" || state == "half-configured" ||
         state == "half-installed" || state == "triggers-awaited" ||
         state == "triggers-pending";
}

std::vector<Package> ParseDpkgStatus(std::string_view content, std::string_view path,
                                     std::vector<Diagnostic>& diagnostics) {
  std::vector<Package> out;
  Stanza stanza;
  ForEachLine(content, [&](uint64_t line_number, std::string_view line) {

    if (Trim(line).empty()) {
      Emit(stanza, path, out, diagnostics);
      stanza = Stanza{};
      return;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (!stanza.any_field) {
        diagnostics.push_back(MakeDiagnostic("dpkg.bad_line", path, line_number,
                                             "continuation line outside a field"));
      }
      return;  // continuation of a multi-line field (Description, Conffiles, ...)
    }
    if (line[0] == '#') return;  // comments are allowed in deb822 files
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      diagnostics.push_back(MakeDiagnostic(
          "dpkg.bad_line", path, line_number,
          "expected \"Field: value\", found \"" + SanitizeUtf8(Excerpt(line)) + "\""));
      if (!stanza.any_field) stanza.first_line = line_number;
      return;
    }
    if (!stanza.any_field) {
      stanza.first_line = line_number;
      stanza.any_field = true;
    }
    std::string_view field = line.substr(0, colon);
    std::string_view value = Trim(line.substr(colon + 1));
    if (EqualsIgnoreCase(field, "Package")) {
      stanza.package = value;
    } else if (EqualsIgnoreCase(field, "Version")) {
      stanza.version = value;
    } else if (EqualsIgnoreCase(field, "Status")) {
      stanza.status = value;
      stanza.has_status = true;
    } else if (EqualsIgnoreCase(field, "Architecture")) {
      stanza.arch = value;
    } else if (EqualsIgnoreCase(field, "Source")) {
      stanza.source = value;
    } else if (EqualsIgnoreCase(field, "Maintainer")) {
      stanza.maintainer = value;
    }
  });
  Emit(stanza, path, out, diagnostics);
  return out;
}

bool IsDpkgDatabasePath(std::string_view path) {
  if (path == kStatusPath) return true;
  if (path.size() <= kStatusDir.size() || path.substr(0, kStatusDir.size()) != kStatusDir) {
    return false;
  }
  std::string_view name = path.substr(kStatusDir.size());
  if (name.find('/') != std::string_view::npos) return false;
  constexpr std::string_view kMd5 = ".md5sums";
  return !(name.size() >= kMd5.size() && name.substr(name.size() - kMd5.size()) == kMd5);
}

bool DpkgAnalyzer::Wants(const TarEntry& entry) const {
  return entry.type == EntryType::kFile && IsDpkgDatabasePath(entry.path);
}

void DpkgAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                           LayerFacts& facts) const {
  PackageDb db;
  db.path = entry.path;
  db.kind = "dpkg";
  db.os = true;
  db.packages = ParseDpkgStatus(content, entry.path, facts.diagnostics);
  facts.package_dbs.push_back(std::move(db));
}

}  // namespace portcullis
