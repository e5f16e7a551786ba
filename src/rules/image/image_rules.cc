#include "rules/image/image_rules.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/json.h"
#include "core/strings.h"

namespace portcullis {

namespace {

constexpr Severity kInfo = Severity::kInfo;
constexpr Severity kLow = Severity::kLow;
constexpr Severity kMedium = Severity::kMedium;
constexpr Severity kHigh = Severity::kHigh;

constexpr std::string_view kCisBenchmark = "https://www.cisecurity.org/benchmark/docker";
constexpr std::string_view kDockleCheckpoints =
    "https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md";
constexpr std::string_view kNist190 = "https://doi.org/10.6028/NIST.SP.800-190";
constexpr std::string_view kOwaspDocker =
    "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html";

// An untrusted value quoted in a message: bounded and valid UTF-8.
std::string Q(std::string_view s, size_t max = 80) { return SanitizeUtf8(Excerpt(s, max)); }

std::string Abs(std::string_view path) { return "/" + std::string(path); }

std::string Mode(uint32_t mode) { return fmt::format("{:04o}", mode & 07777); }

std::string FormatBytes(uint64_t bytes) {
  if (bytes >= (1ull << 30)) return fmt::format("{:.1f} GiB", bytes / double(1ull << 30));
  if (bytes >= (1ull << 20)) return fmt::format("{:.1f} MiB", bytes / double(1ull << 20));
  if (bytes >= (1ull << 10)) return fmt::format("{:.1f} KiB", bytes / double(1ull << 10));
  return fmt::format("{} B", bytes);
}

// "name (/bin/sh -> /usr/bin/dash, package dash)" for a tool.
std::string DescribeTool(const ImageFacts& f, const ToolHit& t) {
  std::string s = fmt::format("{} ({}", t.name, Abs(t.path));
  if (t.file->meta.path != t.path) s += " -> " + Abs(t.file->meta.path);
  if (t.busybox && t.name != "busybox") s += ", busybox applet";
  std::string package = f.PackageOf(t.file->meta.path);
  if (package.empty()) package = f.PackageOf(t.path);
  if (!package.empty()) s += ", package " + package;
  return s + ")";
}

void ToolsFound(const ImageFacts& f, ToolKind kind, std::string_view what, RuleOutput& out) {
  const auto& tools = f.Tools(kind);
  if (tools.empty()) return;
  std::vector<std::string> parts;
  for (const ToolHit& t : tools) parts.push_back(DescribeTool(f, t));
  out.hits.push_back({Abs(tools.front().path), fmt::format("{}: {}", what, Join(parts, ", "))});
}

// Adds one hit per file, up to kMaxFileHitsPerRule, then one summary hit.
template <typename Describe>
void FileHits(const std::vector<const MergedFile*>& files, RuleOutput& out, Describe describe) {
  for (size_t i = 0; i < files.size() && i < kMaxFileHitsPerRule; ++i) {
    out.hits.push_back({Abs(files[i]->meta.path), describe(*files[i])});
  }
  if (files.size() > kMaxFileHitsPerRule) {
    out.hits.push_back({"", fmt::format("{} more files like these are not listed",
                                        files.size() - kMaxFileHitsPerRule)});
  }
}

// Who the config user is: uid when known (numeric, or a name /etc/passwd maps).
struct EffectiveUser {
  UserSpec spec;
  std::optional<int64_t> uid;
  const PasswdEntry* entry = nullptr;
};

EffectiveUser ResolveUser(const ImageFacts& f) {
  EffectiveUser e;
  e.spec = ParseUserSpec(f.input->config->user);
  if (e.spec.user.empty()) {
    e.uid = 0;
  } else if (e.spec.uid) {
    e.uid = e.spec.uid;
    e.entry = f.UserById(*e.uid);
  } else if ((e.entry = f.UserByName(e.spec.user))) {
    e.uid = e.entry->uid;
  } else if (e.spec.user == "root") {
    e.uid = 0;
  }
  return e;
}

// ---- checks ----------------------------------------------------------------------------------

void CheckRootUser(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  const std::string& raw = f.input->config->user;
  EffectiveUser u = ResolveUser(f);
  if (u.spec.user.empty()) {
    out.hits.push_back({"config.User", "config.User is not set: the container runs as root"});
  } else if (u.spec.uid || u.spec.user == "root") {
    if (u.uid == 0) {
      out.hits.push_back({"config.User", fmt::format("config.User is '{}': uid 0 (root)", Q(raw))});
    }
  } else if (u.uid == 0 && u.entry) {
    out.hits.push_back(
        {"config.User", fmt::format("config.User is '{}', which /etc/passwd (line {}) maps to uid 0",
                                    Q(raw), u.entry->line)});
  }
}

void CheckUnknownUserName(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  UserSpec spec = ParseUserSpec(f.input->config->user);
  if (!spec.user.empty() && !spec.uid && !f.UserByName(spec.user)) {
    out.hits.push_back(
        {"config.User",
         fmt::format("config.User '{}' is not in /etc/passwd{}: the container fails to start "
                     "(\"unable to find user {}\")",
                     Q(spec.user), f.passwd ? "" : " (the image has no /etc/passwd)",
                     Q(spec.user))});
  }
  if (!spec.group.empty() && !spec.gid) {
    bool found = f.group && std::ranges::any_of(*f.group, [&](const GroupEntry& g) {
                   return g.name == spec.group;
                 });
    if (!found) {
      out.hits.push_back(
          {"config.User",
           fmt::format("config.User group '{}' is not in /etc/group: the container fails to start",
                       Q(spec.group))});
    }
  }
}

void CheckUidWithoutEntry(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image || !f.passwd) return;
  UserSpec spec = ParseUserSpec(f.input->config->user);
  if (!spec.uid || *spec.uid == 0 || f.UserById(*spec.uid)) return;
  out.hits.push_back(
      {"config.User",
       fmt::format("config.User is uid {}, which has no /etc/passwd entry: the process has no user "
                   "name and HOME is /",
                   *spec.uid)});
}

void CheckSetid(const ImageFacts& f, RuleOutput& out) {
  FileHits(f.setid_files, out, [&](const MergedFile& file) {
    const FileMeta& m = file.meta;
    std::string_view bits = (m.mode & 04000) && (m.mode & 02000) ? "setuid and setgid"
                            : (m.mode & 04000)                   ? "setuid"
                                                                 : "setgid";
    std::string package = f.PackageOf(m.path);
    return fmt::format("{} is {} (mode {}, owner {}, package {})", Abs(m.path), bits, Mode(m.mode),
                       f.Owner(m.uid, m.gid), package.empty() ? "unknown" : package);
  });
}

void CheckWorldWritable(const ImageFacts& f, RuleOutput& out) {
  FileHits(f.world_writable, out, [&](const MergedFile& file) {
    const FileMeta& m = file.meta;
    return fmt::format("{} is a world-writable {} (mode {}, owner {})", Abs(m.path),
                       m.type == EntryType::kDir ? "directory without the sticky bit" : "file",
                       Mode(m.mode), f.Owner(m.uid, m.gid));
  });
}

void CheckShells(const ImageFacts& f, RuleOutput& out) {
  ToolsFound(f, ToolKind::kShell, "shells", out);
}
void CheckPackageManagers(const ImageFacts& f, RuleOutput& out) {
  ToolsFound(f, ToolKind::kPackageManager, "package managers", out);
}
void CheckNetworkTools(const ImageFacts& f, RuleOutput& out) {
  ToolsFound(f, ToolKind::kNetworkTool, "network tools", out);
}
void CheckDebuggers(const ImageFacts& f, RuleOutput& out) {
  ToolsFound(f, ToolKind::kDebugger, "debuggers and compilers", out);
}

void CheckSudo(const ImageFacts& f, RuleOutput& out) {
  const auto& tools = f.Tools(ToolKind::kPrivilege);
  if (tools.empty()) return;
  const ToolHit& sudo = tools.front();
  std::string msg = fmt::format("{} is installed (mode {}, owner {})", DescribeTool(f, sudo),
                                Mode(sudo.file->meta.mode),
                                f.Owner(sudo.file->meta.uid, sudo.file->meta.gid));
  std::vector<std::string> nopasswd;
  for (const auto& [path, content] : f.sudoers) {
    uint64_t line_no = 0;
    for (auto line : Split(content, '\n')) {
      ++line_no;
      auto t = Trim(line);
      if (t.empty() || t.front() == '#' || t.find("NOPASSWD") == std::string_view::npos) continue;
      if (nopasswd.size() < 5) {
        nopasswd.push_back(fmt::format("{} line {}: '{}'", Abs(path), line_no, Q(t, 60)));
      }
    }
  }
  if (!nopasswd.empty()) msg += "; NOPASSWD rules: " + Join(nopasswd, "; ");
  out.hits.push_back({Abs(sudo.path), std::move(msg)});
}

void CheckEmptyPasswords(const ImageFacts& f, RuleOutput& out) {
  std::set<std::string> reported;
  if (f.shadow) {
    for (const ShadowEntry& s : *f.shadow) {
      if (!s.password.empty() || !reported.insert(s.name).second) continue;
      out.hits.push_back({"/etc/shadow",
                          fmt::format("account '{}' has an empty password in /etc/shadow (line "
                                      "{}): it can log in without one",
                                      Q(s.name), s.line)});
    }
  }
  if (f.passwd) {
    for (const PasswdEntry& p : *f.passwd) {
      if (!p.password.empty() || !reported.insert(p.name).second) continue;
      out.hits.push_back({"/etc/passwd",
                          fmt::format("account '{}' has an empty password field in /etc/passwd "
                                      "(line {}): it can log in without a password",
                                      Q(p.name), p.line)});
    }
  }
}

template <typename Entry>
void Duplicates(const std::vector<Entry>& entries, std::string_view what, std::string_view path,
                RuleOutput& out, int64_t Entry::*id) {
  std::map<int64_t, std::vector<const Entry*>> by_id;
  for (const Entry& e : entries) by_id[e.*id].push_back(&e);
  for (const auto& [value, list] : by_id) {
    if (list.size() < 2 || (value == 0 && what == "uid")) continue;  // uid 0: PC-IMG-013
    std::vector<std::string> names;
    for (const Entry* e : list) names.push_back(fmt::format("{} (line {})", Q(e->name, 40), e->line));
    out.hits.push_back({std::string(path), fmt::format("{} {} is shared by {} in {}", what, value,
                                                       Join(names, ", "), path)});
  }
}

void CheckDuplicateIds(const ImageFacts& f, RuleOutput& out) {
  if (f.passwd) Duplicates(*f.passwd, "uid", "/etc/passwd", out, &PasswdEntry::uid);
  if (f.group) Duplicates(*f.group, "gid", "/etc/group", out, &GroupEntry::gid);
}

void CheckExtraRoot(const ImageFacts& f, RuleOutput& out) {
  if (!f.passwd) return;
  for (const PasswdEntry& p : *f.passwd) {
    if (p.uid != 0 || p.name == "root") continue;
    out.hits.push_back({"/etc/passwd", fmt::format("account '{}' has uid 0 (/etc/passwd line {}): "
                                                   "a second root account",
                                                   Q(p.name), p.line)});
  }
}

void CheckConfigSecrets(const ImageFacts& f, RuleOutput& out) {
  for (const auto& s : f.config_secrets) {
    out.hits.push_back({s.key, fmt::format("{} holds a secret: {} (secret rule {}), {}", s.key,
                                           s.hit.title, s.hit.rule_id, s.hit.match)});
  }
}

// Whether an environment variable name suggests a credential (PC-IMG-015).
bool SuspiciousEnvName(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  if (upper == "GPG_KEY" || upper == "GPG_KEYS") return false;
  for (std::string_view suffix : {"_FILE", "_PATH", "_DIR", "_FILES"}) {
    if (upper.ends_with(suffix)) return false;
  }
  bool hit = false;
  for (auto part : Split(upper, '_')) {
    if (part == "PUBLIC" || part == "PUB") return false;
    for (std::string_view word : {"PASSWORD", "PASSWD", "TOKEN", "SECRET", "KEY"}) {
      if (part.ends_with(word)) hit = true;
    }
  }
  return hit;
}

// Values that are not credentials whatever the name: paths, references, booleans, numbers.
bool HarmlessEnvValue(std::string_view value) {
  if (value.empty() || value.starts_with('/') || value.starts_with("./") ||
      value.starts_with('$')) {
    return true;
  }
  std::string lower = ToLower(value);
  if (lower == "true" || lower == "false" || lower == "yes" || lower == "no") return true;
  return std::ranges::all_of(value, [](char c) { return c >= '0' && c <= '9'; });
}

void CheckSuspiciousEnv(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  std::set<std::string> reported;
  for (const auto& s : f.config_secrets) reported.insert(s.key);
  for (const std::string& env : f.input->config->env) {
    size_t eq = env.find('=');
    std::string_view name = std::string_view(env).substr(0, eq);
    std::string_view value = eq == std::string::npos ? "" : std::string_view(env).substr(eq + 1);
    std::string key = fmt::format("config.Env[{}]", Q(name, 100));
    if (!SuspiciousEnvName(name) || HarmlessEnvValue(value) || reported.contains(key)) continue;
    out.hits.push_back({key, fmt::format("config.Env sets {} to a {}-character value: a "
                                         "credential baked into the image config ({}*****)",
                                         Q(name, 60), value.size(), Q(value.substr(0, 2), 4))});
  }
}

void CheckHealthcheck(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  const auto& hc = f.input->config->healthcheck;
  if (!hc || hc->empty()) {
    out.hits.push_back({"config.Healthcheck", "the image defines no HEALTHCHECK"});
  } else if ((*hc)[0] == "NONE") {
    out.hits.push_back({"config.Healthcheck", "HEALTHCHECK NONE disables the health check"});
  }
}

struct PortRange {
  uint32_t first = 0;
  uint32_t last = 0;
};

// "22", "22/tcp", "7000-7010/udp".
std::optional<PortRange> ParsePorts(std::string_view spec) {
  std::string_view ports = spec.substr(0, spec.find('/'));
  size_t dash = ports.find('-');
  auto a = ParseId(ports.substr(0, dash));
  auto b = dash == std::string_view::npos ? a : ParseId(ports.substr(dash + 1));
  if (!a || !b || *a > 65535 || *b > 65535 || *a > *b) return std::nullopt;
  return PortRange{static_cast<uint32_t>(*a), static_cast<uint32_t>(*b)};
}

void CheckRemoteLoginPorts(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  for (const std::string& spec : f.input->config->exposed_ports) {
    auto r = ParsePorts(spec);
    if (!r) {
      out.diagnostics.push_back({"hardening.bad_port", "config.ExposedPorts", 0, 0,
                                 fmt::format("expected PORT[-PORT][/PROTO] with ports 0-65535, "
                                             "found '{}'",
                                             Q(spec, 40)),
                                 Severity::kLow});
      continue;
    }
    for (uint32_t port : {22u, 23u}) {
      if (r->first <= port && port <= r->last) {
        out.hits.push_back({fmt::format("config.ExposedPorts[{}]", Q(spec, 40)),
                            fmt::format("the image exposes {} ({}: remote login into a container)",
                                        Q(spec, 40), port == 22 ? "SSH" : "telnet")});
        break;
      }
    }
  }
}

void CheckPrivilegedPorts(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  EffectiveUser u = ResolveUser(f);
  if (!u.uid || *u.uid == 0) return;
  for (const std::string& spec : f.input->config->exposed_ports) {
    auto r = ParsePorts(spec);
    if (!r || r->first >= 1024) continue;
    if (r->first >= 22 && r->last <= 23) continue;  // PC-IMG-017 reports it
    out.hits.push_back(
        {fmt::format("config.ExposedPorts[{}]", Q(spec, 40)),
         fmt::format("the image exposes {} (below 1024) but runs as uid {}: binding it needs "
                     "CAP_NET_BIND_SERVICE or net.ipv4.ip_unprivileged_port_start",
                     Q(spec, 40), *u.uid)});
  }
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\n') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

void CheckAddInHistory(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  const auto& history = f.input->config->history;
  // history[0] is the base image's root file system (`ADD file:... in /`): exempt.
  for (size_t i = 1; i < history.size(); ++i) {
    auto words = Words(history[i].created_by);
    size_t at = words.size();
    for (size_t w = 0; w < words.size(); ++w) {
      bool instruction = w == 0 || words[w - 1] == "#(nop)";
      if (instruction && words[w] == "ADD") {
        at = w;
        break;
      }
    }
    if (at == words.size()) continue;
    bool checksum = false;
    std::string_view source;
    for (size_t w = at + 1; w < words.size(); ++w) {
      if (words[w].starts_with("--checksum")) checksum = true;
      if (words[w].starts_with("--")) continue;
      source = words[w];
      break;
    }
    bool remote = source.starts_with("http://") || source.starts_with("https://") ||
                  source.starts_with("git@") || source.ends_with(".git");
    if (remote && checksum) continue;  // BuildKit verified the download
    out.hits.push_back(
        {fmt::format("history[{}]", i),
         fmt::format("history[{}] adds {} with ADD{}: '{}'", i, Q(source, 100),
                     remote ? ", remote content whose integrity is not pinned" : "",
                     Q(Trim(history[i].created_by), 160))});
  }
}

void CheckUpgradeInHistory(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  const auto& history = f.input->config->history;
  for (size_t i = 0; i < history.size(); ++i) {
    std::string text = history[i].created_by;
    for (char& c : text) {
      if (c == ';' || c == '&' || c == '|') c = '\n';
    }
    std::string_view found;
    for (auto segment : Split(text, '\n')) {
      auto words = Words(segment);
      bool apt = std::ranges::any_of(words, [](std::string_view w) {
        return w == "apt-get" || w == "apt" || w == "aptitude";
      });
      auto up = std::ranges::find_if(words, [](std::string_view w) {
        return w == "upgrade" || w == "dist-upgrade" || w == "full-upgrade";
      });
      if (apt && up != words.end()) {
        found = *up;
        break;
      }
    }
    if (found.empty()) continue;
    out.hits.push_back({fmt::format("history[{}]", i),
                        fmt::format("history[{}] runs an apt {}: '{}'", i, found,
                                    Q(Trim(history[i].created_by), 160))});
  }
}

void CheckCaches(const ImageFacts& f, RuleOutput& out) {
  for (const CacheDir& c : f.caches) {
    out.hits.push_back({Abs(c.dir), fmt::format("{} files ({}) left in {}, e.g. {}", c.files,
                                                FormatBytes(c.bytes), Abs(c.dir),
                                                Abs(c.example))});
  }
}

// Profiles of an AWS shared credentials file that hold a secret access key.
std::vector<std::string> AwsProfilesWithSecret(std::string_view text) {
  std::vector<std::string> out;
  std::string profile = "default";
  for (auto line : Split(text, '\n')) {
    auto t = Trim(line);
    if (t.starts_with('[') && t.ends_with(']')) {
      profile = std::string(Trim(t.substr(1, t.size() - 2)));
      continue;
    }
    size_t eq = t.find('=');
    if (eq == std::string_view::npos) continue;
    if (ToLower(Trim(t.substr(0, eq))) == "aws_secret_access_key" &&
        !Trim(t.substr(eq + 1)).empty()) {
      out.push_back(std::string(Q(profile, 40)));
    }
  }
  return out;
}

// Registries of a Docker client config that hold credentials (auth, identitytoken, password).
std::vector<std::string> DockerRegistriesWithAuth(std::string_view text, std::string_view path,
                                                  uint64_t max_bytes, RuleOutput& out) {
  std::vector<std::string> registries;
  auto doc = ParseJson(text, path, max_bytes);
  if (!doc) {
    out.diagnostics.push_back({"hardening.bad_docker_config", std::string(path),
                               doc.error().position, 0,
                               "expected a Docker client config (JSON object): " +
                                   doc.error().message,
                               Severity::kLow});
    return registries;
  }
  for (const auto& [registry, entry] : JsonObject(*doc, "auths").items()) {
    if (!JsonString(entry, "auth").empty() || !JsonString(entry, "identitytoken").empty() ||
        !JsonString(entry, "password").empty()) {
      registries.push_back(Q(registry, 60));
    }
  }
  return registries;
}

void CheckCredentialFiles(const ImageFacts& f, RuleOutput& out) {
  const MergedView& view = *f.input->view;
  for (const MergedFile* file : f.credential_candidates) {
    const FileMeta& m = file->meta;
    const auto& collected = view.layers()[file->layer].collected;
    auto it = collected.find(m.path);
    if (it == collected.end()) continue;
    std::string_view content = it->second;
    std::string what;
    if (m.path.ends_with(".aws/credentials")) {
      auto profiles = AwsProfilesWithSecret(content);
      if (!profiles.empty()) {
        what = "an AWS shared credentials file with a secret access key (profiles " +
               Join(profiles, ", ") + ")";
      }
    } else if (m.path.ends_with(".docker/config.json")) {
      auto registries = DockerRegistriesWithAuth(content, Abs(m.path),
                                                 f.input->options.max_json_bytes, out);
      if (!registries.empty()) {
        what = "a Docker client config with registry credentials for " + Join(registries, ", ");
      }
    } else if (f.input->scan_secrets) {
      for (const SecretHit& hit : f.input->scan_secrets(content, m.path)) {
        if (hit.category != "PrivateKey") continue;
        what = fmt::format("a private key: {} (secret rule {}, line {})", hit.title, hit.rule_id,
                           hit.line);
        break;
      }
    }
    if (what.empty()) continue;
    out.hits.push_back({Abs(m.path), fmt::format("{} is {} (mode {}, owner {})", Abs(m.path), what,
                                                 Mode(m.mode), f.Owner(m.uid, m.gid))});
  }
}

void CheckEndOfLife(const ImageFacts& f, RuleOutput& out) {
  const OsInfo* os = f.input->os;
  if (!os || !os->eol) return;
  std::string name = os->name.empty() ? os->family + " " + os->version : os->name;
  out.hits.push_back(
      {"/etc/os-release",
       fmt::format("{} reached its end of life{}: it gets no more security updates", Q(name),
                   os->eol_date.empty() ? "" : " on " + os->eol_date)});
}

void CheckUnmanaged(const ImageFacts& f, RuleOutput& out) {
  if (f.libc.empty() || !f.os_package_db.empty()) return;
  out.hits.push_back({Abs(f.libc),
                      fmt::format("the image has a C library ({}) but no OS package database "
                                  "(dpkg, apk or rpm): its software cannot be inventoried or "
                                  "patched by package",
                                  Abs(f.libc))});
}

std::string LargestLayers(const ImageFacts& f) {
  const auto& bytes = f.layer_bytes;
  std::vector<size_t> order(bytes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::ranges::sort(order, [&](size_t a, size_t b) {
    return bytes[a] != bytes[b] ? bytes[a] > bytes[b] : a < b;
  });
  std::vector<const HistoryEntry*> history;
  if (f.is_image) history = LayerHistory(*f.input->config);
  std::vector<std::string> parts;
  for (size_t k = 0; k < order.size() && k < 3; ++k) {
    size_t i = order[k];
    std::string s = fmt::format("layer {} {}", i, FormatBytes(bytes[i]));
    if (i < history.size() && !history[i]->created_by.empty()) {
      s += fmt::format(" ('{}')", Q(Trim(history[i]->created_by), 60));
    }
    parts.push_back(std::move(s));
  }
  return Join(parts, ", ");
}

void CheckImageSize(const ImageFacts& f, RuleOutput& out) {
  uint64_t max = f.input->options.max_image_bytes;
  if (f.image_bytes <= max) return;
  out.hits.push_back({"", fmt::format("the image holds {} of files, over the {} threshold "
                                      "(--hardening-max-image-bytes); largest layers: {}",
                                      FormatBytes(f.image_bytes), FormatBytes(max),
                                      LargestLayers(f))});
}

void CheckLayerCount(const ImageFacts& f, RuleOutput& out) {
  uint64_t max = f.input->options.max_layers;
  size_t n = f.input->view->layers().size();
  if (!f.is_image || n <= max) return;
  out.hits.push_back({"", fmt::format("the image has {} layers, over the threshold of {} "
                                      "(--hardening-max-layers); largest layers: {}",
                                      n, max, LargestLayers(f))});
}

std::vector<ImageRule> MakeRules() {
  std::vector<ImageRule> r;
  r.push_back({{"PC-IMG-001",
                {"CIS-DI-0001", "CIS 4.1"},
                kHigh,
                "Image runs as root",
                "config.User is empty, `root`, `0`, `0:<gid>`, or a name that /etc/passwd maps to "
                "uid 0 (Dockle flags only empty and `root`). A process running as root in the "
                "container is root on the host's kernel: any escape or mounted path is fully "
                "exposed.",
                "Create an unprivileged user in the image and end the Dockerfile with "
                "`USER <uid>:<gid>` (numeric ids work even without /etc/passwd).",
                {kCisBenchmark, kDockleCheckpoints, kOwaspDocker}},
               kHigh,
               CheckRootUser});
  r.push_back({{"PC-IMG-002",
                {},
                kMedium,
                "Config user or group name is not defined in the image",
                "config.User names a user (or group) that /etc/passwd (/etc/group) of the image "
                "does not define: the runtime cannot resolve it and the container fails to start.",
                "Create the account in the image (`useradd`, `adduser`) or use numeric ids in "
                "`USER`.",
                {"https://docs.docker.com/reference/dockerfile/#user"}},
               kMedium,
               CheckUnknownUserName});
  r.push_back({{"PC-IMG-003",
                {},
                kLow,
                "Config uid has no /etc/passwd entry",
                "config.User is a numeric uid that the image's /etc/passwd does not list. The "
                "container starts, but the process has no user name and HOME is `/`; tools that "
                "look up the current user (ssh, git, pip --user, many shells) fail or write to `/`.",
                "Add a passwd entry for the uid (with a home directory), or choose an existing "
                "unprivileged account.",
                {}},
               kLow,
               CheckUidWithoutEntry});
  r.push_back({{"PC-IMG-004",
                {"CIS-DI-0008", "CIS 4.8"},
                kMedium,
                "Setuid or setgid file",
                "A regular file in the final image has the setuid or setgid bit (the message "
                "names its mode, owner and package when known). Setuid programs are the usual "
                "path from a non-root process to root inside a container. Under "
                "`--hardening-profile strict` its severity is HIGH.",
                "Remove the files or their bits in the last build stage (`chmod a-s`, or "
                "`find / -xdev -perm /6000 -type f -exec chmod a-s {} +`), and run with "
                "`--security-opt no-new-privileges`.",
                {kCisBenchmark, kDockleCheckpoints}},
               kHigh,
               CheckSetid});
  r.push_back({{"PC-IMG-005",
                {},
                kMedium,
                "World-writable file or directory without the sticky bit",
                "A file any user can write, or a directory any user can write without the sticky "
                "bit (so anyone may delete or replace others' files): another process of the "
                "container can tamper with it. Device nodes and symlinks are not reported. Under "
                "`--hardening-profile strict` its severity is HIGH.",
                "Remove the `o+w` bit (`chmod o-w`), or add the sticky bit to shared "
                "directories (`chmod +t`).",
                {kNist190}},
               kHigh,
               CheckWorldWritable});
  r.push_back({{"PC-IMG-006",
                {"CIS-DI-0003", "CIS 4.3"},
                kLow,
                "Shell present",
                "The image ships a shell (sh, bash, ash, dash, ..., or busybox and its applet "
                "links): an attacker who gets code execution gets an interactive foothold, and "
                "`docker exec sh` works for anyone with access. Distroless and scratch images "
                "have none. Under `--hardening-profile strict` its severity is HIGH.",
                "Build the runtime stage from a distroless or scratch base and copy only the "
                "application into it.",
                {kNist190, "https://github.com/GoogleContainerTools/distroless"}},
               kHigh,
               CheckShells});
  r.push_back({{"PC-IMG-007",
                {"CIS-DI-0003", "CIS 4.3"},
                kLow,
                "Package manager present",
                "The image ships a package manager (apt, dpkg, apk, yum, dnf, rpm, pip, npm, "
                "...): whoever gets into the container can install anything. Under "
                "`--hardening-profile strict` its severity is HIGH.",
                "Install packages in a build stage and copy the results into a runtime stage "
                "without the package manager.",
                {kNist190}},
               kHigh,
               CheckPackageManagers});
  r.push_back({{"PC-IMG-008",
                {"CIS-DI-0003", "CIS 4.3"},
                kLow,
                "Network tool present",
                "The image ships a network tool (curl, wget, nc/netcat/ncat, socat, telnet, "
                "ssh/scp, nmap): the first thing an intruder uses to fetch a payload or open a "
                "reverse shell. Under `--hardening-profile strict` its severity is HIGH.",
                "Download what the build needs in a build stage; leave the tools out of the "
                "runtime image (health checks can use the application itself).",
                {kNist190}},
               kHigh,
               CheckNetworkTools});
  r.push_back({{"PC-IMG-009",
                {"CIS-DI-0003", "CIS 4.3"},
                kMedium,
                "Debugger or compiler present",
                "The image ships a debugger or build tool (gdb, strace, ltrace, gcc, cc, clang, "
                "make, ...): it lets an intruder inspect other processes or build exploits in "
                "place, and means the build stage was shipped. Under `--hardening-profile "
                "strict` its severity is HIGH.",
                "Use a multi-stage build: compile in a builder stage, copy only the artifacts "
                "into the runtime stage.",
                {kNist190}},
               kHigh,
               CheckDebuggers});
  r.push_back({{"PC-IMG-010",
                {"DKL-DI-0001"},
                kMedium,
                "sudo installed",
                "sudo is in the image (the message lists any NOPASSWD rule of /etc/sudoers and "
                "/etc/sudoers.d): a non-root container user one command away from root defeats "
                "the point of running as non-root. Under `--hardening-profile strict` its "
                "severity is HIGH.",
                "Do not install sudo; do privileged setup at build time as root, then switch "
                "with `USER`. If a tool must step up at run time, use a narrowly scoped "
                "capability instead.",
                {kDockleCheckpoints}},
               kHigh,
               CheckSudo});
  r.push_back({{"PC-IMG-011",
                {"DKL-LI-0001"},
                kHigh,
                "Account with an empty password",
                "An account has an empty password field in /etc/shadow, or in /etc/passwd (where "
                "Dockle does not look): anyone can become that user without a password "
                "(su, login). Locked accounts (`*`, `!`) are fine.",
                "Lock the account (`passwd -l NAME`, or `*` in the password field) or remove it.",
                {kDockleCheckpoints}},
               kHigh,
               CheckEmptyPasswords});
  r.push_back({{"PC-IMG-012",
                {"DKL-LI-0002"},
                kMedium,
                "Duplicate uid or gid",
                "Two accounts of /etc/passwd share a uid, or two groups of /etc/group share a "
                "gid: file ownership and audit trails cannot tell them apart. Duplicates of uid "
                "0 are reported by PC-IMG-013.",
                "Give every account and group its own id.",
                {kDockleCheckpoints}},
               kMedium,
               CheckDuplicateIds});
  r.push_back({{"PC-IMG-013",
                {},
                kHigh,
                "Extra account with uid 0",
                "An account other than root has uid 0 in /etc/passwd: a second, less visible "
                "root (a classic backdoor).",
                "Remove the account or give it an unprivileged uid.",
                {kNist190}},
               kHigh,
               CheckExtraRoot});
  r.push_back({{"PC-IMG-014",
                {"CIS-DI-0010", "CIS 4.10"},
                kHigh,
                "Secret in the image config",
                "An Env entry or Label of the image config matches a secret rule (the same rules "
                "and --secret-config as the secret scanner). Anyone who can pull the image can "
                "read it with `docker inspect`.",
                "Rotate the secret. Pass secrets at run time (orchestrator secrets, mounted "
                "files) or at build time with `RUN --mount=type=secret`, never with ENV, ARG or "
                "LABEL.",
                {kCisBenchmark, kDockleCheckpoints}},
               kHigh,
               CheckConfigSecrets});
  r.push_back({{"PC-IMG-015",
                {"CIS-DI-0010", "CIS 4.10"},
                kMedium,
                "Credential-like environment variable",
                "An Env name with a word ending in PASSWORD, PASSWD, TOKEN, SECRET or KEY has a "
                "value, and no secret rule recognised it. Not reported: GPG_KEY(S), PUBLIC/PUB "
                "names, names ending in _FILE, _PATH, _DIR, and values that are paths, "
                "`$` references, booleans or numbers.",
                "Remove the value from the image; pass it at run time, or point to a file with "
                "a `*_FILE` variable.",
                {kDockleCheckpoints}},
               kMedium,
               CheckSuspiciousEnv});
  r.push_back({{"PC-IMG-016",
                {"CIS-DI-0006", "CIS 4.6"},
                kLow,
                "No HEALTHCHECK",
                "The image config has no health check (or `HEALTHCHECK NONE`): the engine cannot "
                "tell a hung service from a healthy one. Orchestrators with their own probes "
                "(Kubernetes) ignore it. Under `--hardening-profile strict` its severity is "
                "MEDIUM.",
                "Add `HEALTHCHECK CMD ...` using the application itself (not curl) or define "
                "probes where it runs.",
                {kCisBenchmark, kDockleCheckpoints}},
               kMedium,
               CheckHealthcheck});
  r.push_back({{"PC-IMG-017",
                {"DS-0004"},
                kMedium,
                "SSH or telnet port exposed",
                "The image exposes port 22 or 23 (also within a range): remote login into a "
                "container means a long-lived daemon with credentials, instead of `docker exec`.",
                "Remove `EXPOSE 22`/`EXPOSE 23` and the daemon.",
                {kCisBenchmark}},
               kMedium,
               CheckRemoteLoginPorts});
  r.push_back({{"PC-IMG-018",
                {},
                kLow,
                "Privileged port exposed by a non-root image",
                "The image runs as a non-root uid but exposes a port below 1024: binding it needs "
                "CAP_NET_BIND_SERVICE or a lowered net.ipv4.ip_unprivileged_port_start, or the "
                "service fails at start (ports 22 and 23 are PC-IMG-017).",
                "Listen on a port of 1024 or above and map it at run time (`-p 80:8080`).",
                {kCisBenchmark}},
               kLow,
               CheckPrivilegedPorts});
  r.push_back({{"PC-IMG-019",
                {"CIS-DI-0009", "CIS 4.9"},
                kMedium,
                "ADD used in the build history",
                "A build step after the base image used ADD (history, like Dockle; the base "
                "image's own `ADD file:... in /` is exempt). ADD fetches URLs without checking "
                "their content and silently extracts archives; a remote ADD pinned with "
                "BuildKit's `--checksum` is not reported.",
                "Use COPY for local files; download remote content with a pinned checksum "
                "(`ADD --checksum=sha256:...` or `curl` + `sha256sum -c` in a build stage).",
                {kCisBenchmark, kDockleCheckpoints}},
               kMedium,
               CheckAddInHistory});
  r.push_back({{"PC-IMG-020",
                {"DKL-DI-0003", "DL3005"},
                kLow,
                "apt upgrade in the build history",
                "A build step ran `apt-get upgrade` / `dist-upgrade` / `full-upgrade`: the image "
                "content then depends on the day it was built and drifts from its base image. "
                "Under `--hardening-profile strict` its severity is MEDIUM.",
                "Rebuild on an updated base image instead, and pin the packages you install.",
                {kDockleCheckpoints}},
               kMedium,
               CheckUpgradeInHistory});
  r.push_back({{"PC-IMG-021",
                {"DKL-DI-0005", "DKL-DI-0004"},
                kLow,
                "Package manager cache left in the image",
                "Downloaded packages or package indexes are left in the image: "
                "/var/cache/apt/archives/*.deb, /var/lib/apt/lists/*, /var/cache/apk, "
                "/var/cache/yum, /var/cache/dnf, or pip caches under /root and /home. They make "
                "the image bigger and are stale as soon as it ships. Under "
                "`--hardening-profile strict` its severity is MEDIUM.",
                "Clean in the same RUN step (`rm -rf /var/lib/apt/lists/*`, `apt-get clean`, "
                "`apk add --no-cache`, `pip install --no-cache-dir`), or use a cache mount.",
                {kDockleCheckpoints}},
               kMedium,
               CheckCaches});
  r.push_back({{"PC-IMG-022",
                {"CIS-DI-0010", "CIS 4.10"},
                kHigh,
                "Private key or credential file in the image",
                "A file of the final image is a credential: an OpenSSH key file (id_rsa, ...) or "
                "a *.pem / *.key file holding a private key (confirmed by the secret rules), an "
                ".aws/credentials file with a secret access key, or a .docker/config.json with "
                "registry credentials.",
                "Remove the file and rotate the credential; mount credentials at run time or use "
                "`RUN --mount=type=secret` at build time. Deleting it in a later layer is not "
                "enough (see the secret scanner).",
                {kCisBenchmark, kDockleCheckpoints}},
               kHigh,
               CheckCredentialFiles});
  r.push_back({{"PC-IMG-023",
                {},
                kHigh,
                "End-of-life OS release",
                "The distribution release of the image is past its end of life on the scan date "
                "(OS detection and its end-of-life table): it gets no more security fixes, so "
                "its vulnerabilities stay open.",
                "Rebuild on a supported release of the distribution.",
                {"https://endoflife.date/"}},
               kHigh,
               CheckEndOfLife});
  r.push_back({{"PC-IMG-024",
                {},
                kMedium,
                "Unmanaged software: a C library but no OS package database",
                "The image has a C library or dynamic loader (glibc, musl) but no dpkg, apk or "
                "rpm database: it was assembled by copying files, so no scanner can tell which "
                "versions it holds and nothing can patch it by package. Static binaries on "
                "scratch (no libc) are fine.",
                "Build from a base image that keeps its package database (distroless keeps "
                "/var/lib/dpkg/status.d), or do not copy a libc into scratch.",
                {kNist190}},
               kMedium,
               CheckUnmanaged});
  r.push_back({{"PC-IMG-025",
                {},
                kInfo,
                "Image larger than the size threshold",
                "The files of all layers add up to more than `--hardening-max-image-bytes` "
                "(default 1 GiB; files a later layer deletes still count, they still ship); the "
                "message lists the largest layers. Large images pull "
                "slowly and usually carry more than the application needs.",
                "Use a smaller base image and a multi-stage build; remove build tools and "
                "caches in the step that created them.",
                {}},
               kInfo,
               CheckImageSize});
  r.push_back({{"PC-IMG-026",
                {},
                kInfo,
                "Image with more layers than the threshold",
                "The image has more layers than `--hardening-max-layers` (default 50); the "
                "message lists the largest. Every layer costs at pull and run time (the kernel "
                "stacks at most 128 in overlayfs).",
                "Merge RUN steps and use a multi-stage build so the runtime stage has few "
                "layers.",
                {}},
               kInfo,
               CheckLayerCount});
  return r;
}

}  // namespace

std::span<const ImageRule> ImageRules() {
  static const std::vector<ImageRule> kRules = MakeRules();
  return kRules;
}

std::vector<const RuleInfo*> ImageRuleInfos() {
  std::vector<const RuleInfo*> out;
  for (const ImageRule& r : ImageRules()) out.push_back(&r.info);
  return out;
}

}  // namespace portcullis
