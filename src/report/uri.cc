#include "report/uri.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace portcullis {

namespace {

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void AppendEscaped(std::string& out, char c) {
  out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
}

}  // namespace

std::string PercentEncode(std::string_view s, std::string_view keep) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (IsUnreserved(c) || keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      AppendEscaped(out, c);
    }
  }
  return out;
}

std::string PathToUri(std::string_view path) {
  while (path.starts_with('/')) path.remove_prefix(1);
  return PercentEncode(path, "/");
}

std::optional<std::string> WebUrl(std::string_view url) {
  url = Trim(url);
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  std::string scheme = ToLower(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(scheme_end + 3);
  size_t host_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, host_end);
  std::string_view host = authority;
  size_t colon = authority.find(':');
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    host = authority.substr(0, colon);
  }
  if (host.empty() || host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                             "0123456789.-") != std::string_view::npos) {
    return std::nullopt;
  }
  std::string out = scheme + "://" + std::string(authority);
  if (host_end == std::string_view::npos) return out;
  std::string_view tail = rest.substr(host_end);
  bool seen_fragment = false;
  constexpr std::string_view kAllowed = "/?@!$&'()*+,;=:";
  for (size_t i = 0; i < tail.size(); ++i) {
    char c = tail[i];
    if (c == '%' && i + 2 < tail.size() && IsHex(tail[i + 1]) && IsHex(tail[i + 2])) {
      out += c;
    } else if (c == '#') {
      if (seen_fragment) {
        AppendEscaped(out, c);
      } else {
        seen_fragment = true;
        out += c;
      }
    } else if (c == '[' || c == ']') {
      AppendEscaped(out, c);
    } else if (IsUnreserved(c) || kAllowed.find(c) != std::string_view::npos) {
      out += c;
    } else {
      AppendEscaped(out, c);
    }
  }
  return out;
}

}  // namespace portcullis
