// SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/): the artifact, its operating system
// and every package as SPDX packages; the document DESCRIBES the artifact, which CONTAINS the
// rest. Written so that both the v2.3 schema and the 2.3.1 errata schema accept it: no
// top-level "$schema", "PACKAGE-MANAGER" spelled with a hyphen, documentNamespace present.
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "report/formats.h"
#include "report/image_purl.h"
#include "report/report_view.h"
#include "report/spdx_license.h"
#include "report/uuid.h"

namespace portcullis {

namespace {

using nlohmann::ordered_json;

constexpr size_t kMaxIdChars = 100;

std::string S(std::string_view s) { return SanitizeUtf8(s); }

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
    return fmt::format("Person: {} ({})", S(name), S(mail));
  }
  return "Person: " + S(m);
}

// The declared licence of `p` as one SPDX expression; LicenseRefs it uses go to `refs`.
std::string DeclaredLicense(const Package& p, std::map<std::string, std::string>& refs) {
  std::vector<std::string> parts;
  std::set<std::string> seen;
  for (const auto& l : p.licenses) {
    NormalizedLicense n = NormalizeLicense(l);
    if (n.expression.empty() || !seen.insert(n.expression).second) continue;
    for (auto& r : n.refs) refs.emplace(r.id, r.text);
    parts.push_back(n.expression);
  }
  if (parts.empty()) return "NOASSERTION";
  if (parts.size() == 1) return parts[0];
  for (auto& part : parts) {
    if (part.find(' ') != std::string::npos) part = "(" + part + ")";
  }
  return Join(parts, " AND ");
}

ordered_json PurlRef(std::string_view purl) {
  return ordered_json::array({{{"referenceCategory", "PACKAGE-MANAGER"},
                               {"referenceType", "purl"},
                               {"referenceLocator", S(purl)}}});
}

ordered_json Relationship(std::string_view from, std::string_view type, std::string_view to) {
  return {{"spdxElementId", from}, {"relationshipType", type}, {"relatedSpdxElement", to}};
}

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

  ordered_json j;
  j["spdxVersion"] = "SPDX-2.3";
  j["dataLicense"] = "CC0-1.0";
  j["SPDXID"] = "SPDXRef-DOCUMENT";
  j["name"] = S(artifact.name);
  j["documentNamespace"] = "";
  j["creationInfo"] = {{"licenseListVersion", list_version},
                       {"creators", {"Tool: portcullis-" + S(version)}},
                       {"created", report.created_at.substr(0, 19) + "Z"}};

  ordered_json packages = ordered_json::array();
  ordered_json relationships = ordered_json::array();
  const std::string artifact_id = "SPDXRef-Artifact";
  relationships.push_back(Relationship("SPDXRef-DOCUMENT", "DESCRIBES", artifact_id));
  bool is_image = artifact.type != "rootfs" && artifact.type != "sbom";
  ordered_json subject = {{"name", S(artifact.name)}, {"SPDXID", artifact_id}};
  if (!artifact.digest.empty()) subject["versionInfo"] = S(artifact.digest);
  subject["downloadLocation"] = "NOASSERTION";
  subject["filesAnalyzed"] = false;
  if (std::string purl = OciPurl(artifact); !purl.empty()) subject["externalRefs"] = PurlRef(purl);
  subject["primaryPackagePurpose"] = is_image ? "CONTAINER" : "OTHER";
  if (!artifact.type.empty()) subject["comment"] = "artifact type: " + S(artifact.type);
  packages.push_back(std::move(subject));

  std::set<std::string> used_ids = {"SPDXRef-DOCUMENT", artifact_id};
  auto unique_id = [&](const std::string& base) {
    std::string id = base;
    for (int n = 2; !used_ids.insert(id).second; ++n) id = base + "-" + std::to_string(n);
    return id;
  };
  if (report.os) {
    const OsInfo& os = *report.os;
    std::string id = unique_id("SPDXRef-OperatingSystem");
    ordered_json p = {{"name", S(os.family)}, {"SPDXID", id}};
    if (!os.version.empty()) p["versionInfo"] = S(os.version);
    p["downloadLocation"] = "NOASSERTION";
    p["filesAnalyzed"] = false;
    p["primaryPackagePurpose"] = "OPERATING_SYSTEM";
    std::string comment = S(os.name);
    if (os.eol) {
      comment += (comment.empty() ? "" : "; ") +
                 ("end of life" + (os.eol_date.empty() ? "" : " since " + S(os.eol_date)));
    }
    if (!comment.empty()) p["comment"] = comment;
    packages.push_back(std::move(p));
    relationships.push_back(Relationship(artifact_id, "CONTAINS", id));
  }

  std::map<std::string, std::string> license_refs;
  for (const Package* pkg : view.packages()) {
    std::string id = unique_id("SPDXRef-Package-" +
                               IdString(pkg->type + "-" + pkg->name + "-" + pkg->version));
    ordered_json p = {{"name", S(pkg->name)}, {"SPDXID", id}};
    if (!pkg->version.empty()) p["versionInfo"] = S(pkg->version);
    if (!pkg->maintainer.empty()) p["supplier"] = Supplier(pkg->maintainer);
    p["downloadLocation"] = "NOASSERTION";
    p["filesAnalyzed"] = false;
    if (!pkg->source_name.empty()) {
      p["sourceInfo"] = Trim("built package from: " + S(pkg->source_name) + " " +
                             S(pkg->source_version));
    }
    p["licenseConcluded"] = "NOASSERTION";
    p["licenseDeclared"] = DeclaredLicense(*pkg, license_refs);
    if (!pkg->purl.empty()) p["externalRefs"] = PurlRef(pkg->purl);
    p["primaryPackagePurpose"] = "LIBRARY";
    std::vector<std::string> notes;
    if (!pkg->arch.empty()) notes.push_back("arch: " + S(pkg->arch));
    if (!pkg->ecosystem.empty()) notes.push_back("ecosystem: " + S(pkg->ecosystem));
    if (!pkg->layer.empty()) notes.push_back("layer: " + S(pkg->layer));
    if (!pkg->found_in.empty()) notes.push_back("found in: " + S(pkg->found_in));
    if (!notes.empty()) p["comment"] = Join(notes, "; ");
    packages.push_back(std::move(p));
    relationships.push_back(Relationship(artifact_id, "CONTAINS", id));
  }
  j["packages"] = std::move(packages);
  if (!license_refs.empty()) {
    ordered_json extracted = ordered_json::array();
    for (const auto& [id, text] : license_refs) {
      extracted.push_back({{"licenseId", id}, {"extractedText", text}, {"name", text}});
    }
    j["hasExtractedLicensingInfos"] = std::move(extracted);
  }
  j["relationships"] = std::move(relationships);

  auto dump = [&] { return j.dump(2, ' ', false, ordered_json::error_handler_t::replace); };
  j["documentNamespace"] = "https://spdx.org/spdxdocs/portcullis-" +
                           IdString(artifact.name.substr(0, 64)) + "-" +
                           UuidV5(kPortcullisUuidNamespace, dump());
  return dump() + "\n";
}

}  // namespace portcullis
