// OCI image layouts (https://github.com/opencontainers/image-spec/blob/main/image-layout.md),
// as a directory or packed in a tar: index.json → (nested index →) manifest → config + layers.
// Every blob read is checked against its descriptor's digest and size.
#include <algorithm>

#include "core/digest.h"
#include "core/json.h"
#include "core/strings.h"
#include "source/image_source.h"
#include "source/source.h"

namespace portcullis::source_internal {

namespace {

constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
constexpr std::string_view kDockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
constexpr std::string_view kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
constexpr std::string_view kRefName = "org.opencontainers.image.ref.name";
constexpr std::string_view kContainerdName = "io.containerd.image.name";
constexpr int kMaxIndexDepth = 4;

struct Descriptor {
  std::string media_type;
  std::string digest;
  int64_t size = -1;
  std::string ref_name;        // annotation org.opencontainers.image.ref.name
  std::string image_name;      // annotation io.containerd.image.name
  std::string os, arch, variant;
  bool has_platform = false;
};

struct Platform {
  std::string os = "linux", arch = "amd64", variant;
  std::string ToString() const {
    return variant.empty() ? fmt::format("{}/{}", os, arch) : fmt::format("{}/{}/{}", os, arch, variant);
  }
};

Result<Platform> ParsePlatform(std::string_view text) {
  Platform p;
  if (text.empty()) return p;
  auto parts = Split(text, '/');
  if (parts.size() < 2 || parts.size() > 3 || parts[0].empty() || parts[1].empty()) {
    return Fail(ErrorCode::kInvalidArgument, "platform '{}' is not os/arch[/variant]",
                Excerpt(text, 40));
  }
  p.os = std::string(parts[0]);
  p.arch = std::string(parts[1]);
  if (parts.size() == 3) p.variant = std::string(parts[2]);
  return p;
}

Result<Descriptor> ParseDescriptor(const nlohmann::json& j, std::string_view where) {
  Descriptor d;
  d.media_type = JsonString(j, "mediaType");
  d.digest = JsonString(j, "digest");
  d.size = JsonInt(j, "size", -1);
  auto parsed = ParseDigest(d.digest);
  if (!parsed) {
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 fmt::format("descriptor has a bad digest: {}", parsed.error().message),
                                 std::string(where)});
  }
  if (d.size < 0) {
    return std::unexpected(
        Error{ErrorCode::kCorrupt, "descriptor has no valid size", std::string(where)});
  }
  const auto& ann = JsonObject(j, "annotations");
  d.ref_name = JsonString(ann, kRefName);
  d.image_name = JsonString(ann, kContainerdName);
  if (j.contains("platform") && j["platform"].is_object()) {
    const auto& p = j["platform"];
    d.has_platform = true;
    d.os = JsonString(p, "os");
    d.arch = JsonString(p, "architecture");
    d.variant = JsonString(p, "variant");
  }
  return d;
}

std::string BlobPath(const std::string& digest) {
  auto d = ParseDigest(digest);  // already validated: hex is safe as a file name
  return fmt::format("blobs/{}/{}", d->algorithm, d->hex);
}

// Reads a blob whole and checks digest and size.
Result<std::string> ReadBlob(const LayoutFiles& files, const Descriptor& d, const Limits& limits) {
  std::string rel = BlobPath(d.digest);
  if (static_cast<uint64_t>(d.size) > limits.max_json_bytes) {
    return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                 fmt::format("blob of {} bytes is over the limit of {}", d.size,
                                             limits.max_json_bytes),
                                 files.Describe(rel)});
  }
  auto stream = PC_TRY(files.Open(rel));
  auto verified = VerifyDigest(std::move(stream), d.digest, d.size, files.Describe(rel));
  return ReadAll(*verified, limits.max_json_bytes, files.Describe(rel));
}

bool IsIndex(const Descriptor& d, const nlohmann::json* doc) {
  if (d.media_type == kOciIndex || d.media_type == kDockerList) return true;
  if (d.media_type == kOciManifest || d.media_type == kDockerManifest) return false;
  return doc && doc->contains("manifests");
}

// Attestation and signature manifests in buildx/cosign indexes: not images to scan.
bool IsArtifactManifest(const Descriptor& d) {
  return d.has_platform && d.os == "unknown" && d.arch == "unknown";
}

bool PlatformMatches(const Descriptor& d, const Platform& want) {
  if (d.os != want.os || d.arch != want.arch) return false;
  if (want.variant.empty()) return true;
  if (d.variant == want.variant) return true;
  // arm64's only variant is v8; an index may or may not spell it.
  return want.arch == "arm64" && want.variant == "v8" && d.variant.empty();
}

std::string DescribePlatforms(const std::vector<Descriptor>& ds) {
  std::vector<std::string> names;
  for (const auto& d : ds) {
    if (!d.has_platform || IsArtifactManifest(d)) continue;
    names.push_back(d.variant.empty() ? fmt::format("{}/{}", d.os, d.arch)
                                      : fmt::format("{}/{}/{}", d.os, d.arch, d.variant));
  }
  return names.empty() ? "none" : Join(names, ", ");
}

Result<Descriptor> PickPlatform(const std::vector<Descriptor>& ds, const Platform& want,
                                std::string_view where) {
  const Descriptor* best = nullptr;
  for (const auto& d : ds) {
    if (IsArtifactManifest(d) || !PlatformMatches(d, want)) continue;
    // Without a requested variant prefer an entry without one (or the first match).
    if (!best || (want.variant.empty() && !best->variant.empty() && d.variant.empty())) best = &d;
  }
  if (!best) {
    return std::unexpected(Error{ErrorCode::kNotFound,
                                 fmt::format("no {} image in the index (available: {}); choose "
                                             "one with --platform",
                                             want.ToString(), DescribePlatforms(ds)),
                                 std::string(where)});
  }
  return *best;
}

std::vector<Descriptor> ParseManifests(const nlohmann::json& index, std::string_view where,
                                       std::vector<Error>& errors) {
  std::vector<Descriptor> out;
  for (const auto& m : JsonArray(index, "manifests")) {
    auto d = ParseDescriptor(m, where);
    if (d) {
      out.push_back(std::move(*d));
    } else {
      errors.push_back(d.error());
    }
  }
  return out;
}

struct Resolved {
  Descriptor manifest;
  nlohmann::json doc;
};

// Follows `d` through nested indexes to one image manifest for `want`.
Result<Resolved> ResolveManifest(const LayoutFiles& files, Descriptor d, const Platform& want,
                                 const Limits& limits) {
  for (int depth = 0; depth <= kMaxIndexDepth; ++depth) {
    std::string text = PC_TRY(ReadBlob(files, d, limits));
    auto doc = PC_TRY(ParseJson(text, files.Describe(BlobPath(d.digest)), limits.max_json_bytes));
    if (!doc.is_object()) {
      return std::unexpected(Error{ErrorCode::kCorrupt, "manifest is not a JSON object",
                                   files.Describe(BlobPath(d.digest))});
    }
    if (!IsIndex(d, &doc)) return Resolved{std::move(d), std::move(doc)};
    std::vector<Error> errors;
    auto children = ParseManifests(doc, files.Describe(BlobPath(d.digest)), errors);
    if (children.empty()) {
      if (!errors.empty()) return std::unexpected(errors.front());
      return std::unexpected(Error{ErrorCode::kNotFound, "image index lists no manifests",
                                   files.Describe(BlobPath(d.digest))});
    }
    d = PC_TRY(PickPlatform(children, want, files.Describe(BlobPath(d.digest))));
  }
  return Fail(ErrorCode::kLimitExceeded, "image indexes nest deeper than {} levels", kMaxIndexDepth);
}

bool TagMatches(const Descriptor& d, std::string_view tag) {
  if (d.ref_name == tag || d.image_name == tag) return true;
  // containerd names are full references: "docker.io/library/app:1.0".
  return !d.image_name.empty() && d.image_name.size() > tag.size() &&
         d.image_name.ends_with(tag) && d.image_name[d.image_name.size() - tag.size() - 1] == ':';
}

}  // namespace

Result<std::unique_ptr<Source>> OpenOciLayout(std::shared_ptr<const LayoutFiles> files,
                                              std::string name, std::string type,
                                              const std::string& tag, const std::string& platform,
                                              const Limits& limits) {
  Platform want = PC_TRY(ParsePlatform(platform));
  if (!files->Exists("oci-layout")) {
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 "not an OCI image layout: the oci-layout file is missing",
                                 files->Describe("oci-layout")});
  }
  std::string index_text = PC_TRY(files->Read("index.json", limits.max_json_bytes));
  auto index = PC_TRY(ParseJson(index_text, files->Describe("index.json"), limits.max_json_bytes));
  std::vector<Error> errors;
  auto manifests = ParseManifests(index, files->Describe("index.json"), errors);
  if (manifests.empty()) {
    if (!errors.empty()) return std::unexpected(errors.front());
    return std::unexpected(
        Error{ErrorCode::kNotFound, "index.json lists no images", files->Describe("index.json")});
  }

  std::vector<Descriptor> candidates;
  if (!tag.empty()) {
    for (const auto& d : manifests) {
      if (TagMatches(d, tag)) candidates.push_back(d);
    }
    if (candidates.empty()) {
      std::vector<std::string> tags;
      for (const auto& d : manifests) {
        if (!d.ref_name.empty()) tags.push_back(d.ref_name);
      }
      return std::unexpected(Error{ErrorCode::kNotFound,
                                   fmt::format("no image tagged '{}' (tags: {})", Excerpt(tag, 60),
                                               tags.empty() ? "none" : Join(tags, ", ")),
                                   files->Describe("index.json")});
    }
  } else {
    candidates = manifests;
  }
  Descriptor chosen;
  if (candidates.size() == 1) {
    chosen = candidates.front();
  } else if (std::ranges::any_of(candidates, [](const Descriptor& d) { return d.has_platform; })) {
    chosen = PC_TRY(PickPlatform(candidates, want, files->Describe("index.json")));
  } else {
    std::vector<std::string> tags;
    for (const auto& d : candidates) tags.push_back(d.ref_name.empty() ? d.digest : d.ref_name);
    return std::unexpected(Error{ErrorCode::kInvalidArgument,
                                 fmt::format("the layout holds {} images; name one with "
                                             "oci:DIR:TAG (tags: {})",
                                             candidates.size(), Join(tags, ", ")),
                                 files->Describe("index.json")});
  }

  Resolved resolved = PC_TRY(ResolveManifest(*files, chosen, want, limits));
  std::string manifest_name = files->Describe(BlobPath(resolved.manifest.digest));
  const auto& config_json = JsonObject(resolved.doc, "config");
  Descriptor config_desc = PC_TRY(ParseDescriptor(config_json, manifest_name));
  std::string config_text = PC_TRY(ReadBlob(*files, config_desc, limits));
  ImageConfig config =
      PC_TRY(ParseImageConfig(config_text, files->Describe(BlobPath(config_desc.digest)), limits));

  std::vector<LayerBlob> blobs;
  Artifact artifact;
  artifact.name = std::move(name);
  artifact.type = std::move(type);
  artifact.digest = resolved.manifest.digest;
  artifact.config_digest = config_desc.digest;
  if (!chosen.ref_name.empty()) artifact.repo_tags.push_back(chosen.ref_name);
  artifact.platform = config.variant.empty()
                          ? fmt::format("{}/{}", config.os, config.architecture)
                          : fmt::format("{}/{}/{}", config.os, config.architecture, config.variant);
  const auto& layers = JsonArray(resolved.doc, "layers");
  if (layers.size() > limits.max_layers) {
    return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                 fmt::format("image has {} layers, over the limit of {}",
                                             layers.size(), limits.max_layers),
                                 manifest_name});
  }
  for (size_t i = 0; i < layers.size(); ++i) {
    Descriptor d = PC_TRY(ParseDescriptor(layers[i], manifest_name));
    Layer layer;
    layer.digest = d.digest;
    layer.size = static_cast<uint64_t>(d.size);
    layer.media_type = d.media_type;
    if (i < config.diff_ids.size()) layer.diff_id = config.diff_ids[i];
    artifact.layers.push_back(std::move(layer));
    blobs.push_back({BlobPath(d.digest), d.digest, d.size, ""});
  }
  if (config.diff_ids.size() != layers.size()) {
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 fmt::format("manifest lists {} layers but the config has {} "
                                             "diff_ids",
                                             layers.size(), config.diff_ids.size()),
                                 manifest_name});
  }
  AttachHistory(artifact, config);
  return std::make_unique<ImageSource>(std::move(files), std::move(artifact), std::move(config),
                                       std::move(blobs));
}

Result<std::unique_ptr<Source>> OpenOciLayoutDir(const std::string& dir, const std::string& tag,
                                                 const std::string& platform,
                                                 const Limits& limits) {
  return OpenOciLayout(DirFiles(dir), dir, "oci-layout", tag, platform, limits);
}

Result<std::unique_ptr<Source>> OpenOciArchive(const std::string& path, const std::string& tag,
                                               const std::string& platform, const Limits& limits) {
  auto index = std::make_shared<const TarIndex>(PC_TRY(TarIndex::Open(path, limits)));
  return OpenOciLayout(TarFiles(std::move(index)), path, "oci-archive", tag, platform, limits);
}

}  // namespace portcullis::source_internal
