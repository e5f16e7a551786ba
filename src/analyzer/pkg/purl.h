// Package URLs (purl, https://github.com/package-url/purl-spec, ECMA-427): one builder shared by
// the OS package databases and the language analyzers, so every purl Portcullis writes is
// spelled the same way. Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace portcullis {

// The components of a purl, unencoded. Empty fields are left out of the string.
struct PurlParts {
  std::string type;       // "deb", "apk", "rpm", "npm", "pypi", "golang", "maven", ...
  std::string namespace_; // "debian", "@angular", "org.apache.commons", "github.com/x"
  std::string name;
  std::string version;
  std::map<std::string, std::string> qualifiers;  // key -> value; empty values are dropped
  std::string subpath;
};

// Percent-encodes `s` as the purl spec says for a component: ASCII letters and digits, the
// punctuation ". - _ ~" and the colon stay as they are; every other byte becomes %XX
// (upper-case hex), so '+' is "%2B", '@' "%40", '/' "%2F" and ' ' "%20".
std::string PurlEncode(std::string_view s);

// Builds the canonical purl string: "pkg:" type "/" namespace segments "/" name "@" version
// "?" sorted lower-case qualifier keys "=" values joined by "&" "#" subpath segments. The type
// is lower-cased; type-specific normalisation from the spec's type list is applied for pypi
// (name lower-cased, '_' -> '-'), github and bitbucket (namespace and name lower-cased).
// Returns "" when type or name is empty (no valid purl exists).
std::string BuildPurl(const PurlParts& parts);

}  // namespace portcullis
