// The simple-signing payload: Go-compatible writing, strict reading.
#include "sign/payload.h"

#include <set>
#include <vector>

#include "core/digest.h"
#include "core/strings.h"

namespace portcullis::sign {
namespace {

// Appends `s` as a JSON string exactly as Go's encoding/json writes it (HTML-safe escaping).
void AppendGoJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string valid = IsValidUtf8(s) ? std::string(s) : SanitizeUtf8(s);
  out += '"';
  for (size_t i = 0; i < valid.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(valid[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      continue;
    }
    // U+2028 and U+2029 (E2 80 A8 / E2 80 A9).
    if (c == 0xe2 && i + 2 < valid.size() && static_cast<unsigned char>(valid[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(valid[i + 2]) & 0xfe) == 0xa8) {
      out += static_cast<unsigned char>(valid[i + 2]) == 0xa8 ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  out += '"';
}

constexpr int kMaxPayloadDepth = 32;

// nlohmann parse callback that refuses repeated keys and deep nesting (by throwing, which the
// caller catches).
class StrictKeys {
 public:
  bool operator()(int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (depth > kMaxPayloadDepth) throw std::runtime_error("nesting deeper than 32");
    switch (event) {
      case Event::object_start:
        keys_.emplace_back();
        break;
      case Event::object_end:
        if (!keys_.empty()) keys_.pop_back();
        break;
      case Event::key:
        if (!keys_.empty() && parsed.is_string() &&
            !keys_.back().insert(parsed.get<std::string>()).second) {
          throw std::runtime_error("key \"" + Excerpt(parsed.get<std::string>(), 40) +
                                   "\" appears twice in one object");
        }
        break;
      default:
        break;
    }
    return true;
  }

 private:
  std::vector<std::set<std::string>> keys_;
};

}  // namespace

std::string MakeSimpleSigningPayload(std::string_view docker_reference,
                                     std::string_view manifest_digest,
                                     const std::map<std::string, std::string>& optional) {
  std::string out = "{\"critical\":{\"identity\":{\"docker-reference\":";
  AppendGoJsonString(out, docker_reference);
  out += "},\"image\":{\"docker-manifest-digest\":";
  AppendGoJsonString(out, manifest_digest);
  out += "},\"type\":";
  AppendGoJsonString(out, kCosignSignatureType);
  out += "},\"optional\":";
  if (optional.empty()) {
    out += "null";
  } else {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : optional) {
      if (!first) out += ',';
      first = false;
      AppendGoJsonString(out, key);
      out += ':';
      AppendGoJsonString(out, value);
    }
    out += '}';
  }
  out += '}';
  return out;
}

Result<SimpleSigningPayload> ParseSimpleSigningPayload(std::string_view bytes) {
  if (bytes.size() > kMaxPayloadBytes) {
    return Fail(ErrorCode::kLimitExceeded, "signed payload of {} bytes exceeds the {} byte limit",
                bytes.size(), kMaxPayloadBytes);
  }
  nlohmann::json doc;
  try {
    StrictKeys strict;
    doc = nlohmann::json::parse(
        bytes.begin(), bytes.end(),
        [&strict](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          return strict(depth, event, parsed);
        });
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kCorrupt, "signed payload is not valid JSON: {}",
                Excerpt(e.what(), 160));
  }
  auto member = [](const nlohmann::json& obj, std::string_view key) -> const nlohmann::json* {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  };
  const nlohmann::json* critical = member(doc, "critical");
  const nlohmann::json* identity = critical ? member(*critical, "identity") : nullptr;
  const nlohmann::json* image = critical ? member(*critical, "image") : nullptr;
  const nlohmann::json* type = critical ? member(*critical, "type") : nullptr;
  const nlohmann::json* reference = identity ? member(*identity, "docker-reference") : nullptr;
  const nlohmann::json* digest = image ? member(*image, "docker-manifest-digest") : nullptr;
  if (!type || !type->is_string() || !digest || !digest->is_string() || !reference ||
      !reference->is_string()) {
    return Fail(ErrorCode::kCorrupt,
                "signed payload lacks critical.identity.docker-reference, "
                "critical.image.docker-manifest-digest or critical.type");
  }
  if (type->get_ref<const std::string&>() != kCosignSignatureType) {
    return Fail(ErrorCode::kCorrupt, "signed payload has type \"{}\", not \"{}\"",
                Excerpt(type->get_ref<const std::string&>(), 80), kCosignSignatureType);
  }
  auto parsed = ParseDigest(digest->get_ref<const std::string&>());
  if (!parsed || parsed->algorithm != "sha256") {
    return Fail(ErrorCode::kCorrupt, "signed payload has a malformed docker-manifest-digest \"{}\"",
                Excerpt(digest->get_ref<const std::string&>(), 80));
  }
  SimpleSigningPayload payload;
  payload.docker_reference = reference->get<std::string>();
  payload.manifest_digest = parsed->ToString();
  const nlohmann::json* optional = member(doc, "optional");
  payload.optional = optional ? *optional : nlohmann::json(nullptr);
  return payload;
}

}  // namespace portcullis::sign
