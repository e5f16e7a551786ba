#include "analyzer/lang/go_binary.h"

#include <cstring>

#include "analyzer/pkg/purl.h"
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

class GoBinaryScan final : public ContentScan {
 public:
  explicit GoBinaryScan(std::string path) : path_(std::move(path)) {}

  void Feed(std::span<const uint8_t> block) override {
    if (done_) return;
    if (!elf_checked_) {
      // The ELF magic may straddle blocks in theory; collect the first four bytes.
      while (head_.size() < 4 && !block.empty()) {
        head_.push_back(static_cast<char>(block[0]));
        Scan(block.first(1));
        block = block.subspan(1);
      }
      if (head_.size() < 4) return;
      elf_checked_ = true;
      if (head_ != std::string_view("\x7f" "ELF", 4)) {
        done_ = true;
        return;
      }
    }
    Scan(block);
  }

  void Finish(LayerFacts& facts) override {
    if (!found_ || !elf_checked_ || head_ != std::string_view("\x7f" "ELF", 4)) return;
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
    PackageDb db;
    db.path = path_;
    db.kind = "gobinary";
    db.os = false;
    db.packages = GoBuildInfoPackages(info, path_);
    if (!db.packages.empty()) facts.package_dbs.push_back(std::move(db));
  }

 private:
  void Scan(std::span<const uint8_t> block) {
    std::string_view bytes(reinterpret_cast<const char*>(block.data()), block.size());
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
  std::string head_;
  std::string carry_;
  std::string buffer_;
  bool elf_checked_ = false;
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
    Package p;
    p.name = std::move(name);
    p.version = std::move(version);
    p.source_name = p.name;
    p.source_version = p.version;
    p.type = "golang";
    p.ecosystem = "Go";
    p.found_in = std::string(path);
    size_t slash = p.name.rfind('/');
    PurlParts parts{"golang", "", p.name, p.version, {}, ""};
    if (slash != std::string::npos) {
      parts.namespace_ = p.name.substr(0, slash);
      parts.name = p.name.substr(slash + 1);
    }
    p.purl = BuildPurl(parts);
    out.push_back(std::move(p));
  };
  if (info.go_version.rfind("go", 0) == 0) {
    // "go1.21.5", "go1.22rc1", "go1.21.5 X:boringcrypto": the version is the first word.
    std::string_view v = std::string_view(info.go_version).substr(2);
    v = v.substr(0, v.find_first_of(" \t"));
    if (!v.empty()) add("stdlib", "v" + std::string(v));
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
