#include "layer/tar_walker.h"

#include <archive.h>
#include <archive_entry.h>

#include "core/strings.h"

namespace portcullis {

std::string_view EntryTypeName(EntryType t) {
  switch (t) {
    case EntryType::kFile: return "file";
    case EntryType::kDir: return "dir";
    case EntryType::kSymlink: return "symlink";
    case EntryType::kHardlink: return "hardlink";
    case EntryType::kCharDevice: return "char";
    case EntryType::kBlockDevice: return "block";
    case EntryType::kFifo: return "fifo";
    case EntryType::kWhiteout: return "whiteout";
    case EntryType::kOpaqueDir: return "opaque";
  }
  return "file";
}

std::optional<std::string> NormalizeEntryPath(std::string_view raw) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= raw.size()) {
    size_t j = raw.find('/', i);
    if (j == std::string_view::npos) j = raw.size();
    std::string_view part = raw.substr(i, j - i);
    if (part.empty() || part == ".") {
      // skip
    } else if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out;
  out.reserve(raw.size());
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out.push_back('/');
    out.append(parts[k]);
  }
  return out;
}

namespace {

constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";

struct ReadContext {
  ByteStream* stream;
  std::string_view name;
  const Limits* limits;
  ByteBudget* budget;
  const std::function<void(uint64_t)>* on_bytes;
  uint64_t bytes = 0;
  std::optional<Error> error;  // the real cause when libarchive reports a read failure
};

la_ssize_t ReadCallback(struct archive* a, void* client, const void** buffer) {
  auto* ctx = static_cast<ReadContext*>(client);
  auto chunk = ctx->stream->ReadChunk();
  if (!chunk) {
    ctx->error = chunk.error();
    archive_set_error(a, EIO, "%s", chunk.error().message.c_str());
    return -1;
  }
  uint64_t n = chunk->size();
  ctx->bytes += n;
  if (ctx->bytes > ctx->limits->max_layer_bytes) {
    ctx->error = Error{ErrorCode::kLimitExceeded,
                       fmt::format("layer is over the limit of {} uncompressed bytes "
                                   "(--max-layer-bytes)",
                                   ctx->limits->max_layer_bytes),
                       std::string(ctx->name)};
    archive_set_error(a, EFBIG, "limit");
    return -1;
  }
  if (ctx->budget) {
    uint64_t used = ctx->budget->used.fetch_add(n) + n;
    if (used > ctx->limits->max_image_bytes) {
      ctx->error = Error{ErrorCode::kLimitExceeded,
                         fmt::format("image is over the limit of {} uncompressed bytes "
                                     "(--max-image-bytes)",
                                     ctx->limits->max_image_bytes),
                         std::string(ctx->name)};
      archive_set_error(a, EFBIG, "limit");
      return -1;
    }
  }
  if (*ctx->on_bytes) (*ctx->on_bytes)(n);
  *buffer = chunk->data();
  return static_cast<la_ssize_t>(n);
}

class ArchiveEntryReader : public EntryReader {
 public:
  ArchiveEntryReader(struct archive* a, ReadContext* ctx, std::string_view path)
      : a_(a), ctx_(ctx), path_(path) {}

  Result<std::span<const uint8_t>> NextBlock() override {
    if (done_) return std::span<const uint8_t>();
    const void* buf = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    int rc = archive_read_data_block(a_, &buf, &size, &offset);
    if (rc == ARCHIVE_EOF) {
      done_ = true;
      return std::span<const uint8_t>();
    }
    if (rc < ARCHIVE_WARN) {
      done_ = true;
      return std::unexpected(ArchiveError());
    }
    return std::span<const uint8_t>(static_cast<const uint8_t*>(buf), size);
  }

  Error ArchiveError() const {
    if (ctx_->error) return *ctx_->error;
    const char* msg = archive_error_string(a_);
    return Error{ErrorCode::kCorrupt,
                 fmt::format("reading '{}': {}", Excerpt(path_), msg ? msg : "corrupt tar data"),
                 std::string(ctx_->name)};
  }

 private:
  struct archive* a_;
  ReadContext* ctx_;
  std::string_view path_;
  bool done_ = false;
};

struct ArchiveCloser {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

}  // namespace

Result<WalkStats> WalkTar(ByteStream& stream, std::string_view name, const Limits& limits,
                          const EntryCallback& callback, std::vector<Diagnostic>& diagnostics,
                          ByteBudget* budget, const std::function<void(uint64_t)>& on_bytes) {
  std::unique_ptr<struct archive, ArchiveCloser> a(archive_read_new());
  if (!a) return std::unexpected(Error{ErrorCode::kInternal, "libarchive: out of memory",
                                       std::string(name)});
  if (archive_read_support_format_tar(a.get()) != ARCHIVE_OK) {
    return std::unexpected(Error{ErrorCode::kInternal, "libarchive cannot read tar",
                                 std::string(name)});
  }
  ReadContext ctx{&stream, name, &limits, budget, &on_bytes};
  auto fail = [&](std::string_view what) -> std::unexpected<Error> {
    if (ctx.error) return std::unexpected(*ctx.error);
    const char* msg = archive_error_string(a.get());
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 fmt::format("{}: {}", what, msg ? msg : "not a tar archive"),
                                 std::string(name), ctx.bytes, Error::PositionKind::kOffset});
  };
  if (archive_read_open(a.get(), &ctx, nullptr, ReadCallback, nullptr) != ARCHIVE_OK) {
    // A zero-byte layer is a valid, empty layer (some builders write them).
    if (ctx.bytes == 0 && !ctx.error) return WalkStats{};
    return fail("cannot read tar");
  }
  WalkStats stats;
  struct archive_entry* e = nullptr;
  for (;;) {
    int rc = archive_read_next_header(a.get(), &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc < ARCHIVE_WARN) {
      // An empty layer (zero bytes) is a valid, empty tar for our purposes.
      if (stats.entries == 0 && ctx.bytes == 0 && !ctx.error) break;
      return fail(stats.entries == 0 ? "not a tar archive" : "corrupt or truncated tar");
    }
    if (++stats.entries > limits.max_entries) {
      return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                   fmt::format("layer has more than {} entries (--max-entries)",
                                               limits.max_entries),
                                   std::string(name)});
    }
    const char* raw_c = archive_entry_pathname(e);
    if (!raw_c) raw_c = archive_entry_pathname_utf8(e);
    std::string_view raw = raw_c ? raw_c : "";
    if (raw.size() > limits.max_path_length) {
      diagnostics.push_back({"tar.path_too_long", std::string(name), 0, 0,
                             fmt::format("entry path of {} bytes is over the limit of {}; "
                                         "skipped: {}",
                                         raw.size(), limits.max_path_length, Excerpt(raw)),
                             Severity::kHigh});
      continue;
    }
    auto path = NormalizeEntryPath(raw);
    if (!path) {
      diagnostics.push_back({"tar.path_escape", std::string(name), 0, 0,
                             fmt::format("entry path '{}' escapes the image root; skipped",
                                         Excerpt(raw)),
                             Severity::kHigh});
      continue;
    }
    if (path->empty()) continue;  // the root directory itself

    TarEntry entry;
    entry.mode = static_cast<uint32_t>(archive_entry_perm(e)) & 07777;
    entry.uid = archive_entry_uid(e);
    entry.gid = archive_entry_gid(e);
    entry.mtime = archive_entry_mtime(e);

    std::string_view base = *path;
    std::string_view dir;
    if (auto slash = base.rfind('/'); slash != std::string_view::npos) {
      dir = base.substr(0, slash);
      base = base.substr(slash + 1);
    }
    if (base == kOpaqueMarker) {
      entry.type = EntryType::kOpaqueDir;
      entry.path = std::string(dir);
    } else if (base.starts_with(kWhiteoutPrefix)) {
      entry.type = EntryType::kWhiteout;
      std::string_view target = base.substr(kWhiteoutPrefix.size());
      if (target.empty() || target == "." || target == "..") {
        diagnostics.push_back({"tar.bad_whiteout", std::string(name), 0, 0,
                               fmt::format("whiteout '{}' names no file; skipped", Excerpt(raw)),
                               Severity::kMedium});
        continue;
      }
      entry.path = dir.empty() ? std::string(target) : fmt::format("{}/{}", dir, target);
    } else {
      entry.path = std::move(*path);
      if (const char* hl = archive_entry_hardlink(e)) {
        auto target = NormalizeEntryPath(hl);
        if (!target || target->empty()) {
          diagnostics.push_back({"tar.path_escape", std::string(name), 0, 0,
                                 fmt::format("hardlink '{}' points outside the image root ('{}'); "
                                             "skipped",
                                             Excerpt(entry.path), Excerpt(hl)),
                                 Severity::kHigh});
          continue;
        }
        entry.type = EntryType::kHardlink;
        entry.link_target = std::move(*target);
      } else {
        switch (archive_entry_filetype(e)) {
          case AE_IFREG:
            entry.type = EntryType::kFile;
            entry.size = static_cast<uint64_t>(std::max<la_int64_t>(0, archive_entry_size(e)));
            break;
          case AE_IFDIR: entry.type = EntryType::kDir; break;
          case AE_IFLNK:
            entry.type = EntryType::kSymlink;
            if (const char* t = archive_entry_symlink(e)) entry.link_target = t;
            break;
          case AE_IFCHR: entry.type = EntryType::kCharDevice; break;
          case AE_IFBLK: entry.type = EntryType::kBlockDevice; break;
          case AE_IFIFO: entry.type = EntryType::kFifo; break;
          default:
            diagnostics.push_back({"tar.unknown_type", std::string(name), 0, 0,
                                   fmt::format("entry '{}' has an unsupported type; skipped",
                                               Excerpt(entry.path)),
                                   Severity::kLow});
            continue;
        }
      }
    }
    ArchiveEntryReader reader(a.get(), &ctx, entry.path);
    PC_TRY_VOID(callback(entry, reader));
    // Whatever the callback did not read is skipped by the next archive_read_next_header.
  }
  // Read to the end of the stream: trailing bytes after the end-of-archive marker must still be
  // hashed for the digest check, and must not exceed the limits.
  for (;;) {
    const void* ignored = nullptr;
    la_ssize_t n = ReadCallback(a.get(), &ctx, &ignored);
    if (n < 0) return fail("reading past the end of the tar");
    if (n == 0) break;
  }
  stats.bytes = ctx.bytes;
  return stats;
}

}  // namespace portcullis
