// Version comparison, one comparator per package ecosystem. Each comparator reproduces the
// ordering of its ecosystem's reference tool (dpkg/apt, apk-tools, rpm, npm semver, Go,
// Cargo, PEP 440 as python-packaging implements it, Maven's ComparableVersion, RubyGems'
// Gem::Version) and never fails: a string its ecosystem would reject still gets a place in a
// total order (each file says which), so matching never crashes on hostile data.
//
// All functions are pure and thread-safe. Results are <0, 0 or >0 like strcmp.
#pragma once

#include <optional>
#include <string_view>

namespace portcullis::version {

enum class Scheme {
  kDpkg,      // Debian, Ubuntu
  kApk,       // Alpine, Wolfi, Chainguard
  kRpm,       // Red Hat family, SUSE
  kSemver,    // npm, crates.io, Go (leading "v" and "+incompatible" accepted), SwiftURL, Hex
  kPep440,    // PyPI
  kMaven,     // Maven
  kRubyGems,  // RubyGems
};

// dpkg: [epoch:]upstream[-revision] ordered as dpkg/apt do ('~' sorts before everything).
int CompareDpkg(std::string_view a, std::string_view b);
// apk-tools: digits{.digits}[letter]{_suffix[N]}[-rN]; invalid tails stop the comparison the way
// apk-tools does.
int CompareApk(std::string_view a, std::string_view b);
// rpm: [epoch:]version[-release] with rpmvercmp segments, '~' and '^'.
int CompareRpm(std::string_view a, std::string_view b);
// Semantic Versioning 2.0.0 precedence (build metadata ignored). Accepts a leading "v" or "=",
// and missing minor/patch ("1.2" = "1.2.0"). Strings that are not semver sort before all valid
// versions, bytewise among themselves.
int CompareSemver(std::string_view a, std::string_view b);
// PEP 440 (epoch, release, pre, post, dev, local), with PEP 440 normalisation of spellings.
// Invalid versions sort before all valid ones, bytewise among themselves.
int ComparePep440(std::string_view a, std::string_view b);
// Maven ComparableVersion (qualifier order alpha < beta < milestone < rc < snapshot < "" < sp).
int CompareMaven(std::string_view a, std::string_view b);
// RubyGems Gem::Version ('-' means prerelease; letter segments sort before numbers).
int CompareRubyGems(std::string_view a, std::string_view b);

// True when `v` is a version the scheme's reference tool accepts (for diagnostics).
bool IsValidSemver(std::string_view v);
bool IsValidPep440(std::string_view v);

// Compares with the comparator of `scheme`.
int Compare(Scheme scheme, std::string_view a, std::string_view b);

// The scheme of an OSV ecosystem name ("Debian:12", "Alpine:v3.19", "npm", "PyPI", "Go",
// "Maven", "crates.io", "RubyGems", ...); nullopt for ecosystems without a comparator here.
std::optional<Scheme> SchemeForEcosystem(std::string_view ecosystem);

}  // namespace portcullis::version
