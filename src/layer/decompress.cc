#include "layer/decompress.h"

#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <cstring>
#include <vector>

namespace portcullis {

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
  }
  return "none";
}

namespace {

// Input side shared by the decompressors: the current chunk of compressed bytes, starting with
// whatever was peeked to sniff the format.
class Input {
 public:
  Input(std::unique_ptr<ByteStream> inner, std::span<const uint8_t> first)
      : inner_(std::move(inner)), peeked_(first.begin(), first.end()), chunk_(peeked_) {}

  // Current unconsumed bytes; refills when empty. Empty at end of input.
  Result<std::span<const uint8_t>> Current() {
    if (chunk_.empty() && !eof_) {
      chunk_ = PC_TRY(inner_->ReadChunk());
      if (chunk_.empty()) eof_ = true;
    }
    return chunk_;
  }
  void Consume(size_t n) { chunk_ = chunk_.subspan(n); }
  bool eof() const { return eof_; }

 private:
  std::unique_ptr<ByteStream> inner_;
  std::vector<uint8_t> peeked_;
  std::span<const uint8_t> chunk_;
  bool eof_ = false;
};

class PlainStream : public ByteStream {
 public:
  PlainStream(std::unique_ptr<ByteStream> inner, std::span<const uint8_t> first)
      : in_(std::move(inner), first) {}
  Result<size_t> Read(uint8_t* buf, size_t size) override {
    auto cur = PC_TRY(in_.Current());
    size_t n = std::min(size, cur.size());
    std::memcpy(buf, cur.data(), n);
    in_.Consume(n);
    return n;
  }
  Result<std::span<const uint8_t>> ReadChunk() override {
    auto cur = PC_TRY(in_.Current());
    in_.Consume(cur.size());
    return cur;
  }

 private:
  Input in_;
};

class GzipStream : public ByteStream {
 public:
  GzipStream(std::unique_ptr<ByteStream> inner, std::span<const uint8_t> first, std::string name)
      : in_(std::move(inner), first), name_(std::move(name)),
        state_(std::make_unique<inflate_state>()) {
    Reset();
  }

  Result<size_t> Read(uint8_t* buf, size_t size) override {
    if (done_ || size == 0) return 0;
    size = std::min<size_t>(size, 1u << 30);
    state_->next_out = buf;
    state_->avail_out = static_cast<uint32_t>(size);
    while (state_->avail_out == size) {
      if (state_->block_state == ISAL_BLOCK_FINISH) {
        // End of one gzip member: another may follow (concatenated gzip is valid gzip).
        auto cur = PC_TRY(NextNonZeroInput());
        if (cur.empty()) {
          done_ = true;
          return 0;
        }
        if (cur.size() < 2 || cur[0] != 0x1f || cur[1] != 0x8b) {
          return Corrupt("unexpected bytes after the end of the gzip stream");
        }
        Reset();  // also clears next_out/avail_out; nothing was written in this call yet
        state_->next_out = buf;
        state_->avail_out = static_cast<uint32_t>(size);
      }
      auto cur = PC_TRY(in_.Current());
      if (cur.empty()) return Corrupt("gzip stream is truncated");
      state_->next_in = const_cast<uint8_t*>(cur.data());
      state_->avail_in = static_cast<uint32_t>(std::min<size_t>(cur.size(), 1u << 30));
      uint32_t before = state_->avail_in;
      int rc = isal_inflate(state_.get());
      in_.Consume(before - state_->avail_in);
      if (rc != ISAL_DECOMP_OK) {
        return Corrupt(rc == ISAL_INCORRECT_CHECKSUM ? "gzip checksum does not match"
                                                     : "gzip data is corrupt");
      }
    }
    return size - state_->avail_out;
  }

 private:
  void Reset() {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;
  }

  // Skips zero padding (some tools pad blobs) and returns what follows.
  Result<std::span<const uint8_t>> NextNonZeroInput() {
    for (;;) {
      auto cur = PC_TRY(in_.Current());
      if (cur.empty()) return cur;
      size_t zeros = 0;
      while (zeros < cur.size() && cur[zeros] == 0) ++zeros;
      if (zeros < cur.size()) {
        in_.Consume(zeros);
        return PC_TRY(in_.Current());
      }
      in_.Consume(zeros);
    }
  }

  std::unexpected<Error> Corrupt(std::string_view what) {
    return std::unexpected(Error{ErrorCode::kCorrupt, std::string(what), name_});
  }

  Input in_;
  std::string name_;
  std::unique_ptr<inflate_state> state_;
  bool done_ = false;
};

class ZstdStream : public ByteStream {
 public:
  ZstdStream(std::unique_ptr<ByteStream> inner, std::span<const uint8_t> first, std::string name)
      : in_(std::move(inner), first), name_(std::move(name)), ctx_(ZSTD_createDCtx()) {
    // Bound the window (and so memory) a hostile frame can demand: 2^27 = 128 MiB, zstd's own
    // default maximum.
    if (ctx_ == nullptr) {
      setup_error_ = "zstd could not allocate a decompression context";
    } else if (ZSTD_isError(ZSTD_DCtx_setParameter(ctx_, ZSTD_d_windowLogMax, 27))) {
      setup_error_ = "zstd refused the window-size limit";
    }
  }
  ~ZstdStream() override { ZSTD_freeDCtx(ctx_); }

  Result<size_t> Read(uint8_t* buf, size_t size) override {
    if (!setup_error_.empty()) return std::unexpected(Error{ErrorCode::kInternal, setup_error_, name_});
    if (done_ || size == 0) return 0;
    ZSTD_outBuffer out{buf, size, 0};
    while (out.pos == 0) {
      auto cur = PC_TRY(in_.Current());
      if (cur.empty()) {
        if (frame_open_) return Corrupt("zstd stream is truncated");
        done_ = true;
        return 0;
      }
      ZSTD_inBuffer in{cur.data(), cur.size(), 0};
      size_t rc = ZSTD_decompressStream(ctx_, &out, &in);
      in_.Consume(in.pos);
      if (ZSTD_isError(rc)) {
        return std::unexpected(Error{ErrorCode::kCorrupt,
                                     fmt::format("zstd data is corrupt: {}", ZSTD_getErrorName(rc)),
                                     name_});
      }
      frame_open_ = rc != 0;
    }
    return out.pos;
  }

 private:
  std::unexpected<Error> Corrupt(std::string_view what) {
    return std::unexpected(Error{ErrorCode::kCorrupt, std::string(what), name_});
  }

  Input in_;
  std::string name_;
  ZSTD_DCtx* ctx_;
  std::string setup_error_;  // why the context is unusable ("" = usable)
  bool frame_open_ = false;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<ByteStream>> OpenDecompressed(std::unique_ptr<ByteStream> inner,
                                                     std::string name, Compression* detected) {
  // Peek up to 4 bytes (a chunk may be shorter; gather until we have them or EOF).
  std::vector<uint8_t> head;
  while (head.size() < 4) {
    auto chunk = PC_TRY(inner->ReadChunk());
    if (chunk.empty()) break;
    head.insert(head.end(), chunk.begin(), chunk.end());
  }
  Compression c = Compression::kNone;
  if (head.size() >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
    c = Compression::kGzip;
  } else if (head.size() >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f &&
             head[3] == 0xfd) {
    c = Compression::kZstd;
  }
  if (detected) *detected = c;
  // The streams copy `head` into their own storage before it goes out of scope.
  switch (c) {
    case Compression::kGzip:
      return std::make_unique<GzipStream>(std::move(inner), head, std::move(name));
    case Compression::kZstd:
      return std::make_unique<ZstdStream>(std::move(inner), head, std::move(name));
    case Compression::kNone:
      break;
  }
  return std::make_unique<PlainStream>(std::move(inner), head);
}

}  // namespace portcullis
