// Limits: how much of an untrusted input Portcullis will read before it gives up with
// ErrorCode::kLimitExceeded. Every reader of images, archives and manifests takes one.
// Plain value type; safe from any thread.
#pragma once

#include <cstdint>

namespace portcullis {

struct Limits {
  // Uncompressed bytes summed over all layers of one image (decompression-bomb guard).
  uint64_t max_image_bytes = 64ull << 30;
  // Uncompressed bytes of one layer.
  uint64_t max_layer_bytes = 32ull << 30;
  // Tar entries in one layer.
  uint64_t max_entries = 2'000'000;
  // Layers in one image (Docker itself stops at 127).
  uint64_t max_layers = 1'000;
  // Bytes of one path inside a layer.
  uint64_t max_path_length = 4'096;
  // Bytes of a file that an analyzer reads whole (package databases, os-release, passwd).
  uint64_t max_file_bytes = 256ull << 20;
  // Bytes of a JSON document (manifest, index, config, docker inspect output).
  uint64_t max_json_bytes = 64ull << 20;
  // Symlinks followed while resolving one path.
  uint64_t max_symlink_hops = 40;
  // Directory depth of a root filesystem walk.
  uint64_t max_depth = 256;
};

// How far a walk of a project directory (`portcullis dockerfile DIR`, `portcullis config DIR`)
// goes. What a limit cuts off is reported as a diagnostic, never dropped silently.
struct WalkLimits {
  // Directory levels below the root that are entered (0: only the root's own files).
  uint64_t max_depth = 64;
  // Directory entries (files, directories, links, ...) looked at in one walk.
  uint64_t max_entries = 200'000;
};

}  // namespace portcullis
