// Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
// `${VAR:+alt}`, `${VAR+alt}`, `${VAR:?error}`, `${VAR?error}` and `$$`, with values from the
// project's `.env` file. The process environment is deliberately not read, so a scan gives the
// same answer on every machine. Pure functions; call from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace portcullis::runtime {

// The result of expanding one value.
struct Expanded {
  std::string value;
  // Some of the value came from a variable (set in .env, or unset and so unknown), not from
  // the text of the compose file itself. Defaults written in the file count as file text.
  bool from_variable = false;
  // Some variable had no value and no default: `value` is what compose would substitute
  // (the empty string), but the real value is unknown.
  bool unresolved = false;
};

// Parses a `.env` file: `NAME=value` lines, optional `export `, `#` comments, single- and
// double-quoted values (with \n, \t, \\ and \" escapes in double quotes), inline ` #`
// comments after unquoted values. Malformed lines are skipped.
std::map<std::string, std::string> ParseDotEnv(std::string_view text);

// Expands every reference in `text` using `vars`. Never fails: an unterminated `${` is kept as
// written. Nested defaults (`${A:-${B}}`) are expanded up to a small fixed depth.
Expanded Interpolate(std::string_view text, const std::map<std::string, std::string>& vars);

}  // namespace portcullis::runtime
