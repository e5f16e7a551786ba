// Image rules about the image config and history: secrets and credential-like Env entries,
// health check, exposed ports, ADD and upgrades in the history, caches, credential files,
// end-of-life or unmanaged OS, image size and layer count.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analyzer/secret/secret_env_name.h"
#include "core/json.h"
#include "core/strings.h"
#include "rules/image/checks.h"

namespace portcullis::hardening {

void CheckConfigSecrets(const ImageFacts& f, RuleOutput& out) {
  for (const auto& s : f.config_secrets) {
    out.hits.push_back({s.key, fmt::format("{} holds a secret: {} (secret rule {}), {}", s.key,
                                           s.hit.title, s.hit.rule_id, s.hit.match)});
  }
}

namespace {

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

}  // namespace

void CheckSuspiciousEnv(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  std::set<std::string> reported;
  for (const auto& s : f.config_secrets) reported.insert(s.key);
  for (const std::string& env : f.input->config->env) {
    size_t eq = env.find('=');
    std::string_view name = std::string_view(env).substr(0, eq);
    std::string_view value = eq == std::string::npos ? "" : std::string_view(env).substr(eq + 1);
    std::string key = fmt::format("config.Env[{}]", Q(name, 100));
    if (!IsSecretEnvName(name) || HarmlessEnvValue(value) || reported.contains(key)) continue;
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

namespace {

struct PortRange {
  uint32_t first = 0;
  uint32_t last = 0;
};

}  // namespace

namespace {

// "22", "22/tcp", "7000-7010/udp".
std::optional<PortRange> ParsePorts(std::string_view spec) {
  std::string_view ports = spec.substr(0, spec.find('/'));
  size_t dash = ports.find('-');
  auto a = ParseId(ports.substr(0, dash));
  auto b = dash == std::string_view::npos ? a : ParseId(ports.substr(dash + 1));
  if (!a || !b || *a > 65535 || *b > 65535 || *a > *b) return std::nullopt;
  return PortRange{static_cast<uint32_t>(*a), static_cast<uint32_t>(*b)};
}

}  // namespace

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

namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

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


}  // namespace portcullis::hardening
