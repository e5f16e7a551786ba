#include "config/runtime/audit.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <unordered_map>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "config/compose/compose.h"
#include "config/compose/interpolate.h"
#include "config/docker_inspect/docker_inspect.h"
#include "config/docker_run/docker_run.h"
#include "config/kubernetes/kubernetes.h"
#include "core/files.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "rules/runtime/runtime_rules.h"

namespace portcullis::runtime {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMaxDotEnvBytes = 1 << 20;

std::string BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string Extension(std::string_view name) {
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? "" : ToLower(name.substr(dot + 1));
}

bool IsScriptName(std::string_view path) {
  std::string name = BaseName(path);
  std::string ext = Extension(name);
  return ext == "sh" || ext == "bash" || ext == "zsh" || ext == "ksh" || ext == "mk" ||
         name == "Makefile" || name == "makefile" || name == "GNUmakefile";
}

bool IsYamlOrJsonName(std::string_view path) {
  std::string ext = Extension(BaseName(path));
  return ext == "yaml" || ext == "yml" || ext == "json";
}

bool HasShebang(std::string_view text) {
  if (!text.starts_with("#!")) return false;
  std::string_view first = text.substr(0, text.find('\n'));
  return first.find("sh") != std::string_view::npos;
}

bool MentionsAny(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
    return text.find(w) != std::string_view::npos;
  });
}

Diagnostic Info(std::string_view path, std::string code, std::string message) {
  return MakeDiagnostic(path, std::move(code), Pos{}, std::move(message), Severity::kInfo);
}

std::string NowRfc3339() {
  auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::time_point_cast<std::chrono::seconds>(now));
}

}  // namespace

std::string_view ConfigKindName(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kUnknown: return "unknown";
    case ConfigKind::kAuto: return "auto";
    case ConfigKind::kKubernetes: return "kubernetes";
    case ConfigKind::kCompose: return "compose";
    case ConfigKind::kDockerInspect: return "docker-inspect";
    case ConfigKind::kScript: return "script";
    case ConfigKind::kCi: return "ci";
  }
  return "unknown";
}

FileAudit AuditText(std::string_view text, std::string_view path, ConfigKind kind,
                    std::string_view dotenv, const YamlLimits& limits) {
  FileAudit out;
  if (kind == ConfigKind::kAuto && (IsScriptName(path) || HasShebang(text))) {
    kind = ConfigKind::kScript;
  }
  if (kind == ConfigKind::kScript) {
    out.kind = kind;
    out.suppressions = Suppressions::Scan(text);
    for (auto [first, last] : ReadDockerRunScript(text, path, out.model)) {
      out.suppressions.AddSpan(first, last);
    }
    return out;
  }
  if (kind == ConfigKind::kAuto &&
      !MentionsAny(text, {"apiVersion", "services", "HostConfig", "docker", "podman",
                          "nerdctl"})) {
    return out;  // cannot be any input we read: not worth a parse
  }
  YamlStream stream = ParseYamlStream(text, path, limits);
  if (kind == ConfigKind::kAuto) {
    if (IsKubernetesStream(stream)) kind = ConfigKind::kKubernetes;
    else if (IsComposeStream(stream)) kind = ConfigKind::kCompose;
    else if (IsDockerInspectStream(stream)) kind = ConfigKind::kDockerInspect;
    else if (HasDockerRunCi(stream)) kind = ConfigKind::kCi;
  }
  out.kind = kind;
  bool broken_manifest = stream.documents.empty() && !stream.diagnostics.empty() &&
                         text.find("apiVersion") != std::string_view::npos &&
                         text.find("kind") != std::string_view::npos;
  if (kind == ConfigKind::kAuto && broken_manifest) out.kind = ConfigKind::kKubernetes;
  if (out.kind == ConfigKind::kAuto) {
    out.kind = ConfigKind::kUnknown;
    return out;
  }
  out.diagnostics = std::move(stream.diagnostics);
  out.suppressions = Suppressions::Scan(text);
  out.suppressions.AddYamlSpans(stream);
  switch (out.kind) {
    case ConfigKind::kKubernetes:
      ReadKubernetes(stream, path, out.model, out.diagnostics);
      break;
    case ConfigKind::kCompose:
      ReadCompose(stream, path, ParseDotEnv(dotenv), out.model, out.diagnostics);
      break;
    case ConfigKind::kDockerInspect:
      ReadDockerInspect(stream, path, out.model, out.diagnostics);
      break;
    case ConfigKind::kCi:
      for (auto [first, last] : ReadDockerRunCi(stream, path, out.model)) {
        out.suppressions.AddSpan(first, last);
      }
      break;
    default:
      break;
  }
  return out;
}

namespace {

struct Candidate {
  std::string path;
  bool explicit_file = false;
};

Result<void> Collect(const ConfigAuditOptions& options, std::vector<Candidate>& out,
                     std::vector<Diagnostic>& diagnostics) {
  for (const std::string& p : options.paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return Fail(ErrorCode::kNotFound, "{}: no such file or directory", p);
    if (!fs::is_directory(st)) {
      out.push_back({p, true});
      continue;
    }
    uint64_t visited = 0;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Fail(ErrorCode::kIo, "{}: cannot list the directory ({})", p, ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        diagnostics.push_back(Info(p, "config.walk", fmt::format("walk stopped: {}", ec.message())));
        break;
      }
      if (++visited > options.max_files) {
        diagnostics.push_back(Info(p, "config.limit",
                                   fmt::format("more than {} files; the rest is not read",
                                               options.max_files)));
        break;
      }
      const fs::directory_entry& entry = *it;
      std::string name = entry.path().filename().string();
      if (entry.is_symlink(ec)) continue;
      if (entry.is_directory(ec)) {
        if (name == ".git" || name == "node_modules") it.disable_recursion_pending();
        continue;
      }
      if (!entry.is_regular_file(ec)) continue;
      std::string path = entry.path().string();
      if (IsScriptName(path) || IsYamlOrJsonName(path)) out.push_back({path, false});
    }
  }
  std::sort(out.begin() + 0, out.end(), [](const Candidate& a, const Candidate& b) {
    return a.path < b.path;
  });
  return {};
}

FileAudit AuditFile(const Candidate& c, const YamlLimits& limits) {
  auto text = ReadFileLimited(c.path, limits.max_file_bytes);
  if (!text) {
    FileAudit out;
    out.diagnostics.push_back(
        MakeDiagnostic(c.path, "config.read", Pos{}, text.error().message, Severity::kHigh));
    return out;
  }
  std::string dotenv;
  if (!IsScriptName(c.path) && text->find("services") != std::string::npos) {
    fs::path env = fs::path(c.path).parent_path() / ".env";
    std::error_code ec;
    if (fs::is_regular_file(env, ec)) {
      if (auto e = ReadFileLimited(env.string(), kMaxDotEnvBytes)) dotenv = std::move(*e);
    }
  }
  FileAudit out = AuditText(*text, c.path, ConfigKind::kAuto, dotenv, limits);
  if (out.kind == ConfigKind::kUnknown && c.explicit_file) {
    out.diagnostics.push_back(Info(c.path, "config.unrecognised",
                                   "not a Kubernetes manifest, compose file, docker inspect "
                                   "output, script or CI file with docker run lines; skipped"));
  }
  return out;
}

}  // namespace

Result<Report> AuditConfig(const ConfigAuditOptions& options) {
  Report report;
  report.tool_version = PORTCULLIS_VERSION;
  report.created_at = NowRfc3339();
  report.artifact.type = "config";
  std::vector<std::string> names = options.paths;
  if (!options.docker_run.empty()) names.push_back("--docker-run");
  report.artifact.name = Join(names, " ");
  report.scanners = {"config"};

  std::vector<Candidate> candidates;
  PC_TRY_VOID(Collect(options, candidates, report.diagnostics));

  std::vector<FileAudit> audits(candidates.size());
  unsigned threads = options.parallel ? options.parallel : ThreadPool::DefaultThreads();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(candidates.size())));
  if (threads <= 1 || candidates.size() < 4) {
    for (size_t i = 0; i < candidates.size(); ++i) {
      audits[i] = AuditFile(candidates[i], options.limits);
    }
  } else {
    ThreadPool pool(threads);
    std::vector<std::future<void>> done;
    // Contiguous slices keep the per-task overhead small for many small files.
    size_t slices = std::min<size_t>(candidates.size(), threads * 8);
    for (size_t s = 0; s < slices; ++s) {
      size_t begin = candidates.size() * s / slices;
      size_t end = candidates.size() * (s + 1) / slices;
      done.push_back(pool.Submit([&, begin, end] {
        for (size_t i = begin; i < end; ++i) audits[i] = AuditFile(candidates[i], options.limits);
      }));
    }
    for (auto& f : done) f.get();
  }
  for (const std::string& line : options.docker_run) {
    FileAudit a = AuditText(line, "", ConfigKind::kScript);
    if (a.model.workloads.empty()) {
      report.diagnostics.push_back(Info("--docker-run", "config.no_invocation",
                                        fmt::format("'{}' is not a docker/podman run or create "
                                                    "command with an image",
                                                    Excerpt(line, 80))));
    }
    audits.push_back(std::move(a));
  }

  RuntimeModel model;
  std::unordered_map<std::string, const Suppressions*> suppressions;
  for (FileAudit& a : audits) {
    for (auto& d : a.diagnostics) report.diagnostics.push_back(std::move(d));
    auto move_all = [](auto& from, auto& to) {
      std::move(from.begin(), from.end(), std::back_inserter(to));
    };
    if (!a.suppressions.empty()) {
      for (const Workload& w : a.model.workloads) suppressions[w.file] = &a.suppressions;
      for (const Role& r : a.model.roles) suppressions[r.file] = &a.suppressions;
      for (const RoleBinding& b : a.model.bindings) suppressions[b.file] = &a.suppressions;
    }
    move_all(a.model.workloads, model.workloads);
    move_all(a.model.roles, model.roles);
    move_all(a.model.bindings, model.bindings);
    move_all(a.model.network_policies, model.network_policies);
    model.has_kubernetes = model.has_kubernetes || a.model.has_kubernetes;
  }

  std::vector<Misconfiguration> findings = EvaluateRuntimeRules(model);
  std::erase_if(findings, [&](const Misconfiguration& f) {
    auto it = suppressions.find(f.path);
    return it != suppressions.end() && it->second->Suppresses(f);
  });
  ApplyPolicy(options.policy, findings);
  // By file, line and rule; ties keep rule-table order.
  std::vector<size_t> order(findings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&findings](size_t a, size_t b) {
    const Misconfiguration& x = findings[a];
    const Misconfiguration& y = findings[b];
    return std::tie(x.target, x.line, x.id, a) < std::tie(y.target, y.line, y.id, b);
  });
  for (size_t i : order) report.misconfigurations.push_back(std::move(findings[i]));
  return report;
}

}  // namespace portcullis::runtime
