// Parsing untrusted JSON with nlohmann-json, safely: size and nesting limits are checked
// before the parser runs, and its exceptions never escape. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "portcullis/result.h"

namespace portcullis {

inline constexpr uint64_t kMaxJsonDepth = 256;

// Parses `text` (named `path` in errors). Fails with kLimitExceeded when it is longer than
// `max_bytes` or nests deeper than kMaxJsonDepth, kCorrupt (with the byte offset) when it is
// not JSON.
Result<nlohmann::json> ParseJson(std::string_view text, std::string_view path,
                                 uint64_t max_bytes);

// Typed field access that never throws: the value of `key` in `obj` when it exists and has
// that type, else the fallback.
std::string JsonString(const nlohmann::json& obj, std::string_view key,
                       std::string_view fallback = "");
int64_t JsonInt(const nlohmann::json& obj, std::string_view key, int64_t fallback = 0);
bool JsonBool(const nlohmann::json& obj, std::string_view key, bool fallback = false);
// obj[key] when it is an object / array; a static empty one otherwise.
const nlohmann::json& JsonObject(const nlohmann::json& obj, std::string_view key);
const nlohmann::json& JsonArray(const nlohmann::json& obj, std::string_view key);

}  // namespace portcullis
