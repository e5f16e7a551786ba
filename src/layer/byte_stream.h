// ByteStream: a forward-only source of bytes (a blob in an archive, a decompressed layer).
// Streams are the pipe between a Source and the tar walker; nothing is written to disk.
// A stream belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "portcullis/result.h"

namespace portcullis {

class ByteStream {
 public:
  virtual ~ByteStream() = default;

  // Reads up to `size` bytes into `buf`. Returns the number read; 0 means end of stream.
  // After an error the stream must not be read again.
  [[nodiscard]] virtual Result<size_t> Read(uint8_t* buf, size_t size) = 0;

  // Returns the next chunk of bytes without copying when the stream can (the view stays valid
  // until the next call); an empty span means end of stream. The default reads into an
  // internal buffer.
  [[nodiscard]] virtual Result<std::span<const uint8_t>> ReadChunk();

  // Reads and discards the rest of the stream (so digests are verified to the last byte).
  [[nodiscard]] Result<void> Drain();

 private:
  std::unique_ptr<uint8_t[]> chunk_;
};

// A stream over a byte range of a file already opened by the caller. Shares the descriptor;
// uses pread, so several streams over one file may be read from different threads.
class FileRegionStream : public ByteStream {
 public:
  // `fd` must stay open while the stream lives. `name` is used in errors.
  FileRegionStream(std::shared_ptr<const int> fd, uint64_t offset, uint64_t size, std::string name);
  Result<size_t> Read(uint8_t* buf, size_t size) override;

 private:
  std::shared_ptr<const int> fd_;
  uint64_t pos_;
  uint64_t end_;
  std::string name_;
};

// A stream over bytes in memory (which must outlive it).
class MemoryStream : public ByteStream {
 public:
  explicit MemoryStream(std::span<const uint8_t> data) : data_(data) {}
  Result<size_t> Read(uint8_t* buf, size_t size) override;
  Result<std::span<const uint8_t>> ReadChunk() override;

 private:
  std::span<const uint8_t> data_;
};

// Opens `path` read-only as a stream over the whole file.
Result<std::unique_ptr<ByteStream>> OpenFileStream(const std::string& path);

// Shared read-only descriptor of `path`, closed when the last owner goes away.
Result<std::shared_ptr<const int>> OpenSharedFd(const std::string& path);

// Passes the bytes of `inner` through while hashing them; at end of stream compares the hash
// (and the size, when `expected_size` >= 0) with what was declared, and fails with
// kDigestMismatch naming `name` when they differ.
std::unique_ptr<ByteStream> VerifyDigest(std::unique_ptr<ByteStream> inner,
                                         std::string expected_digest, int64_t expected_size,
                                         std::string name);

// Reads `inner` ahead on a background thread into a few buffers, so that decompression (and
// hashing) of a layer runs on one core while tar parsing and analysis run on another.
std::unique_ptr<ByteStream> Prefetch(std::unique_ptr<ByteStream> inner);

// Reads a whole (small) stream into memory, failing with kLimitExceeded past `max_bytes`.
Result<std::string> ReadAll(ByteStream& stream, uint64_t max_bytes, std::string_view name);

}  // namespace portcullis
