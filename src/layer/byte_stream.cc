#include "layer/byte_stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/digest.h"

namespace portcullis {

namespace {
constexpr size_t kChunkSize = 1 << 20;
}

Result<std::span<const uint8_t>> ByteStream::ReadChunk() {
  if (!chunk_) chunk_ = std::make_unique<uint8_t[]>(kChunkSize);
  size_t n = PC_TRY(Read(chunk_.get(), kChunkSize));
  return std::span<const uint8_t>(chunk_.get(), n);
}

Result<void> ByteStream::Drain() {
  for (;;) {
    auto chunk = PC_TRY(ReadChunk());
    if (chunk.empty()) return {};
  }
}

Result<size_t> MemoryStream::Read(uint8_t* buf, size_t size) {
  size_t n = std::min(size, data_.size());
  std::memcpy(buf, data_.data(), n);
  data_ = data_.subspan(n);
  return n;
}

Result<std::span<const uint8_t>> MemoryStream::ReadChunk() {
  auto chunk = data_.subspan(0, std::min<size_t>(data_.size(), kChunkSize));
  data_ = data_.subspan(chunk.size());
  return chunk;
}

FileRegionStream::FileRegionStream(std::shared_ptr<const int> fd, uint64_t offset, uint64_t size,
                                   std::string name)
    : fd_(std::move(fd)), pos_(offset), end_(offset + size), name_(std::move(name)) {}

Result<size_t> FileRegionStream::Read(uint8_t* buf, size_t size) {
  if (pos_ >= end_) return 0;
  size_t want = static_cast<size_t>(std::min<uint64_t>(size, end_ - pos_));
  for (;;) {
    ssize_t n = ::pread(*fd_, buf, want, static_cast<off_t>(pos_));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), name_});
    if (n == 0) {
      return std::unexpected(Error{ErrorCode::kCorrupt, "file ends before the blob does", name_,
                                   pos_, Error::PositionKind::kOffset});
    }
    pos_ += static_cast<uint64_t>(n);
    return static_cast<size_t>(n);
  }
}

Result<std::shared_ptr<const int>> OpenSharedFd(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return std::unexpected(
        Error{err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, std::strerror(err), path});
  }
  return std::shared_ptr<const int>(new int(fd), [](const int* p) {
    ::close(*p);
    delete p;
  });
}

Result<std::unique_ptr<ByteStream>> OpenFileStream(const std::string& path) {
  auto fd = PC_TRY(OpenSharedFd(path));
  off_t size = ::lseek(*fd, 0, SEEK_END);
  if (size < 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), path});
  return std::make_unique<FileRegionStream>(std::move(fd), 0, static_cast<uint64_t>(size), path);
}

namespace {

class DigestStream : public ByteStream {
 public:
  DigestStream(std::unique_ptr<ByteStream> inner, std::string expected, int64_t expected_size,
               std::string name)
      : inner_(std::move(inner)),
        expected_(std::move(expected)),
        expected_size_(expected_size),
        name_(std::move(name)) {}

  Result<size_t> Read(uint8_t* buf, size_t size) override {
    size_t n = PC_TRY(inner_->Read(buf, size));
    return Account(buf, n);
  }

  Result<std::span<const uint8_t>> ReadChunk() override {
    auto chunk = PC_TRY(inner_->ReadChunk());
    PC_TRY(Account(chunk.data(), chunk.size()));
    return chunk;
  }

 private:
  Result<size_t> Account(const uint8_t* data, size_t n) {
    if (done_) return 0;
    if (n > 0) {
      hash_.Update(data, n);
      seen_ += n;
      if (expected_size_ >= 0 && seen_ > static_cast<uint64_t>(expected_size_)) {
        return std::unexpected(Error{ErrorCode::kDigestMismatch,
                                     fmt::format("blob is longer than its declared size {}",
                                                 expected_size_),
                                     name_});
      }
      return n;
    }
    done_ = true;
    if (expected_size_ >= 0 && seen_ != static_cast<uint64_t>(expected_size_)) {
      return std::unexpected(Error{
          ErrorCode::kDigestMismatch,
          fmt::format("blob has {} bytes, its descriptor says {}", seen_, expected_size_), name_});
    }
    std::string actual = hash_.Finish();
    if (actual != expected_) {
      return std::unexpected(Error{ErrorCode::kDigestMismatch,
                                   fmt::format("content hashes to {}, expected {}", actual,
                                               expected_),
                                   name_});
    }
    return 0;
  }

  std::unique_ptr<ByteStream> inner_;
  std::string expected_;
  int64_t expected_size_;
  std::string name_;
  Sha256 hash_;
  uint64_t seen_ = 0;
  bool done_ = false;
};

// Producer thread fills buffers from the inner stream; the consumer takes them in order.
class PrefetchStream : public ByteStream {
 public:
  explicit PrefetchStream(std::unique_ptr<ByteStream> inner) : inner_(std::move(inner)) {
    for (int i = 0; i < kBuffers; ++i) free_.push_back(std::vector<uint8_t>(kChunkSize));
    thread_ = std::thread([this] { Produce(); });
  }

  ~PrefetchStream() override {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  Result<std::span<const uint8_t>> ReadChunk() override {
    std::unique_lock lock(mu_);
    if (has_current_) {
      free_.push_back(std::move(current_));
      has_current_ = false;
      cv_.notify_all();
    }
    cv_.wait(lock, [this] { return !full_.empty() || finished_; });
    if (full_.empty()) {
      if (error_) return std::unexpected(*error_);
      return std::span<const uint8_t>();
    }
    current_ = std::move(full_.front().first);
    size_t n = full_.front().second;
    full_.pop_front();
    has_current_ = true;
    cv_.notify_all();
    return std::span<const uint8_t>(current_.data(), n);
  }

  Result<size_t> Read(uint8_t* buf, size_t size) override {
    if (pending_.empty()) {
      pending_ = PC_TRY(ReadChunk());
      if (pending_.empty()) return 0;
    }
    size_t n = std::min(size, pending_.size());
    std::memcpy(buf, pending_.data(), n);
    pending_ = pending_.subspan(n);
    return n;
  }

 private:
  static constexpr int kBuffers = 4;

  void Produce() {
    for (;;) {
      std::vector<uint8_t> buf;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stop_ || !free_.empty(); });
        if (stop_) return;
        buf = std::move(free_.back());
        free_.pop_back();
      }
      // Fill the buffer as far as the inner stream goes, so chunks are large.
      size_t filled = 0;
      bool eof = false;
      std::optional<Error> err;
      while (filled < buf.size()) {
        auto n = inner_->Read(buf.data() + filled, buf.size() - filled);
        if (!n) {
          err = n.error();
          break;
        }
        if (*n == 0) {
          eof = true;
          break;
        }
        filled += *n;
      }
      std::lock_guard lock(mu_);
      if (filled > 0) full_.emplace_back(std::move(buf), filled);
      if (err || eof) {
        error_ = std::move(err);
        finished_ = true;
        cv_.notify_all();
        return;
      }
      cv_.notify_all();
    }
  }

  std::unique_ptr<ByteStream> inner_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::vector<uint8_t>> free_;
  std::deque<std::pair<std::vector<uint8_t>, size_t>> full_;
  std::vector<uint8_t> current_;
  bool has_current_ = false;
  bool finished_ = false;
  bool stop_ = false;
  std::optional<Error> error_;
  std::span<const uint8_t> pending_;
  std::thread thread_;
};

}  // namespace

std::unique_ptr<ByteStream> VerifyDigest(std::unique_ptr<ByteStream> inner,
                                         std::string expected_digest, int64_t expected_size,
                                         std::string name) {
  return std::make_unique<DigestStream>(std::move(inner), std::move(expected_digest),
                                        expected_size, std::move(name));
}

std::unique_ptr<ByteStream> Prefetch(std::unique_ptr<ByteStream> inner) {
  return std::make_unique<PrefetchStream>(std::move(inner));
}

Result<std::string> ReadAll(ByteStream& stream, uint64_t max_bytes, std::string_view name) {
  std::string out;
  for (;;) {
    auto chunk = PC_TRY(stream.ReadChunk());
    if (chunk.empty()) return out;
    if (out.size() + chunk.size() > max_bytes) {
      return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                   fmt::format("over the limit of {} bytes", max_bytes),
                                   std::string(name)});
    }
    out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size());
  }
}

}  // namespace portcullis
