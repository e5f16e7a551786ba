// Reading and writing cosign signature manifests.
#include "sign/signature_image.h"

#include "core/digest.h"
#include "core/json.h"
#include "core/strings.h"

namespace portcullis::sign {
namespace {

constexpr std::string_view kZeroTime = "0001-01-01T00:00:00Z";

// `s` as a JSON string (the strings written here are media types, digests, annotation keys and
// base64/PEM values; nlohmann escapes control characters as Go does for these).
std::string Quote(std::string_view s) {
  return nlohmann::json(std::string(s))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<std::string> SignatureTag(std::string_view image_digest) {
  auto digest = ParseDigest(image_digest);
  if (!digest) {
    return Fail(ErrorCode::kInvalidArgument, "not an image digest: {}", digest.error().message);
  }
  return digest->algorithm + "-" + digest->hex + ".sig";
}

Result<std::vector<SignatureLayer>> ParseSignatureManifest(std::string_view json) {
  if (json.size() > kMaxSignatureManifestBytes) {
    return Fail(ErrorCode::kLimitExceeded, "signature manifest of {} bytes exceeds the {} limit",
                json.size(), kMaxSignatureManifestBytes);
  }
  auto doc = ParseJson(json, "signature manifest", kMaxSignatureManifestBytes);
  if (!doc) return std::unexpected(doc.error());
  if (!doc->is_object() || JsonInt(*doc, "schemaVersion") != 2) {
    return Fail(ErrorCode::kCorrupt, "signature manifest is not a schema 2 image manifest");
  }
  std::string media_type = JsonString(*doc, "mediaType");
  if (!media_type.empty() && media_type != kOciManifestMediaType &&
      media_type != "application/vnd.docker.distribution.manifest.v2+json") {
    return Fail(ErrorCode::kCorrupt, "signature tag holds a \"{}\", not an image manifest",
                Excerpt(media_type, 100));
  }
  auto layers_it = doc->find("layers");
  if (layers_it == doc->end() || !layers_it->is_array()) {
    return Fail(ErrorCode::kCorrupt, "signature manifest has no layers array");
  }
  if (layers_it->size() > kMaxSignatureLayers) {
    return Fail(ErrorCode::kLimitExceeded, "signature manifest has {} layers, more than {}",
                layers_it->size(), kMaxSignatureLayers);
  }
  std::vector<SignatureLayer> layers;
  size_t index = 0;
  for (const nlohmann::json& entry : *layers_it) {
    ++index;
    if (!entry.is_object()) {
      return Fail(ErrorCode::kCorrupt, "signature manifest layer {} is not an object", index);
    }
    SignatureLayer layer;
    layer.media_type = JsonString(entry, "mediaType");
    auto digest = ParseDigest(JsonString(entry, "digest"));
    auto size_it = entry.find("size");
    if (layer.media_type.empty() || !digest || size_it == entry.end() ||
        !size_it->is_number_unsigned()) {
      return Fail(ErrorCode::kCorrupt,
                  "signature manifest layer {} lacks a media type, a digest or a size", index);
    }
    layer.digest = digest->ToString();
    layer.size = size_it->get<uint64_t>();
    auto annotations = entry.find("annotations");
    if (annotations != entry.end() && !annotations->is_null()) {
      if (!annotations->is_object()) {
        return Fail(ErrorCode::kCorrupt,
                    "signature manifest layer {}: annotations is not an object", index);
      }
      for (const auto& [key, value] : annotations->items()) {
        if (!value.is_string()) {
          return Fail(ErrorCode::kCorrupt,
                      "signature manifest layer {}: annotation \"{}\" is not a string", index,
                      Excerpt(key, 80));
        }
        layer.annotations[key] = value.get<std::string>();
      }
    }
    layers.push_back(std::move(layer));
  }
  return layers;
}

SignatureImage BuildSignatureImage(const std::vector<SignatureLayer>& layers) {
  // go-containerregistry's ConfigFile: architecture, created, history, os, rootfs, config.
  std::string history;
  std::string diff_ids;
  for (size_t i = 0; i < layers.size(); ++i) {
    if (i > 0) {
      history += ',';
      diff_ids += ',';
    }
    history += "{\"created\":" + Quote(kZeroTime) + "}";
    diff_ids += Quote(layers[i].digest);
  }
  SignatureImage image;
  image.config = "{\"architecture\":\"\",\"created\":" + Quote(kZeroTime) + ",\"history\":[" +
                 history + "],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" +
                 diff_ids + "]},\"config\":{}}";
  image.config_digest = Sha256Digest(image.config);
  // Manifest: schemaVersion, mediaType, config, layers; descriptors: mediaType, size, digest,
  // annotations (keys sorted, as Go writes maps).
  std::string out = "{\"schemaVersion\":2,\"mediaType\":" + Quote(kOciManifestMediaType) +
                    ",\"config\":{\"mediaType\":" + Quote(kOciConfigMediaType) +
                    ",\"size\":" + std::to_string(image.config.size()) +
                    ",\"digest\":" + Quote(image.config_digest) + "},\"layers\":[";
  for (size_t i = 0; i < layers.size(); ++i) {
    const SignatureLayer& layer = layers[i];
    if (i > 0) out += ',';
    out += "{\"mediaType\":" + Quote(layer.media_type) + ",\"size\":" + std::to_string(layer.size) +
           ",\"digest\":" + Quote(layer.digest);
    if (!layer.annotations.empty()) {
      out += ",\"annotations\":{";
      bool first = true;
      for (const auto& [key, value] : layer.annotations) {
        if (!first) out += ',';
        first = false;
        out += Quote(key) + ":" + Quote(value);
      }
      out += '}';
    }
    out += '}';
  }
  out += "]}";
  image.manifest = std::move(out);
  return image;
}

}  // namespace portcullis::sign
