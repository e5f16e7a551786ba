// The native JSON report, schema portcullis.report/v1. Field names here are a contract that
// users' scripts rely on: add fields freely, never rename or remove one.
#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "report/writer.h"

namespace portcullis {

namespace {

using nlohmann::ordered_json;

std::string S(std::string_view s) { return SanitizeUtf8(s); }

ordered_json Strings(const std::vector<std::string>& v) {
  ordered_json a = ordered_json::array();
  for (const auto& s : v) a.push_back(S(s));
  return a;
}

ordered_json ToJson(const Artifact& a) {
  ordered_json layers = ordered_json::array();
  for (const auto& l : a.layers) {
    layers.push_back({{"digest", S(l.digest)},
                      {"diff_id", S(l.diff_id)},
                      {"size", l.size},
                      {"media_type", S(l.media_type)},
                      {"created_by", S(l.created_by)}});
  }
  return {{"name", S(a.name)},
          {"type", S(a.type)},
          {"digest", S(a.digest)},
          {"config_digest", S(a.config_digest)},
          {"repo_tags", Strings(a.repo_tags)},
          {"platform", S(a.platform)},
          {"size", a.size},
          {"layers", layers}};
}

ordered_json ToJson(const Package& p) {
  return {{"name", S(p.name)},
          {"version", S(p.version)},
          {"arch", S(p.arch)},
          {"source_name", S(p.source_name)},
          {"source_version", S(p.source_version)},
          {"ecosystem", S(p.ecosystem)},
          {"type", S(p.type)},
          {"purl", S(p.purl)},
          {"licenses", Strings(p.licenses)},
          {"layer", S(p.layer)},
          {"found_in", S(p.found_in)},
          {"maintainer", S(p.maintainer)}};
}

ordered_json ToJson(const Vulnerability& v) {
  return {{"id", S(v.id)},
          {"aliases", Strings(v.aliases)},
          {"package", S(v.package)},
          {"source_package", S(v.source_package)},
          {"installed_version", S(v.installed_version)},
          {"fixed_version", S(v.fixed_version)},
          {"status", S(v.status)},
          {"severity", SeverityName(v.severity)},
          {"severity_source", S(v.severity_source)},
          {"cvss_score", v.cvss_score},
          {"cvss_vector", S(v.cvss_vector)},
          {"title", S(v.title)},
          {"description", S(v.description)},
          {"references", Strings(v.references)},
          {"layer", S(v.layer)},
          {"purl", S(v.purl)},
          {"ecosystem", S(v.ecosystem)},
          {"data_source", S(v.data_source)},
          {"published", S(v.published)},
          {"modified", S(v.modified)}};
}

ordered_json ToJson(const SecretFinding& s) {
  return {{"rule_id", S(s.rule_id)},
          {"title", S(s.title)},
          {"severity", SeverityName(s.severity)},
          {"category", S(s.category)},
          {"path", S(s.path)},
          {"line", s.line},
          {"layer", S(s.layer)},
          {"deleted_in_later_layer", s.deleted_in_later_layer},
          {"deleted_in_layer", S(s.deleted_in_layer)},
          {"match", S(s.match)}};
}

ordered_json ToJson(const Misconfiguration& m) {
  return {{"id", S(m.id)},
          {"aliases", Strings(m.aliases)},
          {"severity", SeverityName(m.severity)},
          {"title", S(m.title)},
          {"kind", S(m.kind)},
          {"target", S(m.target)},
          {"resource", S(m.resource)},
          {"path", S(m.path)},
          {"line", m.line},
          {"end_line", m.end_line},
          {"message", S(m.message)},
          {"remediation", S(m.remediation)},
          {"references", Strings(m.references)}};
}

ordered_json ToJson(const Diagnostic& d) {
  return {{"code", S(d.code)},
          {"path", S(d.path)},
          {"line", d.line},
          {"column", d.column},
          {"severity", SeverityName(d.severity)},
          {"message", S(d.message)}};
}

template <typename T>
ordered_json Array(const std::vector<T>& items) {
  ordered_json a = ordered_json::array();
  for (const auto& i : items) a.push_back(ToJson(i));
  return a;
}

}  // namespace

std::string WriteJson(const Report& report) {
  ordered_json j;
  j["schema"] = S(report.schema);
  j["tool"] = {{"name", "portcullis"}, {"version", S(report.tool_version)}};
  j["created_at"] = S(report.created_at);
  j["scanners"] = Strings(report.scanners);
  j["artifact"] = ToJson(report.artifact);
  if (report.os) {
    j["os"] = {{"family", S(report.os->family)},
               {"version", S(report.os->version)},
               {"name", S(report.os->name)},
               {"codename", S(report.os->codename)},
               {"eol", report.os->eol},
               {"eol_date", S(report.os->eol_date)}};
  } else {
    j["os"] = nullptr;
  }
  j["packages"] = Array(report.packages);
  j["vulnerabilities"] = Array(report.vulnerabilities);
  j["secrets"] = Array(report.secrets);
  j["misconfigurations"] = Array(report.misconfigurations);
  j["diagnostics"] = Array(report.diagnostics);
  return j.dump(2) + "\n";
}

}  // namespace portcullis
