#include "source/registry/registry_source.h"

#include <map>
#include <mutex>
#include <set>

#include "core/digest.h"
#include "core/json.h"
#include "core/strings.h"
#include "source/layout_files.h"

namespace portcullis::source_internal {

namespace {

constexpr std::string_view kOciLayoutFile = R"({"imageLayoutVersion":"1.0.0"})";

// "blobs/sha256/<hex>" -> "sha256:<hex>"; "" when `rel` is not a blob path.
std::string DigestOfPath(std::string_view rel) {
  if (!rel.starts_with("blobs/")) return "";
  rel.remove_prefix(6);
  auto slash = rel.find('/');
  if (slash == std::string_view::npos) return "";
  std::string digest = std::string(rel.substr(0, slash)) + ":" + std::string(rel.substr(slash + 1));
  return ParseDigest(digest) ? digest : "";
}

class RegistryFiles : public LayoutFiles {
 public:
  RegistryFiles(std::shared_ptr<registry::RegistryClient> client, std::string repository,
                std::string name, registry::Manifest top, std::string ref_name,
                uint64_t max_manifest_bytes)
      : client_(std::move(client)),
        repository_(std::move(repository)),
        name_(std::move(name)),
        max_manifest_bytes_(max_manifest_bytes) {
    nlohmann::json desc = {
        {"mediaType", top.media_type}, {"digest", top.digest}, {"size", top.content.size()}};
    if (!ref_name.empty()) desc["annotations"] = {{"org.opencontainers.image.ref.name", ref_name}};
    index_ =
        nlohmann::json{{"schemaVersion", 2}, {"manifests", nlohmann::json::array({desc})}}.dump();
    Remember(top.digest, std::move(top.content));
  }

  Result<std::unique_ptr<ByteStream>> Open(std::string_view rel) const override {
    if (rel == "oci-layout") return Memory(kOciLayoutFile);
    if (rel == "index.json") return Memory(index_);
    std::string digest = DigestOfPath(rel);
    if (digest.empty()) {
      return std::unexpected(Error{ErrorCode::kNotFound, "no such file", Describe(rel)});
    }
    bool is_manifest = false;
    {
      std::lock_guard lock(mu_);
      if (auto it = manifests_.find(digest); it != manifests_.end()) return Memory(it->second);
      is_manifest = manifest_digests_.contains(digest);
    }
    if (is_manifest) {
      auto m = PC_TRY(client_->GetManifest(repository_, digest));
      return Memory(Remember(digest, std::move(m.content)));
    }
    // Layers and configs: a stream that runs past the size its manifest declares fails at once
    // (the digest is verified by the reader, ImageSource / ReadBlob).
    int64_t size = -1;
    {
      std::lock_guard lock(mu_);
      if (auto it = blob_sizes_.find(digest); it != blob_sizes_.end()) size = it->second;
    }
    return client_->OpenBlob(repository_, digest, size);
  }

  bool Exists(std::string_view rel) const override {
    return rel == "oci-layout" || rel == "index.json" || !DigestOfPath(rel).empty();
  }

  std::string Describe(std::string_view rel) const override {
    std::string digest = DigestOfPath(rel);
    return digest.empty() ? fmt::format("{}:{}", name_, rel) : fmt::format("{}@{}", name_, digest);
  }

 private:
  static std::unique_ptr<ByteStream> Memory(std::string_view data) {
    return std::make_unique<MemoryStream>(
        std::span(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
  }

  // Keeps a manifest's bytes (they outlive the streams over them: node-based map) and notes
  // the digests an index lists as manifests to fetch through /manifests/.
  const std::string& Remember(const std::string& digest, std::string content) const {
    std::set<std::string> children;
    std::map<std::string, int64_t> sizes;
    if (auto doc = ParseJson(content, digest, max_manifest_bytes_)) {
      for (const auto& m : JsonArray(*doc, "manifests")) {
        std::string d = JsonString(m, "digest");
        if (ParseDigest(d)) children.insert(d);
      }
      auto note = [&](const nlohmann::json& d) {
        std::string blob = JsonString(d, "digest");
        int64_t size = JsonInt(d, "size", -1);
        if (ParseDigest(blob) && size >= 0) sizes[blob] = size;
      };
      note(JsonObject(*doc, "config"));
      for (const auto& l : JsonArray(*doc, "layers")) note(l);
    }
    std::lock_guard lock(mu_);
    manifest_digests_.insert(children.begin(), children.end());
    blob_sizes_.insert(sizes.begin(), sizes.end());
    return manifests_.try_emplace(digest, std::move(content)).first->second;
  }

  std::shared_ptr<registry::RegistryClient> client_;
  std::string repository_;
  std::string name_;
  uint64_t max_manifest_bytes_;
  std::string index_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::string> manifests_;
  mutable std::set<std::string> manifest_digests_;
  mutable std::map<std::string, int64_t> blob_sizes_;
};

}  // namespace

namespace {

// Opens `ref` through the registry at `server` (ref.registry itself, or a mirror of it).
Result<std::unique_ptr<Source>> OpenOn(const std::string& server, const registry::Reference& ref,
                                       const std::string& platform, const Limits& limits,
                                       const RegistryOptions& options) {
  auto client = std::make_shared<registry::RegistryClient>(server, options);
  auto top = PC_TRY(client->GetManifest(ref.repository, ref.Identifier()));
  if (!ref.digest.empty() && top.digest != ref.digest) {
    return Fail(ErrorCode::kDigestMismatch, "{}: the registry sent manifest {}", ref.ToString(),
                top.digest);
  }
  std::string ref_name;
  if (!ref.tag.empty()) ref_name = ref.registry + "/" + ref.repository + ":" + ref.tag;
  auto files = std::make_shared<RegistryFiles>(
      client, ref.repository, ref.ToString(), std::move(top), ref_name, options.max_manifest_bytes);
  return OpenOciLayout(std::move(files), ref.ToString(), "registry", "", platform, limits);
}

// "https://mirror.example/" -> "mirror.example"
std::string MirrorHost(std::string_view mirror) {
  if (auto p = mirror.find("://"); p != std::string_view::npos) mirror.remove_prefix(p + 3);
  while (mirror.ends_with('/')) mirror.remove_suffix(1);
  return std::string(mirror);
}

}  // namespace

Result<std::unique_ptr<Source>> OpenRegistryImage(const registry::Reference& ref,
                                                  const std::string& platform, const Limits& limits,
                                                  const RegistryOptions& options) {
  std::vector<std::string> failures;
  if (ref.registry == registry::kDockerHub) {
    // Docker Hub images are asked of the mirrors first, in order, then of Docker Hub.
    for (const auto& mirror : options.registry_mirrors) {
      auto source = OpenOn(MirrorHost(mirror), ref, platform, limits, options);
      if (source) return source;
      failures.push_back(
          fmt::format("mirror {}: {}", MirrorHost(mirror), source.error().ToString()));
    }
  }
  auto source = OpenOn(ref.registry, ref, platform, limits, options);
  if (source || failures.empty()) return source;
  Error e = source.error();
  e.message = fmt::format("{} (after {})", e.message, Join(failures, "; "));
  return std::unexpected(e);
}

}  // namespace portcullis::source_internal
