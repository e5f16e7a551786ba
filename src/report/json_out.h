// JsonOut: a streaming JSON writer for the JSON report formats (native, SARIF, CycloneDX, SPDX).
// It appends to a string as values are written — no document tree is built, so a report with
// tens of thousands of findings is written at memory speed and in the memory of its output
// only. The layout is that of nlohmann-json's dump(2): two-space indent, one member or element
// per line, "{}" and "[]" for empty containers. Strings are written as valid UTF-8 (invalid
// sequences become U+FFFD) with the escapes JSON requires. One JsonOut belongs to one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portcullis {

class JsonOut {
 public:
  // Appends to `out`, which must outlive this writer.
  explicit JsonOut(std::string& out) : out_(out) {}

  // Containers. Inside an object every value must be preceded by Key(); the End call must match
  // the Begin call. Misuse is a programming error (not checked in release builds).
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);

  // Scalar values.
  void String(std::string_view s);
  void Uint(uint64_t v);
  void Double(double v);  // as nlohmann writes doubles: shortest round trip, "5.0" not "5"
  void Bool(bool v);
  void Null();

  // Key() then the value.
  void Field(std::string_view key, std::string_view value) { Key(key), String(value); }
  void Field(std::string_view key, const char* value) { Key(key), String(value); }
  void Field(std::string_view key, const std::string& value) { Key(key), String(value); }
  void Field(std::string_view key, uint64_t value) { Key(key), Uint(value); }
  void Field(std::string_view key, bool value) { Key(key), Bool(value); }
  // An array of strings.
  void StringArray(std::string_view key, const std::vector<std::string>& values);

  // Bytes written so far to `out` (to patch a value in place later).
  size_t size() const { return out_.size(); }

 private:
  void BeforeValue();

  std::string& out_;
  std::vector<bool> empty_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

// `s` as a JSON string literal with quotes, escaped as JsonOut writes it.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace portcullis
