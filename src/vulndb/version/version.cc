#include "vulndb/version/version.h"

#include <array>
#include <utility>

namespace portcullis::version {

int Compare(Scheme scheme, std::string_view a, std::string_view b) {
  switch (scheme) {
    case Scheme::kDpkg: return CompareDpkg(a, b);
    case Scheme::kApk: return CompareApk(a, b);
    case Scheme::kRpm: return CompareRpm(a, b);
    case Scheme::kSemver: return CompareSemver(a, b);
    case Scheme::kPep440: return ComparePep440(a, b);
    case Scheme::kMaven: return CompareMaven(a, b);
    case Scheme::kRubyGems: return CompareRubyGems(a, b);
  }
  return 0;
}

std::optional<Scheme> SchemeForEcosystem(std::string_view ecosystem) {
  // The release suffix ("Debian:12") does not change the scheme.
  std::string_view base = ecosystem.substr(0, ecosystem.find(':'));
  static constexpr std::array<std::pair<std::string_view, Scheme>, 20> kTable = {{
      {"Debian", Scheme::kDpkg},          {"Ubuntu", Scheme::kDpkg},
      {"Alpine", Scheme::kApk},           {"Wolfi", Scheme::kApk},
      {"Chainguard", Scheme::kApk},       {"Red Hat", Scheme::kRpm},
      {"Rocky Linux", Scheme::kRpm},      {"AlmaLinux", Scheme::kRpm},
      {"openSUSE", Scheme::kRpm},         {"SUSE", Scheme::kRpm},
      {"Mageia", Scheme::kRpm},           {"npm", Scheme::kSemver},
      {"crates.io", Scheme::kSemver},     {"Go", Scheme::kSemver},
      {"SwiftURL", Scheme::kSemver},      {"Hex", Scheme::kSemver},
      {"PyPI", Scheme::kPep440},          {"Maven", Scheme::kMaven},
      {"RubyGems", Scheme::kRubyGems},    {"Photon OS", Scheme::kRpm},
  }};
  for (const auto& [name, scheme] : kTable) {
    if (name == base) return scheme;
  }
  return std::nullopt;
}

}  // namespace portcullis::version
