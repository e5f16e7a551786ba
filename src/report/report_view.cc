#include "report/report_view.h"

#include <algorithm>
#include <functional>
#include <tuple>

#include "core/strings.h"

namespace portcullis {

namespace {

template <typename T>
std::vector<const T*> Pointers(const std::vector<T>& items) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(&i);
  return out;
}

// Sorts pointers into one vector with `less`; pointers `less` finds equivalent keep their order
// in the report, as std::stable_sort would keep them (libstdc++ 12's stable_sort does not
// compile in clang's C++23 mode, which the fuzz targets use).
template <typename T, typename Less>
void SortKeepingReportOrder(std::vector<const T*>& v, Less less) {
  std::ranges::sort(v, [&](const T* a, const T* b) {
    if (less(a, b)) return true;
    if (less(b, a)) return false;
    return std::less<const T*>()(a, b);
  });
}

}  // namespace

std::string LowerSeverityName(Severity s) { return ToLower(SeverityName(s)); }

bool IsRfc3339DateTime(std::string_view s) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < kShape.size()) return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    bool digit = s[i] >= '0' && s[i] <= '9';
    if (kShape[i] == 'd' ? !digit : s[i] != kShape[i]) return false;
  }
  std::string_view rest = s.substr(kShape.size());
  if (rest.starts_with('.')) {
    rest.remove_prefix(1);
    size_t digits = rest.find_first_not_of("0123456789");
    if (digits == 0 || digits == std::string_view::npos) return false;
    rest.remove_prefix(digits);
  }
  if (rest == "Z") return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
         rest.substr(1, 2).find_first_not_of("0123456789") == std::string_view::npos &&
         rest.substr(4, 2).find_first_not_of("0123456789") == std::string_view::npos;
}

std::string ShortDigest(std::string_view digest) {
  size_t colon = digest.find(':');
  if (colon != std::string_view::npos && digest.size() >= colon + 13) {
    return std::string(digest.substr(colon + 1, 12));
  }
  return Excerpt(digest, 19);
}

ReportView::ReportView(const Report& report) : report_(report) {
  packages_ = Pointers(report.packages);
  SortKeepingReportOrder(packages_, [](const Package* a, const Package* b) {
    return std::tie(a->name, a->version, a->arch, a->purl, a->found_in) <
           std::tie(b->name, b->version, b->arch, b->purl, b->found_in);
  });
  vulnerabilities_ = Pointers(report.vulnerabilities);
  SortKeepingReportOrder(vulnerabilities_, [](const Vulnerability* a, const Vulnerability* b) {
    return std::tie(b->severity, a->id, a->package, a->installed_version, a->package_path) <
           std::tie(a->severity, b->id, b->package, b->installed_version, b->package_path);
  });
  secrets_ = Pointers(report.secrets);
  SortKeepingReportOrder(secrets_, [](const SecretFinding* a, const SecretFinding* b) {
    return std::tie(b->severity, a->path, a->line, a->rule_id, a->layer) <
           std::tie(a->severity, b->path, b->line, b->rule_id, b->layer);
  });
  misconfigurations_ = Pointers(report.misconfigurations);
  SortKeepingReportOrder(misconfigurations_,
                           [](const Misconfiguration* a, const Misconfiguration* b) {
                             return std::tie(b->severity, a->id, a->target, a->path, a->line,
                                             a->resource) <
                                    std::tie(a->severity, b->id, b->target, b->path, b->line,
                                             b->resource);
                           });
  diagnostics_ = Pointers(report.diagnostics);
  SortKeepingReportOrder(diagnostics_, [](const Diagnostic* a, const Diagnostic* b) {
    return std::tie(b->severity, a->path, a->line, a->column, a->code) <
           std::tie(a->severity, b->path, b->line, b->column, b->code);
  });
  for (const Package* p : packages_) {
    by_instance_.emplace(InstanceKey(p->purl, p->name, p->version, p->found_in), p);
  }
}

const Package* ReportView::PackageOf(const Vulnerability& v) const {
  auto it = by_instance_.find(InstanceKey(v.purl, v.package, v.installed_version, v.package_path));
  return it == by_instance_.end() ? nullptr : it->second;
}

}  // namespace portcullis
