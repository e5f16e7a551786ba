// SARIF 2.1.0 (OASIS), shaped for GitHub code scanning: one run; a rule per vulnerability id,
// secret rule and misconfiguration id, with properties.security-severity; one result per
// finding; diagnostics as tool execution notifications.
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "core/strings.h"
#include "report/formats.h"
#include "report/report_view.h"
#include "report/uri.h"

namespace portcullis {

namespace {

using nlohmann::ordered_json;

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/portcullis-scanner/portcullis";

std::string S(std::string_view s) { return SanitizeUtf8(s); }

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

struct RuleEntry {
  ordered_json json;
  Severity severity = Severity::kUnknown;
  double cvss = 0;
};

class SarifBuilder {
 public:
  explicit SarifBuilder(const ReportView& view) : view_(view) {}

  ordered_json Build(std::string_view version) {
    for (const Vulnerability* v : view_.vulnerabilities()) AddVulnerability(*v);
    for (const SecretFinding* s : view_.secrets()) AddSecret(*s);
    for (const Misconfiguration* m : view_.misconfigurations()) AddMisconfiguration(*m);

    ordered_json rules = ordered_json::array();
    for (auto& rule : rules_) {
      rule.json["defaultConfiguration"] = {{"level", Level(rule.severity)}};
      rule.json["properties"]["security-severity"] = SecuritySeverity(rule.severity, rule.cvss);
      rules.push_back(std::move(rule.json));
    }
    ordered_json driver = {{"name", "portcullis"},
                           {"version", S(version)},
                           {"informationUri", kInformationUri},
                           {"rules", std::move(rules)}};
    ordered_json run = {{"tool", {{"driver", std::move(driver)}}}};
    run["invocations"] = {Invocation()};
    run["results"] = std::move(results_);
    return {{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", {std::move(run)}}};
  }

 private:
  // The index of rule `id`, adding it (from `make`) when new; raises its severity to `s`.
  template <typename Make>
  size_t Rule(const std::string& id, Severity s, double cvss, Make make) {
    auto [it, added] = rule_index_.emplace(id, rules_.size());
    if (added) rules_.push_back({make(), s, cvss});
    RuleEntry& rule = rules_[it->second];
    if (s > rule.severity || (s == rule.severity && cvss > rule.cvss)) {
      rule.severity = s;
      rule.cvss = cvss;
    }
    return it->second;
  }

  static ordered_json Location(std::string_view path, uint64_t line, uint64_t end_line) {
    ordered_json physical = {{"artifactLocation", {{"uri", PathToUri(path)}}}};
    if (line > 0) {
      ordered_json region = {{"startLine", line}};
      if (end_line >= line) region["endLine"] = end_line;
      physical["region"] = std::move(region);
    }
    return {{"physicalLocation", std::move(physical)}};
  }

  void AddResult(const std::string& rule_id, size_t index, Severity s, std::string message,
                 ordered_json location, std::string_view fingerprint_input) {
    ordered_json r = {{"ruleId", S(rule_id)},
                      {"ruleIndex", index},
                      {"level", Level(s)},
                      {"message", {{"text", S(message)}}},
                      {"locations", {std::move(location)}}};
    r["partialFingerprints"] = {
        {"portcullisFinding/v1", Sha256Digest(fingerprint_input).substr(7, 32)}};
    results_.push_back(std::move(r));
  }

  std::string ArtifactPath() const {
    return view_.report().artifact.name.empty() ? "." : view_.report().artifact.name;
  }

  void AddVulnerability(const Vulnerability& v) {
    std::optional<std::string> help_uri;
    for (const auto& ref : v.references) {
      if ((help_uri = WebUrl(ref))) break;
    }
    size_t index = Rule(v.id, v.severity, v.cvss_score, [&] {
      std::string title = v.title.empty() ? v.id : v.title;
      std::vector<std::string> urls;
      for (const auto& ref : v.references) {
        if (auto url = WebUrl(ref)) urls.push_back(*url);
      }
      std::string text = fmt::format("{}\nPackage: {}\nFixed version: {}\nReferences: {}", title,
                                     v.package, v.fixed_version.empty() ? "none" : v.fixed_version,
                                     urls.empty() ? "none" : Join(urls, " "));
      std::string markdown = fmt::format(
          "**{}** ({})\n\n{}\n\n| Package | Installed | Fixed |\n|---|---|---|\n| {} | {} | {} |\n",
          Markdown(v.id), SeverityName(v.severity), Markdown(v.description.empty() ? title
                                                                                   : v.description),
          Markdown(v.package), Markdown(v.installed_version),
          Markdown(v.fixed_version.empty() ? "none" : v.fixed_version));
      for (const auto& url : urls) markdown += fmt::format("\n- <{}>", url);
      ordered_json rule = {{"id", S(v.id)},
                           {"name", "Vulnerability"},
                           {"shortDescription", {{"text", S(Excerpt(title, 1000))}}},
                           {"fullDescription", {{"text", S(v.description.empty() ? title
                                                                                 : v.description)}}},
                           {"help", {{"text", S(text)}, {"markdown", markdown}}}};
      if (help_uri) rule["helpUri"] = *help_uri;
      rule["properties"] = {{"tags", {"vulnerability", "security", SeverityName(v.severity)}},
                            {"precision", "very-high"}};
      return rule;
    });
    const Package* p = view_.PackageOf(v);
    std::string path = p && !p->found_in.empty() ? p->found_in : ArtifactPath();
    std::string message = fmt::format("Package {} {} is affected by {} ({}). ", v.package,
                                      v.installed_version, v.id, SeverityName(v.severity));
    message += v.fixed_version.empty()
                   ? fmt::format("No fixed version{}.", v.status.empty() ? "" : " (" + v.status + ")")
                   : fmt::format("Fixed version: {}.", v.fixed_version);
    if (!v.title.empty()) message += " " + v.title;
    AddResult(v.id, index, v.severity, message, Location(path, 0, 0),
              fmt::format("vuln\n{}\n{}\n{}\n{}", v.id, v.package, v.installed_version, path));
  }

  void AddSecret(const SecretFinding& s) {
    size_t index = Rule(s.rule_id, s.severity, 0, [&] {
      std::string title = s.title.empty() ? s.rule_id : s.title;
      std::string help =
          "Revoke and rotate the secret, then rebuild the image without it. Deleting the file "
          "in a later layer does not remove it: every earlier layer still ships it.";
      return ordered_json{
          {"id", S(s.rule_id)},
          {"name", "Secret"},
          {"shortDescription", {{"text", S(Excerpt(title, 1000))}}},
          {"fullDescription",
           {{"text", S(s.category.empty() ? title : title + " (" + s.category + ")")}}},
          {"help", {{"text", help}, {"markdown", help}}},
          {"properties", {{"tags", {"secret", "security", SeverityName(s.severity)}},
                          {"precision", "high"}}}};
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
    AddResult(s.rule_id, index, s.severity, message, Location(s.path, s.line, s.line),
              fmt::format("secret\n{}\n{}\n{}\n{}", s.rule_id, s.path, s.line, s.layer));
  }

  void AddMisconfiguration(const Misconfiguration& m) {
    size_t index = Rule(m.id, m.severity, 0, [&] {
      std::string title = m.title.empty() ? m.id : m.title;
      std::string text = m.remediation.empty() ? title : m.remediation;
      std::string markdown = Markdown(text);
      if (!m.aliases.empty()) {
        markdown += "\n\nSame check as: " + Markdown(Join(m.aliases, ", "));
      }
      for (const auto& ref : m.references) {
        if (auto url = WebUrl(ref)) markdown += fmt::format("\n- <{}>", *url);
      }
      ordered_json rule = {{"id", S(m.id)},
                           {"name", "Misconfiguration"},
                           {"shortDescription", {{"text", S(Excerpt(title, 1000))}}},
                           {"fullDescription", {{"text", S(title)}}},
                           {"help", {{"text", S(text)}, {"markdown", markdown}}}};
      for (const auto& ref : m.references) {
        if (auto url = WebUrl(ref)) {
          rule["helpUri"] = *url;
          break;
        }
      }
      ordered_json tags = {"misconfiguration", "security", SeverityName(m.severity)};
      if (!m.kind.empty()) tags.push_back(S(m.kind));
      for (const auto& a : m.aliases) tags.push_back(S(a));
      rule["properties"] = {{"tags", std::move(tags)}, {"precision", "very-high"}};
      return rule;
    });
    std::string path = !m.path.empty() ? m.path : !m.target.empty() ? m.target : ArtifactPath();
    ordered_json location = Location(path, m.line, m.end_line);
    if (!m.resource.empty()) {
      location["logicalLocations"] = {{{"fullyQualifiedName", S(m.resource)}}};
    }
    std::string message = m.message.empty() ? (m.title.empty() ? m.id : m.title) : m.message;
    AddResult(m.id, index, m.severity, message, std::move(location),
              fmt::format("misconfig\n{}\n{}\n{}\n{}\n{}", m.id, m.target, m.path, m.line,
                          m.resource));
  }

  ordered_json Invocation() const {
    ordered_json notifications = ordered_json::array();
    for (const Diagnostic* d : view_.diagnostics()) {
      ordered_json n = {{"level", Level(d->severity)},
                        {"message", {{"text", S(d->message.empty() ? d->code : d->message)}}}};
      if (!d->path.empty()) {
        ordered_json physical = {{"artifactLocation", {{"uri", PathToUri(d->path)}}}};
        if (d->line > 0) {
          physical["region"] = {{"startLine", d->line}};
          if (d->column > 0) physical["region"]["startColumn"] = d->column;
        }
        n["locations"] = {{{"physicalLocation", std::move(physical)}}};
      }
      if (!d->code.empty()) n["descriptor"] = {{"id", S(d->code)}};
      notifications.push_back(std::move(n));
    }
    ordered_json invocation = {{"executionSuccessful", true}};
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
    return invocation;
  }

  const ReportView& view_;
  std::vector<RuleEntry> rules_;
  std::map<std::string, size_t> rule_index_;
  ordered_json results_ = ordered_json::array();
};

}  // namespace

std::string WriteSarif(const Report& report, const WriteOptions&) {
  ReportView view(report);
  SarifBuilder builder(view);
  std::string version = report.tool_version.empty() ? PORTCULLIS_VERSION : report.tool_version;
  return builder.Build(version).dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace portcullis
