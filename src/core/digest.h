// Content digests: streaming SHA-256 and the "sha256:<hex>" digest strings of the OCI spec.
// A Sha256 object belongs to one thread at a time; the free functions are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "portcullis/result.h"

namespace portcullis {

// Incremental SHA-256 (OpenSSL; uses the CPU's SHA extensions when present).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Adds `data` to the hash. Must not be called after Finish().
  void Update(const void* data, size_t size);
  // Returns "sha256:<64 lower-case hex>". Call once.
  std::string Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// "sha256:<hex>" of `data`.
std::string Sha256Digest(std::string_view data);

// A parsed OCI digest. Only sha256 and sha512 are accepted, with exactly 64 / 128 lower-case
// hex characters, so that `hex` is always safe to use as a file name.
struct Digest {
  std::string algorithm;  // "sha256" or "sha512"
  std::string hex;
  std::string ToString() const { return algorithm + ":" + hex; }
};

// Parses "sha256:<hex>". Errors (kCorrupt) name what was wrong with the string.
Result<Digest> ParseDigest(std::string_view text);

}  // namespace portcullis
