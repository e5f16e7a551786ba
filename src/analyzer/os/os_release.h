// Parser for os-release(5) files (/etc/os-release, /usr/lib/os-release) and the files that share
// its syntax (/etc/lsb-release): newline-separated shell-style assignments KEY=VALUE, values
// optionally in single or double quotes, backslash escapes of $ " \ ` inside double quotes and
// of any character outside quotes, '#' comment lines. Variable expansion is not performed (the
// spec forbids relying on it). Pure function; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/finding.h"

namespace portcullis {

struct OsReleaseFile {
  std::map<std::string, std::string> fields;  // KEY -> unquoted value; a later KEY wins
  std::vector<Diagnostic> diagnostics;        // lines that are not assignments, bad quoting
};

// Parses `content`, the file at `path` (used in diagnostics). Never fails: lines that cannot
// be read become diagnostics (code "os_release.bad_line" / "os_release.unterminated_quote")
// with their 1-based line number, and the remaining lines are still read.
OsReleaseFile ParseOsRelease(std::string_view content, std::string_view path);

}  // namespace portcullis
