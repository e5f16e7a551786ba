#include "source/tar_index.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/strings.h"
#include "layer/tar_walker.h"

namespace portcullis {

namespace {

constexpr size_t kBlock = 512;
constexpr uint64_t kMaxPaxBytes = 1 << 20;

// Parses a numeric header field: octal text, or GNU base-256 when the high bit is set.
std::optional<uint64_t> ParseNumber(const uint8_t* field, size_t len) {
  if (len > 0 && (field[0] & 0x80)) {
    if (field[0] & 0x40) return std::nullopt;  // negative
    uint64_t v = field[0] & 0x3f;
    for (size_t i = 1; i < len; ++i) {
      if (v >> 55) return std::nullopt;  // overflow
      v = (v << 8) | field[i];
    }
    return v;
  }
  uint64_t v = 0;
  size_t i = 0;
  while (i < len && (field[i] == ' ' || field[i] == 0)) ++i;
  bool any = false;
  for (; i < len && field[i] >= '0' && field[i] <= '7'; ++i) {
    if (v >> 60) return std::nullopt;
    v = v * 8 + (field[i] - '0');
    any = true;
  }
  for (; i < len; ++i) {
    if (field[i] != ' ' && field[i] != 0) return std::nullopt;
  }
  if (!any) return 0;
  return v;
}

std::string FieldString(const uint8_t* field, size_t len) {
  size_t n = 0;
  while (n < len && field[n] != 0) ++n;
  return std::string(reinterpret_cast<const char*>(field), n);
}

bool ChecksumOk(const uint8_t* h) {
  auto stored = ParseNumber(h + 148, 8);
  if (!stored) return false;
  uint64_t sum = 0;
  for (size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? ' ' : h[i];
  return sum == *stored;
}

// Parses pax extended header records ("LEN key=value\n") into path/linkpath/size overrides.
// A size record sets *size and *has_size (a plain flag, not std::optional: GCC 12 at -O3
// reports a false maybe-uninitialized on the optional's value).
bool ParsePax(std::string_view data, std::string* path, std::string* link, uint64_t* size,
              bool* has_size) {
  while (!data.empty()) {
    size_t space = data.find(' ');
    if (space == std::string_view::npos || space == 0 || space > 20) return false;
    uint64_t len = 0;
    for (size_t i = 0; i < space; ++i) {
      if (data[i] < '0' || data[i] > '9') return false;
      len = len * 10 + static_cast<uint64_t>(data[i] - '0');
    }
    if (len <= space + 1 || len > data.size()) return false;
    std::string_view record = data.substr(space + 1, len - space - 1);
    if (record.empty() || record.back() != '\n') return false;
    record.remove_suffix(1);
    size_t eq = record.find('=');
    if (eq != std::string_view::npos) {
      std::string_view key = record.substr(0, eq), value = record.substr(eq + 1);
      if (key == "path") {
        *path = std::string(value);
      } else if (key == "linkpath") {
        *link = std::string(value);
      } else if (key == "size") {
        uint64_t v = 0;
        for (char c : value) {
          if (c < '0' || c > '9') return false;
          uint64_t digit = static_cast<uint64_t>(c - '0');
          if (v > (UINT64_MAX - digit) / 10) return false;  // 18446744073709551617 overflows
          v = v * 10 + digit;
        }
        *size = v;
        *has_size = true;
      }
    }
    data.remove_prefix(len);
  }
  return true;
}

Result<void> ReadAt(int fd, uint64_t offset, void* buf, size_t n, const std::string& path) {
  size_t done = 0;
  while (done < n) {
    ssize_t r = ::pread(fd, static_cast<char*>(buf) + done, n - done,
                        static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), path});
    if (r == 0) {
      return std::unexpected(Error{ErrorCode::kCorrupt, "tar archive is truncated", path,
                                   offset + done, Error::PositionKind::kOffset});
    }
    done += static_cast<size_t>(r);
  }
  return {};
}

}  // namespace

Result<TarIndex> TarIndex::Open(const std::string& path, const Limits& limits) {
  TarIndex index;
  index.path_ = path;
  index.fd_ = PC_TRY(OpenSharedFd(path));
  index.max_symlink_hops_ = limits.max_symlink_hops;
  int fd = *index.fd_;
  struct stat st;
  if (fstat(fd, &st) != 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), path});
  if (!S_ISREG(st.st_mode)) {
    return std::unexpected(Error{ErrorCode::kInvalidArgument, "not a regular file", path});
  }
  const uint64_t file_size = static_cast<uint64_t>(st.st_size);

  uint8_t h[kBlock];
  uint64_t offset = 0;
  std::string long_name, long_link;
  std::string pax_path, pax_link;
  uint64_t pax_size = 0;
  bool has_pax_size = false;
  uint64_t count = 0;
  for (;;) {
    if (offset + kBlock > file_size) {
      if (offset == file_size && count > 0) break;  // no end-of-archive blocks: tolerated
      return std::unexpected(Error{ErrorCode::kCorrupt, "tar archive is truncated", path, offset,
                                   Error::PositionKind::kOffset});
    }
    PC_TRY_VOID(ReadAt(fd, offset, h, kBlock, path));
    bool zero = std::all_of(h, h + kBlock, [](uint8_t b) { return b == 0; });
    if (zero) break;  // end of archive
    if (offset == 0 && ((h[0] == 0x1f && h[1] == 0x8b) ||
                        (h[0] == 0x28 && h[1] == 0xb5 && h[2] == 0x2f && h[3] == 0xfd))) {
      return std::unexpected(Error{ErrorCode::kUnsupported,
                                   "compressed archive: decompress it first (e.g. gunzip), "
                                   "image archives are read uncompressed",
                                   path});
    }
    if (!ChecksumOk(h)) {
      return std::unexpected(Error{ErrorCode::kCorrupt,
                                   offset == 0 ? "not a tar archive (bad header checksum)"
                                               : "bad tar header checksum",
                                   path, offset, Error::PositionKind::kOffset});
    }
    if (++count > limits.max_entries) {
      return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                   fmt::format("archive has more than {} members", limits.max_entries),
                                   path});
    }
    auto size = ParseNumber(h + 124, 12);
    if (!size) {
      return std::unexpected(Error{ErrorCode::kCorrupt, "bad size field in tar header", path,
                                   offset, Error::PositionKind::kOffset});
    }
    char type = static_cast<char>(h[156]);
    uint64_t data_offset = offset + kBlock;
    uint64_t member_size = *size;
    if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
      if (member_size > kMaxPaxBytes) {
        return std::unexpected(Error{ErrorCode::kLimitExceeded, "tar extended header is too large",
                                     path, offset, Error::PositionKind::kOffset});
      }
      if (data_offset + member_size > file_size) {
        return std::unexpected(Error{ErrorCode::kCorrupt, "tar archive is truncated", path,
                                     data_offset, Error::PositionKind::kOffset});
      }
      std::string data(member_size, '\0');
      PC_TRY_VOID(ReadAt(fd, data_offset, data.data(), data.size(), path));
      if (type == 'x') {
        if (!ParsePax(data, &pax_path, &pax_link, &pax_size, &has_pax_size)) {
          return std::unexpected(Error{ErrorCode::kCorrupt, "malformed pax header", path, offset,
                                       Error::PositionKind::kOffset});
        }
      } else if (type == 'L') {
        long_name = FieldString(reinterpret_cast<const uint8_t*>(data.data()), data.size());
      } else if (type == 'K') {
        long_link = FieldString(reinterpret_cast<const uint8_t*>(data.data()), data.size());
      }
      offset = data_offset + ((member_size + kBlock - 1) / kBlock) * kBlock;
      continue;
    }
    std::string name = FieldString(h, 100);
    if (std::memcmp(h + 257, "ustar", 5) == 0) {
      std::string prefix = FieldString(h + 345, 155);
      if (!prefix.empty()) name = prefix + "/" + name;
    }
    std::string link = FieldString(h + 157, 100);
    if (!long_name.empty()) name = std::move(long_name);
    if (!long_link.empty()) link = std::move(long_link);
    if (!pax_path.empty()) name = std::move(pax_path);
    if (!pax_link.empty()) link = std::move(pax_link);
    if (has_pax_size) member_size = pax_size;
    long_name.clear();
    long_link.clear();
    pax_path.clear();
    pax_link.clear();
    pax_size = 0;
    has_pax_size = false;

    // Hard links, symlinks, directories and devices have no content in the archive.
    uint64_t stored = (type == '0' || type == '\0' || type == '7') ? member_size : 0;
    if (type == '1' || type == '2' || type == '5') stored = 0;
    if (data_offset + stored > file_size || data_offset + stored < data_offset) {
      return std::unexpected(Error{ErrorCode::kCorrupt,
                                   fmt::format("member '{}' is truncated", Excerpt(name)), path,
                                   data_offset, Error::PositionKind::kOffset});
    }
    if (name.size() <= limits.max_path_length) {
      if (auto norm = NormalizeEntryPath(name); norm && !norm->empty()) {
        Member m{data_offset, stored, type == '\0' || type == '7' ? '0' : type, link};
        index.members_[*norm] = std::move(m);
      }
    }
    offset = data_offset + ((stored + kBlock - 1) / kBlock) * kBlock;
  }
  return index;
}

const TarIndex::Member* TarIndex::Find(std::string_view name) const {
  auto norm = NormalizeEntryPath(name);
  if (!norm) return nullptr;
  std::string current = std::move(*norm);
  for (uint64_t hop = 0; hop <= max_symlink_hops_; ++hop) {
    auto it = members_.find(current);
    if (it == members_.end()) return nullptr;
    const Member& m = it->second;
    if (m.type == '0') return &m;
    if (m.type == '1') {
      auto target = NormalizeEntryPath(m.link);
      if (!target) return nullptr;
      current = std::move(*target);
    } else if (m.type == '2') {
      // Relative symlink targets resolve against the link's directory.
      std::string base;
      if (auto slash = current.rfind('/'); slash != std::string::npos) base = current.substr(0, slash + 1);
      auto target = NormalizeEntryPath(m.link.starts_with('/') ? m.link : base + m.link);
      if (!target) return nullptr;
      current = std::move(*target);
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

Result<std::unique_ptr<ByteStream>> TarIndex::OpenMember(std::string_view name) const {
  const Member* m = Find(name);
  if (!m) {
    return std::unexpected(Error{ErrorCode::kNotFound,
                                 fmt::format("'{}' is not in the archive", Excerpt(name)), path_});
  }
  return std::unique_ptr<ByteStream>(std::make_unique<FileRegionStream>(
      fd_, m->offset, m->size, fmt::format("{}:{}", path_, name)));
}

Result<std::string> TarIndex::ReadMember(std::string_view name, uint64_t max_bytes) const {
  auto stream = PC_TRY(OpenMember(name));
  return ReadAll(*stream, max_bytes, fmt::format("{}:{}", path_, name));
}

}  // namespace portcullis
