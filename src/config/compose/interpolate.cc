#include "config/compose/interpolate.h"

#include <cctype>

#include "core/strings.h"

namespace portcullis::runtime {
namespace {

constexpr int kMaxNesting = 8;

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Index of the `}` closing the `${` whose body starts at `start`, honouring nested `${...}`;
// npos when unterminated.
size_t FindClose(std::string_view s, size_t start) {
  int depth = 1;
  for (size_t i = start; i < s.size(); ++i) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      ++depth;
      ++i;
    } else if (s[i] == '}') {
      if (--depth == 0) return i;
    }
  }
  return std::string_view::npos;
}

void ExpandInto(std::string_view text, const std::map<std::string, std::string>& vars,
                int depth, Expanded& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '$' || i + 1 >= text.size()) {
      out.value += c;
      continue;
    }
    char n = text[i + 1];
    if (n == '$') {
      out.value += '$';
      ++i;
      continue;
    }
    if (IsNameStart(n)) {
      size_t end = i + 1;
      while (end < text.size() && IsNameChar(text[end])) ++end;
      std::string name(text.substr(i + 1, end - i - 1));
      auto it = vars.find(name);
      out.from_variable = true;
      if (it != vars.end()) {
        out.value += it->second;
      } else {
        out.unresolved = true;
      }
      i = end - 1;
      continue;
    }
    if (n != '{') {
      out.value += c;
      continue;
    }
    size_t close = FindClose(text, i + 2);
    if (close == std::string_view::npos || depth >= kMaxNesting) {
      out.value += text.substr(i);  // kept as written
      return;
    }
    std::string_view body = text.substr(i + 2, close - i - 2);
    size_t name_end = 0;
    while (name_end < body.size() && IsNameChar(body[name_end])) ++name_end;
    std::string name(body.substr(0, name_end));
    std::string_view op = body.substr(name_end);
    auto it = vars.find(name);
    bool set = it != vars.end();
    bool non_empty = set && !it->second.empty();
    auto use_var = [&] {
      out.from_variable = true;
      if (set) {
        out.value += it->second;
      } else {
        out.unresolved = true;
      }
    };
    auto use_text = [&](std::string_view alt) { ExpandInto(alt, vars, depth + 1, out); };
    if (op.empty()) {
      use_var();
    } else if (op.starts_with(":-")) {
      non_empty ? use_var() : use_text(op.substr(2));
    } else if (op.starts_with("-")) {
      set ? use_var() : use_text(op.substr(1));
    } else if (op.starts_with(":+")) {
      if (non_empty) use_text(op.substr(2));
    } else if (op.starts_with("+")) {
      if (set) use_text(op.substr(1));
    } else if (op.starts_with(":?") || op.starts_with("?")) {
      bool ok = op[0] == ':' ? non_empty : set;
      if (ok) {
        use_var();
      } else {
        out.from_variable = true;
        out.unresolved = true;
      }
    } else {
      use_var();
    }
    i = close;
  }
}

}  // namespace

std::map<std::string, std::string> ParseDotEnv(std::string_view text) {
  std::map<std::string, std::string> vars;
  for (std::string_view line : Split(text, '\n')) {
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("export ")) line = Trim(line.substr(7));
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = Trim(line.substr(0, eq));
    if (name.empty() || !IsNameStart(name[0])) continue;
    bool valid = true;
    for (char ch : name) valid = valid && (IsNameChar(ch) || ch == '.' || ch == '-');
    if (!valid) continue;
    std::string_view raw = Trim(line.substr(eq + 1));
    std::string value;
    if (!raw.empty() && (raw[0] == '"' || raw[0] == '\'')) {
      char q = raw[0];
      size_t i = 1;
      for (; i < raw.size() && raw[i] != q; ++i) {
        if (q == '"' && raw[i] == '\\' && i + 1 < raw.size()) {
          char e = raw[++i];
          value += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        } else {
          value += raw[i];
        }
      }
    } else {
      size_t hash = raw.find(" #");
      value = std::string(Trim(raw.substr(0, hash)));
    }
    vars[std::string(name)] = std::move(value);
  }
  return vars;
}

Expanded Interpolate(std::string_view text, const std::map<std::string, std::string>& vars) {
  Expanded out;
  if (text.find('$') == std::string_view::npos) {
    out.value = std::string(text);
    return out;
  }
  ExpandInto(text, vars, 0, out);
  return out;
}

}  // namespace portcullis::runtime
