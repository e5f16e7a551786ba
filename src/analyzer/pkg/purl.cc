#include "analyzer/pkg/purl.h"

#include <algorithm>
#include <vector>

#include "core/strings.h"

namespace portcullis {

namespace {

bool IsUnencoded(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '-' || c == '_' || c == '~' || c == ':';
}

// Appends the '/'-separated segments of `path`, each encoded, skipping empty, "." and ".."
// segments (the spec's rule for subpaths; harmless for namespaces).
void AppendSegments(std::string& out, std::string_view path, bool drop_dots) {
  bool first = true;
  for (std::string_view segment : Split(path, '/')) {
    if (segment.empty()) continue;
    if (drop_dots && (segment == "." || segment == "..")) continue;
    if (!first) out += '/';
    out += PurlEncode(segment);
    first = false;
  }
}

}  // namespace

std::string PurlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnencoded(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string BuildPurl(const PurlParts& parts) {
  std::string type = ToLower(parts.type);
  if (type.empty() || parts.name.empty()) return "";
  std::string namespace_ = parts.namespace_;
  std::string name = parts.name;
  if (type == "pypi") {
    name = ToLower(name);
    for (char& c : name) {
      if (c == '_') c = '-';
    }
  } else if (type == "github" || type == "bitbucket") {
    namespace_ = ToLower(namespace_);
    name = ToLower(name);
  }

  std::string out = "pkg:" + type + "/";
  if (!Trim(namespace_).empty()) {
    size_t before = out.size();
    AppendSegments(out, namespace_, false);
    if (out.size() > before) out += '/';
  }
  out += PurlEncode(name);
  if (!parts.version.empty()) {
    out += '@';
    out += PurlEncode(parts.version);
  }
  std::vector<std::string> qualifiers;
  for (const auto& [key, value] : parts.qualifiers) {
    if (value.empty()) continue;
    qualifiers.push_back(ToLower(key) + "=" + PurlEncode(value));
  }
  std::sort(qualifiers.begin(), qualifiers.end());
  if (!qualifiers.empty()) {
    // Appended piecewise: GCC 12 at -O3 misreports `"?" + string` (bug 105329, -Wrestrict).
    out += '?';
    out += Join(qualifiers, "&");
  }
  if (!parts.subpath.empty()) {
    std::string subpath;
    AppendSegments(subpath, parts.subpath, true);
    if (!subpath.empty()) {
      out += '#';
      out += subpath;
    }
  }
  return out;
}

}  // namespace portcullis
