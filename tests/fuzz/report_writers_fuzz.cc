// libFuzzer target: every report writer on a report whose strings come from the fuzzer (every
// field of a report can come from a hostile image). Checks what each format promises whatever
// the input: JSON formats parse, JUnit holds no character XML 1.0 forbids, the plain table holds
// no control character but newlines.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "report/formats.h"
#include "report/writer.h"

namespace {

using portcullis::Severity;

void Check(bool ok) {
  if (!ok) std::abort();
}

std::string Str(FuzzedDataProvider& p) { return p.ConsumeRandomLengthString(64); }
Severity Sev(FuzzedDataProvider& p) { return static_cast<Severity>(p.ConsumeIntegralInRange(0, 5)); }

portcullis::Report Build(FuzzedDataProvider& p) {
  portcullis::Report r;
  r.tool_version = Str(p);
  r.created_at = p.ConsumeBool() ? "2024-05-01T12:30:45Z" : Str(p);
  r.artifact.name = Str(p);
  r.artifact.type = Str(p);
  r.artifact.digest = Str(p);
  r.artifact.repo_tags = {Str(p)};
  r.artifact.platform = Str(p);
  if (p.ConsumeBool()) r.os = portcullis::OsInfo{Str(p), Str(p), Str(p), Str(p), p.ConsumeBool(), Str(p)};
  r.scanners = {Str(p)};
  for (int i = p.ConsumeIntegralInRange(0, 4); i > 0; --i) {
    portcullis::Package k;
    k.name = Str(p);
    k.version = Str(p);
    k.arch = Str(p);
    k.source_name = Str(p);
    k.purl = p.ConsumeBool() ? Str(p) : "";
    k.licenses = {Str(p), Str(p)};
    k.found_in = Str(p);
    k.maintainer = Str(p);
    r.packages.push_back(k);
  }
  for (int i = p.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    portcullis::Vulnerability v;
    v.id = Str(p);
    v.aliases = {Str(p)};
    v.package = p.ConsumeBool() && !r.packages.empty() ? r.packages[0].name : Str(p);
    v.installed_version = Str(p);
    v.fixed_version = Str(p);
    v.severity = Sev(p);
    v.cvss_score = p.ConsumeFloatingPointInRange(0.0, 10.0);
    v.cvss_vector = Str(p);
    v.title = Str(p);
    v.references = {Str(p)};
    v.published = Str(p);
    r.vulnerabilities.push_back(v);
  }
  for (int i = p.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    portcullis::SecretFinding s;
    s.rule_id = Str(p);
    s.title = Str(p);
    s.severity = Sev(p);
    s.path = Str(p);
    s.line = p.ConsumeIntegral<uint32_t>();
    s.layer = Str(p);
    s.deleted_in_later_layer = p.ConsumeBool();
    s.match = Str(p);
    r.secrets.push_back(s);
  }
  for (int i = p.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    portcullis::Misconfiguration m;
    m.id = Str(p);
    m.severity = Sev(p);
    m.title = Str(p);
    m.target = Str(p);
    m.resource = Str(p);
    m.path = Str(p);
    m.line = p.ConsumeIntegral<uint32_t>();
    m.end_line = p.ConsumeIntegral<uint32_t>();
    m.message = Str(p);
    m.references = {Str(p)};
    r.misconfigurations.push_back(m);
  }
  for (int i = p.ConsumeIntegralInRange(0, 2); i > 0; --i) {
    r.diagnostics.push_back({Str(p), Str(p), p.ConsumeIntegral<uint32_t>(), 0, Str(p), Sev(p)});
  }
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider provider(data, size);
  portcullis::WriteOptions options;
  options.command = provider.ConsumeBool() ? "sbom" : "image";
  options.width = provider.ConsumeIntegralInRange<size_t>(0, 300);
  portcullis::Report report = Build(provider);

  std::string table = portcullis::WriteTable(report, options);
  for (char c : table) Check(c == '\n' || static_cast<unsigned char>(c) >= 0x20);
  Check(table.find('\x7f') == std::string::npos);

  Check(nlohmann::json::accept(portcullis::WriteJson(report)));
  Check(nlohmann::json::accept(portcullis::WriteSarif(report, options)));
  for (auto format : {portcullis::ReportFormat::kCycloneDx, portcullis::ReportFormat::kSpdx}) {
    auto out = portcullis::WriteReport(report, format, options);
    if (out) Check(nlohmann::json::accept(*out));
  }
  std::string junit = portcullis::WriteJunit(report, options);
  for (size_t i = 0; i < junit.size(); ++i) {
    auto c = static_cast<unsigned char>(junit[i]);
    Check(c >= 0x20 || c == '\n' || c == '\t');
    Check(!(c == 0xEF && i + 2 < junit.size() && static_cast<unsigned char>(junit[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(junit[i + 2]) & 0xFE) == 0xBE));
  }
  return 0;
}
