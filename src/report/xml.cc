#include "report/xml.h"

#include "core/strings.h"

namespace portcullis {

std::string XmlEscape(std::string_view s, bool attribute) {
  std::string clean = SanitizeUtf8(s);
  std::string out;
  out.reserve(clean.size());
  for (size_t i = 0; i < clean.size(); ++i) {
    char c = clean[i];
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += attribute ? "&quot;" : "\""; continue;
      case '\'': out += attribute ? "&apos;" : "'"; continue;
      case '\r': out += "&#13;"; continue;
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      default: break;
    }
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20) continue;  // C0 controls other than tab, LF, CR are not XML 1.0 characters
    // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters either.
    if (u == 0xEF && i + 2 < clean.size() && static_cast<unsigned char>(clean[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(clean[i + 2]) & 0xFE) == 0xBE) {
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace portcullis
