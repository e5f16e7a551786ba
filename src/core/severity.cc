#include "portcullis/model/severity.h"

#include <algorithm>
#include <array>
#include <string>

namespace portcullis {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kUnknown: return "UNKNOWN";
    case Severity::kInfo: return "INFO";
    case Severity::kLow: return "LOW";
    case Severity::kMedium: return "MEDIUM";
    case Severity::kHigh: return "HIGH";
    case Severity::kCritical: return "CRITICAL";
  }
  return "UNKNOWN";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  std::string upper(name);
  std::ranges::transform(upper, upper.begin(), [](unsigned char c) { return std::toupper(c); });
  struct Entry {
    std::string_view name;
    Severity severity;
  };
  static constexpr std::array<Entry, 13> kNames = {{
      {"UNKNOWN", Severity::kUnknown},   {"INFO", Severity::kInfo},
      {"STYLE", Severity::kInfo},        {"NEGLIGIBLE", Severity::kLow},
      {"LOW", Severity::kLow},           {"MEDIUM", Severity::kMedium},
      {"MODERATE", Severity::kMedium},   {"WARNING", Severity::kMedium},
      {"HIGH", Severity::kHigh},         {"IMPORTANT", Severity::kHigh},
      {"ERROR", Severity::kHigh},        {"CRITICAL", Severity::kCritical},
      {"NONE", Severity::kInfo},
  }};
  for (const auto& e : kNames) {
    if (e.name == upper) return e.severity;
  }
  return std::nullopt;
}

}  // namespace portcullis
