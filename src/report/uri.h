// Making URIs out of untrusted strings, for the formats whose schemas check them (SARIF
// artifact locations and help links, CycloneDX advisories, SPDX namespaces). Pure functions;
// any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace portcullis {

// `s` with every byte percent-encoded except the RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~) and those in `keep`.
std::string PercentEncode(std::string_view s, std::string_view keep = "");

// A relative URI reference for file path `path`: leading '/' dropped, every byte but the
// unreserved ones and '/' percent-encoded ("/etc/my file" -> "etc/my%20file"). A path inside
// an image or a scanned tree is relative to its root, and GitHub code scanning resolves
// relative URIs against the repository root.
std::string PathToUri(std::string_view path);

// `url` as a valid absolute URI when it is an http or https URL with a well-formed host
// (letters, digits, '.', '-', optional ":port"); bytes that may not appear in a URI (space,
// '"', '<', '>', '\', '^', '`', '{', '|', '}', controls, non-ASCII, a second '#', a '%' that
// starts no escape) are percent-encoded. nullopt for anything else.
std::optional<std::string> WebUrl(std::string_view url);

}  // namespace portcullis
