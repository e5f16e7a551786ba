// CycloneDX 1.5 JSON (https://cyclonedx.org/docs/1.5/json/): the artifact as metadata.component,
// the OS and every package as components, the artifact depending on all of them, and the
// vulnerabilities section when the report has vulnerabilities. serialNumber is a version-5
// UUID of the document's own content (docs/report-format.md), so output is deterministic.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "report/formats.h"
#include "report/image_purl.h"
#include "report/report_view.h"
#include "report/spdx_license.h"
#include "report/uri.h"
#include "report/uuid.h"

namespace portcullis {

namespace {

using nlohmann::ordered_json;

constexpr size_t kMaxVersionBytes = 1024;  // the schema's limit for affects[].versions[]

std::string S(std::string_view s) { return SanitizeUtf8(s); }

void AddProperty(ordered_json& properties, std::string_view name, std::string_view value) {
  if (!value.empty()) properties.push_back({{"name", name}, {"value", S(value)}});
}

// licenses: every statement a list id -> [{license:{id}}...]; all expressible without
// LicenseRef- -> one expression; otherwise ids where possible and names for the rest.
ordered_json Licenses(const Package& p) {
  std::vector<NormalizedLicense> normalized;
  std::set<std::string> seen;
  std::vector<std::string> stated;
  for (const auto& l : p.licenses) {
    if (Trim(l).empty() || !seen.insert(std::string(Trim(l))).second) continue;
    stated.emplace_back(Trim(l));
    normalized.push_back(NormalizeLicense(l));
  }
  ordered_json out = ordered_json::array();
  bool all_ids = std::ranges::all_of(normalized, [](const auto& n) { return n.single_list_id; });
  bool no_refs = std::ranges::all_of(normalized, [](const auto& n) { return n.refs.empty(); });
  std::set<std::string> written;
  if (!all_ids && no_refs) {
    std::vector<std::string> parts;
    for (const auto& n : normalized) {
      bool compound = n.expression.find(' ') != std::string::npos;
      parts.push_back(compound && normalized.size() > 1 ? "(" + n.expression + ")" : n.expression);
    }
    out.push_back({{"expression", Join(parts, " AND ")}});
    return out;
  }
  for (size_t i = 0; i < normalized.size(); ++i) {
    if (normalized[i].single_list_id) {
      if (written.insert(normalized[i].expression).second) {
        out.push_back({{"license", {{"id", normalized[i].expression}}}});
      }
    } else if (written.insert("name:" + stated[i]).second) {
      out.push_back({{"license", {{"name", S(stated[i])}}}});
    }
  }
  return out;
}

ordered_json Component(const Package& p, const std::string& bom_ref) {
  ordered_json c = {{"type", "library"}, {"bom-ref", bom_ref}};
  if (!p.maintainer.empty()) c["publisher"] = S(p.maintainer);
  c["name"] = S(p.name);
  if (!p.version.empty()) c["version"] = S(p.version);
  ordered_json licenses = Licenses(p);
  if (!licenses.empty()) c["licenses"] = std::move(licenses);
  if (!p.purl.empty()) c["purl"] = S(p.purl);
  ordered_json properties = ordered_json::array();
  AddProperty(properties, "portcullis:package:arch", p.arch);
  AddProperty(properties, "portcullis:package:source_name", p.source_name);
  AddProperty(properties, "portcullis:package:source_version", p.source_version);
  AddProperty(properties, "portcullis:package:ecosystem", p.ecosystem);
  AddProperty(properties, "portcullis:package:type", p.type);
  AddProperty(properties, "portcullis:package:layer", p.layer);
  AddProperty(properties, "portcullis:package:found_in", p.found_in);
  if (!properties.empty()) c["properties"] = std::move(properties);
  return c;
}

std::string_view RatingMethod(std::string_view vector) {
  if (vector.starts_with("CVSS:3.1/")) return "CVSSv31";
  if (vector.starts_with("CVSS:3.0/")) return "CVSSv3";
  if (vector.starts_with("CVSS:4.0/")) return "CVSSv4";
  if (vector.starts_with("AV:")) return "CVSSv2";
  return "other";
}

// One entry of the vulnerabilities section: every Vulnerability of the report with this id.
ordered_json VulnerabilityEntry(const std::vector<const Vulnerability*>& group,
                                const ReportView& view,
                                const std::map<const Package*, std::string>& refs,
                                const std::string& artifact_ref) {
  const Vulnerability& first = *group.front();
  ordered_json v = {{"id", S(first.id)}};
  if (!first.data_source.empty()) v["source"] = {{"name", S(first.data_source)}};
  std::set<std::string> aliases;
  ordered_json references = ordered_json::array();
  ordered_json ratings = ordered_json::array();
  std::set<std::tuple<std::string, Severity, double, std::string>> rated;
  std::set<std::string> urls;
  ordered_json advisories = ordered_json::array();
  std::string description, recommendation;
  std::string published, updated;
  std::map<std::string, ordered_json> affects;  // bom-ref -> versions
  std::vector<std::string> affect_order;
  for (const Vulnerability* x : group) {
    for (const auto& a : x->aliases) {
      if (a.empty() || a == x->id || !aliases.insert(a).second) continue;
      std::string_view prefix = std::string_view(a).substr(0, a.find('-'));
      references.push_back({{"id", S(a)}, {"source", {{"name", S(prefix)}}}});
    }
    if (rated.emplace(x->severity_source, x->severity, x->cvss_score, x->cvss_vector).second) {
      ordered_json r;
      if (!x->severity_source.empty()) r["source"] = {{"name", S(x->severity_source)}};
      if (x->cvss_score > 0) r["score"] = x->cvss_score;
      r["severity"] = LowerSeverityName(x->severity);
      r["method"] = RatingMethod(x->cvss_vector);
      if (!x->cvss_vector.empty()) r["vector"] = S(x->cvss_vector);
      ratings.push_back(std::move(r));
    }
    if (description.empty()) description = !x->description.empty() ? x->description : x->title;
    for (const auto& ref : x->references) {
      auto url = WebUrl(ref);
      if (url && urls.insert(*url).second) advisories.push_back({{"url", *url}});
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
    if (!affects.contains(ref)) {
      affect_order.push_back(ref);
      affects[ref] = ordered_json::array();
    }
    if (!x->installed_version.empty()) {
      ordered_json version = {{"version", S(Excerpt(x->installed_version, kMaxVersionBytes - 3))},
                              {"status", "affected"}};
      if (std::find(affects[ref].begin(), affects[ref].end(), version) == affects[ref].end()) {
        affects[ref].push_back(std::move(version));
      }
    }
  }
  if (!references.empty()) v["references"] = std::move(references);
  v["ratings"] = std::move(ratings);
  if (!description.empty()) v["description"] = S(description);
  if (!recommendation.empty()) v["recommendation"] = S(recommendation);
  if (!advisories.empty()) v["advisories"] = std::move(advisories);
  if (!published.empty()) v["published"] = published;
  if (!updated.empty()) v["updated"] = updated;
  ordered_json affects_json = ordered_json::array();
  for (const auto& ref : affect_order) {
    ordered_json a = {{"ref", ref}};
    if (!affects[ref].empty()) a["versions"] = affects[ref];
    affects_json.push_back(std::move(a));
  }
  v["affects"] = std::move(affects_json);
  return v;
}

}  // namespace

Result<std::string> WriteCycloneDx(const Report& report, const WriteOptions&) {
  PC_TRY_VOID(CheckSbomArtifact(report, "cyclonedx"));
  ReportView view(report);
  const Artifact& artifact = report.artifact;
  std::string version = report.tool_version.empty() ? PORTCULLIS_VERSION : report.tool_version;

  std::string image_purl = OciPurl(artifact);
  std::string artifact_ref = image_purl.empty() ? "artifact:" + S(artifact.name) : image_purl;
  std::set<std::string> used_refs = {artifact_ref};
  auto unique_ref = [&](std::string base) {
    std::string ref = base;
    for (int n = 2; !used_refs.insert(ref).second; ++n) ref = base + "|" + std::to_string(n);
    return ref;
  };

  ordered_json j;
  j["$schema"] = "http://cyclonedx.org/schema/bom-1.5.schema.json";
  j["bomFormat"] = "CycloneDX";
  j["specVersion"] = "1.5";
  j["serialNumber"] = "";
  j["version"] = 1;

  ordered_json metadata;
  if (!report.created_at.empty()) metadata["timestamp"] = S(report.created_at);
  metadata["tools"] = {
      {"components",
       {{{"type", "application"}, {"name", "portcullis"}, {"version", S(version)}}}}};
  bool is_image = artifact.type != "rootfs" && artifact.type != "sbom";
  ordered_json subject = {{"type", is_image ? "container" : "file"},
                          {"bom-ref", artifact_ref},
                          {"name", S(artifact.name)}};
  if (!artifact.digest.empty()) subject["version"] = S(artifact.digest);
  if (!image_purl.empty()) subject["purl"] = image_purl;
  ordered_json subject_properties = ordered_json::array();
  AddProperty(subject_properties, "portcullis:artifact:type", artifact.type);
  AddProperty(subject_properties, "portcullis:artifact:config_digest", artifact.config_digest);
  AddProperty(subject_properties, "portcullis:artifact:platform", artifact.platform);
  for (const auto& tag : artifact.repo_tags) {
    AddProperty(subject_properties, "portcullis:artifact:repo_tag", tag);
  }
  for (const auto& layer : artifact.layers) {
    AddProperty(subject_properties, "portcullis:artifact:layer", layer.digest);
  }
  if (!subject_properties.empty()) subject["properties"] = std::move(subject_properties);
  metadata["component"] = std::move(subject);
  j["metadata"] = std::move(metadata);

  ordered_json components = ordered_json::array();
  ordered_json depends_on = ordered_json::array();
  if (report.os) {
    const OsInfo& os = *report.os;
    std::string ref = unique_ref("os:" + S(os.family) + "@" + S(os.version));
    ordered_json c = {{"type", "operating-system"}, {"bom-ref", ref}, {"name", S(os.family)}};
    if (!os.version.empty()) c["version"] = S(os.version);
    if (!os.name.empty()) c["description"] = S(os.name);
    ordered_json properties = ordered_json::array();
    AddProperty(properties, "portcullis:os:codename", os.codename);
    AddProperty(properties, "portcullis:os:eol", os.eol ? "true" : "false");
    AddProperty(properties, "portcullis:os:eol_date", os.eol_date);
    c["properties"] = std::move(properties);
    components.push_back(std::move(c));
    depends_on.push_back(ref);
  }
  std::map<const Package*, std::string> refs;
  for (const Package* p : view.packages()) {
    std::string base = !p->purl.empty() ? S(p->purl)
                                        : "package:" + S(p->name) + "@" + S(p->version);
    std::string ref = unique_ref(base);
    refs[p] = ref;
    components.push_back(Component(*p, ref));
    depends_on.push_back(ref);
  }
  j["components"] = std::move(components);
  j["dependencies"] = {{{"ref", artifact_ref}, {"dependsOn", std::move(depends_on)}}};

  if (!report.vulnerabilities.empty()) {
    std::vector<std::vector<const Vulnerability*>> groups;
    std::map<std::string_view, size_t> group_of;
    for (const Vulnerability* v : view.vulnerabilities()) {
      auto [it, added] = group_of.emplace(v->id, groups.size());
      if (added) groups.emplace_back();
      groups[it->second].push_back(v);
    }
    ordered_json vulnerabilities = ordered_json::array();
    for (const auto& group : groups) {
      vulnerabilities.push_back(VulnerabilityEntry(group, view, refs, artifact_ref));
    }
    j["vulnerabilities"] = std::move(vulnerabilities);
  }

  auto dump = [&] { return j.dump(2, ' ', false, ordered_json::error_handler_t::replace); };
  j["serialNumber"] = "urn:uuid:" + UuidV5(kPortcullisUuidNamespace, dump());
  return dump() + "\n";
}

}  // namespace portcullis
