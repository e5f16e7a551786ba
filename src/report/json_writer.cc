// The native JSON report, schema portcullis.report/v1. Field names here are a contract that
// users' scripts rely on: add fields freely, never rename or remove one. Every field is
// documented in docs/report-format.md and docs/report.schema.json (a test checks the schema
// covers every field written).
#include "core/strings.h"
#include "report/json_out.h"
#include "report/writer.h"

namespace portcullis {

namespace {

void Write(JsonOut& j, const Artifact& a) {
  j.BeginObject();
  j.Field("name", a.name);
  j.Field("type", a.type);
  j.Field("digest", a.digest);
  j.Field("config_digest", a.config_digest);
  j.StringArray("repo_tags", a.repo_tags);
  j.Field("platform", a.platform);
  j.Field("size", a.size);
  j.Key("layers");
  j.BeginArray();
  for (const auto& l : a.layers) {
    j.BeginObject();
    j.Field("digest", l.digest);
    j.Field("diff_id", l.diff_id);
    j.Field("size", l.size);
    j.Field("media_type", l.media_type);
    j.Field("created_by", l.created_by);
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
}

void Write(JsonOut& j, const Package& p) {
  j.BeginObject();
  j.Field("name", p.name);
  j.Field("version", p.version);
  j.Field("arch", p.arch);
  j.Field("source_name", p.source_name);
  j.Field("source_version", p.source_version);
  j.Field("ecosystem", p.ecosystem);
  j.Field("type", p.type);
  j.Field("purl", p.purl);
  j.StringArray("licenses", p.licenses);
  j.Field("layer", p.layer);
  j.Field("found_in", p.found_in);
  j.Field("maintainer", p.maintainer);
  j.Field("installed_by", p.installed_by);
  j.Field("identified_by", p.identified_by);
  j.EndObject();
}

void Write(JsonOut& j, const Vulnerability& v) {
  j.BeginObject();
  j.Field("id", v.id);
  j.StringArray("aliases", v.aliases);
  j.Field("package", v.package);
  j.Field("source_package", v.source_package);
  j.Field("installed_version", v.installed_version);
  j.Field("fixed_version", v.fixed_version);
  j.Field("status", v.status);
  j.Field("severity", SeverityName(v.severity));
  j.Field("severity_source", v.severity_source);
  j.Key("cvss_score");
  j.Double(v.cvss_score);
  j.Field("cvss_vector", v.cvss_vector);
  j.Field("title", v.title);
  j.Field("description", v.description);
  j.StringArray("references", v.references);
  j.Field("package_path", v.package_path);
  j.Field("layer", v.layer);
  j.Field("purl", v.purl);
  j.Field("ecosystem", v.ecosystem);
  j.Field("data_source", v.data_source);
  j.Field("published", v.published);
  j.Field("modified", v.modified);
  j.EndObject();
}

void Write(JsonOut& j, const SecretFinding& s) {
  j.BeginObject();
  j.Field("rule_id", s.rule_id);
  j.Field("title", s.title);
  j.Field("severity", SeverityName(s.severity));
  j.Field("category", s.category);
  j.Field("path", s.path);
  j.Field("line", s.line);
  j.Field("layer", s.layer);
  j.Field("deleted_in_later_layer", s.deleted_in_later_layer);
  j.Field("deleted_in_layer", s.deleted_in_layer);
  j.Field("match", s.match);
  j.EndObject();
}

void Write(JsonOut& j, const Misconfiguration& m) {
  j.BeginObject();
  j.Field("id", m.id);
  j.StringArray("aliases", m.aliases);
  j.Field("severity", SeverityName(m.severity));
  j.Field("title", m.title);
  j.Field("kind", m.kind);
  j.Field("target", m.target);
  j.Field("resource", m.resource);
  j.Field("path", m.path);
  j.Field("line", m.line);
  j.Field("end_line", m.end_line);
  if (m.column > 0) j.Field("column", m.column);
  j.Field("message", m.message);
  j.Field("remediation", m.remediation);
  j.StringArray("references", m.references);
  j.EndObject();
}

void Write(JsonOut& j, const Diagnostic& d) {
  j.BeginObject();
  j.Field("code", d.code);
  j.Field("path", d.path);
  j.Field("line", d.line);
  j.Field("column", d.column);
  j.Field("severity", SeverityName(d.severity));
  j.Field("message", d.message);
  j.EndObject();
}

template <typename T>
void Array(JsonOut& j, std::string_view key, const std::vector<T>& items) {
  j.Key(key);
  j.BeginArray();
  for (const auto& i : items) Write(j, i);
  j.EndArray();
}

}  // namespace

std::string WriteJson(const Report& report) {
  std::string out;
  out.reserve(4096 + 600 * report.packages.size() + 1200 * report.vulnerabilities.size() +
              400 * (report.secrets.size() + report.misconfigurations.size()));
  JsonOut j(out);
  j.BeginObject();
  j.Field("schema", report.schema);
  j.Key("tool");
  j.BeginObject();
  j.Field("name", "portcullis");
  j.Field("version", report.tool_version);
  j.EndObject();
  j.Field("created_at", report.created_at);
  j.StringArray("scanners", report.scanners);
  j.Key("artifact");
  Write(j, report.artifact);
  j.Key("os");
  if (report.os) {
    j.BeginObject();
    j.Field("family", report.os->family);
    j.Field("version", report.os->version);
    j.Field("name", report.os->name);
    j.Field("codename", report.os->codename);
    j.Field("eol", report.os->eol);
    j.Field("eol_date", report.os->eol_date);
    j.EndObject();
  } else {
    j.Null();
  }
  Array(j, "packages", report.packages);
  Array(j, "vulnerabilities", report.vulnerabilities);
  Array(j, "secrets", report.secrets);
  Array(j, "misconfigurations", report.misconfigurations);
  Array(j, "diagnostics", report.diagnostics);
  j.EndObject();
  out += '\n';
  return out;
}

}  // namespace portcullis
