#include "policy/filter.h"

#include <algorithm>

#include "core/clock.h"
#include "core/strings.h"

namespace portcullis {

Result<std::set<Severity>> ParseSeverityList(std::string_view list) {
  std::set<Severity> out;
  for (auto part : Split(list, ',')) {
    part = Trim(part);
    if (part.empty()) continue;
    auto s = ParseSeverity(part);
    if (!s) {
      return Fail(ErrorCode::kInvalidArgument,
                  "unknown severity '{}' (expected UNKNOWN, INFO, LOW, MEDIUM, HIGH, CRITICAL)",
                  Excerpt(part, 30));
    }
    out.insert(*s);
  }
  return out;
}

void ApplyFilter(Report& report, const FilterOptions& options) {
  if (options.ignore_file != nullptr) {
    ApplyIgnoreFile(report, *options.ignore_file,
                    options.today.empty() ? Today() : std::string_view(options.today));
  }
  if (options.vex != nullptr) ApplyVex(report, *options.vex);
  auto drop = [&](Severity s) {
    return !options.severities.empty() && !options.severities.contains(s);
  };
  std::erase_if(report.vulnerabilities, [&](const Vulnerability& v) {
    return drop(v.severity) || (options.ignore_unfixed && v.fixed_version.empty());
  });
  std::erase_if(report.secrets, [&](const SecretFinding& s) { return drop(s.severity); });
  std::erase_if(report.misconfigurations,
                [&](const Misconfiguration& m) { return drop(m.severity); });
}

size_t CountFindings(const Report& report) {
  return report.vulnerabilities.size() + report.secrets.size() + report.misconfigurations.size();
}

}  // namespace portcullis
