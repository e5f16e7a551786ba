#include "analyzer/lang/java.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <set>

#include "analyzer/lang/lang_package.h"
#include "core/strings.h"

namespace portcullis {

namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

// META-INF/maven/GROUP/ARTIFACT/pom.properties
bool IsPomPropertiesPath(std::string_view name) {
  constexpr std::string_view kPrefix = "META-INF/maven/";
  constexpr std::string_view kSuffix = "/pom.properties";
  if (name.size() <= kPrefix.size() + kSuffix.size()) return false;
  return name.substr(0, kPrefix.size()) == kPrefix &&
         name.substr(name.size() - kSuffix.size()) == kSuffix;
}

Diagnostic Diag(std::string_view code, std::string_view path, std::string message,
                Severity severity = Severity::kMedium) {
  return ManifestDiagnostic(code, path, std::move(message), severity);
}

struct Walk {
  const JavaArchiveLimits& limits;
  std::vector<Diagnostic>& diagnostics;
  std::string_view image_path;  // the outermost archive, for diagnostics
  uint64_t entries = 0;
  uint64_t nested_bytes = 0;
  bool limit_reported = false;
  std::set<std::string> seen;  // "found_in\x1fname\x1fversion"
  std::vector<Package> packages;

  void LimitReached(std::string message) {
    if (limit_reported) return;
    limit_reported = true;
    diagnostics.push_back(Diag("java.limit", image_path, std::move(message), Severity::kLow));
  }

  // Reads the rest of the current entry's data, up to `max` bytes. nullopt when it is larger
  // or unreadable.
  static std::optional<std::string> ReadEntry(archive* a, uint64_t max) {
    std::string out;
    char buffer[16384];
    for (;;) {
      la_ssize_t n = archive_read_data(a, buffer, sizeof(buffer));
      if (n == 0) return out;
      if (n < 0) return std::nullopt;
      if (out.size() + static_cast<uint64_t>(n) > max) return std::nullopt;
      out.append(buffer, static_cast<size_t>(n));
    }
  }

  void Read(std::string_view content, const std::string& found_in, int depth) {
    std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
    if (!a) return;
    archive_read_support_format_zip_seekable(a.get());
    if (archive_read_open_memory(a.get(), content.data(), content.size()) != ARCHIVE_OK) {
      diagnostics.push_back(Diag("java.bad_archive", image_path,
                                 found_in + ": not a readable zip archive: " +
                                     SanitizeUtf8(archive_error_string(a.get())
                                                      ? archive_error_string(a.get())
                                                      : "unknown error")));
      return;
    }
    archive_entry* entry = nullptr;
    for (;;) {
      int rc = archive_read_next_header(a.get(), &entry);
      if (rc == ARCHIVE_EOF) break;
      if (rc < ARCHIVE_WARN) {
        diagnostics.push_back(Diag(
            "java.bad_archive", image_path,
            found_in + ": zip entry unreadable after " + std::to_string(entries) +
                " entries: " +
                SanitizeUtf8(archive_error_string(a.get()) ? archive_error_string(a.get()) : "")));
        return;
      }
      if (++entries > limits.max_entries) {
        LimitReached("more than " + std::to_string(limits.max_entries) +
                     " zip entries; the rest of the archive is not read");
        return;
      }
      const char* raw_name = archive_entry_pathname(entry);
      if (raw_name == nullptr || archive_entry_filetype(entry) != AE_IFREG) continue;
      std::string_view name = raw_name;
      if (IsPomPropertiesPath(name)) {
        auto text = ReadEntry(a.get(), limits.max_properties_bytes);
        if (!text) {
          diagnostics.push_back(Diag("java.bad_pom_properties", image_path,
                                     found_in + "!/" + SanitizeUtf8(name) +
                                         ": unreadable or larger than " +
                                         std::to_string(limits.max_properties_bytes) +
                                         " bytes"));
          continue;
        }
        if (auto p = ParsePomProperties(*text, found_in)) {
          std::string key = p->found_in + "\x1f" + p->name + "\x1f" + p->version;
          if (seen.insert(key).second) packages.push_back(std::move(*p));
        }
      } else if (IsJavaArchiveName(name)) {
        if (depth + 1 > limits.max_depth) {
          LimitReached("archives nested deeper than " + std::to_string(limits.max_depth) +
                       " levels are not read (first: " + found_in + "!/" +
                       SanitizeUtf8(name) + ")");
          continue;
        }
        uint64_t budget = limits.max_nested_bytes - nested_bytes;
        auto inner = ReadEntry(a.get(), budget);
        if (!inner) {
          LimitReached("nested archives larger than the " +
                       std::to_string(limits.max_nested_bytes) + "-byte budget are not read " +
                       "(first: " + found_in + "!/" + SanitizeUtf8(name) + ")");
          continue;
        }
        nested_bytes += inner->size();
        Read(*inner, found_in + "!/" + SanitizeUtf8(name), depth + 1);
      }
    }
  }
};

}  // namespace

std::optional<Package> ParsePomProperties(std::string_view content, std::string_view found_in) {
  std::string group, artifact, version;
  for (std::string_view line : Split(content, '\n')) {
    line = Trim(line);
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;
    size_t sep = line.find_first_of("=:");
    if (sep == std::string_view::npos) continue;
    std::string_view key = Trim(line.substr(0, sep));
    std::string_view value = Trim(line.substr(sep + 1));
    if (key == "groupId") group = SanitizeUtf8(value);
    else if (key == "artifactId") artifact = SanitizeUtf8(value);
    else if (key == "version") version = SanitizeUtf8(value);
  }
  if (group.empty() || artifact.empty() || version.empty()) return std::nullopt;
  return MakeLanguagePackage(group + ":" + artifact, version, "maven", "Maven", found_in,
                             {"maven", group, artifact, version, {}, ""});
}

std::vector<Package> ReadJavaArchive(std::string_view content, std::string_view path,
                                     std::vector<Diagnostic>& diagnostics,
                                     const JavaArchiveLimits& limits) {
  Walk walk{limits, diagnostics, path};
  walk.Read(content, std::string(path), 0);
  return std::move(walk.packages);
}

bool IsJavaArchiveName(std::string_view path) {
  for (std::string_view ext : {".jar", ".war", ".ear", ".hpi", ".jpi"}) {
    if (EndsWithIgnoreCase(path, ext)) return true;
  }
  return false;
}

bool JavaArchiveAnalyzer::Wants(const TarEntry& entry) const {
  return entry.type == EntryType::kFile && entry.size >= 22 && IsJavaArchiveName(entry.path);
}

void JavaArchiveAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                                  LayerFacts& facts) const {
  AddLanguageDb(facts, entry.path, "java",
                ReadJavaArchive(content, entry.path, facts.diagnostics));
}

}  // namespace portcullis
