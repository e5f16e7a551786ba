#include "config/runtime/values.h"

#include <cctype>
#include <charconv>

#include "core/strings.h"

namespace portcullis::runtime {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The first port of "8080" or "8000-8010"; nullopt when not a port number.
std::optional<uint32_t> FirstPort(std::string_view s) {
  size_t dash = s.find('-');
  if (dash != std::string_view::npos) s = s.substr(0, dash);
  auto v = ParseInt(s);
  if (!v || *v < 0 || *v > 65535) return std::nullopt;
  return static_cast<uint32_t>(*v);
}

// Splits "a:b:c" at colons that are not inside [...] (IPv6 host addresses).
std::vector<std::string_view> SplitColons(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  int bracket = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[') ++bracket;
    if (s[i] == ']' && bracket > 0) --bracket;
    if (s[i] == ':' && bracket == 0) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(s.substr(start));
  return out;
}

bool IsHostPath(std::string_view s) {
  return !s.empty() && (s[0] == '/' || s[0] == '.' || s[0] == '~' || s[0] == '$');
}

}  // namespace

std::string_view InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::kKubernetes: return "kubernetes";
    case InputKind::kCompose: return "compose";
    case InputKind::kDockerRun: return "docker-run";
    case InputKind::kDockerInspect: return "docker-inspect";
  }
  return "unknown";
}

ImageRef ParseImageRef(std::string_view ref) {
  ImageRef out;
  ref = Trim(ref);
  size_t at = ref.find('@');
  if (at != std::string_view::npos) {
    out.digest = std::string(ref.substr(at + 1));
    ref = ref.substr(0, at);
  }
  size_t slash = ref.rfind('/');
  size_t colon = ref.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    out.tag = std::string(ref.substr(colon + 1));
    ref = ref.substr(0, colon);
  }
  out.name = std::string(ref);
  return out;
}

std::string NormalizeCapability(std::string_view cap) {
  std::string up = Upper(Trim(cap));
  if (up.starts_with("CAP_")) up.erase(0, 4);
  return up;
}

std::optional<int64_t> ParseInt(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

UserSpec ParseUserSpec(std::string_view spec) {
  spec = Trim(spec);
  UserSpec out;
  size_t colon = spec.find(':');
  out.user = std::string(spec.substr(0, colon));
  if (colon != std::string_view::npos) out.group = std::string(spec.substr(colon + 1));
  return out;
}

bool IsRootName(std::string_view s) {
  s = Trim(s);
  if (s == "root") return true;
  auto v = ParseInt(s);
  return v && *v == 0;
}

Mount ParseVolumeSpec(std::string_view spec, Pos pos) {
  Mount m;
  m.pos = pos;
  auto parts = SplitColons(Trim(spec));
  // A Windows drive letter ("C:\data:/data") joins its first two parts.
  if (parts.size() >= 3 && parts[0].size() == 1 && std::isalpha(static_cast<unsigned char>(
                                                        parts[0][0])) &&
      !parts[1].empty() && (parts[1][0] == '\\' || parts[1][0] == '/')) {
    std::string_view joined(parts[0].data(), parts[0].size() + 1 + parts[1].size());
    parts.erase(parts.begin());
    parts[0] = joined;
  }
  std::string_view options;
  if (parts.size() == 1) {
    m.type = Mount::Type::kVolume;  // anonymous volume at TARGET
    m.target = std::string(parts[0]);
    return m;
  }
  m.source = std::string(parts[0]);
  m.target = std::string(parts[1]);
  if (parts.size() >= 3) options = parts[2];
  m.type = IsHostPath(m.source) ? Mount::Type::kBind : Mount::Type::kVolume;
  for (std::string_view opt : Split(options, ',')) {
    opt = Trim(opt);
    if (opt == "ro" || opt == "readonly") m.read_only = true;
    if (opt == "shared" || opt == "rshared" || opt == "slave" || opt == "rslave" ||
        opt == "private" || opt == "rprivate") {
      m.propagation = std::string(opt);
    }
  }
  return m;
}

Mount ParseMountSpec(std::string_view spec, Pos pos) {
  Mount m;
  m.pos = pos;
  m.type = Mount::Type::kVolume;  // docker's default --mount type
  for (std::string_view field : Split(spec, ',')) {
    field = Trim(field);
    size_t eq = field.find('=');
    std::string key = ToLower(Trim(field.substr(0, eq)));
    std::string_view value = eq == std::string_view::npos ? "" : Trim(field.substr(eq + 1));
    if (key == "type") {
      if (value == "bind") m.type = Mount::Type::kBind;
      else if (value == "volume") m.type = Mount::Type::kVolume;
      else if (value == "tmpfs") m.type = Mount::Type::kTmpfs;
      else m.type = Mount::Type::kOther;
    } else if (key == "source" || key == "src") {
      m.source = std::string(value);
    } else if (key == "target" || key == "destination" || key == "dst") {
      m.target = std::string(value);
    } else if (key == "readonly" || key == "ro") {
      m.read_only = value.empty() || ParseYamlBool(value).value_or(value == "1");
    } else if (key == "bind-propagation") {
      m.propagation = std::string(value);
    }
  }
  return m;
}

std::optional<Port> ParsePortSpec(std::string_view spec, Pos pos) {
  Port p;
  p.pos = pos;
  p.text = std::string(Trim(spec));
  std::string_view s = Trim(spec);
  size_t slash = s.rfind('/');
  if (slash != std::string_view::npos) {
    p.protocol = ToLower(s.substr(slash + 1));
    s = s.substr(0, slash);
  }
  auto parts = SplitColons(s);
  if (parts.empty() || parts.size() > 3) return std::nullopt;
  auto container = FirstPort(parts.back());
  if (!container) return std::nullopt;
  p.container_port = *container;
  p.published = true;
  if (parts.size() >= 2 && !parts[parts.size() - 2].empty()) {
    auto host = FirstPort(parts[parts.size() - 2]);
    if (!host) return std::nullopt;
    p.host_port = *host;
  }
  if (parts.size() == 3) {
    std::string_view ip = parts[0];
    if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
    p.host_ip = std::string(ip);
  }
  return p;
}

Device ParseDeviceSpec(std::string_view spec, Pos pos) {
  Device d;
  d.pos = pos;
  auto parts = Split(Trim(spec), ':');
  d.host = std::string(parts[0]);
  d.container = parts.size() >= 2 ? std::string(parts[1]) : d.host;
  return d;
}

void ApplySecurityOpt(std::string_view opt, Pos pos, Container& c) {
  opt = Trim(opt);
  size_t sep = opt.find_first_of("=:");
  std::string key = ToLower(opt.substr(0, sep));
  std::string_view value = sep == std::string_view::npos ? "" : opt.substr(sep + 1);
  if (key == "no-new-privileges") {
    bool on = value.empty() || ParseYamlBool(value).value_or(false);
    c.allow_privilege_escalation.Set(!on, pos);
  } else if (key == "seccomp") {
    if (EqualsIgnoreCase(value, "unconfined")) {
      c.seccomp.Set("Unconfined", pos);
    } else if (!value.empty()) {
      c.seccomp.Set("Localhost", pos);
    }
  } else if (key == "apparmor") {
    if (EqualsIgnoreCase(value, "unconfined")) {
      c.apparmor.Set("Unconfined", pos);
    } else if (EqualsIgnoreCase(value, "docker-default") || EqualsIgnoreCase(value, "runtime/default")) {
      c.apparmor.Set("RuntimeDefault", pos);
    } else if (!value.empty()) {
      c.apparmor.Set("Localhost", pos);
    }
  } else if (key == "label") {
    // label=disable turns separation off; user/role/type choose the context. A level (MCS
    // category) only narrows it, and the standard container types are what docker uses.
    std::string v = ToLower(value);
    bool standard = v == "type:container_t" || v == "type:container_init_t" ||
                    v == "type:container_kvm_t";
    if (v == "disable" || v == "disabled") {
      c.selinux.Set("disable", pos);
    } else if ((v.starts_with("user:") || v.starts_with("role:") || v.starts_with("type:")) &&
               !standard && !c.selinux.Is("disable")) {
      c.selinux.Set(std::string(value), pos);
    }
  } else if (key == "systempaths") {
    if (EqualsIgnoreCase(value, "unconfined")) c.proc_mount.Set("Unmasked", pos);
  }
}

void ApplyRestartPolicy(std::string_view policy, Pos pos, Workload& w) {
  policy = Trim(policy);
  size_t colon = policy.find(':');
  std::string name = ToLower(policy.substr(0, colon));
  if (name == "no" || name == "false") name = "no";
  w.restart.Set(name, pos);
  if (colon != std::string_view::npos) {
    if (auto n = ParseInt(policy.substr(colon + 1))) w.restart_max_retries.Set(*n, pos);
  }
}

void ApplyNetworkMode(std::string_view mode, Pos pos, Workload& w) {
  mode = Trim(mode);
  w.network_mode.Set(std::string(mode), pos);
  if (mode == "host") w.host_network.Set(true, pos);
  w.on_default_bridge = mode == "bridge" || mode == "default";
}

bool HasVariable(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '$') continue;
    char n = s[i + 1];
    if (n == '{' || n == '(' || n == '_' || std::isalpha(static_cast<unsigned char>(n))) {
      return true;
    }
  }
  return false;
}

}  // namespace portcullis::runtime
