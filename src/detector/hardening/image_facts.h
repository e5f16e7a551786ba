// ImageFacts: what the image-hardening rules (src/rules/image/) look at, computed once per scan
// from the merged view of the image and its config: accounts, setuid and world-writable files,
// the tools found, package caches, which package owns an executable, libc and package
// databases, layer sizes. Building it walks the metadata the layer analysis already holds — the
// merged file list and each layer's entry list — once, plus a fixed number of path lookups; it
// never reads the image's layers again.
//
// Built and used on one thread (the scan's); immutable once built.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applier/applier.h"
#include "detector/hardening/accounts.h"
#include "detector/hardening/tools.h"
#include "portcullis/model/report.h"
#include "portcullis/result.h"
#include "source/image_config.h"

namespace portcullis {

// Which rule set and severities a scan uses (--hardening-profile).
enum class HardeningProfile {
  kDefault,  // every rule at its default severity
  kStrict,   // production images: tools, setuid files, caches, ... at their raised severity
  kDebug,    // only findings of severity HIGH and above
};

// "default", "strict" or "debug"; kInvalidArgument otherwise.
Result<HardeningProfile> ParseHardeningProfile(std::string_view name);

struct HardeningOptions {
  HardeningProfile profile = HardeningProfile::kDefault;
  uint64_t max_image_bytes = 1ull << 30;  // PC-IMG-025 above this many uncompressed bytes
  uint64_t max_layers = 50;               // PC-IMG-026 above this many layers
  uint64_t max_symlink_hops = 40;
  uint64_t max_json_bytes = 64ull << 20;
};

// Runs the secret rules (src/analyzer/secret) over `text` named `path` ("config:Env[3]", or a
// normalised file path without the leading '/') and returns the confirmed, redacted hits. Supplied by the scanner so the hardening rules
// share the secret rules and the user's --secret-config.
using SecretTextScan =
    std::function<std::vector<SecretHit>(std::string_view text, std::string_view path)>;

// Everything the detector reads. Pointers must outlive the detector call.
struct HardeningInput {
  const MergedView* view = nullptr;
  const ImageConfig* config = nullptr;  // config->present is false for a root file system
  const Artifact* artifact = nullptr;
  const OsInfo* os = nullptr;           // nullptr when the OS was not identified
  HardeningOptions options;
  SecretTextScan scan_secrets;          // empty: the secret-based rules cannot fire
};

// A package cache directory left in the image.
struct CacheDir {
  std::string dir;      // "var/cache/apt/archives"
  uint64_t files = 0;
  uint64_t bytes = 0;
  std::string example;  // the first file found
};

struct ImageFacts {
  const HardeningInput* input = nullptr;
  bool is_image = false;  // an image with a config (false for `portcullis fs`)

  std::optional<std::vector<PasswdEntry>> passwd;  // nullopt: the file is absent
  std::optional<std::vector<GroupEntry>> group;
  std::optional<std::vector<ShadowEntry>> shadow;
  std::vector<std::pair<std::string, std::string>> sudoers;  // (path, content) that ship

  std::vector<const MergedFile*> setid_files;      // regular files with setuid or setgid
  std::vector<const MergedFile*> world_writable;   // o+w files, o+w dirs without sticky bit
  std::array<std::vector<ToolHit>, 5> tools;       // by ToolKind
  std::vector<CacheDir> caches;
  std::vector<const MergedFile*> credential_candidates;  // collected, in the final image
  // Secret-rule hits in the config: Env entries and Labels (key = "config.Env[NAME]" or
  // "config.Labels[name]"), when HardeningInput::scan_secrets is set.
  struct ConfigSecret {
    std::string key;
    std::string name;  // the variable or label name
    SecretHit hit;
  };
  std::vector<ConfigSecret> config_secrets;

  std::string libc;           // path of the C library or dynamic loader found, "" if none
  std::string os_package_db;  // path of an OS package database found, "" if none
  // Content bytes of the regular files of each layer (what it adds, also files a later layer
  // deletes), and their sum: the image size without tar overhead, the same for images and
  // root file systems.
  std::vector<uint64_t> layer_bytes;
  uint64_t image_bytes = 0;

  const std::vector<ToolHit>& Tools(ToolKind k) const { return tools[static_cast<size_t>(k)]; }
  // The package that installed `path` (normalised), from dpkg/apk file lists; "" if unknown.
  std::string PackageOf(std::string_view path) const;
  // "0:0 (root:root)" or "1000:1000" when the names are unknown.
  std::string Owner(int64_t uid, int64_t gid) const;
  // The passwd entry of a user name / uid, or nullptr.
  const PasswdEntry* UserByName(std::string_view name) const;
  const PasswdEntry* UserById(int64_t uid) const;

  std::map<std::string, std::string, std::less<>> package_of;  // path -> package
};

// Computes the facts. Malformed account files add diagnostics.
ImageFacts BuildImageFacts(const HardeningInput& input, std::vector<Diagnostic>& diagnostics);

}  // namespace portcullis
