#include "detector/hardening/tools.h"

#include <array>

namespace portcullis {

namespace {

constexpr std::array<std::string_view, 6> kExecutableDirs = {
    "bin", "sbin", "usr/bin", "usr/sbin", "usr/local/bin", "usr/local/sbin"};

constexpr std::array<std::string_view, 12> kShells = {
    "sh", "bash", "rbash", "ash", "dash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish", "busybox"};
constexpr std::array<std::string_view, 14> kPackageManagers = {
    "apt", "apt-get", "aptitude", "dpkg", "apk", "yum", "dnf", "microdnf", "rpm", "zypper",
    "pip", "pip3", "npm", "yarn"};
constexpr std::array<std::string_view, 11> kNetworkTools = {
    "curl", "wget", "nc", "netcat", "ncat", "socat", "telnet", "ssh", "scp", "sftp", "nmap"};
constexpr std::array<std::string_view, 10> kDebuggers = {
    "gdb", "strace", "ltrace", "gcc", "g++", "cc", "c++", "clang", "tcc", "make"};
constexpr std::array<std::string_view, 1> kPrivilege = {"sudo"};

bool IsBusybox(const MergedFile& f) {
  std::string_view p = f.meta.path;
  size_t slash = p.rfind('/');
  std::string_view base = slash == std::string_view::npos ? p : p.substr(slash + 1);
  return base == "busybox" || base.starts_with("busybox.");
}

}  // namespace

std::span<const std::string_view> ToolNames(ToolKind kind) {
  switch (kind) {
    case ToolKind::kShell: return kShells;
    case ToolKind::kPackageManager: return kPackageManagers;
    case ToolKind::kNetworkTool: return kNetworkTools;
    case ToolKind::kDebugger: return kDebuggers;
    case ToolKind::kPrivilege: return kPrivilege;
  }
  return {};
}

std::span<const std::string_view> ExecutableDirs() { return kExecutableDirs; }

std::vector<ToolHit> FindTools(const MergedView& view, ToolKind kind, uint64_t max_symlink_hops) {
  std::vector<ToolHit> out;
  std::string path;
  for (std::string_view name : ToolNames(kind)) {
    for (std::string_view dir : kExecutableDirs) {
      path.assign(dir);
      path += '/';
      path.append(name);
      const MergedFile* f = view.Resolve(path, max_symlink_hops);
      if (!f || f->meta.type != EntryType::kFile || (f->meta.mode & 0111) == 0) continue;
      out.push_back(ToolHit{std::string(name), path, f, IsBusybox(*f)});
      break;
    }
  }
  return out;
}

}  // namespace portcullis
