// Line iteration for the text package databases (dpkg status, apk installed): every line of a
// buffer with its 1-based number, without the "\n" and a trailing "\r"; a final line without a
// newline counts. Header-only; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace portcullis {

// Calls `visit(line_number, line)` for every line of `content`, in order.
template <typename Visit>
void ForEachLine(std::string_view content, Visit&& visit) {
  uint64_t line_number = 0;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    std::string_view line = content.substr(
        pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? content.size() + 1 : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    visit(++line_number, line);
  }
}

}  // namespace portcullis
