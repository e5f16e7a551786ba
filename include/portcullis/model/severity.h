// Severity: one scale for every finding kind (vulnerabilities, secrets, misconfigurations).
// Plain value type; safe from any thread.
#pragma once

#include <optional>
#include <string_view>

namespace portcullis {

// Ordered from least to most severe, so `a < b` means "b is worse".
enum class Severity { kUnknown = 0, kInfo, kLow, kMedium, kHigh, kCritical };

// "UNKNOWN", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL".
std::string_view SeverityName(Severity s);

// Parses a severity name, case-insensitively; also accepts the synonyms other tools use
// ("MODERATE", "NEGLIGIBLE", "IMPORTANT", "WARNING", "ERROR", "STYLE"). nullopt if unknown.
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace portcullis
