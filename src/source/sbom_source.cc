#include "source/sbom_source.h"

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/json.h"
#include "core/strings.h"

namespace portcullis {

namespace {

constexpr size_t kMaxComponents = 1'000'000;
constexpr int kMaxNesting = 64;

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// "debian-12.5", "12", "bookworm" -> the major release number ("" when unknown).
std::string DebianMajor(std::string_view distro) {
  if (distro.starts_with("debian-")) distro.remove_prefix(7);
  static constexpr std::pair<std::string_view, std::string_view> kCodenames[] = {
      {"buster", "10"}, {"bullseye", "11"}, {"bookworm", "12"}, {"trixie", "13"}};
  for (const auto& [code, major] : kCodenames) {
    if (distro == code) return std::string(major);
  }
  std::string_view major = distro.substr(0, distro.find('.'));
  if (major.empty() || major.find_first_not_of("0123456789") != std::string_view::npos) return "";
  return std::string(major);
}

// "alpine-3.19.1", "3.19" -> "v3.19".
std::string AlpineRelease(std::string_view distro) {
  if (distro.starts_with("alpine-")) distro.remove_prefix(7);
  auto parts = Split(distro, '.');
  if (parts.size() < 2 || parts[0].empty() || parts[1].empty()) return "";
  return fmt::format("v{}.{}", parts[0], parts[1]);
}

// Fills type/ecosystem/name/source of `p` from `purl`; `os` gives the release when the purl
// has no distro qualifier.
void FromPurl(const Purl& purl, const std::optional<OsInfo>& os, Package& p) {
  p.type = purl.type;
  p.version = purl.version;
  // rpm keeps the epoch in a qualifier; the version comparators want it back in the version.
  if (std::string epoch = purl.Qualifier("epoch"); !epoch.empty() && epoch != "0") {
    p.version = epoch + ":" + p.version;
  }
  p.arch = purl.Qualifier("arch");
  std::string upstream = purl.Qualifier("upstream");
  if (!upstream.empty()) {
    size_t at = upstream.find('@');
    p.source_name = upstream.substr(0, at);
    if (at != std::string::npos) p.source_version = upstream.substr(at + 1);
  }
  std::string distro = purl.Qualifier("distro");
  if (purl.type == "deb") {
    p.name = purl.name;
    std::string major = DebianMajor(distro);
    if (major.empty() && os && os->family == "debian") major = DebianMajor(os->version);
    if (purl.namespace_ == "debian" && !major.empty()) p.ecosystem = "Debian:" + major;
    if (purl.namespace_ == "ubuntu" && os && os->family == "ubuntu") {
      p.ecosystem = "Ubuntu:" + os->version.substr(0, 5);
    }
  } else if (purl.type == "apk") {
    p.name = purl.name;
    std::string release = AlpineRelease(distro);
    if (release.empty() && os && os->family == "alpine") release = AlpineRelease(os->version);
    if (purl.namespace_ == "alpine" && !release.empty()) p.ecosystem = "Alpine:" + release;
  } else if (purl.type == "npm") {
    p.name = purl.namespace_.empty() ? purl.name : purl.namespace_ + "/" + purl.name;
    p.ecosystem = "npm";
  } else if (purl.type == "pypi") {
    p.name = purl.name;
    p.ecosystem = "PyPI";
  } else if (purl.type == "golang") {
    p.name = purl.namespace_.empty() ? purl.name : purl.namespace_ + "/" + purl.name;
    p.ecosystem = "Go";
  } else if (purl.type == "maven") {
    p.name = purl.namespace_ + ":" + purl.name;
    p.ecosystem = "Maven";
  } else if (purl.type == "cargo") {
    p.name = purl.name;
    p.ecosystem = "crates.io";
  } else if (purl.type == "gem") {
    p.name = purl.name;
    p.ecosystem = "RubyGems";
  } else {
    p.name = purl.namespace_.empty() ? purl.name : purl.namespace_ + "/" + purl.name;
  }
  if (p.source_name.empty()) p.source_name = p.name;
  if (p.source_version.empty()) p.source_version = p.version;
}

OsInfo OsFrom(std::string name, std::string version) {
  OsInfo os;
  os.family = ToLower(name);
  if (os.family.find("debian") != std::string::npos) os.family = "debian";
  if (os.family.find("alpine") != std::string::npos) os.family = "alpine";
  if (os.family.find("ubuntu") != std::string::npos) os.family = "ubuntu";
  os.version = std::move(version);
  os.name = name + (os.version.empty() ? "" : " " + os.version);
  return os;
}

struct Reader {
  SbomContents out;
  size_t skipped = 0;
  struct Entry {
    std::string purl;
    std::string name;                                         // the component's own name
    std::vector<std::pair<std::string, std::string>> props;  // portcullis:package:* properties
  };
  std::vector<Entry> purls;

  void Finish(std::string_view path) {
    for (const auto& entry : purls) {
      auto purl = ParsePurl(entry.purl);
      if (!purl) {
        ++skipped;
        continue;
      }
      Package p;
      FromPurl(*purl, out.os, p);
      // Properties Portcullis writes into its own CycloneDX output are more precise.
      for (const auto& [key, value] : entry.props) {
        if (value.empty()) continue;
        if (key == "source_name") p.source_name = value;
        if (key == "source_version") p.source_version = value;
        if (key == "ecosystem") p.ecosystem = value;
        if (key == "type") p.type = value;
        if (key == "layer") p.layer = value;
        if (key == "arch") p.arch = value;
        if (key == "found_in") p.found_in = value;
        if (key == "installed_by") p.installed_by = value;
        if (key == "identified_by") p.identified_by = value;
      }
      p.purl = entry.purl;
      if (p.found_in.empty()) p.found_in = std::string(path);
      out.packages.push_back(std::move(p));
    }
    if (skipped > 0) {
      Diagnostic d;
      d.code = "sbom.no_purl";
      d.path = std::string(path);
      d.message = fmt::format("{} components without a usable package URL were not checked",
                              skipped);
      d.severity = Severity::kLow;
      out.diagnostics.push_back(std::move(d));
    }
  }
};

// What Portcullis' SPDX writer says of a package beyond its purl, as portcullis:package:*
// property pairs: the source package ("sourceInfo": "built package from: NAME VERSION") and the
// "key: value; ..." notes of its comment (arch, ecosystem, layer, found in, installed by,
// identified by).
std::vector<std::pair<std::string, std::string>> SpdxPackageFacts(const nlohmann::json& p) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string source_info = JsonString(p, "sourceInfo");
  const std::string comment = JsonString(p, "comment");
  std::string_view info = Trim(source_info);
  constexpr std::string_view kBuilt = "built package from:";
  if (info.starts_with(kBuilt)) {
    std::string_view rest = Trim(info.substr(kBuilt.size()));
    size_t space = rest.find(' ');
    out.emplace_back("source_name", SanitizeUtf8(rest.substr(0, space)));
    if (space != std::string_view::npos) {
      out.emplace_back("source_version", SanitizeUtf8(Trim(rest.substr(space + 1))));
    }
  }
  static constexpr std::pair<std::string_view, std::string_view> kNotes[] = {
      {"arch", "arch"},
      {"ecosystem", "ecosystem"},
      {"layer", "layer"},
      {"found in", "found_in"},
      {"installed by", "installed_by"},
      {"identified by", "identified_by"}};
  for (std::string_view note : Split(comment, ';')) {
    note = Trim(note);
    size_t colon = note.find(": ");
    if (colon == std::string_view::npos) continue;
    for (const auto& [label, key] : kNotes) {
      if (note.substr(0, colon) == label) {
        out.emplace_back(std::string(key), SanitizeUtf8(note.substr(colon + 2)));
      }
    }
  }
  return out;
}

void CycloneDxComponents(const nlohmann::json& list, Reader& r, int depth) {
  if (depth > kMaxNesting) return;
  for (const auto& c : list) {
    if (!c.is_object() || r.purls.size() >= kMaxComponents) continue;
    std::string type = JsonString(c, "type");
    if (type == "operating-system") {
      if (!r.out.os) r.out.os = OsFrom(JsonString(c, "name"), JsonString(c, "version"));
    } else {
      std::string purl = JsonString(c, "purl");
      if (!purl.empty()) {
        Reader::Entry entry{SanitizeUtf8(purl), SanitizeUtf8(JsonString(c, "name")), {}};
        constexpr std::string_view kPrefix = "portcullis:package:";
        for (const auto& prop : JsonArray(c, "properties")) {
          std::string key = JsonString(prop, "name");
          if (key.starts_with(kPrefix)) {
            entry.props.emplace_back(key.substr(kPrefix.size()),
                                     SanitizeUtf8(JsonString(prop, "value")));
          }
        }
        r.purls.push_back(std::move(entry));
      } else if (type == "library" || type == "application" || type == "framework") {
        ++r.skipped;
      }
    }
    CycloneDxComponents(JsonArray(c, "components"), r, depth + 1);
  }
}

}  // namespace

std::string Purl::Qualifier(std::string_view key) const {
  for (const auto& [k, v] : qualifiers) {
    if (k == key) return v;
  }
  return "";
}

Result<Purl> ParsePurl(std::string_view s) {
  if (!s.starts_with("pkg:")) {
    return Fail(ErrorCode::kCorrupt, "package URL '{}' does not start with 'pkg:'", Excerpt(s, 60));
  }
  std::string_view rest = s.substr(4);
  while (rest.starts_with("/")) rest.remove_prefix(1);
  Purl p;
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    for (auto kv : Split(rest.substr(q + 1), '&')) {
      size_t eq = kv.find('=');
      if (eq == std::string_view::npos) continue;
      p.qualifiers.emplace_back(ToLower(kv.substr(0, eq)), PercentDecode(kv.substr(eq + 1)));
    }
    rest = rest.substr(0, q);
  }
  size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    p.version = PercentDecode(rest.substr(at + 1));
    rest = rest.substr(0, at);
  }
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) {
    return Fail(ErrorCode::kCorrupt, "package URL '{}' has no type/name", Excerpt(s, 60));
  }
  p.type = ToLower(rest.substr(0, slash));
  rest = rest.substr(slash + 1);
  while (rest.ends_with("/")) rest.remove_suffix(1);
  size_t last = rest.rfind('/');
  if (last != std::string_view::npos) {
    p.namespace_ = PercentDecode(rest.substr(0, last));
    rest = rest.substr(last + 1);
  }
  p.name = PercentDecode(rest);
  if (p.name.empty()) {
    return Fail(ErrorCode::kCorrupt, "package URL '{}' has no name", Excerpt(s, 60));
  }
  return p;
}

Result<SbomContents> ReadSbom(std::string_view text, std::string_view path, const Limits& limits) {
  auto doc = PC_TRY(ParseJson(text, path, limits.max_json_bytes));
  Reader r;
  r.out.artifact.type = "sbom";
  r.out.artifact.name = std::string(path);
  if (JsonString(doc, "bomFormat") == "CycloneDX") {
    const auto& meta_component = JsonObject(JsonObject(doc, "metadata"), "component");
    if (!meta_component.empty()) {
      r.out.artifact.name = SanitizeUtf8(JsonString(meta_component, "name", path));
      std::string version = JsonString(meta_component, "version");
      if (version.starts_with("sha256:")) r.out.artifact.digest = SanitizeUtf8(version);
    }
    CycloneDxComponents(JsonArray(doc, "components"), r, 0);
  } else if (doc.is_object() && doc.contains("spdxVersion")) {
    r.out.artifact.name = SanitizeUtf8(JsonString(doc, "name", path));
    for (const auto& p : JsonArray(doc, "packages")) {
      if (r.purls.size() >= kMaxComponents) break;
      std::string purpose = JsonString(p, "primaryPackagePurpose");
      if (purpose == "OPERATING-SYSTEM" || purpose == "OPERATING_SYSTEM") {
        if (!r.out.os) r.out.os = OsFrom(JsonString(p, "name"), JsonString(p, "versionInfo"));
        continue;
      }
      std::string purl;
      for (const auto& ref : JsonArray(p, "externalRefs")) {
        if (JsonString(ref, "referenceType") == "purl") {
          purl = JsonString(ref, "referenceLocator");
          break;
        }
      }
      if (purl.empty()) {
        ++r.skipped;
      } else {
        r.purls.push_back({SanitizeUtf8(purl), SanitizeUtf8(JsonString(p, "name")),
                           SpdxPackageFacts(p)});
      }
    }
  } else {
    return std::unexpected(Error{ErrorCode::kUnsupported,
                                 "not a CycloneDX (bomFormat) or SPDX (spdxVersion) JSON document",
                                 std::string(path)});
  }
  r.Finish(path);
  return std::move(r.out);
}

Result<SbomContents> ReadSbomFile(const std::string& path, const Limits& limits) {
  auto text = PC_TRY(ReadFileLimited(path, limits.max_json_bytes));
  return ReadSbom(text, path, limits);
}

}  // namespace portcullis
