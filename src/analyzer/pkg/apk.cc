#include "analyzer/pkg/apk.h"

#include <string>

#include "analyzer/pkg/lines.h"
#include "core/strings.h"

namespace portcullis {

namespace {

struct Record {
  uint64_t first_line = 0;
  bool any = false;
  std::string_view name, version, arch, origin, license, maintainer;
};

void Emit(const Record& r, std::string_view path, std::vector<Package>& out,
          std::vector<Diagnostic>& diagnostics) {
  if (!r.any) return;
  if (r.name.empty() || r.version.empty()) {
    Diagnostic d;
    d.code = "apk.bad_record";
    d.path = std::string(path);
    d.line = r.first_line;
    d.message = r.name.empty() ? std::string("record has no P: (name) line; package skipped")
                               : "record of " + SanitizeUtf8(Excerpt(r.name)) +
                                     " has no V: (version) line; package skipped";
    d.severity = Severity::kHigh;
    diagnostics.push_back(std::move(d));
    return;
  }
  Package p;
  p.name = SanitizeUtf8(r.name);
  p.version = SanitizeUtf8(r.version);
  p.arch = SanitizeUtf8(r.arch);
  p.source_name = r.origin.empty() ? p.name : SanitizeUtf8(r.origin);
  p.source_version = p.version;
  if (!r.license.empty()) p.licenses.push_back(SanitizeUtf8(r.license));
  p.maintainer = SanitizeUtf8(r.maintainer);
  p.type = "apk";
  p.found_in = std::string(path);
  out.push_back(std::move(p));
}

}  // namespace

std::vector<Package> ParseApkInstalled(std::string_view content, std::string_view path,
                                       std::vector<Diagnostic>& diagnostics) {
  std::vector<Package> out;
  Record record;
  ForEachLine(content, [&](uint64_t line_number, std::string_view line) {
    if (line.empty()) {
      Emit(record, path, out, diagnostics);
      record = Record{};
      return;
    }
    if (line.size() < 2 || line[1] != ':') {
      Diagnostic d;
      d.code = "apk.bad_line";
      d.path = std::string(path);
      d.line = line_number;
      d.message = "expected \"K:value\", found \"" + SanitizeUtf8(Excerpt(line)) + "\"";
      diagnostics.push_back(std::move(d));
      return;
    }
    if (!record.any) {
      record.any = true;
      record.first_line = line_number;
    }
    std::string_view value = line.substr(2);
    switch (line[0]) {
      case 'P': record.name = value; break;
      case 'V': record.version = value; break;
      case 'A': record.arch = value; break;
      case 'o': record.origin = value; break;
      case 'L': record.license = value; break;
      case 'm': record.maintainer = value; break;
      default: break;  // C, S, I, T, U, t, c, D, p, F, R, Z, a, M, ...
    }
  });
  Emit(record, path, out, diagnostics);
  return out;
}

bool ApkAnalyzer::Wants(const TarEntry& entry) const {
  return entry.type == EntryType::kFile && entry.path == kApkInstalledPath;
}

void ApkAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                          LayerFacts& facts) const {
  PackageDb db;
  db.path = entry.path;
  db.kind = "apk";
  db.os = true;
  db.packages = ParseApkInstalled(content, entry.path, facts.diagnostics);
  facts.package_dbs.push_back(std::move(db));
}

}  // namespace portcullis
