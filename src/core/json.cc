#include "core/json.h"

namespace portcullis {

namespace {
// Maximum nesting of [ and { outside strings; stops early past `limit`.
uint64_t NestingDepth(std::string_view text, uint64_t limit) {
  uint64_t depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        max_depth = depth;
        if (max_depth > limit) return max_depth;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}
}  // namespace

Result<nlohmann::json> ParseJson(std::string_view text, std::string_view path,
                                 uint64_t max_bytes) {
  if (text.size() > max_bytes) {
    return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                 fmt::format("JSON document of {} bytes is over the limit of {}",
                                             text.size(), max_bytes),
                                 std::string(path)});
  }
  if (NestingDepth(text, kMaxJsonDepth) > kMaxJsonDepth) {
    return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                 fmt::format("JSON nests deeper than {} levels", kMaxJsonDepth),
                                 std::string(path)});
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // Re-run with exceptions to learn where it failed; bounded by the checks above.
    try {
      nlohmann::json ignored = nlohmann::json::parse(text);
      (void)ignored;
    } catch (const nlohmann::json::parse_error& e) {
      return std::unexpected(Error{ErrorCode::kCorrupt,
                                   fmt::format("not valid JSON: {}", e.what()),
                                   std::string(path), e.byte, Error::PositionKind::kOffset});
    } catch (const std::exception& e) {
      return std::unexpected(
          Error{ErrorCode::kCorrupt, fmt::format("not valid JSON: {}", e.what()), std::string(path)});
    }
    return std::unexpected(Error{ErrorCode::kCorrupt, "not valid JSON", std::string(path)});
  }
  return j;
}

std::string JsonString(const nlohmann::json& obj, std::string_view key, std::string_view fallback) {
  if (!obj.is_object()) return std::string(fallback);
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::string(fallback);
  return it->get<std::string>();
}

int64_t JsonInt(const nlohmann::json& obj, std::string_view key, int64_t fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) return fallback;
  return it->get<int64_t>();
}

bool JsonBool(const nlohmann::json& obj, std::string_view key, bool fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_boolean()) return fallback;
  return it->get<bool>();
}

const nlohmann::json& JsonObject(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  if (!obj.is_object()) return kEmpty;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_object()) return kEmpty;
  return *it;
}

const nlohmann::json& JsonArray(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  if (!obj.is_object()) return kEmpty;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) return kEmpty;
  return *it;
}

}  // namespace portcullis
