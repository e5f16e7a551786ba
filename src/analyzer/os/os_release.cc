#include "analyzer/os/os_release.h"

#include "core/strings.h"

namespace portcullis {

namespace {

bool IsKeyChar(char c, bool first) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
         (!first && c >= '0' && c <= '9');
}

bool IsValidKey(std::string_view key) {
  if (key.empty()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    if (!IsKeyChar(key[i], i == 0)) return false;
  }
  return true;
}

Diagnostic MakeDiagnostic(std::string_view code, std::string_view path, uint64_t line,
                          std::string message) {
  Diagnostic d;
  d.code = std::string(code);
  d.path = std::string(path);
  d.line = line;
  d.message = std::move(message);
  d.severity = Severity::kLow;
  return d;
}

// Reads one shell-style value. Sets `unterminated` when a quote is not closed on the line.
std::string ParseValue(std::string_view raw, bool& unterminated) {
  std::string out;
  size_t i = 0;
  unterminated = false;
  while (i < raw.size()) {
    char c = raw[i];
    if (c == '"') {
      ++i;
      bool closed = false;
      while (i < raw.size()) {
        char d = raw[i];
        if (d == '\\' && i + 1 < raw.size()) {
          char e = raw[i + 1];
          if (e == '$' || e == '"' || e == '\\' || e == '`') {
            out += e;
          } else {
            out += d;
            out += e;
          }
          i += 2;
          continue;
        }
        if (d == '"') {
          closed = true;
          ++i;
          break;
        }
        out += d;
        ++i;
      }
      if (!closed) unterminated = true;
    } else if (c == '\'') {
      size_t end = raw.find('\'', i + 1);
      if (end == std::string_view::npos) {
        out.append(raw.substr(i + 1));
        unterminated = true;
        i = raw.size();
      } else {
        out.append(raw.substr(i + 1, end - i - 1));
        i = end + 1;
      }
    } else if (c == '\\' && i + 1 < raw.size()) {
      out += raw[i + 1];
      i += 2;
    } else if (c == ' ' || c == '\t') {
      // Unquoted whitespace ends the word; a trailing comment or garbage is ignored.
      break;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace

OsReleaseFile ParseOsRelease(std::string_view content, std::string_view path) {
  OsReleaseFile result;
  uint64_t line_number = 0;
  for (std::string_view line : Split(content, '\n')) {
    ++line_number;
    std::string_view text = Trim(line);
    if (text.empty() || text.front() == '#') continue;
    size_t eq = text.find('=');
    std::string_view key = eq == std::string_view::npos ? text : Trim(text.substr(0, eq));
    if (eq == std::string_view::npos || !IsValidKey(key)) {
      result.diagnostics.push_back(MakeDiagnostic(
          "os_release.bad_line", path, line_number,
          "expected KEY=VALUE, found \"" + SanitizeUtf8(Excerpt(text)) + "\""));
      continue;
    }
    bool unterminated = false;
    std::string value = ParseValue(Trim(text.substr(eq + 1)), unterminated);
    if (unterminated) {
      result.diagnostics.push_back(
          MakeDiagnostic("os_release.unterminated_quote", path, line_number,
                         "value of " + std::string(key) + " has no closing quote"));
    }
    result.fields[std::string(key)] = std::move(value);
  }
  return result;
}

}  // namespace portcullis
