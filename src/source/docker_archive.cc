// `docker save` / `skopeo copy docker-archive:` tarballs: manifest.json names the config and the
// layer tars; the config's rootfs.diff_ids are the sha256 of each uncompressed layer, which is
// what gets verified (old-style archives name blobs by layer id, not by digest). Archives
// written by Docker 25+ also hold an OCI layout; that one is preferred (it has blob digests).
#include "core/digest.h"
#include "core/json.h"
#include "core/strings.h"
#include "source/image_source.h"
#include "source/source.h"

namespace portcullis::source_internal {

Result<std::unique_ptr<Source>> OpenDockerArchive(const std::string& path, const std::string& tag,
                                                  const Limits& limits) {
  auto index = std::make_shared<const TarIndex>(PC_TRY(TarIndex::Open(path, limits)));
  std::shared_ptr<const LayoutFiles> files = TarFiles(index);
  if (!files->Exists("manifest.json")) {
    if (files->Exists("index.json") && files->Exists("oci-layout")) {
      return OpenOciLayout(files, path, "oci-archive", tag, "", limits);
    }
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 "not a docker-archive: manifest.json is missing", path});
  }
  std::string text = PC_TRY(files->Read("manifest.json", limits.max_json_bytes));
  auto manifest = PC_TRY(ParseJson(text, files->Describe("manifest.json"), limits.max_json_bytes));
  if (!manifest.is_array() || manifest.empty()) {
    return std::unexpected(Error{ErrorCode::kCorrupt, "manifest.json lists no images",
                                 files->Describe("manifest.json")});
  }
  const nlohmann::json* chosen = nullptr;
  std::vector<std::string> all_tags;
  for (const auto& image : manifest) {
    if (!image.is_object()) continue;
    for (const auto& t : JsonArray(image, "RepoTags")) {
      if (!t.is_string()) continue;
      std::string name = t.get<std::string>();
      all_tags.push_back(name);
      bool match = name == tag || (name.size() > tag.size() && name.ends_with(tag) &&
                                   name[name.size() - tag.size() - 1] == ':');
      if (!tag.empty() && match && !chosen) chosen = &image;
    }
    if (tag.empty() && !chosen) chosen = &image;
  }
  if (!chosen) {
    return std::unexpected(Error{ErrorCode::kNotFound,
                                 fmt::format("no image tagged '{}' (tags: {})", Excerpt(tag, 60),
                                             all_tags.empty() ? "none" : Join(all_tags, ", ")),
                                 files->Describe("manifest.json")});
  }
  if (tag.empty() && manifest.size() > 1) {
    return std::unexpected(Error{ErrorCode::kInvalidArgument,
                                 fmt::format("the archive holds {} images; name one with "
                                             "docker-archive:FILE:TAG (tags: {})",
                                             manifest.size(), Join(all_tags, ", ")),
                                 path});
  }

  std::string config_file = JsonString(*chosen, "Config");
  if (config_file.empty()) {
    return std::unexpected(Error{ErrorCode::kCorrupt, "manifest.json names no Config",
                                 files->Describe("manifest.json")});
  }
  std::string config_text = PC_TRY(files->Read(config_file, limits.max_json_bytes));
  std::string config_digest = Sha256Digest(config_text);
  // The config's file name is its digest ("<hex>.json" or "blobs/sha256/<hex>"): check it.
  std::string_view stem = config_file;
  if (auto slash = stem.rfind('/'); slash != std::string_view::npos) stem = stem.substr(slash + 1);
  if (stem.ends_with(".json")) stem.remove_suffix(5);
  if (stem.size() == 64 && ParseDigest(fmt::format("sha256:{}", stem)) &&
      config_digest != fmt::format("sha256:{}", stem)) {
    return std::unexpected(Error{ErrorCode::kDigestMismatch,
                                 fmt::format("config hashes to {}, its name says sha256:{}",
                                             config_digest, stem),
                                 files->Describe(config_file)});
  }
  ImageConfig config = PC_TRY(ParseImageConfig(config_text, files->Describe(config_file), limits));

  const auto& layer_files = JsonArray(*chosen, "Layers");
  if (layer_files.size() > limits.max_layers) {
    return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                 fmt::format("image has {} layers, over the limit of {}",
                                             layer_files.size(), limits.max_layers),
                                 path});
  }
  if (layer_files.size() != config.diff_ids.size()) {
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 fmt::format("manifest.json lists {} layers but the config has {} "
                                             "diff_ids",
                                             layer_files.size(), config.diff_ids.size()),
                                 files->Describe("manifest.json")});
  }
  Artifact artifact;
  artifact.name = path;
  artifact.type = "docker-archive";
  artifact.digest = config_digest;  // the image id
  artifact.config_digest = config_digest;
  for (const auto& t : JsonArray(*chosen, "RepoTags")) {
    if (t.is_string()) artifact.repo_tags.push_back(t.get<std::string>());
  }
  artifact.platform = config.variant.empty()
                          ? fmt::format("{}/{}", config.os, config.architecture)
                          : fmt::format("{}/{}/{}", config.os, config.architecture, config.variant);
  std::vector<LayerBlob> blobs;
  for (size_t i = 0; i < layer_files.size(); ++i) {
    if (!layer_files[i].is_string()) {
      return std::unexpected(Error{ErrorCode::kCorrupt, "a Layers entry is not a string",
                                   files->Describe("manifest.json")});
    }
    std::string file = layer_files[i].get<std::string>();
    const TarIndex::Member* member = index->Find(file);
    if (!member) {
      return std::unexpected(Error{ErrorCode::kNotFound,
                                   fmt::format("layer '{}' is missing from the archive",
                                               Excerpt(file)),
                                   path});
    }
    if (!ParseDigest(config.diff_ids[i])) {
      return std::unexpected(Error{ErrorCode::kCorrupt,
                                   fmt::format("diff_id {} is not a digest", i),
                                   files->Describe(config_file)});
    }
    Layer layer;
    layer.digest = config.diff_ids[i];
    layer.diff_id = config.diff_ids[i];
    layer.size = member->size;
    layer.media_type = "application/vnd.docker.image.rootfs.diff.tar";
    artifact.layers.push_back(std::move(layer));
    blobs.push_back({file, "", -1, config.diff_ids[i]});
  }
  AttachHistory(artifact, config);
  return std::make_unique<ImageSource>(std::move(files), std::move(artifact), std::move(config),
                                       std::move(blobs));
}

}  // namespace portcullis::source_internal
