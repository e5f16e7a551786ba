// Test support: builds real container images in test code — tar layers written with libarchive
// (optionally gzip or zstd compressed), assembled as an OCI image layout (directory or tar) or
// a docker-archive — plus temporary directories that clean up after themselves.
// Used from test threads only.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace portcullis::testing {

// A temporary directory, removed (recursively) when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

struct TarItem {
  std::string path;
  std::string content;       // regular files
  char type = '0';           // '0' file, '5' directory, '2' symlink, '1' hardlink
  unsigned mode = 0644;
  std::string link;          // symlink / hardlink target
  int uid = 0;
  int gid = 0;
};

inline TarItem File(std::string path, std::string content, unsigned mode = 0644) {
  return TarItem{std::move(path), std::move(content), '0', mode, "", 0, 0};
}
inline TarItem Dir(std::string path, unsigned mode = 0755) {
  return TarItem{std::move(path), "", '5', mode, "", 0, 0};
}
inline TarItem Symlink(std::string path, std::string target) {
  return TarItem{std::move(path), "", '2', 0777, std::move(target), 0, 0};
}
inline TarItem Hardlink(std::string path, std::string target) {
  return TarItem{std::move(path), "", '1', 0644, std::move(target), 0, 0};
}
// `.wh.NAME` next to the deleted path, and `.wh..wh..opq` in an opaque directory.
TarItem Whiteout(std::string_view deleted_path);
TarItem Opaque(std::string_view dir);

enum class Compress { kNone, kGzip, kZstd };

// A tar archive (pax format) of `items`, compressed as asked.
std::string MakeTar(const std::vector<TarItem>& items, Compress compress = Compress::kNone);

// `data` compressed as one gzip or zstd stream.
std::string Compressed(std::string_view data, Compress compress);

// "sha256:<hex>".
std::string Digest(std::string_view data);

struct TestImage {
  std::vector<std::vector<TarItem>> layers;
  Compress compress = Compress::kGzip;  // OCI layers; docker-archive layers are always plain
  std::string architecture = "amd64";
  std::string os = "linux";
  nlohmann::json config = nlohmann::json::object();  // merged into the config's "config" object
  std::vector<std::string> history;                  // created_by per layer (optional)
};

struct Built {
  std::string manifest_digest;
  std::string config_digest;
  std::vector<std::string> layer_digests;  // blob digests (compressed)
  std::vector<std::string> diff_ids;
};

// Writes `image` as an OCI image layout into `dir` (created), tagged `tag`.
Built WriteOciLayout(const TestImage& image, const std::string& dir, const std::string& tag = "test");

// Writes an OCI layout holding an image index of several platform images; `images` maps
// "os/arch[/variant]" to the image.
void WriteOciIndex(const std::map<std::string, TestImage>& images, const std::string& dir,
                   const std::string& tag = "multi");

// Writes `image` as a `docker save` archive (legacy layout: <id>/layer.tar, <hex>.json).
Built WriteDockerArchive(const TestImage& image, const std::string& path,
                         const std::string& repo_tag = "test/app:1");

// Packs directory `dir` as a plain tar at `path` (for OCI archives).
void TarDirectory(const std::string& dir, const std::string& path);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, std::string_view data);

}  // namespace portcullis::testing
