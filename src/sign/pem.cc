// PEM parsing and writing.
#include "sign/pem.h"

#include <optional>

#include "core/strings.h"
#include "sign/base64.h"

namespace portcullis::sign {
namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

// The line of `text` starting at `pos` (without its line break), and the offset after it.
std::string_view LineAt(std::string_view text, size_t pos, size_t* next) {
  size_t eol = text.find('\n', pos);
  if (eol == std::string_view::npos) {
    *next = text.size();
    return text.substr(pos);
  }
  *next = eol + 1;
  std::string_view line = text.substr(pos, eol - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// "LABEL" from "-----BEGIN LABEL-----" (with `prefix` = kBegin), or nullopt.
std::optional<std::string_view> Label(std::string_view line, std::string_view prefix) {
  line = Trim(line);
  if (!line.starts_with(prefix) || !line.ends_with(kDashes) ||
      line.size() < prefix.size() + kDashes.size()) {
    return std::nullopt;
  }
  std::string_view label = line.substr(prefix.size(), line.size() - prefix.size() - kDashes.size());
  if (label.empty()) return std::nullopt;
  for (char c : label) {
    if (c < 0x20 || c > 0x7e) return std::nullopt;
  }
  return label;
}

}  // namespace

Result<PemBlock> ParsePem(std::string_view text) {
  if (text.size() > kMaxKeyFileBytes) {
    return Fail(ErrorCode::kLimitExceeded, "PEM: {} bytes is more than a key file's limit of {}",
                text.size(), kMaxKeyFileBytes);
  }
  size_t pos = 0;
  std::optional<std::string_view> label;
  uint64_t line_no = 0;
  while (pos < text.size()) {
    size_t next = 0;
    std::string_view line = LineAt(text, pos, &next);
    ++line_no;
    pos = next;
    label = Label(line, kBegin);
    if (label) break;
  }
  if (!label) return Fail(ErrorCode::kCorrupt, "no PEM block (\"-----BEGIN ...-----\") found");
  std::string b64;
  bool ended = false;
  while (pos < text.size()) {
    size_t next = 0;
    std::string_view line = LineAt(text, pos, &next);
    ++line_no;
    pos = next;
    if (auto end = Label(line, kEnd)) {
      if (*end != *label) {
        return Fail(ErrorCode::kCorrupt, "PEM: line {}: END \"{}\" does not match BEGIN \"{}\"",
                    line_no, Excerpt(*end, 60), Excerpt(*label, 60));
      }
      ended = true;
      break;
    }
    line = Trim(line);
    if (line.find(':') != std::string_view::npos) {
      return Fail(ErrorCode::kCorrupt,
                  "PEM: line {}: headers (legacy encrypted PEM) are not supported", line_no);
    }
    b64.append(line);
  }
  if (!ended) {
    return Fail(ErrorCode::kCorrupt, "PEM: no \"-----END {}-----\" line", Excerpt(*label, 60));
  }
  auto body = Base64Decode(b64);
  if (!body) {
    return Fail(ErrorCode::kCorrupt, "PEM \"{}\": {}", Excerpt(*label, 60), body.error().message);
  }
  return PemBlock{std::string(*label), std::move(*body)};
}

std::string EncodePem(std::string_view label, std::string_view body) {
  std::string b64 = Base64Encode(body);
  std::string out;
  out.reserve(b64.size() + b64.size() / 64 + 2 * label.size() + 40);
  out.append(kBegin).append(label).append(kDashes).append("\n");
  for (size_t i = 0; i < b64.size(); i += 64) {
    out.append(b64, i, 64).append("\n");
  }
  out.append(kEnd).append(label).append(kDashes).append("\n");
  return out;
}

}  // namespace portcullis::sign
