// CycloneDX 1.5 JSON (https://cyclonedx.org/docs/1.5/json/): the artifact as metadata.component,
// the OS and every package as components, the artifact depending on all of them, and the
// vulnerabilities section when the report has vulnerabilities. serialNumber is a version-5
// UUID of the document's own content (docs/report-format.md), so output is deterministic.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/strings.h"
#include "report/formats.h"
#include "report/image_purl.h"
#include "report/json_out.h"
#include "report/report_view.h"
#include "report/spdx_license.h"
#include "report/uri.h"
#include "report/uuid.h"

namespace portcullis {

namespace {

constexpr size_t kMaxVersionBytes = 1024;  // the schema's limit for affects[].versions[]

using Properties = std::vector<std::pair<std::string_view, std::string>>;

void AddProperty(Properties& properties, std::string_view name, std::string_view value) {
  if (!value.empty()) properties.emplace_back(name, std::string(value));
}

void WriteProperties(JsonOut& j, const Properties& properties) {
  if (properties.empty()) return;
  j.Key("properties");
  j.BeginArray();
  for (const auto& [name, value] : properties) {
    j.BeginObject();
    j.Field("name", name);
    j.Field("value", value);
    j.EndObject();
  }
  j.EndArray();
}

// licenses: every statement a list id -> [{license:{id}}...]; all expressible without
// LicenseRef- -> one expression; otherwise ids where possible and names for the rest.
void WriteLicenses(JsonOut& j, const Package& p) {
  std::vector<NormalizedLicense> normalized;
  std::set<std::string> seen;
  std::vector<std::string> stated;
  for (const auto& l : p.licenses) {
    if (Trim(l).empty() || !seen.insert(std::string(Trim(l))).second) continue;
    stated.emplace_back(Trim(l));
    normalized.push_back(NormalizeLicense(l));
  }
  if (normalized.empty()) return;
  j.Key("licenses");
  j.BeginArray();
  bool all_ids = std::ranges::all_of(normalized, [](const auto& n) { return n.single_list_id; });
  bool no_refs = std::ranges::all_of(normalized, [](const auto& n) { return n.refs.empty(); });
  if (!all_ids && no_refs) {
    j.BeginObject();
    j.Field("expression", JoinAnd(normalized));
    j.EndObject();
  } else {
    std::set<std::string> written;
    for (size_t i = 0; i < normalized.size(); ++i) {
      bool id = normalized[i].single_list_id;
      if (!written.insert(id ? normalized[i].expression : "name:" + stated[i]).second) continue;
      j.BeginObject();
      j.Key("license");
      j.BeginObject();
      j.Field(id ? "id" : "name", id ? normalized[i].expression : stated[i]);
      j.EndObject();
      j.EndObject();
    }
  }
  j.EndArray();
}

void WriteComponent(JsonOut& j, const Package& p, const std::string& bom_ref) {
  j.BeginObject();
  j.Field("type", "library");
  j.Field("bom-ref", bom_ref);
  if (!p.maintainer.empty()) j.Field("publisher", p.maintainer);
  j.Field("name", p.name);
  if (!p.version.empty()) j.Field("version", p.version);
  WriteLicenses(j, p);
  if (!p.purl.empty()) j.Field("purl", p.purl);
  Properties properties;
  AddProperty(properties, "portcullis:package:arch", p.arch);
  AddProperty(properties, "portcullis:package:source_name", p.source_name);
  AddProperty(properties, "portcullis:package:source_version", p.source_version);
  AddProperty(properties, "portcullis:package:ecosystem", p.ecosystem);
  AddProperty(properties, "portcullis:package:type", p.type);
  AddProperty(properties, "portcullis:package:layer", p.layer);
  AddProperty(properties, "portcullis:package:found_in", p.found_in);
  AddProperty(properties, "portcullis:package:installed_by", p.installed_by);
  AddProperty(properties, "portcullis:package:identified_by", p.identified_by);
  WriteProperties(j, properties);
  j.EndObject();
}

std::string_view RatingMethod(std::string_view vector) {
  if (vector.starts_with("CVSS:3.1/")) return "CVSSv31";
  if (vector.starts_with("CVSS:3.0/")) return "CVSSv3";
  if (vector.starts_with("CVSS:4.0/")) return "CVSSv4";
  if (vector.starts_with("AV:")) return "CVSSv2";
  return "other";
}

// One entry of the vulnerabilities section: every Vulnerability of the report with this id.
void WriteVulnerability(JsonOut& j, const std::vector<const Vulnerability*>& group,
                        const ReportView& view, const std::map<const Package*, std::string>& refs,
                        const std::string& artifact_ref) {
  const Vulnerability& first = *group.front();
  std::set<std::string> aliases;
  std::vector<std::pair<std::string, std::string>> references;  // id, source name
  std::vector<const Vulnerability*> ratings;
  std::set<std::tuple<std::string, Severity, double, std::string>> rated;
  std::set<std::string> urls;
  std::vector<std::string> advisories;
  std::string description, recommendation, published, updated;
  std::map<std::string, std::vector<std::string>> affects;  // bom-ref -> versions
  std::vector<std::string> affect_order;
  for (const Vulnerability* x : group) {
    for (const auto& a : x->aliases) {
      if (a.empty() || a == x->id || !aliases.insert(a).second) continue;
      references.emplace_back(a, a.substr(0, a.find('-')));
    }
    if (rated.emplace(x->severity_source, x->severity, x->cvss_score, x->cvss_vector).second) {
      ratings.push_back(x);
    }
    if (description.empty()) description = !x->description.empty() ? x->description : x->title;
    for (const auto& ref : x->references) {
      auto url = WebUrl(ref);
      if (url && urls.insert(*url).second) advisories.push_back(*url);
    }
    if (!x->fixed_version.empty()) {
      std::string line = fmt::format("Upgrade {} to {}", x->package, x->fixed_version);
      if (recommendation.find(line) == std::string::npos) {
        recommendation += (recommendation.empty() ? "" : "; ") + line;
      }
    }
    if (published.empty() && IsRfc3339DateTime(x->published)) published = x->published;
    if (updated.empty() && IsRfc3339DateTime(x->modified)) updated = x->modified;
    const Package* p = view.PackageOf(*x);
    const std::string& ref = p ? refs.at(p) : artifact_ref;
    auto [it, added] = affects.try_emplace(ref);
    if (added) affect_order.push_back(ref);
    if (!x->installed_version.empty()) {
      std::string version = SanitizeUtf8(Excerpt(x->installed_version, kMaxVersionBytes - 3));
      if (std::ranges::find(it->second, version) == it->second.end()) {
        it->second.push_back(std::move(version));
      }
    }
  }

  j.BeginObject();
  j.Field("id", first.id);
  if (!first.data_source.empty()) {
    j.Key("source");
    j.BeginObject();
    j.Field("name", first.data_source);
    j.EndObject();
  }
  if (!references.empty()) {
    j.Key("references");
    j.BeginArray();
    for (const auto& [id, source] : references) {
      j.BeginObject();
      j.Field("id", id);
      j.Key("source");
      j.BeginObject();
      j.Field("name", source);
      j.EndObject();
      j.EndObject();
    }
    j.EndArray();
  }
  j.Key("ratings");
  j.BeginArray();
  for (const Vulnerability* x : ratings) {
    j.BeginObject();
    if (!x->severity_source.empty()) {
      j.Key("source");
      j.BeginObject();
      j.Field("name", x->severity_source);
      j.EndObject();
    }
    if (x->cvss_score > 0) {
      j.Key("score");
      j.Double(x->cvss_score);
    }
    j.Field("severity", LowerSeverityName(x->severity));
    j.Field("method", RatingMethod(x->cvss_vector));
    if (!x->cvss_vector.empty()) j.Field("vector", x->cvss_vector);
    j.EndObject();
  }
  j.EndArray();
  if (!description.empty()) j.Field("description", description);
  if (!recommendation.empty()) j.Field("recommendation", recommendation);
  if (!advisories.empty()) {
    j.Key("advisories");
    j.BeginArray();
    for (const auto& url : advisories) {
      j.BeginObject();
      j.Field("url", url);
      j.EndObject();
    }
    j.EndArray();
  }
  if (!published.empty()) j.Field("published", published);
  if (!updated.empty()) j.Field("updated", updated);
  j.Key("affects");
  j.BeginArray();
  for (const auto& ref : affect_order) {
    j.BeginObject();
    j.Field("ref", ref);
    const auto& versions = affects[ref];
    if (!versions.empty()) {
      j.Key("versions");
      j.BeginArray();
      for (const auto& v : versions) {
        j.BeginObject();
        j.Field("version", v);
        j.Field("status", "affected");
        j.EndObject();
      }
      j.EndArray();
    }
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
}

}  // namespace

Result<std::string> WriteCycloneDx(const Report& report, const WriteOptions&) {
  PC_TRY_VOID(CheckSbomArtifact(report, "cyclonedx"));
  ReportView view(report);
  const Artifact& artifact = report.artifact;
  std::string version = report.tool_version.empty() ? PORTCULLIS_VERSION : report.tool_version;

  std::string image_purl = OciPurl(artifact);
  // bom-refs are compared as written (sanitised), so that two never print the same.
  std::string artifact_ref =
      image_purl.empty() ? SanitizeUtf8("artifact:" + artifact.name) : image_purl;
  std::set<std::string> used_refs = {artifact_ref};
  auto unique_ref = [&](std::string_view raw) {
    std::string base = SanitizeUtf8(raw);
    std::string ref = base;
    for (int n = 2; !used_refs.insert(ref).second; ++n) ref = base + "|" + std::to_string(n);
    return ref;
  };

  std::string out;
  out.reserve(4096 + 900 * report.packages.size() + 900 * report.vulnerabilities.size());
  JsonOut j(out);
  j.BeginObject();
  j.Field("$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json");
  j.Field("bomFormat", "CycloneDX");
  j.Field("specVersion", "1.5");
  j.Field("serialNumber", "");
  size_t serial_at = j.size() - 1;  // between the quotes
  j.Field("version", uint64_t{1});

  j.Key("metadata");
  j.BeginObject();
  if (!report.created_at.empty()) j.Field("timestamp", report.created_at);
  j.Key("tools");
  j.BeginObject();
  j.Key("components");
  j.BeginArray();
  j.BeginObject();
  j.Field("type", "application");
  j.Field("name", "portcullis");
  j.Field("version", version);
  j.EndObject();
  j.EndArray();
  j.EndObject();
  j.Key("component");
  j.BeginObject();
  bool is_image = artifact.type != "rootfs" && artifact.type != "sbom";
  j.Field("type", is_image ? "container" : "file");
  j.Field("bom-ref", artifact_ref);
  j.Field("name", artifact.name);
  if (!artifact.digest.empty()) j.Field("version", artifact.digest);
  if (!image_purl.empty()) j.Field("purl", image_purl);
  Properties subject_properties;
  AddProperty(subject_properties, "portcullis:artifact:type", artifact.type);
  AddProperty(subject_properties, "portcullis:artifact:config_digest", artifact.config_digest);
  AddProperty(subject_properties, "portcullis:artifact:platform", artifact.platform);
  for (const auto& tag : artifact.repo_tags) {
    AddProperty(subject_properties, "portcullis:artifact:repo_tag", tag);
  }
  for (const auto& layer : artifact.layers) {
    AddProperty(subject_properties, "portcullis:artifact:layer", layer.digest);
  }
  WriteProperties(j, subject_properties);
  j.EndObject();
  j.EndObject();

  std::vector<std::string> depends_on;
  j.Key("components");
  j.BeginArray();
  if (report.os) {
    const OsInfo& os = *report.os;
    std::string ref = unique_ref("os:" + os.family + "@" + os.version);
    j.BeginObject();
    j.Field("type", "operating-system");
    j.Field("bom-ref", ref);
    j.Field("name", os.family);
    if (!os.version.empty()) j.Field("version", os.version);
    if (!os.name.empty()) j.Field("description", os.name);
    Properties properties;
    AddProperty(properties, "portcullis:os:codename", os.codename);
    AddProperty(properties, "portcullis:os:eol", os.eol ? "true" : "false");
    AddProperty(properties, "portcullis:os:eol_date", os.eol_date);
    WriteProperties(j, properties);
    j.EndObject();
    depends_on.push_back(std::move(ref));
  }
  std::map<const Package*, std::string> refs;
  for (const Package* p : view.packages()) {
    std::string ref = unique_ref(!p->purl.empty() ? p->purl : "package:" + p->name + "@" + p->version);
    WriteComponent(j, *p, ref);
    refs[p] = ref;
    depends_on.push_back(std::move(ref));
  }
  j.EndArray();

  j.Key("dependencies");
  j.BeginArray();
  j.BeginObject();
  j.Field("ref", artifact_ref);
  j.StringArray("dependsOn", depends_on);
  j.EndObject();
  j.EndArray();

  if (!report.vulnerabilities.empty()) {
    std::vector<std::vector<const Vulnerability*>> groups;
    std::map<std::string_view, size_t> group_of;
    for (const Vulnerability* v : view.vulnerabilities()) {
      auto [it, added] = group_of.emplace(v->id, groups.size());
      if (added) groups.emplace_back();
      groups[it->second].push_back(v);
    }
    j.Key("vulnerabilities");
    j.BeginArray();
    for (const auto& group : groups) WriteVulnerability(j, group, view, refs, artifact_ref);
    j.EndArray();
  }
  j.EndObject();

  out.insert(serial_at, "urn:uuid:" + UuidV5(kPortcullisUuidNamespace, out));
  out += '\n';
  return out;
}

}  // namespace portcullis
