#include "analyzer/lang/go_binary.h"

#include <cstring>

#include "analyzer/lang/lang_package.h"
#include "core/strings.h"

namespace portcullis {

namespace {

constexpr std::string_view kMagic("\xff Go buildinf:", 14);
constexpr size_t kHeaderBytes = 32;
constexpr uint8_t kFlagInline = 0x2;

// Reads an unsigned LEB128 varint at `pos`. Returns false when the block ends first or the
// value does not fit in 32 bits (no buildinfo string is that long).
enum class VarintResult { kOk, kShort, kBad };
VarintResult ReadUvarint(std::span<const uint8_t> b, size_t& pos, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (pos >= b.size()) return VarintResult::kShort;
    uint8_t byte = b[pos++];
    value |= uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) return value > kMaxGoBuildInfoBytes ? VarintResult::kBad
                                                                 : VarintResult::kOk;
  }
  return VarintResult::kBad;
}

// Where the writable data of an ELF file starts: the smallest file offset of a PT_LOAD
// segment with PF_W, from the program headers in `head` (the file's first bytes). The Go linker
// puts .go.buildinfo at the start of its writable data segment (cmd/link: Segdata), so nothing
// before that offset needs searching. 0 (search everything) when the headers are not all in
// `head` or name no such segment.
uint64_t WritableDataOffset(std::string_view head) {
  if (head.size() < 52) return 0;
  auto u = [&](size_t at, size_t n, bool le) -> uint64_t {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) {
      uint64_t byte = static_cast<uint8_t>(head[at + i]);
      v |= le ? byte << (8 * i) : byte << (8 * (n - 1 - i));
    }
    return v;
  };
  bool is64 = head[4] == 2;
  bool le = head[5] == 1;
  if ((head[4] != 1 && !is64) || (head[5] != 1 && head[5] != 2)) return 0;
  if (is64 && head.size() < 64) return 0;
  uint64_t phoff = is64 ? u(0x20, 8, le) : u(0x1C, 4, le);
  uint64_t phentsize = is64 ? u(0x36, 2, le) : u(0x2A, 2, le);
  uint64_t phnum = is64 ? u(0x38, 2, le) : u(0x2C, 2, le);
  if (phentsize < (is64 ? 56u : 32u) || phnum == 0 || phoff > head.size() ||
      phnum * phentsize > head.size() - phoff) {
    return 0;
  }
  uint64_t best = 0;
  bool found = false;
  for (uint64_t i = 0; i < phnum; ++i) {
    size_t at = static_cast<size_t>(phoff + i * phentsize);
    uint64_t type = u(at, 4, le);
    uint64_t flags = is64 ? u(at + 4, 4, le) : u(at + 24, 4, le);
    uint64_t offset = is64 ? u(at + 8, 8, le) : u(at + 4, 4, le);
    if (type == 1 && (flags & 2) != 0 && (!found || offset < best)) {
      best = offset;
      found = true;
    }
  }
  return found ? best : 0;
}

class GoBinaryScan final : public ContentScan {
 public:
  explicit GoBinaryScan(std::string path) : path_(std::move(path)) {}

  void Feed(std::span<const uint8_t> block) override {
    if (done_) return;
    std::string_view bytes(reinterpret_cast<const char*>(block.data()), block.size());
    if (!decided_) {
      size_t take = std::min(bytes.size(), kHeadBytes - head_.size());
      head_.append(bytes.substr(0, take));
      if (head_.size() < kHeadBytes) return;
      Decide();
      Process(head_, 0);
      Process(bytes.substr(take), kHeadBytes);
      return;
    }
    Process(bytes, offset_);
  }

  void Finish(LayerFacts& facts) override {
    if (!decided_) {
      Decide();
      Process(head_, 0);
    }
    if (!found_ || !elf_) return;
    GoBuildInfo info;
    GoBuildInfoStatus status = ParseGoBuildInfo(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(buffer_.data()),
                                 buffer_.size()),
        info);
    if (status == GoBuildInfoStatus::kOldFormat) {
      Diagnostic d;
      d.code = "go.old_buildinfo";
      d.path = path_;
      d.message = "Go binary built before Go 1.18: its module list is not read";
      d.severity = Severity::kInfo;
      facts.diagnostics.push_back(std::move(d));
      return;
    }
    if (status != GoBuildInfoStatus::kOk) {
      if (status == GoBuildInfoStatus::kNeedMore) {
        Diagnostic d;
        d.code = "go.truncated_buildinfo";
        d.path = path_;
        d.message = "Go buildinfo is cut short by the end of the file or the " +
                    std::to_string(kMaxGoBuildInfoBytes) + "-byte limit; modules not read";
        facts.diagnostics.push_back(std::move(d));
      }
      return;
    }
    AddLanguageDb(facts, path_, "gobinary", GoBuildInfoPackages(info, path_));
  }

 private:
  static constexpr size_t kHeadBytes = 4096;

  // With the file's first bytes in head_: is it ELF, and where may the buildinfo start.
  void Decide() {
    decided_ = true;
    elf_ = head_.size() >= 4 && head_.substr(0, 4) == std::string_view("\x7f" "ELF", 4);
    if (!elf_) {
      done_ = true;
      return;
    }
    skip_until_ = WritableDataOffset(head_);
  }

  // Handles the bytes of the file at offsets [at, at + bytes.size()).
  void Process(std::string_view bytes, uint64_t at) {
    if (done_) return;
    offset_ = at + bytes.size();
    if (!found_) {
      if (offset_ <= skip_until_) return;
      if (at < skip_until_) {
        bytes.remove_prefix(static_cast<size_t>(skip_until_ - at));
        carry_.clear();
      }
    }
    Scan(bytes);
  }

  void Scan(std::string_view bytes) {
    if (found_) {
      buffer_.append(bytes.substr(0, kMaxGoBuildInfoBytes - buffer_.size()));
      GoBuildInfoStatus status = Status();
      if (status == GoBuildInfoStatus::kInvalid) {
        // Not buildinfo after all: search again after the false magic.
        found_ = false;
        std::string rest = buffer_.substr(1);
        buffer_.clear();
        Search(rest);
      } else if (status != GoBuildInfoStatus::kNeedMore ||
                 buffer_.size() >= kMaxGoBuildInfoBytes) {
        done_ = true;
      }
      return;
    }
    if (carry_.empty()) {
      Search(bytes);
    } else {
      std::string joined = carry_;
      joined.append(bytes);
      Search(joined);
    }
  }

  // Looks for the magic in `view` (never recursing); on a hit that parses, or may parse once
  // more bytes arrive, starts collecting.
  void Search(std::string_view view) {
    size_t from = 0;
    while (from < view.size()) {
      const void* hit = memmem(view.data() + from, view.size() - from, kMagic.data(),
                               kMagic.size());
      if (hit == nullptr) break;
      size_t at = static_cast<const char*>(hit) - view.data();
      buffer_.assign(view.substr(at, kMaxGoBuildInfoBytes));
      GoBuildInfoStatus status = Status();
      if (status == GoBuildInfoStatus::kInvalid) {
        from = at + 1;
        continue;
      }
      found_ = true;
      carry_.clear();
      if (status != GoBuildInfoStatus::kNeedMore || buffer_.size() >= kMaxGoBuildInfoBytes) {
        done_ = true;
      }
      return;
    }
    buffer_.clear();
    size_t keep = std::min(view.size(), kMagic.size() - 1);
    carry_.assign(view.substr(view.size() - keep));
  }

  GoBuildInfoStatus Status() const {
    GoBuildInfo info;
    return ParseGoBuildInfo(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(buffer_.data()),
                                 buffer_.size()),
        info);
  }

  std::string path_;
  std::string head_;      // the first kHeadBytes of the file, until Decide()
  std::string carry_;     // the last bytes searched, for a magic split across blocks
  std::string buffer_;    // the buildinfo block, from its magic on
  uint64_t offset_ = 0;   // file offset of the next byte
  uint64_t skip_until_ = 0;
  bool decided_ = false;
  bool elf_ = false;
  bool found_ = false;
  bool done_ = false;
};

}  // namespace

GoBuildInfoStatus ParseGoBuildInfo(std::span<const uint8_t> b, GoBuildInfo& info) {
  if (b.size() < kMagic.size()) return GoBuildInfoStatus::kNeedMore;
  if (std::memcmp(b.data(), kMagic.data(), kMagic.size()) != 0) {
    return GoBuildInfoStatus::kInvalid;
  }
  if (b.size() < kHeaderBytes) return GoBuildInfoStatus::kNeedMore;
  uint8_t ptr_size = b[14];
  uint8_t flags = b[15];
  if (ptr_size != 4 && ptr_size != 8) return GoBuildInfoStatus::kInvalid;
  if ((flags & kFlagInline) == 0) return GoBuildInfoStatus::kOldFormat;
  size_t pos = kHeaderBytes;
  std::string strings[2];
  for (std::string& s : strings) {
    uint64_t len = 0;
    switch (ReadUvarint(b, pos, len)) {
      case VarintResult::kShort: return GoBuildInfoStatus::kNeedMore;
      case VarintResult::kBad: return GoBuildInfoStatus::kInvalid;
      case VarintResult::kOk: break;
    }
    if (b.size() - pos < len) return GoBuildInfoStatus::kNeedMore;
    s.assign(reinterpret_cast<const char*>(b.data() + pos), len);
    pos += len;
  }
  if (strings[0].rfind("go", 0) != 0) return GoBuildInfoStatus::kInvalid;
  info.go_version = SanitizeUtf8(strings[0]);
  std::string_view mod = strings[1];
  // The module info is framed by 16 sentinel bytes on each side.
  if (mod.size() >= 33 && mod[mod.size() - 17] == '\n') {
    ParseGoModInfo(mod.substr(16, mod.size() - 32), info);
  }
  return GoBuildInfoStatus::kOk;
}

void ParseGoModInfo(std::string_view modinfo, GoBuildInfo& info) {
  for (std::string_view line : Split(modinfo, '\n')) {
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() < 2) continue;
    if (f[0] == "path") {
      info.path = SanitizeUtf8(f[1]);
    } else if (f[0] == "mod" && f.size() >= 3) {
      info.main_module = SanitizeUtf8(f[1]);
      info.main_version = SanitizeUtf8(f[2]);
    } else if (f[0] == "dep" && f.size() >= 3) {
      if (info.deps.size() < 100'000) {
        info.deps.push_back({SanitizeUtf8(f[1]), SanitizeUtf8(f[2])});
      }
    } else if (f[0] == "=>" && f.size() >= 3 && !info.deps.empty() && !f[2].empty()) {
      // Replacement of the dependency on the line before (a local path has no version and
      // leaves the original).
      info.deps.back() = {SanitizeUtf8(f[1]), SanitizeUtf8(f[2])};
    }
  }
}

std::vector<Package> GoBuildInfoPackages(const GoBuildInfo& info, std::string_view path) {
  std::vector<Package> out;
  auto add = [&](std::string name, std::string version) {
    if (name.empty() || version.empty()) return;
    PurlParts purl;
    if (size_t slash = name.rfind('/'); slash != std::string::npos) {
      purl.namespace_ = name.substr(0, slash);  // "github.com/x" of "github.com/x/y"
      purl.name = name.substr(slash + 1);
    }
    out.push_back(MakeLanguagePackage(name, version, "golang", "Go", path, purl));
  };
  if (info.go_version.rfind("go", 0) == 0) {
    // "go1.21.5", "go1.22rc1", "go1.21.5 X:boringcrypto": the version is the first word.
    std::string_view v = std::string_view(info.go_version).substr(2);
    v = v.substr(0, v.find_first_of(" \t"));
    if (!v.empty()) {
      // Appended piecewise: GCC 12 at -O3 misreports `"v" + string` (bug 105329, -Wrestrict).
      std::string version = "v";
      version += v;
      add("stdlib", version);
    }
  }
  // "(devel)" is what Go records for a module built from a checkout or a workspace: it names
  // no release, so nothing could be matched against it.
  if (info.main_version != "(devel)") add(info.main_module, info.main_version);
  for (const auto& dep : info.deps) {
    if (dep.version != "(devel)") add(dep.path, dep.version);
  }
  return out;
}

std::unique_ptr<ContentScan> GoBinaryAnalyzer::BeginScan(const TarEntry& entry) const {
  if (entry.type != EntryType::kFile || (entry.mode & 0111) == 0 || entry.size < 64) {
    return nullptr;
  }
  return std::make_unique<GoBinaryScan>(entry.path);
}

}  // namespace portcullis
