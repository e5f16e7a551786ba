#include "support/image_builder.h"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/digest.h"

namespace portcullis::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "portcullis-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

TarItem Whiteout(std::string_view deleted_path) {
  std::string p(deleted_path);
  auto slash = p.rfind('/');
  std::string dir = slash == std::string::npos ? "" : p.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? p : p.substr(slash + 1);
  return File(dir + ".wh." + base, "");
}

TarItem Opaque(std::string_view dir) { return File(std::string(dir) + "/.wh..wh..opq", ""); }

namespace {

// A libarchive writer appending to `out`: a pax tar, or (raw) the bare data of one entry.
struct archive* OpenWriter(std::string* out, Compress compress, bool raw) {
  struct archive* a = archive_write_new();
  if (raw) {
    archive_write_set_format_raw(a);
  } else {
    archive_write_set_format_pax_restricted(a);
  }
  if (compress == Compress::kGzip) archive_write_add_filter_gzip(a);
  if (compress == Compress::kZstd) archive_write_add_filter_zstd(a);
  archive_write_set_bytes_per_block(a, 0);
  archive_write_open(
      a, out, nullptr,
      [](struct archive*, void* client, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  return a;
}

}  // namespace

std::string MakeTar(const std::vector<TarItem>& items, Compress compress) {
  std::string out;
  struct archive* a = OpenWriter(&out, compress, /*raw=*/false);
  for (const TarItem& item : items) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, item.path.c_str());
    archive_entry_set_uid(e, item.uid);
    archive_entry_set_gid(e, item.gid);
    archive_entry_set_mtime(e, 1700000000, 0);
    switch (item.type) {
      case '5':
        archive_entry_set_filetype(e, AE_IFDIR);
        break;
      case '2':
        archive_entry_set_filetype(e, AE_IFLNK);
        archive_entry_set_symlink(e, item.link.c_str());
        break;
      case '1':
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_hardlink(e, item.link.c_str());
        break;
      default:
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_size(e, static_cast<la_int64_t>(item.content.size()));
    }
    archive_entry_set_perm(e, item.mode);
    archive_write_header(a, e);
    if (item.type == '0' && !item.content.empty()) {
      archive_write_data(a, item.content.data(), item.content.size());
    }
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

std::string Compressed(std::string_view data, Compress compress) {
  std::string out;
  struct archive* a = OpenWriter(&out, compress, /*raw=*/true);
  struct archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, "data");
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
  archive_write_header(a, e);
  archive_write_data(a, data.data(), data.size());
  archive_entry_free(e);
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

std::string Digest(std::string_view data) { return Sha256Digest(data); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, std::string_view data) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

namespace {

std::string Hex(const std::string& digest) { return digest.substr(digest.find(':') + 1); }

std::string WriteBlob(const std::string& dir, std::string_view data) {
  std::string d = Digest(data);
  WriteFile(dir + "/blobs/sha256/" + Hex(d), data);
  return d;
}

nlohmann::json MakeConfig(const TestImage& image, const std::vector<std::string>& diff_ids) {
  nlohmann::json config = {{"architecture", image.architecture},
                           {"os", image.os},
                           {"created", "2024-01-01T00:00:00Z"},
                           {"config", image.config},
                           {"rootfs", {{"type", "layers"}, {"diff_ids", diff_ids}}}};
  nlohmann::json history = nlohmann::json::array();
  for (size_t i = 0; i < image.layers.size(); ++i) {
    std::string by = i < image.history.size() ? image.history[i]
                                              : "/bin/sh -c #(nop) ADD layer " + std::to_string(i);
    history.push_back({{"created", "2024-01-01T00:00:00Z"}, {"created_by", by}});
  }
  config["history"] = history;
  return config;
}

// Writes layers and config; returns the manifest JSON text and fills `built`.
std::string WriteImageBlobs(const TestImage& image, const std::string& dir, Built& built) {
  std::vector<std::string> diff_ids;
  nlohmann::json layers = nlohmann::json::array();
  const char* media = image.compress == Compress::kGzip
                          ? "application/vnd.oci.image.layer.v1.tar+gzip"
                      : image.compress == Compress::kZstd
                          ? "application/vnd.oci.image.layer.v1.tar+zstd"
                          : "application/vnd.oci.image.layer.v1.tar";
  for (const auto& items : image.layers) {
    std::string plain = MakeTar(items);
    std::string blob = image.compress == Compress::kNone ? plain : MakeTar(items, image.compress);
    diff_ids.push_back(Digest(plain));
    std::string d = WriteBlob(dir, blob);
    built.layer_digests.push_back(d);
    layers.push_back({{"mediaType", media}, {"digest", d}, {"size", blob.size()}});
  }
  built.diff_ids = diff_ids;
  std::string config = MakeConfig(image, diff_ids).dump();
  built.config_digest = WriteBlob(dir, config);
  nlohmann::json manifest = {
      {"schemaVersion", 2},
      {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
      {"config",
       {{"mediaType", "application/vnd.oci.image.config.v1+json"},
        {"digest", built.config_digest},
        {"size", config.size()}}},
      {"layers", layers}};
  return manifest.dump();
}

}  // namespace

Built WriteOciLayout(const TestImage& image, const std::string& dir, const std::string& tag) {
  Built built;
  std::string manifest = WriteImageBlobs(image, dir, built);
  built.manifest_digest = WriteBlob(dir, manifest);
  nlohmann::json index = {
      {"schemaVersion", 2},
      {"manifests",
       {{{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
         {"digest", built.manifest_digest},
         {"size", manifest.size()},
         {"annotations", {{"org.opencontainers.image.ref.name", tag}}}}}}};
  WriteFile(dir + "/index.json", index.dump());
  WriteFile(dir + "/oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
  return built;
}

void WriteOciIndex(const std::map<std::string, TestImage>& images, const std::string& dir,
                   const std::string& tag) {
  nlohmann::json manifests = nlohmann::json::array();
  for (const auto& [platform, image] : images) {
    Built built;
    std::string manifest = WriteImageBlobs(image, dir, built);
    std::string d = WriteBlob(dir, manifest);
    nlohmann::json p;
    std::stringstream ss(platform);
    std::string part;
    std::vector<std::string> parts;
    while (std::getline(ss, part, '/')) parts.push_back(part);
    p["os"] = parts.at(0);
    p["architecture"] = parts.at(1);
    if (parts.size() > 2) p["variant"] = parts[2];
    manifests.push_back({{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                         {"digest", d},
                         {"size", manifest.size()},
                         {"platform", p}});
  }
  nlohmann::json inner = {{"schemaVersion", 2},
                          {"mediaType", "application/vnd.oci.image.index.v1+json"},
                          {"manifests", manifests}};
  std::string inner_text = inner.dump();
  std::string inner_digest = WriteBlob(dir, inner_text);
  nlohmann::json index = {
      {"schemaVersion", 2},
      {"manifests",
       {{{"mediaType", "application/vnd.oci.image.index.v1+json"},
         {"digest", inner_digest},
         {"size", inner_text.size()},
         {"annotations", {{"org.opencontainers.image.ref.name", tag}}}}}}};
  WriteFile(dir + "/index.json", index.dump());
  WriteFile(dir + "/oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
}

Built WriteDockerArchive(const TestImage& image, const std::string& path,
                         const std::string& repo_tag) {
  Built built;
  std::vector<TarItem> outer;
  nlohmann::json layer_files = nlohmann::json::array();
  for (size_t i = 0; i < image.layers.size(); ++i) {
    std::string plain = MakeTar(image.layers[i]);
    std::string d = Digest(plain);
    built.diff_ids.push_back(d);
    built.layer_digests.push_back(d);
    std::string id = Hex(Digest(d + std::to_string(i)));
    outer.push_back(Dir(id));
    outer.push_back(File(id + "/layer.tar", plain));
    outer.push_back(File(id + "/VERSION", "1.0"));
    layer_files.push_back(id + "/layer.tar");
  }
  std::string config = MakeConfig(image, built.diff_ids).dump();
  built.config_digest = Digest(config);
  outer.push_back(File(Hex(built.config_digest) + ".json", config));
  nlohmann::json manifest = nlohmann::json::array(
      {{{"Config", Hex(built.config_digest) + ".json"},
        {"RepoTags", {repo_tag}},
        {"Layers", layer_files}}});
  outer.push_back(File("manifest.json", manifest.dump()));
  WriteFile(path, MakeTar(outer));
  return built;
}

void TarDirectory(const std::string& dir, const std::string& path) {
  std::vector<TarItem> items;
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(dir)) paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::string rel = fs::relative(p, dir).string();
    if (fs::is_directory(p)) {
      items.push_back(Dir(rel));
    } else {
      items.push_back(File(rel, ReadFile(p.string())));
    }
  }
  WriteFile(path, MakeTar(items));
}

}  // namespace portcullis::testing
