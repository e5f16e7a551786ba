// SARIF 2.1.0 (OASIS), shaped for GitHub code scanning: one run; a rule per vulnerability id,
// secret rule and misconfiguration id, with properties.security-severity; one result per
// finding; diagnostics as tool execution notifications.
#include <map>
#include <optional>

#include <fmt/format.h>

#include "core/digest.h"
#include "core/strings.h"
#include "report/formats.h"
#include "report/json_out.h"
#include "report/report_view.h"
#include "report/uri.h"

namespace portcullis {

namespace {

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

std::string_view Level(Severity s) {
  switch (s) {
    case Severity::kCritical:
    case Severity::kHigh: return "error";
    case Severity::kMedium: return "warning";
    default: return "note";
  }
}

// GitHub's security-severity: a CVSS-like score whose band gives the severity shown. The
// finding's own CVSS score when it falls in its severity's band, else the band's middle.
std::string SecuritySeverity(Severity s, double cvss) {
  double low = 0, high = 0, fallback = 0;
  switch (s) {
    case Severity::kCritical: low = 9.0, high = 10.0, fallback = 9.5; break;
    case Severity::kHigh: low = 7.0, high = 8.9, fallback = 8.0; break;
    case Severity::kMedium: low = 4.0, high = 6.9, fallback = 5.5; break;
    case Severity::kLow: low = 0.1, high = 3.9, fallback = 2.0; break;
    default: return "0.0";
  }
  return fmt::format("{:.1f}", cvss >= low && cvss <= high ? cvss : fallback);
}

// Backslash-escapes the characters that would make Markdown out of plain text.
std::string Markdown(std::string_view s) {
  std::string out;
  for (char c : SanitizeUtf8(s)) {
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

struct Rule {
  std::string id;
  std::string_view name;
  std::string short_text;
  std::string full_text;
  std::string help_text;
  std::string help_markdown;
  std::optional<std::string> help_uri;
  std::vector<std::string> tags;
  std::string_view precision;
  Severity severity = Severity::kUnknown;
  double cvss = 0;
};

struct Location {
  std::string uri;
  uint64_t line = 0;
  uint64_t end_line = 0;
  std::string logical;  // fully qualified name of a logical location, "" = none
  uint64_t column = 0;  // 1-based start column; 0 = unknown (no startColumn)
};

struct SarifResult {
  size_t rule = 0;
  Severity severity = Severity::kUnknown;
  std::string message;
  Location location;
  std::string fingerprint;
};

std::vector<std::string> Urls(const std::vector<std::string>& references) {
  std::vector<std::string> urls;
  for (const auto& ref : references) {
    if (auto url = WebUrl(ref)) urls.push_back(*url);
  }
  return urls;
}

// Collects rules and results from the findings, then writes the document.
class SarifBuilder {
 public:
  explicit SarifBuilder(const ReportView& view) : view_(view) {}

  void Write(std::string& out, std::string_view version) {
    for (const Vulnerability* v : view_.vulnerabilities()) AddVulnerability(*v);
    for (const SecretFinding* s : view_.secrets()) AddSecret(*s);
    for (const Misconfiguration* m : view_.misconfigurations()) AddMisconfiguration(*m);
    JsonOut j(out);
    j.BeginObject();
    j.Field("$schema", kSchemaUri);
    j.Field("version", "2.1.0");
    j.Key("runs");
    j.BeginArray();
    j.BeginObject();
    j.Key("tool");
    j.BeginObject();
    j.Key("driver");
    j.BeginObject();
    j.Field("name", "portcullis");
    j.Field("version", version);
    j.Key("rules");
    j.BeginArray();
    for (const Rule& rule : rules_) WriteRule(j, rule);
    j.EndArray();
    j.EndObject();
    j.EndObject();
    j.Key("invocations");
    j.BeginArray();
    WriteInvocation(j);
    j.EndArray();
    j.Key("results");
    j.BeginArray();
    for (const SarifResult& r : results_) WriteResult(j, r);
    j.EndArray();
    j.EndObject();
    j.EndArray();
    j.EndObject();
  }

 private:
  // The index of rule `id`, adding it (from `make`) when new; raises its severity to `s`.
  template <typename Make>
  size_t RuleIndex(const std::string& id, Severity s, double cvss, Make make) {
    auto [it, added] = rule_index_.emplace(id, rules_.size());
    if (added) {
      rules_.push_back(make());
      rules_.back().id = id;
      rules_.back().severity = s;
      rules_.back().cvss = cvss;
    }
    Rule& rule = rules_[it->second];
    if (s > rule.severity || (s == rule.severity && cvss > rule.cvss)) {
      rule.severity = s;
      rule.cvss = cvss;
    }
    return it->second;
  }

  static void WriteText(JsonOut& j, std::string_view key, std::string_view text) {
    j.Key(key);
    j.BeginObject();
    j.Field("text", text);
    j.EndObject();
  }

  static void WriteRule(JsonOut& j, const Rule& rule) {
    j.BeginObject();
    j.Field("id", rule.id);
    j.Field("name", rule.name);
    WriteText(j, "shortDescription", Excerpt(rule.short_text, 1000));
    WriteText(j, "fullDescription", rule.full_text);
    j.Key("help");
    j.BeginObject();
    j.Field("text", rule.help_text);
    j.Field("markdown", rule.help_markdown);
    j.EndObject();
    if (rule.help_uri) j.Field("helpUri", *rule.help_uri);
    j.Key("properties");
    j.BeginObject();
    j.StringArray("tags", rule.tags);
    j.Field("precision", rule.precision);
    j.Field("security-severity", SecuritySeverity(rule.severity, rule.cvss));
    j.EndObject();
    j.Key("defaultConfiguration");
    j.BeginObject();
    j.Field("level", Level(rule.severity));
    j.EndObject();
    j.EndObject();
  }

  static void WritePhysical(JsonOut& j, const std::string& uri, uint64_t line, uint64_t end_line,
                            uint64_t column) {
    j.Key("physicalLocation");
    j.BeginObject();
    j.Key("artifactLocation");
    j.BeginObject();
    j.Field("uri", uri);
    j.EndObject();
    if (line > 0) {
      j.Key("region");
      j.BeginObject();
      j.Field("startLine", line);
      if (end_line >= line) j.Field("endLine", end_line);
      if (column > 0) j.Field("startColumn", column);
      j.EndObject();
    }
    j.EndObject();
  }

  void WriteResult(JsonOut& j, const SarifResult& r) const {
    j.BeginObject();
    j.Field("ruleId", rules_[r.rule].id);
    j.Field("ruleIndex", uint64_t{r.rule});
    j.Field("level", Level(r.severity));
    WriteText(j, "message", r.message);
    j.Key("locations");
    j.BeginArray();
    j.BeginObject();
    WritePhysical(j, r.location.uri, r.location.line, r.location.end_line, r.location.column);
    if (!r.location.logical.empty()) {
      j.Key("logicalLocations");
      j.BeginArray();
      j.BeginObject();
      j.Field("fullyQualifiedName", r.location.logical);
      j.EndObject();
      j.EndArray();
    }
    j.EndObject();
    j.EndArray();
    j.Key("partialFingerprints");
    j.BeginObject();
    j.Field("portcullisFinding/v1", r.fingerprint);
    j.EndObject();
    j.EndObject();
  }

  void AddResult(size_t rule, Severity s, std::string message, Location location,
                 std::string_view fingerprint_input) {
    results_.push_back({rule, s, std::move(message), std::move(location),
                        Sha256Digest(fingerprint_input).substr(7, 32)});
  }

  std::string ArtifactPath() const {
    return view_.report().artifact.name.empty() ? "." : view_.report().artifact.name;
  }

  void AddVulnerability(const Vulnerability& v) {
    size_t index = RuleIndex(v.id, v.severity, v.cvss_score, [&] {
      std::string title = v.title.empty() ? v.id : v.title;
      std::vector<std::string> urls = Urls(v.references);
      Rule rule;
      rule.name = "Vulnerability";
      rule.short_text = title;
      rule.full_text = v.description.empty() ? title : v.description;
      rule.help_text = fmt::format("{}\nPackage: {}\nFixed version: {}\nReferences: {}", title,
                                   v.package, v.fixed_version.empty() ? "none" : v.fixed_version,
                                   urls.empty() ? "none" : Join(urls, " "));
      rule.help_markdown = fmt::format(
          "**{}** ({})\n\n{}\n\n| Package | Installed | Fixed |\n|---|---|---|\n| {} | {} | {} |\n",
          Markdown(v.id), SeverityName(v.severity), Markdown(rule.full_text), Markdown(v.package),
          Markdown(v.installed_version),
          Markdown(v.fixed_version.empty() ? "none" : v.fixed_version));
      for (const auto& url : urls) rule.help_markdown += fmt::format("\n- <{}>", url);
      if (!urls.empty()) rule.help_uri = urls.front();
      rule.tags = {"vulnerability", "security", std::string(SeverityName(v.severity))};
      rule.precision = "very-high";
      return rule;
    });
    std::string path = !v.package_path.empty() ? v.package_path : ArtifactPath();
    std::string message = fmt::format("Package {} {} is affected by {} ({}). ", v.package,
                                      v.installed_version, v.id, SeverityName(v.severity));
    message += v.fixed_version.empty()
                   ? fmt::format("No fixed version{}.", v.status.empty() ? "" : " (" + v.status + ")")
                   : fmt::format("Fixed version: {}.", v.fixed_version);
    if (!v.title.empty()) message += " " + v.title;
    AddResult(index, v.severity, std::move(message), {PathToUri(path)},
              fmt::format("vuln\n{}\n{}\n{}\n{}\n{}", v.id, v.package, v.installed_version, path,
                          v.layer));
  }

  void AddSecret(const SecretFinding& s) {
    size_t index = RuleIndex(s.rule_id, s.severity, 0, [&] {
      std::string title = s.title.empty() ? s.rule_id : s.title;
      Rule rule;
      rule.name = "Secret";
      rule.short_text = title;
      rule.full_text = s.category.empty() ? title : title + " (" + s.category + ")";
      rule.help_text =
          "Revoke and rotate the secret, then rebuild the image without it. Deleting the file "
          "in a later layer does not remove it: every earlier layer still ships it.";
      rule.help_markdown = rule.help_text;
      rule.tags = {"secret", "security", std::string(SeverityName(s.severity))};
      rule.precision = "high";
      return rule;
    });
    std::string message = fmt::format("{} in {}", s.title.empty() ? s.rule_id : s.title, s.path);
    if (s.line > 0) message += fmt::format(":{}", s.line);
    if (!s.layer.empty()) message += fmt::format(" (layer {})", ShortDigest(s.layer));
    if (!s.match.empty()) message += fmt::format(": {}", s.match);
    message += ".";
    if (s.deleted_in_later_layer) {
      message += " The file is DELETED in a later layer";
      if (!s.deleted_in_layer.empty()) message += fmt::format(" ({})", ShortDigest(s.deleted_in_layer));
      message += " but is still in the image.";
    }
    AddResult(index, s.severity, std::move(message), {PathToUri(s.path), s.line, s.line},
              fmt::format("secret\n{}\n{}\n{}\n{}", s.rule_id, s.path, s.line, s.layer));
  }

  void AddMisconfiguration(const Misconfiguration& m) {
    size_t index = RuleIndex(m.id, m.severity, 0, [&] {
      std::string title = m.title.empty() ? m.id : m.title;
      std::vector<std::string> urls = Urls(m.references);
      Rule rule;
      rule.name = "Misconfiguration";
      rule.short_text = title;
      rule.full_text = title;
      rule.help_text = m.remediation.empty() ? title : m.remediation;
      rule.help_markdown = Markdown(rule.help_text);
      if (!m.aliases.empty()) {
        rule.help_markdown += "\n\nSame check as: " + Markdown(Join(m.aliases, ", "));
      }
      for (const auto& url : urls) rule.help_markdown += fmt::format("\n- <{}>", url);
      if (!urls.empty()) rule.help_uri = urls.front();
      rule.tags = {"misconfiguration", "security", std::string(SeverityName(m.severity))};
      if (!m.kind.empty()) rule.tags.push_back(m.kind);
      for (const auto& a : m.aliases) rule.tags.push_back(a);
      rule.precision = "very-high";
      return rule;
    });
    std::string path = !m.path.empty() ? m.path : !m.target.empty() ? m.target : ArtifactPath();
    std::string message = m.message.empty() ? (m.title.empty() ? m.id : m.title) : m.message;
    AddResult(index, m.severity, std::move(message),
              {PathToUri(path), m.line, m.end_line, m.resource, m.column},
              fmt::format("misconfig\n{}\n{}\n{}\n{}\n{}", m.id, m.target, m.path, m.line,
                          m.resource));
  }

  void WriteInvocation(JsonOut& j) const {
    j.BeginObject();
    j.Field("executionSuccessful", true);
    if (!view_.diagnostics().empty()) {
      j.Key("toolExecutionNotifications");
      j.BeginArray();
      for (const Diagnostic* d : view_.diagnostics()) {
        j.BeginObject();
        j.Field("level", Level(d->severity));
        WriteText(j, "message", d->message.empty() ? d->code : d->message);
        if (!d->path.empty()) {
          j.Key("locations");
          j.BeginArray();
          j.BeginObject();
          WritePhysical(j, PathToUri(d->path), d->line, 0, d->column);
          j.EndObject();
          j.EndArray();
        }
        if (!d->code.empty()) {
          j.Key("descriptor");
          j.BeginObject();
          j.Field("id", d->code);
          j.EndObject();
        }
        j.EndObject();
      }
      j.EndArray();
    }
    j.EndObject();
  }

  const ReportView& view_;
  std::vector<Rule> rules_;
  std::map<std::string, size_t> rule_index_;
  std::vector<SarifResult> results_;
};

}  // namespace

std::string WriteSarif(const Report& report, const WriteOptions&) {
  ReportView view(report);
  SarifBuilder builder(view);
  std::string version = report.tool_version.empty() ? PORTCULLIS_VERSION : report.tool_version;
  std::string out;
  out.reserve(4096 + 1500 * (report.vulnerabilities.size() + report.secrets.size() +
                             report.misconfigurations.size()));
  builder.Write(out, version);
  out += '\n';
  return out;
}

}  // namespace portcullis
