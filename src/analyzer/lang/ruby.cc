#include "analyzer/lang/ruby.h"

#include "analyzer/lang/lang_package.h"
#include "core/strings.h"

namespace portcullis {

namespace {

constexpr size_t kMaxLicenses = 16;

// Reads one Ruby string literal at the start of `s`: "..." (backslash escapes), '...',
// %q{...} %Q{...} %q(...) %q[...] %q<...>. Advances `s` past it. nullopt when `s` does not
// start with one.
std::optional<std::string> ReadLiteral(std::string_view& s) {
  s = Trim(s);
  if (s.empty()) return std::nullopt;
  char open = s[0];
  if (open == '"' || open == '\'') {
    std::string out;
    for (size_t i = 1; i < s.size(); ++i) {
      char c = s[i];
      if (c == '\\' && i + 1 < s.size()) {
        out += s[++i];
        continue;
      }
      if (c == open) {
        s.remove_prefix(i + 1);
        return out;
      }
      out += c;
    }
    return std::nullopt;
  }
  if (s.size() >= 3 && s[0] == '%' && (s[1] == 'q' || s[1] == 'Q')) {
    char close;
    switch (s[2]) {
      case '{': close = '}'; break;
      case '(': close = ')'; break;
      case '[': close = ']'; break;
      case '<': close = '>'; break;
      default: return std::nullopt;
    }
    size_t end = s.find(close, 3);
    if (end == std::string_view::npos) return std::nullopt;
    std::string out(s.substr(3, end - 3));
    s.remove_prefix(end + 1);
    return out;
  }
  return std::nullopt;
}

// The value of `s.KEY = ...` on `line` (any receiver name), or nullopt.
std::optional<std::string_view> Assignment(std::string_view line, std::string_view key) {
  line = Trim(line);
  size_t dot = line.find('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  for (size_t i = 0; i < dot; ++i) {
    char c = line[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) return std::nullopt;
  }
  std::string_view rest = line.substr(dot + 1);
  if (rest.substr(0, key.size()) != key) return std::nullopt;
  rest = Trim(rest.substr(key.size()));
  if (rest.empty() || rest[0] != '=' || (rest.size() > 1 && rest[1] == '=')) return std::nullopt;
  return Trim(rest.substr(1));
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool IsInstalledGemspecPath(std::string_view path) {
  if (!EndsWith(path, ".gemspec")) return false;
  std::vector<std::string_view> parts = Split(path, '/');
  size_t n = parts.size();
  if (n >= 2 && parts[n - 2] == "specifications") return true;
  return n >= 3 && parts[n - 2] == "default" && parts[n - 3] == "specifications";
}

std::optional<Package> ParseGemspec(std::string_view content, std::string_view path,
                                    std::vector<Diagnostic>& diagnostics) {
  std::string name, version, stub_name, stub_version;
  std::vector<std::string> licenses;
  for (std::string_view line : Split(content, '\n')) {
    std::string_view t = Trim(line);
    if (t.substr(0, 8) == "# stub: ") {
      std::vector<std::string_view> words = Split(t.substr(8), ' ');
      if (words.size() >= 2) {
        stub_name = std::string(words[0]);
        stub_version = std::string(words[1]);
      }
      continue;
    }
    if (auto v = Assignment(t, "name"); v && name.empty()) {
      if (auto lit = ReadLiteral(*v)) name = *lit;
    } else if (auto v2 = Assignment(t, "version"); v2 && version.empty()) {
      if (auto lit = ReadLiteral(*v2)) version = *lit;
    } else if (auto v3 = Assignment(t, "license")) {
      if (auto lit = ReadLiteral(*v3); lit && licenses.size() < kMaxLicenses) {
        licenses.push_back(*lit);
      }
    } else if (auto v4 = Assignment(t, "licenses")) {
      std::string_view list = *v4;
      if (!list.empty() && list[0] == '[') list.remove_prefix(1);
      while (licenses.size() < kMaxLicenses) {
        auto lit = ReadLiteral(list);
        if (!lit) break;
        licenses.push_back(*lit);
        list = Trim(list);
        if (list.substr(0, 7) == ".freeze") list.remove_prefix(7);
        list = Trim(list);
        if (list.empty() || list[0] != ',') break;
        list.remove_prefix(1);
      }
    }
  }
  if (name.empty()) name = stub_name;
  if (version.empty()) version = stub_version;
  if (name.empty() || version.empty()) {
    diagnostics.push_back(ManifestDiagnostic(
        "ruby.bad_gemspec", path,
        std::string("gemspec has no literal ") + (name.empty() ? "name" : "version") +
            "; gem skipped"));
    return std::nullopt;
  }
  Package p = MakeLanguagePackage(name, version, "gem", "RubyGems", path);
  for (const std::string& l : licenses) {
    if (!l.empty() && l.size() <= 200) p.licenses.push_back(SanitizeUtf8(l));
  }
  return p;
}

bool GemspecAnalyzer::Wants(const TarEntry& entry) const {
  return entry.type == EntryType::kFile && entry.size <= (8u << 20) &&
         IsInstalledGemspecPath(entry.path);
}

void GemspecAnalyzer::Analyze(const TarEntry& entry, std::string_view content,
                              LayerFacts& facts) const {
  if (auto package = ParseGemspec(content, entry.path, facts.diagnostics)) {
    AddLanguageDb(facts, entry.path, "gem", {std::move(*package)});
  }
}

}  // namespace portcullis
