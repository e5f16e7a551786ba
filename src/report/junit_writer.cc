// JUnit XML, as GitLab (artifacts:reports:junit) and Jenkins (junit step) read it:
// <testsuites> with one <testsuite> per finding kind that ran, one failing <testcase> per
// finding. A kind ran when report.scanners names it (docs/report-format.md) or it has
// findings; a kind that ran and found nothing is an empty suite.
#include <set>

#include <fmt/format.h>

#include "core/strings.h"
#include "report/formats.h"
#include "report/report_view.h"
#include "report/xml.h"

namespace portcullis {

namespace {

std::string A(std::string_view s) { return XmlEscape(s, true); }
std::string T(std::string_view s) { return XmlEscape(s, false); }

struct Case {
  std::string classname;
  std::string name;
  std::string file;
  uint64_t line = 0;
  std::string message;
  Severity severity = Severity::kUnknown;
  std::string text;
};

std::string Suite(std::string_view name, const std::vector<Case>& cases,
                  std::string_view timestamp) {
  std::string out = fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
      "time=\"0\"{}>\n",
      A(name), cases.size(), cases.size(),
      timestamp.empty() ? "" : fmt::format(" timestamp=\"{}\"", A(timestamp)));
  for (const Case& c : cases) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", A(c.classname), A(c.name));
    if (!c.file.empty()) out += fmt::format(" file=\"{}\"", A(c.file));
    if (c.line > 0) out += fmt::format(" line=\"{}\"", c.line);
    out += fmt::format(" time=\"0\">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                       A(c.message), SeverityName(c.severity), T(c.text));
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
  return out;
}

std::string Lines(const std::vector<std::pair<std::string_view, std::string>>& fields) {
  std::string out;
  for (const auto& [label, value] : fields) {
    if (!value.empty()) out += fmt::format("{}: {}\n", label, value);
  }
  return out;
}

// The non-empty strings of `items`, space-separated.
std::string NonEmpty(const std::vector<std::string>& items) {
  std::vector<std::string> kept;
  for (const auto& i : items) {
    if (!Trim(i).empty()) kept.push_back(i);
  }
  return Join(kept, " ");
}

bool Ran(const Report& report, std::initializer_list<std::string_view> names) {
  for (const auto& s : report.scanners) {
    for (std::string_view n : names) {
      if (s == n) return true;
    }
  }
  return false;
}

}  // namespace

std::string WriteJunit(const Report& report, const WriteOptions& options) {
  ReportView view(report);
  // JUnit timestamps are ISO 8601 without a zone designator (Jenkins' schema).
  std::string timestamp;
  if (IsRfc3339DateTime(report.created_at)) timestamp = report.created_at.substr(0, 19);

  std::vector<Case> vulns, secrets, misconfigs;
  for (const Vulnerability* v : view.vulnerabilities()) {
    std::string title = v->title.empty() ? v->id : v->id + ": " + v->title;
    vulns.push_back(
        {v->package + "-" + v->installed_version,
         fmt::format("[{}] {}", SeverityName(v->severity), v->id), v->package_path, 0,
         Excerpt(title, 300), v->severity,
         Lines({{"Vulnerability", v->id},
                {"Severity", std::string(SeverityName(v->severity))},
                {"Package", v->package},
                {"Installed version", v->installed_version},
                {"Fixed version", v->fixed_version.empty() ? "none" : v->fixed_version},
                {"Status", v->status},
                {"Title", v->title},
                {"Package path", v->package_path},
                {"Layer", v->layer},
                {"References", NonEmpty(v->references)}})});
  }
  for (const SecretFinding* s : view.secrets()) {
    std::string where = s->line > 0 ? fmt::format("{}:{}", s->path, s->line) : s->path;
    std::string title = s->title.empty() ? s->rule_id : s->title;
    std::string deleted;
    if (s->deleted_in_later_layer) {
      deleted = "DELETED in a later layer" +
                (s->deleted_in_layer.empty() ? "" : " (" + s->deleted_in_layer + ")") +
                ", still present in the image";
    }
    secrets.push_back({s->path,
                       fmt::format("[{}] {}", SeverityName(s->severity), s->rule_id), s->path,
                       s->line, Excerpt(title + " in " + where, 300), s->severity,
                       Lines({{"Rule", s->rule_id},
                              {"Severity", std::string(SeverityName(s->severity))},
                              {"Title", s->title},
                              {"Location", where},
                              {"Layer", s->layer},
                              {"Deleted", deleted},
                              {"Match", s->match}})});
  }
  for (const Misconfiguration* m : view.misconfigurations()) {
    std::string where = !m->path.empty() ? m->path : m->target;
    std::string location = m->line > 0 ? fmt::format("{}:{}", where, m->line) : where;
    std::string title = m->title.empty() ? m->id : m->title;
    misconfigs.push_back(
        {!m->target.empty() ? m->target : where,
         fmt::format("[{}] {}: {}", SeverityName(m->severity), m->id, Excerpt(title, 200)), where,
         m->line, Excerpt(m->message.empty() ? title : m->message, 300), m->severity,
         Lines({{"Rule", m->id},
                {"Also known as", Join(m->aliases, ", ")},
                {"Severity", std::string(SeverityName(m->severity))},
                {"Title", m->title},
                {"Location", location},
                {"Resource", m->resource},
                {"Message", m->message},
                {"Remediation", m->remediation},
                {"References", NonEmpty(m->references)}})});
  }

  std::string suites;
  size_t total = 0;
  auto add = [&](std::string_view name, const std::vector<Case>& cases, bool ran) {
    if (!ran && cases.empty()) return;
    suites += Suite(name, cases, timestamp);
    total += cases.size();
  };
  add("vulnerabilities", vulns, Ran(report, {"vuln"}));
  add("secrets", secrets, Ran(report, {"secret"}));
  add("misconfigurations", misconfigs,
      Ran(report, {"hardening", "misconfig", "dockerfile", "config", "runtime", "host"}));

  std::string name = "portcullis";
  if (!options.command.empty()) name += " " + options.command;
  if (!report.artifact.name.empty()) name += " " + report.artifact.name;
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
      "time=\"0\">\n{}</testsuites>\n",
      A(name), total, total, suites);
}

}  // namespace portcullis
