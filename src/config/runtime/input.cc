#include "config/runtime/input.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "config/compose/compose.h"
#include "config/compose/interpolate.h"
#include "config/docker_inspect/docker_inspect.h"
#include "config/docker_run/docker_run.h"
#include "config/kubernetes/kubernetes.h"
#include "core/files.h"
#include "core/strings.h"

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

bool IsConfigCandidateName(std::string_view path) {
  return IsScriptName(path) || IsYamlOrJsonName(path);
}

FileAudit AuditFile(const std::string& path, bool explicit_file, const YamlLimits& limits) {
  auto text = ReadFileLimited(path, limits.max_file_bytes);
  if (!text) {
    FileAudit out;
    out.diagnostics.push_back(
        MakeDiagnostic(path, "config.read", Pos{}, text.error().message, Severity::kHigh));
    return out;
  }
  std::string dotenv;
  if (!IsScriptName(path) && text->find("services") != std::string::npos) {
    fs::path env = fs::path(path).parent_path() / ".env";
    std::error_code ec;
    if (fs::is_regular_file(env, ec)) {
      if (auto e = ReadFileLimited(env.string(), kMaxDotEnvBytes)) dotenv = std::move(*e);
    }
  }
  FileAudit out = AuditText(*text, path, ConfigKind::kAuto, dotenv, limits);
  if (out.kind == ConfigKind::kUnknown && explicit_file) {
    out.diagnostics.push_back(Info(path, "config.unrecognised",
                                   "not a Kubernetes manifest, compose file, docker inspect "
                                   "output, script or CI file with docker run lines; skipped"));
  }
  return out;
}

}  // namespace portcullis::runtime
