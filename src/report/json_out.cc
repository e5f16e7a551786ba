#include "report/json_out.h"

#include <cmath>

#include <fmt/format.h>

#include "core/strings.h"

namespace portcullis {

namespace {

void AppendEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t run = 0;  // start of the current run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s, run, s.size() - run);
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  if (IsValidUtf8(s)) {
    AppendEscaped(out, s);
  } else {
    AppendEscaped(out, SanitizeUtf8(s));
  }
  out += '"';
}

void JsonOut::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  out_ += empty_.back() ? "\n" : ",\n";
  empty_.back() = false;
  out_.append(2 * empty_.size(), ' ');
}

void JsonOut::BeginObject() {
  BeforeValue();
  out_ += '{';
  empty_.push_back(true);
}

void JsonOut::BeginArray() {
  BeforeValue();
  out_ += '[';
  empty_.push_back(true);
}

void JsonOut::EndObject() {
  bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty) {
    out_ += '\n';
    out_.append(2 * empty_.size(), ' ');
  }
  out_ += '}';
}

void JsonOut::EndArray() {
  bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty) {
    out_ += '\n';
    out_.append(2 * empty_.size(), ' ');
  }
  out_ += ']';
}

void JsonOut::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(out_, key);
  out_ += ": ";
  after_key_ = true;
}

void JsonOut::String(std::string_view s) {
  BeforeValue();
  AppendJsonString(out_, s);
}

void JsonOut::Uint(uint64_t v) {
  BeforeValue();
  fmt::format_to(std::back_inserter(out_), "{}", v);
}

void JsonOut::Double(double v) {
  BeforeValue();
  if (!std::isfinite(v)) {
    out_ += "null";
    return;
  }
  size_t start = out_.size();
  fmt::format_to(std::back_inserter(out_), "{}", v);
  if (out_.find_first_of(".e", start) == std::string::npos) out_ += ".0";
}

void JsonOut::Bool(bool v) {
  BeforeValue();
  out_ += v ? "true" : "false";
}

void JsonOut::Null() {
  BeforeValue();
  out_ += "null";
}

void JsonOut::StringArray(std::string_view key, const std::vector<std::string>& values) {
  Key(key);
  BeginArray();
  for (const auto& v : values) String(v);
  EndArray();
}

}  // namespace portcullis
