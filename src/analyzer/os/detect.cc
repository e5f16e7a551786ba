#include "analyzer/os/detect.h"

#include <algorithm>

#include "analyzer/os/eol.h"
#include "analyzer/os/os_release.h"
#include "core/strings.h"

namespace portcullis {

namespace {

constexpr std::string_view kPaths[] = {
    "etc/os-release",       "usr/lib/os-release",     "etc/debian_version",
    "etc/alpine-release",   "etc/lsb-release",        "etc/redhat-release",
    "etc/centos-release",   "etc/rocky-release",      "etc/almalinux-release",
    "etc/fedora-release",   "etc/system-release",
};

// Release files of rhel-like systems: "<Name> release <version> (<codename>)".
constexpr std::string_view kRhelReleaseFiles[] = {
    "etc/centos-release", "etc/rocky-release",  "etc/almalinux-release",
    "etc/fedora-release", "etc/redhat-release", "etc/system-release",
};

std::string NormalizeFamily(std::string_view id) {
  std::string family = ToLower(Trim(id));
  if (family == "amzn") return "amazon";
  if (family == "ol") return "oracle";
  return family;
}

bool StartsWithDigit(std::string_view s) { return !s.empty() && s[0] >= '0' && s[0] <= '9'; }

// True when `precise` is `coarse` or extends it by more components ("12.5" refines "12").
bool Refines(std::string_view precise, std::string_view coarse) {
  if (coarse.empty()) return StartsWithDigit(precise);
  if (precise == coarse) return true;
  return precise.size() > coarse.size() && precise.substr(0, coarse.size()) == coarse &&
         precise[coarse.size()] == '.';
}

// First line of a small text file, trimmed.
std::string FirstLine(std::string_view content) {
  size_t nl = content.find('\n');
  return std::string(Trim(content.substr(0, nl)));
}

struct RhelRelease {
  std::string family;
  std::string version;
  std::string name;
  bool stream = false;
};

// Parses "CentOS Linux release 7.9.2009 (Core)", "Rocky Linux release 9.3 (Blue Onyx)",
// "Fedora release 39 (Thirty Nine)", "Amazon Linux release 2 (Karoo)", "CentOS Stream
// release 9".
std::optional<RhelRelease> ParseRhelRelease(std::string_view content) {
  std::string line = FirstLine(content);
  size_t at = line.find(" release ");
  if (at == std::string::npos) return std::nullopt;
  std::string_view name = Trim(std::string_view(line).substr(0, at));
  std::string_view rest = std::string_view(line).substr(at + 9);
  size_t end = 0;
  while (end < rest.size() && rest[end] != ' ' && rest[end] != '(') ++end;
  RhelRelease r;
  r.version = std::string(rest.substr(0, end));
  r.name = line;
  if (!StartsWithDigit(r.version)) return std::nullopt;
  struct Prefix {
    std::string_view text;
    std::string_view family;
  };
  static constexpr Prefix kPrefixes[] = {
      {"centos stream", "centos"}, {"centos", "centos"},       {"red hat enterprise", "rhel"},
      {"rocky", "rocky"},          {"almalinux", "almalinux"}, {"fedora", "fedora"},
      {"amazon", "amazon"},        {"oracle", "oracle"},
  };
  std::string lower = ToLower(name);
  for (const Prefix& p : kPrefixes) {
    if (lower.rfind(p.text, 0) == 0) {
      r.family = std::string(p.family);
      r.stream = p.text == "centos stream";
      return r;
    }
  }
  return std::nullopt;
}

std::string Field(const OsReleaseFile& f, const std::string& key) {
  auto it = f.fields.find(key);
  return it == f.fields.end() ? "" : it->second;
}

void AppendDiagnostics(std::vector<Diagnostic>* out, std::vector<Diagnostic>& in) {
  if (out == nullptr) return;
  for (Diagnostic& d : in) out->push_back(std::move(d));
}

// Debian's base-files version is "<major>.<minor>[+deb<major>u<n>]" ("12.4+deb12u5");
// Ubuntu's ("12ubuntu4.6") and others do not match.
std::string DebianMajorFromBaseFiles(std::span<const PackageDb> dbs) {
  for (const PackageDb& db : dbs) {
    if (db.kind != "dpkg") continue;
    for (const Package& p : db.packages) {
      if (p.name != "base-files") continue;
      std::string_view v = p.version;
      size_t i = 0;
      while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
      if (i == 0) continue;
      std::string_view major = v.substr(0, i);
      std::string_view rest = v.substr(i);
      size_t j = 0;
      if (!rest.empty() && rest[0] == '.') {
        j = 1;
        while (j < rest.size() && rest[j] >= '0' && rest[j] <= '9') ++j;
      }
      rest = rest.substr(j);
      if (rest.empty() || rest.rfind("+deb", 0) == 0) return std::string(major);
    }
  }
  return "";
}

void FinishEol(OsInfo& os, std::string_view today, bool centos_stream) {
  const EolEntry* entry = FindEol(os.family, os.version, centos_stream);
  if (entry == nullptr) return;
  os.eol_date = std::string(entry->date);
  os.eol = IsPastDate(today, entry->date);
  if (os.codename.empty()) os.codename = std::string(entry->codename);
}

}  // namespace

std::span<const std::string_view> OsReleasePaths() { return kPaths; }

std::optional<OsInfo> DetectOs(const FileLookup& lookup, std::string_view today,
                               std::span<const PackageDb> package_dbs,
                               std::vector<Diagnostic>* diagnostics) {
  auto read = [&](std::string_view path) -> std::optional<std::string> {
    if (!lookup) return std::nullopt;
    std::optional<std::string> content = lookup(path);
    if (content && content->size() > kMaxOsFileBytes) return std::nullopt;
    return content;
  };

  OsInfo os;
  bool centos_stream = false;

  // 1. os-release.
  for (std::string_view path : {std::string_view("etc/os-release"),
                                std::string_view("usr/lib/os-release")}) {
    std::optional<std::string> content = read(path);
    if (!content) continue;
    OsReleaseFile file = ParseOsRelease(*content, path);
    AppendDiagnostics(diagnostics, file.diagnostics);
    std::string id = Field(file, "ID");
    if (Trim(id).empty()) continue;
    os.family = NormalizeFamily(id);
    os.version = std::string(Trim(Field(file, "VERSION_ID")));
    os.name = Field(file, "PRETTY_NAME");
    if (os.name.empty()) os.name = Field(file, "NAME");
    os.codename = Field(file, "VERSION_CODENAME");
    if (os.codename.empty()) os.codename = Field(file, "UBUNTU_CODENAME");
    centos_stream = os.family == "centos" && ContainsIgnoreCase(Field(file, "NAME"), "stream");
    break;
  }

  if (!os.family.empty()) {
    // Refine the version from the family's own release file when it agrees.
    if (os.family == "debian") {
      if (auto dv = read("etc/debian_version")) {
        std::string line = FirstLine(*dv);
        if (StartsWithDigit(line) && Refines(line, os.version)) {
          os.version = line;
        } else if (!StartsWithDigit(line) && os.codename.empty()) {
          // "trixie/sid" on testing and unstable.
          os.codename = std::string(Split(line, '/')[0]);
        }
      }
    } else if (os.family == "alpine") {
      if (auto ar = read("etc/alpine-release")) {
        std::string line = FirstLine(*ar);
        if (Refines(line, os.version)) os.version = line;
      }
    } else if (os.family == "centos" || os.family == "rhel" || os.family == "rocky" ||
               os.family == "almalinux") {
      for (std::string_view path : kRhelReleaseFiles) {
        auto content = read(path);
        if (!content) continue;
        auto rr = ParseRhelRelease(*content);
        if (rr && rr->family == os.family && Refines(rr->version, os.version)) {
          os.version = rr->version;
          break;
        }
      }
    }
    FinishEol(os, today, centos_stream);
    return os;
  }

  // 2. Fallback release files.
  if (auto ar = read("etc/alpine-release")) {
    std::string line = FirstLine(*ar);
    if (StartsWithDigit(line)) {
      os.family = "alpine";
      os.version = line;
      os.name = "Alpine Linux " + line;
    }
  }
  if (os.family.empty()) {
    if (auto lsb = read("etc/lsb-release")) {
      OsReleaseFile file = ParseOsRelease(*lsb, "etc/lsb-release");
      AppendDiagnostics(diagnostics, file.diagnostics);
      if (EqualsIgnoreCase(Field(file, "DISTRIB_ID"), "ubuntu")) {
        os.family = "ubuntu";
        os.version = Field(file, "DISTRIB_RELEASE");
        os.codename = Field(file, "DISTRIB_CODENAME");
        os.name = Field(file, "DISTRIB_DESCRIPTION");
      }
    }
  }
  if (os.family.empty()) {
    for (std::string_view path : kRhelReleaseFiles) {
      auto content = read(path);
      if (!content) continue;
      if (auto rr = ParseRhelRelease(*content)) {
        os.family = rr->family;
        os.version = rr->version;
        os.name = rr->name;
        centos_stream = rr->stream;
        break;
      }
    }
  }
  if (os.family.empty()) {
    if (auto dv = read("etc/debian_version")) {
      std::string line = FirstLine(*dv);
      if (!line.empty()) {
        os.family = "debian";
        if (StartsWithDigit(line)) {
          os.version = line;
        } else {
          os.codename = std::string(Split(line, '/')[0]);
        }
        os.name = "Debian GNU/Linux " + line;
      }
    }
  }
  // 3. Distroless without release files: base-files in the dpkg database.
  if (os.family.empty()) {
    std::string major = DebianMajorFromBaseFiles(package_dbs);
    if (!major.empty()) {
      os.family = "debian";
      os.version = major;
      os.name = "Debian GNU/Linux " + major;
    }
  }
  if (os.family.empty()) return std::nullopt;
  FinishEol(os, today, centos_stream);
  return os;
}

bool OsFilesAnalyzer::Wants(const TarEntry& entry) const {
  if (entry.type != EntryType::kFile) return false;
  return std::find(std::begin(kPaths), std::end(kPaths), entry.path) != std::end(kPaths);
}

void OsFilesAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                              LayerFacts& facts) const {
  if (content.size() > kMaxOsFileBytes) {
    Diagnostic d;
    d.code = "os.release_file_too_large";
    d.path = entry.path;
    d.message = "release file of " + std::to_string(content.size()) +
                " bytes is larger than the " + std::to_string(kMaxOsFileBytes) +
                "-byte limit; not used for OS detection";
    d.severity = Severity::kLow;
    facts.diagnostics.push_back(std::move(d));
    return;
  }
  facts.collected[entry.path] = std::string(content);
}

}  // namespace portcullis
