// Small string helpers shared by every parser. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portcullis {

// `s` without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
std::string_view Trim(std::string_view s);

// Splits at every `sep`; keeps empty fields ("a,,b" -> {"a","","b"}).
std::vector<std::string_view> Split(std::string_view s, char sep);

// ASCII lower-case copy.
std::string ToLower(std::string_view s);

// Case-insensitive ASCII equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Case-insensitive ASCII substring test.
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle);

// Joins with `sep`.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// `s` cut to at most `max` bytes (on a UTF-8 boundary), with "..." appended when cut. For
// quoting untrusted input in messages.
std::string Excerpt(std::string_view s, size_t max = 80);

// True if `s` is valid UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

// `s` with invalid UTF-8 sequences replaced by U+FFFD, so it can go into JSON.
std::string SanitizeUtf8(std::string_view s);

}  // namespace portcullis
