#include "detector/hardening/image_facts.h"

#include <algorithm>

#include <fmt/format.h>

#include "analyzer/file/hardening_files.h"
#include "analyzer/pkg/package_file_lists.h"
#include "core/strings.h"

namespace portcullis {

namespace {

std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

size_t Depth(std::string_view path) { return static_cast<size_t>(std::ranges::count(path, '/')); }

// The content of the final version of `f` when an analyzer collected it.
std::optional<std::string_view> CollectedContent(const MergedView& view, const MergedFile& f) {
  const auto& collected = view.layers()[f.layer].collected;
  auto it = collected.find(f.meta.path);
  if (it == collected.end()) return std::nullopt;
  return std::string_view(it->second);
}

// Reads an account file of the final image; nullopt when it is absent. A file that exists but
// was not collected (too large, or no analyzer) is reported.
std::optional<std::string_view> ReadAccountFile(const MergedView& view, std::string_view path,
                                                uint64_t max_hops,
                                                std::vector<Diagnostic>& diagnostics) {
  const MergedFile* f = view.Resolve(path, max_hops);
  if (!f || f->meta.type != EntryType::kFile) return std::nullopt;
  auto content = CollectedContent(view, *f);
  if (!content) {
    diagnostics.push_back({"hardening.not_read", std::string(path), 0, 0,
                           fmt::format("{} bytes, over the {}-byte limit for account files; the "
                                       "account checks skip it",
                                       f->meta.size, kMaxAccountFileBytes),
                           Severity::kLow});
  }
  return content;
}

// The package cache directory `path` belongs to, or "" (see PC-IMG-021).
std::string_view CacheDirOf(std::string_view path) {
  if (path.starts_with("var/cache/apt/archives/")) {
    return path.ends_with(".deb") ? std::string_view("var/cache/apt/archives") : "";
  }
  if (path.starts_with("var/lib/apt/lists/")) {
    return BaseName(path) == "lock" ? "" : std::string_view("var/lib/apt/lists");
  }
  for (std::string_view dir : {"var/cache/apk", "var/cache/yum", "var/cache/dnf"}) {
    if (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/') return dir;
  }
  size_t pip = path.find("/.cache/pip/");
  if (pip != std::string_view::npos) {
    std::string_view home = path.substr(0, pip);
    if (home == "root" || (home.starts_with("home/") && Depth(home) == 1)) {
      return path.substr(0, pip + std::string_view("/.cache/pip").size());
    }
  }
  return "";
}

bool IsLibc(std::string_view path) {
  if (!(path.starts_with("lib") || path.starts_with("usr/lib")) || Depth(path) > 3) return false;
  std::string_view base = BaseName(path);
  return base == "libc.so.6" || base.starts_with("ld-musl-") || base.starts_with("ld-linux") ||
         base.starts_with("libc.musl-");
}

bool IsOsPackageDb(const MergedFile& f) {
  std::string_view p = f.meta.path;
  if (f.meta.type != EntryType::kFile) return false;
  if (p == "var/lib/dpkg/status") return f.meta.size > 0;
  if (p.starts_with("var/lib/dpkg/status.d/")) return true;
  for (std::string_view db : {"lib/apk/db/installed", "var/lib/rpm/Packages",
                              "var/lib/rpm/Packages.db", "var/lib/rpm/rpmdb.sqlite",
                              "usr/lib/sysimage/rpm/Packages.db",
                              "usr/lib/sysimage/rpm/rpmdb.sqlite"}) {
    if (p == db) return true;
  }
  return false;
}

}  // namespace

Result<HardeningProfile> ParseHardeningProfile(std::string_view name) {
  if (name == "default") return HardeningProfile::kDefault;
  if (name == "strict") return HardeningProfile::kStrict;
  if (name == "debug") return HardeningProfile::kDebug;
  return Fail(ErrorCode::kInvalidArgument,
              "unknown hardening profile '{}' (expected default, strict, debug)",
              Excerpt(name, 30));
}

std::string ImageFacts::PackageOf(std::string_view path) const {
  if (auto it = package_of.find(path); it != package_of.end()) return it->second;
  // Merged-/usr images: dpkg lists say "bin/su" for what lives at usr/bin/su, and the reverse.
  std::string alt = path.starts_with("usr/") ? std::string(path.substr(4))
                                             : "usr/" + std::string(path);
  if (auto it = package_of.find(alt); it != package_of.end()) return it->second;
  return "";
}

std::string ImageFacts::Owner(int64_t uid, int64_t gid) const {
  std::string user, grp;
  if (const PasswdEntry* p = UserById(uid)) user = p->name;
  if (group) {
    for (const GroupEntry& g : *group) {
      if (g.gid == gid) {
        grp = g.name;
        break;
      }
    }
  }
  if (user.empty() && grp.empty()) return fmt::format("{}:{}", uid, gid);
  return fmt::format("{}:{} ({}:{})", uid, gid, user.empty() ? "?" : user,
                     grp.empty() ? "?" : grp);
}

const PasswdEntry* ImageFacts::UserByName(std::string_view name) const {
  if (!passwd) return nullptr;
  for (const PasswdEntry& p : *passwd) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const PasswdEntry* ImageFacts::UserById(int64_t uid) const {
  if (!passwd) return nullptr;
  for (const PasswdEntry& p : *passwd) {
    if (p.uid == uid) return &p;
  }
  return nullptr;
}

ImageFacts BuildImageFacts(const HardeningInput& input, std::vector<Diagnostic>& diagnostics) {
  const MergedView& view = *input.view;
  const uint64_t hops = input.options.max_symlink_hops;
  ImageFacts facts;
  facts.input = &input;
  facts.is_image = input.config && input.config->present;

  if (auto text = ReadAccountFile(view, "etc/passwd", hops, diagnostics)) {
    facts.passwd = ParsePasswd(*text, "/etc/passwd", diagnostics);
  }
  if (auto text = ReadAccountFile(view, "etc/group", hops, diagnostics)) {
    facts.group = ParseGroup(*text, "/etc/group", diagnostics);
  }
  if (auto text = ReadAccountFile(view, "etc/shadow", hops, diagnostics)) {
    facts.shadow = ParseShadow(*text, "/etc/shadow", diagnostics);
  }
  if (auto text = ReadAccountFile(view, "etc/sudoers", hops, diagnostics)) {
    facts.sudoers.emplace_back("etc/sudoers", std::string(*text));
  }

  // Package file lists that ship: the database file is in the final image as that layer wrote it.
  for (const LayerFacts& layer : view.layers()) {
    for (const auto& [db, list] : layer.package_files) {
      const MergedFile* f = view.Find(db);
      if (!f || f->layer != layer.index) continue;
      ForEachPackageFile(list, [&](std::string_view path, std::string_view package) {
        facts.package_of.insert_or_assign(std::string(path), std::string(package));
      });
    }
  }

  std::map<std::string, CacheDir, std::less<>> caches;
  for (const auto& [path, f] : view.files()) {
    const FileMeta& m = f.meta;
    if (m.type == EntryType::kFile && (m.mode & 06000)) facts.setid_files.push_back(&f);
    if ((m.type == EntryType::kFile && (m.mode & 0002)) ||
        (m.type == EntryType::kDir && (m.mode & 0002) && !(m.mode & 01000))) {
      facts.world_writable.push_back(&f);
    }
    if (m.type == EntryType::kFile) {
      if (std::string_view dir = CacheDirOf(path); !dir.empty()) {
        auto [it, added] = caches.try_emplace(std::string(dir));
        if (added) {
          it->second.dir = std::string(dir);
          it->second.example = path;
        }
        it->second.files++;
        it->second.bytes += m.size;
      }
      if (IsCredentialCandidatePath(path) && CollectedContent(view, f)) {
        facts.credential_candidates.push_back(&f);
      }
      if (path.starts_with("etc/sudoers.d/")) {
        if (auto content = CollectedContent(view, f)) {
          facts.sudoers.emplace_back(path, std::string(*content));
        }
      }
    }
    if (facts.libc.empty() && m.type != EntryType::kDir && IsLibc(path)) facts.libc = path;
    if (facts.os_package_db.empty() && IsOsPackageDb(f)) facts.os_package_db = path;
  }
  for (auto& [dir, c] : caches) facts.caches.push_back(std::move(c));

  for (ToolKind k : {ToolKind::kShell, ToolKind::kPackageManager, ToolKind::kNetworkTool,
                     ToolKind::kDebugger, ToolKind::kPrivilege}) {
    facts.tools[static_cast<size_t>(k)] = FindTools(view, k, hops);
  }
  for (const LayerFacts& layer : view.layers()) {
    uint64_t bytes = 0;
    for (const FileMeta& m : layer.files) {
      if (m.type == EntryType::kFile) bytes += m.size;
    }
    facts.layer_bytes.push_back(bytes);
    facts.image_bytes += bytes;
  }

  if (facts.is_image && input.scan_secrets) {
    const ImageConfig& config = *input.config;
    for (size_t i = 0; i < config.env.size(); ++i) {
      const std::string& env = config.env[i];
      std::string name = SanitizeUtf8(Excerpt(env.substr(0, env.find('=')), 100));
      for (SecretHit& hit : input.scan_secrets(env, fmt::format("config:Env[{}]", i))) {
        facts.config_secrets.push_back({fmt::format("config.Env[{}]", name), name, std::move(hit)});
      }
    }
    for (const auto& [label, value] : config.labels) {
      std::string text = label + "=" + value;
      std::string name = SanitizeUtf8(Excerpt(label, 100));
      for (SecretHit& hit : input.scan_secrets(text, fmt::format("config:Labels[{}]", name))) {
        facts.config_secrets.push_back(
            {fmt::format("config.Labels[{}]", name), name, std::move(hit)});
      }
    }
  }
  return facts;
}

}  // namespace portcullis
