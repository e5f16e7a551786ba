#include "analyzer/lang/java.h"

#include <archive.h>
#include <archive_entry.h>

#include <map>
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
    std::string manifest;
    bool own_pom = false;  // a pom.properties names this archive itself
    std::string_view file_name = found_in;
    if (size_t slash = file_name.rfind('/'); slash != std::string_view::npos) {
      file_name.remove_prefix(slash + 1);
    }
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
          p->identified_by = "pom.properties";
          std::string_view artifact = p->name;
          artifact.remove_prefix(artifact.rfind(':') + 1);
          std::string_view stem = file_name.substr(0, file_name.rfind('.'));
          if (stem.starts_with(artifact) &&
              (stem.size() == artifact.size() || stem[artifact.size()] == '-')) {
            own_pom = true;
          }
          std::string key = p->found_in + "\x1f" + p->name + "\x1f" + p->version;
          if (seen.insert(key).second) packages.push_back(std::move(*p));
        }
      } else if (name == "META-INF/MANIFEST.MF") {
        manifest = ReadEntry(a.get(), limits.max_properties_bytes).value_or("");
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
    // No pom.properties of its own (a plain jar, or a shaded one holding only its libraries'):
    // the archive itself, from its manifest and then its file name.
    if (!own_pom) {
      if (auto p = IdentifyArchive(manifest, file_name, found_in)) {
        std::string key = p->found_in + "\x1f" + p->name + "\x1f" + p->version;
        if (seen.insert(key).second) packages.push_back(std::move(*p));
      }
    }
  }
};

}  // namespace

std::map<std::string, std::string> ParseManifest(std::string_view content) {
  std::map<std::string, std::string> out;
  std::string* last = nullptr;
  for (std::string_view line : Split(content, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with(' ')) {  // a continuation of the previous value
      if (last != nullptr) last->append(SanitizeUtf8(line.substr(1)));
      continue;
    }
    last = nullptr;
    size_t colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0) continue;
    if (out.size() >= 1000) break;
    last = &(out[std::string(line.substr(0, colon))] = SanitizeUtf8(line.substr(colon + 2)));
  }
  return out;
}

std::optional<Package> IdentifyArchive(std::string_view manifest, std::string_view file_name,
                                       std::string_view found_in) {
  auto m = ParseManifest(manifest);
  auto get = [&](const char* key) -> std::string {
    auto it = m.find(key);
    return it == m.end() ? "" : std::string(Trim(it->second));
  };
  // File name: ARTIFACT-VERSION.jar, the version starting at the first "-<digit>".
  std::string_view stem = file_name.substr(0, file_name.rfind('.'));
  std::string file_artifact(stem), file_version;
  for (size_t i = 0; i + 1 < stem.size(); ++i) {
    if (stem[i] == '-' && stem[i + 1] >= '0' && stem[i + 1] <= '9') {
      file_artifact = std::string(stem.substr(0, i));
      file_version = std::string(stem.substr(i + 1));
      break;
    }
  }
  std::string version = get("Implementation-Version");
  if (version.empty()) version = get("Bundle-Version");
  std::string how = "manifest";
  if (version.empty()) {
    version = file_version;
    how = "file-name";
  }
  std::string artifact = SanitizeUtf8(file_artifact);
  if (artifact.empty()) artifact = get("Implementation-Title");
  if (artifact.empty() || version.empty() || artifact.find_first_of(" /:") != std::string::npos) {
    return std::nullopt;
  }
  // The group, when the manifest gives it: Implementation-Vendor-Id, or the Bundle-SymbolicName
  // "GROUP.ARTIFACT" (org.tukaani.xz).
  std::string group = get("Implementation-Vendor-Id");
  std::string symbolic = get("Bundle-SymbolicName");
  symbolic = symbolic.substr(0, symbolic.find(';'));
  if (group.empty() && symbolic.ends_with("." + artifact)) {
    group = symbolic.substr(0, symbolic.size() - artifact.size() - 1);
  }
  if (group.find_first_of(" /:") != std::string::npos) group.clear();
  Package p = MakeLanguagePackage(group.empty() ? artifact : group + ":" + artifact, version,
                                  "maven", "Maven", found_in,
                                  {"maven", group, artifact, version, {}, ""});
  p.identified_by = how;
  return p;
}

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
