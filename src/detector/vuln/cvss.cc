#include "detector/vuln/cvss.h"

#include <array>
#include <cmath>
#include <map>
#include <string>

#include "core/strings.h"

namespace portcullis::vuln {

namespace {

// Splits "CVSS:x/AV:N/..." into metric -> value, refusing repeats and malformed parts.
Result<std::map<std::string, std::string, std::less<>>> ParseMetrics(std::string_view vector,
                                                                     std::string_view prefix) {
  std::map<std::string, std::string, std::less<>> out;
  if (!vector.starts_with(prefix)) {
    return Fail(ErrorCode::kCorrupt, "CVSS vector '{}' does not start with '{}'",
                Excerpt(vector, 60), prefix);
  }
  vector.remove_prefix(prefix.size());
  for (auto part : Split(vector, '/')) {
    size_t colon = part.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == part.size()) {
      return Fail(ErrorCode::kCorrupt, "CVSS vector part '{}' is not METRIC:VALUE",
                  Excerpt(part, 30));
    }
    if (!out.emplace(std::string(part.substr(0, colon)), std::string(part.substr(colon + 1)))
             .second) {
      return Fail(ErrorCode::kCorrupt, "CVSS metric {} appears twice",
                  Excerpt(part.substr(0, colon), 10));
    }
  }
  return out;
}

// Value of a metric from `table` ({value letter, weight}); fails naming the metric.
template <size_t N>
Result<double> Weight(const std::map<std::string, std::string, std::less<>>& metrics,
                      std::string_view metric,
                      const std::array<std::pair<std::string_view, double>, N>& table) {
  auto it = metrics.find(metric);
  if (it == metrics.end()) return Fail(ErrorCode::kCorrupt, "CVSS vector lacks {}", metric);
  for (const auto& [value, weight] : table) {
    if (it->second == value) return weight;
  }
  return Fail(ErrorCode::kCorrupt, "CVSS metric {} has unknown value '{}'", metric,
              Excerpt(it->second, 10));
}

// CVSS v3.1 Roundup: the smallest one-decimal number >= x, robust to floating-point error.
double Roundup31(double x) {
  auto i = static_cast<int64_t>(std::llround(x * 100000));
  if (i % 10000 == 0) return static_cast<double>(i) / 100000.0;
  return (std::floor(static_cast<double>(i) / 10000.0) + 1) / 10.0;
}

double Roundup30(double x) { return std::ceil(x * 10 - 1e-9) / 10.0; }

}  // namespace

Severity SeverityOfScore(double score) {
  if (score <= 0) return Severity::kInfo;
  if (score < 4.0) return Severity::kLow;
  if (score < 7.0) return Severity::kMedium;
  if (score < 9.0) return Severity::kHigh;
  return Severity::kCritical;
}

Result<CvssScore> ScoreCvss3(std::string_view vector) {
  bool v30 = vector.starts_with("CVSS:3.0/");
  auto metrics = PC_TRY(ParseMetrics(vector, v30 ? "CVSS:3.0/" : "CVSS:3.1/"));
  using W = std::array<std::pair<std::string_view, double>, 2>;
  double av = PC_TRY(Weight(metrics, "AV",
                            std::array<std::pair<std::string_view, double>, 4>{
                                {{"N", 0.85}, {"A", 0.62}, {"L", 0.55}, {"P", 0.2}}}));
  double ac = PC_TRY(Weight(metrics, "AC", W{{{"L", 0.77}, {"H", 0.44}}}));
  double ui = PC_TRY(Weight(metrics, "UI", W{{{"N", 0.85}, {"R", 0.62}}}));
  double scope = PC_TRY(Weight(metrics, "S", W{{{"U", 0}, {"C", 1}}}));
  bool changed = scope > 0.5;
  double pr = PC_TRY(Weight(metrics, "PR",
                            std::array<std::pair<std::string_view, double>, 3>{
                                {{"N", 0.85}, {"L", changed ? 0.68 : 0.62},
                                 {"H", changed ? 0.5 : 0.27}}}));
  std::array<std::pair<std::string_view, double>, 3> cia = {{{"H", 0.56}, {"L", 0.22}, {"N", 0}}};
  double c = PC_TRY(Weight(metrics, "C", cia));
  double i = PC_TRY(Weight(metrics, "I", cia));
  double a = PC_TRY(Weight(metrics, "A", cia));
  double iss = 1 - (1 - c) * (1 - i) * (1 - a);
  double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  double exploitability = 8.22 * av * ac * pr * ui;
  double base = 0;
  if (impact > 0) {
    double raw = changed ? std::min(1.08 * (impact + exploitability), 10.0)
                         : std::min(impact + exploitability, 10.0);
    base = v30 ? Roundup30(raw) : Roundup31(raw);
  }
  return CvssScore{base, SeverityOfScore(base)};
}

}  // namespace portcullis::vuln
