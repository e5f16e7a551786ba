// SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/): the artifact, its operating system
// and every package as SPDX packages; the document DESCRIBES the artifact, which CONTAINS the
// rest. Written so that both the v2.3 schema and the 2.3.1 errata schema accept it: no
// top-level "$schema", "PACKAGE-MANAGER" spelled with a hyphen, documentNamespace present.
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/strings.h"
#include "report/formats.h"
#include "report/image_purl.h"
#include "report/json_out.h"
#include "report/report_view.h"
#include "report/spdx_license.h"
#include "report/uuid.h"

namespace portcullis {

namespace {

constexpr size_t kMaxIdChars = 100;

// `s` with every character outside [A-Za-z0-9.-] made '-', cut to kMaxIdChars.
std::string IdString(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, kMaxIdChars)) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-';
    out += ok ? c : '-';
  }
  return out.empty() ? "unnamed" : out;
}

// "Name <mail>" -> "Person: Name (mail)", the agent syntax of SPDX.
std::string Supplier(std::string_view maintainer) {
  std::string_view m = Trim(maintainer);
  size_t open = m.rfind('<');
  if (open != std::string_view::npos && m.ends_with('>')) {
    std::string_view name = Trim(m.substr(0, open));
    std::string_view mail = m.substr(open + 1, m.size() - open - 2);
    return fmt::format("Person: {} ({})", name, mail);
  }
  return "Person: " + std::string(m);
}

// The declared licence of `p` as one SPDX expression; LicenseRefs it uses go to `refs`.
std::string DeclaredLicense(const Package& p, std::map<std::string, std::string>& refs) {
  std::vector<NormalizedLicense> normalized;
  for (const auto& l : p.licenses) {
    NormalizedLicense n = NormalizeLicense(l);
    if (n.expression.empty()) continue;
    for (auto& r : n.refs) refs.emplace(r.id, r.text);
    normalized.push_back(std::move(n));
  }
  std::string expression = JoinAnd(normalized);
  return expression.empty() ? "NOASSERTION" : expression;
}

void WritePurlRef(JsonOut& j, std::string_view purl) {
  j.Key("externalRefs");
  j.BeginArray();
  j.BeginObject();
  j.Field("referenceCategory", "PACKAGE-MANAGER");
  j.Field("referenceType", "purl");
  j.Field("referenceLocator", purl);
  j.EndObject();
  j.EndArray();
}

struct Relationship {
  std::string from;
  std::string_view type;
  std::string to;
};

}  // namespace

Result<std::string> WriteSpdx(const Report& report, const WriteOptions&) {
  PC_TRY_VOID(CheckSbomArtifact(report, "spdx"));
  if (!IsRfc3339DateTime(report.created_at) || !report.created_at.ends_with('Z')) {
    return Fail(ErrorCode::kInternal,
                "spdx needs the report's creation time in RFC 3339 UTC, got '{}'",
                Excerpt(report.created_at, 40));
  }
  ReportView view(report);
  const Artifact& artifact = report.artifact;
  std::string version = report.tool_version.empty() ? PORTCULLIS_VERSION : report.tool_version;
  std::string_view list_version = SpdxLicenseListVersion();
  list_version = list_version.substr(0, list_version.rfind('.'));

  std::string out;
  out.reserve(4096 + 900 * report.packages.size());
  JsonOut j(out);
  j.BeginObject();
  j.Field("spdxVersion", "SPDX-2.3");
  j.Field("dataLicense", "CC0-1.0");
  j.Field("SPDXID", "SPDXRef-DOCUMENT");
  j.Field("name", artifact.name);
  j.Field("documentNamespace", "");
  size_t namespace_at = j.size() - 1;  // between the quotes
  j.Key("creationInfo");
  j.BeginObject();
  j.Field("licenseListVersion", list_version);
  j.StringArray("creators", {"Tool: portcullis-" + version});
  j.Field("created", report.created_at.substr(0, 19) + "Z");
  j.EndObject();

  std::vector<Relationship> relationships;
  const std::string artifact_id = "SPDXRef-Artifact";
  relationships.push_back({"SPDXRef-DOCUMENT", "DESCRIBES", artifact_id});
  j.Key("packages");
  j.BeginArray();
  bool is_image = artifact.type != "rootfs" && artifact.type != "sbom";
  j.BeginObject();
  j.Field("name", artifact.name);
  j.Field("SPDXID", artifact_id);
  if (!artifact.digest.empty()) j.Field("versionInfo", artifact.digest);
  j.Field("downloadLocation", "NOASSERTION");
  j.Field("filesAnalyzed", false);
  if (std::string purl = OciPurl(artifact); !purl.empty()) WritePurlRef(j, purl);
  j.Field("primaryPackagePurpose", is_image ? "CONTAINER" : "OTHER");
  if (!artifact.type.empty()) j.Field("comment", "artifact type: " + artifact.type);
  j.EndObject();

  std::set<std::string> used_ids = {"SPDXRef-DOCUMENT", artifact_id};
  auto unique_id = [&](const std::string& base) {
    std::string id = base;
    for (int n = 2; !used_ids.insert(id).second; ++n) id = base + "-" + std::to_string(n);
    return id;
  };
  if (report.os) {
    const OsInfo& os = *report.os;
    std::string id = unique_id("SPDXRef-OperatingSystem");
    j.BeginObject();
    j.Field("name", os.family);
    j.Field("SPDXID", id);
    if (!os.version.empty()) j.Field("versionInfo", os.version);
    j.Field("downloadLocation", "NOASSERTION");
    j.Field("filesAnalyzed", false);
    j.Field("primaryPackagePurpose", "OPERATING_SYSTEM");
    std::string comment = os.name;
    if (os.eol) {
      comment += (comment.empty() ? "" : "; ") +
                 ("end of life" + (os.eol_date.empty() ? "" : " since " + os.eol_date));
    }
    if (!comment.empty()) j.Field("comment", comment);
    j.EndObject();
    relationships.push_back({artifact_id, "CONTAINS", id});
  }

  std::map<std::string, std::string> license_refs;
  for (const Package* pkg : view.packages()) {
    std::string id = unique_id("SPDXRef-Package-" +
                               IdString(pkg->type + "-" + pkg->name + "-" + pkg->version));
    j.BeginObject();
    j.Field("name", pkg->name);
    j.Field("SPDXID", id);
    if (!pkg->version.empty()) j.Field("versionInfo", pkg->version);
    if (!pkg->maintainer.empty()) j.Field("supplier", Supplier(pkg->maintainer));
    j.Field("downloadLocation", "NOASSERTION");
    j.Field("filesAnalyzed", false);
    if (!pkg->source_name.empty()) {
      j.Field("sourceInfo",
              Trim("built package from: " + pkg->source_name + " " + pkg->source_version));
    }
    j.Field("licenseConcluded", "NOASSERTION");
    j.Field("licenseDeclared", DeclaredLicense(*pkg, license_refs));
    if (!pkg->purl.empty()) WritePurlRef(j, pkg->purl);
    j.Field("primaryPackagePurpose", "LIBRARY");
    std::vector<std::string> notes;
    if (!pkg->arch.empty()) notes.push_back("arch: " + pkg->arch);
    if (!pkg->ecosystem.empty()) notes.push_back("ecosystem: " + pkg->ecosystem);
    if (!pkg->layer.empty()) notes.push_back("layer: " + pkg->layer);
    if (!pkg->found_in.empty()) notes.push_back("found in: " + pkg->found_in);
    if (!pkg->installed_by.empty()) notes.push_back("installed by: " + pkg->installed_by);
    if (!pkg->identified_by.empty()) notes.push_back("identified by: " + pkg->identified_by);
    if (!notes.empty()) j.Field("comment", Join(notes, "; "));
    j.EndObject();
    relationships.push_back({artifact_id, "CONTAINS", std::move(id)});
  }
  j.EndArray();
  if (!license_refs.empty()) {
    j.Key("hasExtractedLicensingInfos");
    j.BeginArray();
    for (const auto& [id, text] : license_refs) {
      j.BeginObject();
      j.Field("licenseId", id);
      j.Field("extractedText", text);
      j.Field("name", text);
      j.EndObject();
    }
    j.EndArray();
  }
  j.Key("relationships");
  j.BeginArray();
  for (const auto& r : relationships) {
    j.BeginObject();
    j.Field("spdxElementId", r.from);
    j.Field("relationshipType", r.type);
    j.Field("relatedSpdxElement", r.to);
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();

  out.insert(namespace_at, "https://spdx.org/spdxdocs/portcullis-" +
                               IdString(artifact.name.substr(0, 64)) + "-" +
                               UuidV5(kPortcullisUuidNamespace, out));
  out += '\n';
  return out;
}

}  // namespace portcullis
