#include "analyzer/pkg/bdb_hash.h"

#include <fmt/format.h>

namespace portcullis {

namespace {

// Layout constants of Berkeley DB 4.x-5.x (db_page.h).
constexpr uint32_t kHashMagic = 0x061561;
constexpr size_t kPageHeaderBytes = 26;  // lsn, pgno, prev, next, entries, hf_offset, level, type
constexpr uint8_t kPageHashUnsorted = 2;
constexpr uint8_t kPageOverflow = 7;
constexpr uint8_t kPageHashMeta = 8;
constexpr uint8_t kPageHash = 13;
constexpr uint8_t kItemKeyData = 1;
constexpr uint8_t kItemOffPage = 3;
constexpr uint8_t kMetaChecksum = 0x01;

// Reads integers in the byte order of the file (that of the machine that wrote it).
class Reader {
 public:
  explicit Reader(bool little_endian) : le_(little_endian) {}

  uint32_t U32(std::string_view b, size_t at) const {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) {
      uint32_t byte = static_cast<uint8_t>(b[at + i]);
      v |= le_ ? byte << (8 * i) : byte << (8 * (3 - i));
    }
    return v;
  }
  uint16_t U16(std::string_view b, size_t at) const {
    uint16_t lo = static_cast<uint8_t>(b[at]);
    uint16_t hi = static_cast<uint8_t>(b[at + 1]);
    return le_ ? static_cast<uint16_t>(lo | (hi << 8)) : static_cast<uint16_t>((lo << 8) | hi);
  }

 private:
  bool le_;
};

}  // namespace

Result<std::vector<BdbRecord>> ReadBdbHash(std::string_view content, std::string_view path,
                                           std::vector<Diagnostic>& diagnostics,
                                           uint64_t max_value_bytes) {
  const std::string spath(path);
  if (content.size() < 512) {
    return FailAt(ErrorCode::kCorrupt, spath, 0, "{} bytes: too short for a Berkeley DB file",
                  content.size());
  }
  bool le = true;
  Reader probe(true);
  if (probe.U32(content, 12) != kHashMagic) {
    Reader swapped(false);
    if (swapped.U32(content, 12) != kHashMagic) {
      return FailAt(ErrorCode::kCorrupt, spath, 0, "not a Berkeley DB hash database (magic)");
    }
    le = false;
  }
  Reader r(le);
  uint32_t version = r.U32(content, 16);
  uint32_t page_size = r.U32(content, 20);
  if (version < 7 || version > 10) {
    return FailAt(ErrorCode::kUnsupported, spath, 0, "Berkeley DB hash version {} not read",
                  version);
  }
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0) {
    return FailAt(ErrorCode::kCorrupt, spath, 0, "Berkeley DB page size {} is invalid",
                  page_size);
  }
  if (static_cast<uint8_t>(content[24]) != 0) {
    return FailAt(ErrorCode::kUnsupported, spath, 0, "encrypted Berkeley DB file not read");
  }
  if (static_cast<uint8_t>(content[25]) != kPageHashMeta) {
    return FailAt(ErrorCode::kCorrupt, spath, 0, "first page is not a hash metadata page");
  }
  if (static_cast<uint8_t>(content[26]) & kMetaChecksum) {
    return FailAt(ErrorCode::kUnsupported, spath, 0,
                  "Berkeley DB file with page checksums not read");
  }
  uint64_t pages = content.size() / page_size;
  uint64_t last_pgno = r.U32(content, 32);
  if (last_pgno + 1 < pages) pages = last_pgno + 1;
  if (last_pgno + 1 > pages) {
    diagnostics.push_back({"bdb.truncated", spath, 0, 0,
                           fmt::format("metadata names {} pages, the file holds {}; the pages "
                                       "past its end are lost",
                                       last_pgno + 1, pages),
                           Severity::kHigh});
  }
  auto page_at = [&](uint64_t pgno) {
    return content.substr(static_cast<size_t>(pgno * page_size), page_size);
  };
  auto bad = [&](uint64_t pgno, std::string what) {
    diagnostics.push_back({"bdb.bad_page", spath, 0, 0,
                           fmt::format("page {}: {}; skipped", pgno, what), Severity::kHigh});
  };

  // One item of a hash page: [start, end) within the page.
  auto read_item = [&](uint64_t pgno, std::string_view item, std::string& out) -> bool {
    uint8_t type = static_cast<uint8_t>(item[0]);
    if (type == kItemKeyData) {
      out.assign(item.substr(1));
      return true;
    }
    if (type != kItemOffPage) {
      bad(pgno, fmt::format("item type {} (duplicates) not supported", type));
      return false;
    }
    if (item.size() < 12) {
      bad(pgno, "off-page item shorter than 12 bytes");
      return false;
    }
    uint32_t next = r.U32(item, 4);
    uint32_t total = r.U32(item, 8);
    if (total > max_value_bytes) {
      bad(pgno, fmt::format("off-page item of {} bytes is over the limit", total));
      return false;
    }
    out.clear();
    out.reserve(total);
    uint64_t hops = 0;
    while (next != 0 && out.size() < total) {
      if (next >= pages || ++hops > pages) {
        bad(pgno, fmt::format("overflow chain leaves the file or loops (page {})", next));
        return false;
      }
      std::string_view ov = page_at(next);
      if (static_cast<uint8_t>(ov[25]) != kPageOverflow) {
        bad(pgno, fmt::format("overflow chain reaches page {} of type {}", next,
                              static_cast<uint8_t>(ov[25])));
        return false;
      }
      uint16_t len = r.U16(ov, 22);
      if (kPageHeaderBytes + len > page_size) {
        bad(next, "overflow data runs past the page");
        return false;
      }
      out.append(ov.substr(kPageHeaderBytes, std::min<uint64_t>(len, total - out.size())));
      next = r.U32(ov, 16);
    }
    if (out.size() != total) {
      bad(pgno, fmt::format("overflow chain holds {} of {} bytes", out.size(), total));
      return false;
    }
    return true;
  };

  std::vector<BdbRecord> records;
  for (uint64_t pgno = 1; pgno < pages; ++pgno) {
    std::string_view page = page_at(pgno);
    uint8_t type = static_cast<uint8_t>(page[25]);
    if (type != kPageHash && type != kPageHashUnsorted) continue;
    uint16_t entries = r.U16(page, 20);
    if (kPageHeaderBytes + 2ull * entries > page_size || entries % 2 != 0) {
      bad(pgno, fmt::format("{} entries do not fit the page", entries));
      continue;
    }
    // Items are stored from the end of the page backwards; item i ends where item i-1 starts.
    uint64_t previous = page_size;
    for (uint16_t i = 0; i + 1 < entries; i += 2) {
      uint16_t key_at = r.U16(page, kPageHeaderBytes + 2 * i);
      uint16_t value_at = r.U16(page, kPageHeaderBytes + 2 * (i + 1));
      uint64_t low = kPageHeaderBytes + 2ull * entries;
      if (key_at < low || key_at >= previous || value_at < low || value_at >= key_at) {
        bad(pgno, fmt::format("item offsets {} and {} are out of order or outside the page",
                              key_at, value_at));
        break;
      }
      BdbRecord record;
      bool ok = read_item(pgno, page.substr(key_at, previous - key_at), record.key) &&
                read_item(pgno, page.substr(value_at, key_at - value_at), record.value);
      previous = value_at;
      if (ok) records.push_back(std::move(record));
    }
  }
  return records;
}

}  // namespace portcullis
