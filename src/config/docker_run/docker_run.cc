#include "config/docker_run/docker_run.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "config/runtime/values.h"
#include "core/strings.h"

namespace portcullis::runtime {
namespace {

enum class Flag : uint8_t {
  kIgnore,
  kPrivileged,
  kCapAdd,
  kCapDrop,
  kSecurityOpt,
  kReadOnly,
  kUser,
  kMemory,
  kMemoryReservation,
  kCpus,
  kPidsLimit,
  kVolume,
  kMount,
  kNetwork,
  kPid,
  kIpc,
  kUts,
  kUserns,
  kPublish,
  kPublishAll,
  kEnv,
  kEnvFile,
  kDevice,
  kRestart,
  kHealthCmd,
  kNoHealthcheck,
  kSysctl,
  kGroupAdd,
  kName,
};

struct FlagSpec {
  std::string_view name;  // long name without dashes
  char short_name;        // 0 = none
  bool takes_value;
  Flag flag;
};

// Every option of `docker run`/`docker create` (Docker 25), plus the podman and nerdctl ones
// that take a value: knowing which flags take a value is what finds the image argument.
constexpr FlagSpec kFlags[] = {
    {"privileged", 0, false, Flag::kPrivileged},
    {"cap-add", 0, true, Flag::kCapAdd},
    {"cap-drop", 0, true, Flag::kCapDrop},
    {"security-opt", 0, true, Flag::kSecurityOpt},
    {"read-only", 0, false, Flag::kReadOnly},
    {"user", 'u', true, Flag::kUser},
    {"memory", 'm', true, Flag::kMemory},
    {"memory-reservation", 0, true, Flag::kMemoryReservation},
    {"cpus", 0, true, Flag::kCpus},
    {"cpu-shares", 'c', true, Flag::kCpus},
    {"cpu-quota", 0, true, Flag::kCpus},
    {"pids-limit", 0, true, Flag::kPidsLimit},
    {"volume", 'v', true, Flag::kVolume},
    {"mount", 0, true, Flag::kMount},
    {"network", 0, true, Flag::kNetwork},
    {"net", 0, true, Flag::kNetwork},
    {"pid", 0, true, Flag::kPid},
    {"ipc", 0, true, Flag::kIpc},
    {"uts", 0, true, Flag::kUts},
    {"userns", 0, true, Flag::kUserns},
    {"publish", 'p', true, Flag::kPublish},
    {"publish-all", 'P', false, Flag::kPublishAll},
    {"env", 'e', true, Flag::kEnv},
    {"env-file", 0, true, Flag::kEnvFile},
    {"device", 0, true, Flag::kDevice},
    {"restart", 0, true, Flag::kRestart},
    {"health-cmd", 0, true, Flag::kHealthCmd},
    {"no-healthcheck", 0, false, Flag::kNoHealthcheck},
    {"sysctl", 0, true, Flag::kSysctl},
    {"group-add", 0, true, Flag::kGroupAdd},
    {"name", 0, true, Flag::kName},
    // Boolean options that change nothing the rules look at.
    {"detach", 'd', false, Flag::kIgnore},
    {"interactive", 'i', false, Flag::kIgnore},
    {"tty", 't', false, Flag::kIgnore},
    {"rm", 0, false, Flag::kIgnore},
    {"init", 0, false, Flag::kIgnore},
    {"oom-kill-disable", 0, false, Flag::kIgnore},
    {"sig-proxy", 0, false, Flag::kIgnore},
    {"quiet", 'q', false, Flag::kIgnore},
    {"disable-content-trust", 0, false, Flag::kIgnore},
    {"help", 0, false, Flag::kIgnore},
    {"rootfs", 0, false, Flag::kIgnore},
    {"replace", 0, false, Flag::kIgnore},
    {"env-host", 0, false, Flag::kIgnore},
    {"http-proxy", 0, false, Flag::kIgnore},
    {"read-only-tmpfs", 0, false, Flag::kIgnore},
    {"no-hosts", 0, false, Flag::kIgnore},
    // Options that take a value the rules do not use.
    {"add-host", 0, true, Flag::kIgnore},
    {"annotation", 0, true, Flag::kIgnore},
    {"attach", 'a', true, Flag::kIgnore},
    {"blkio-weight", 0, true, Flag::kIgnore},
    {"blkio-weight-device", 0, true, Flag::kIgnore},
    {"cgroup-parent", 0, true, Flag::kIgnore},
    {"cgroupns", 0, true, Flag::kIgnore},
    {"cgroups", 0, true, Flag::kIgnore},
    {"cidfile", 0, true, Flag::kIgnore},
    {"cpu-count", 0, true, Flag::kIgnore},
    {"cpu-percent", 0, true, Flag::kIgnore},
    {"cpu-period", 0, true, Flag::kIgnore},
    {"cpu-rt-period", 0, true, Flag::kIgnore},
    {"cpu-rt-runtime", 0, true, Flag::kIgnore},
    {"cpuset-cpus", 0, true, Flag::kIgnore},
    {"cpuset-mems", 0, true, Flag::kIgnore},
    {"conmon-pidfile", 0, true, Flag::kIgnore},
    {"detach-keys", 0, true, Flag::kIgnore},
    {"device-cgroup-rule", 0, true, Flag::kIgnore},
    {"device-read-bps", 0, true, Flag::kIgnore},
    {"device-read-iops", 0, true, Flag::kIgnore},
    {"device-write-bps", 0, true, Flag::kIgnore},
    {"device-write-iops", 0, true, Flag::kIgnore},
    {"dns", 0, true, Flag::kIgnore},
    {"dns-opt", 0, true, Flag::kIgnore},
    {"dns-option", 0, true, Flag::kIgnore},
    {"dns-search", 0, true, Flag::kIgnore},
    {"domainname", 0, true, Flag::kIgnore},
    {"entrypoint", 0, true, Flag::kIgnore},
    {"expose", 0, true, Flag::kIgnore},
    {"gidmap", 0, true, Flag::kIgnore},
    {"gpus", 0, true, Flag::kIgnore},
    {"health-interval", 0, true, Flag::kIgnore},
    {"health-retries", 0, true, Flag::kIgnore},
    {"health-start-interval", 0, true, Flag::kIgnore},
    {"health-start-period", 0, true, Flag::kIgnore},
    {"health-timeout", 0, true, Flag::kIgnore},
    {"hostname", 'h', true, Flag::kIgnore},
    {"hostuser", 0, true, Flag::kIgnore},
    {"init-path", 0, true, Flag::kIgnore},
    {"io-maxbandwidth", 0, true, Flag::kIgnore},
    {"io-maxiops", 0, true, Flag::kIgnore},
    {"ip", 0, true, Flag::kIgnore},
    {"ip6", 0, true, Flag::kIgnore},
    {"isolation", 0, true, Flag::kIgnore},
    {"kernel-memory", 0, true, Flag::kIgnore},
    {"label", 'l', true, Flag::kIgnore},
    {"label-file", 0, true, Flag::kIgnore},
    {"link", 0, true, Flag::kIgnore},
    {"link-local-ip", 0, true, Flag::kIgnore},
    {"log-driver", 0, true, Flag::kIgnore},
    {"log-opt", 0, true, Flag::kIgnore},
    {"mac-address", 0, true, Flag::kIgnore},
    {"memory-swap", 0, true, Flag::kIgnore},
    {"memory-swappiness", 0, true, Flag::kIgnore},
    {"network-alias", 0, true, Flag::kIgnore},
    {"net-alias", 0, true, Flag::kIgnore},
    {"oom-score-adj", 0, true, Flag::kIgnore},
    {"platform", 0, true, Flag::kIgnore},
    {"pod", 0, true, Flag::kIgnore},
    {"pod-id-file", 0, true, Flag::kIgnore},
    {"pull", 0, true, Flag::kIgnore},
    {"requires", 0, true, Flag::kIgnore},
    {"runtime", 0, true, Flag::kIgnore},
    {"sdnotify", 0, true, Flag::kIgnore},
    {"seccomp-policy", 0, true, Flag::kIgnore},
    {"secret", 0, true, Flag::kIgnore},
    {"shm-size", 0, true, Flag::kIgnore},
    {"stop-signal", 0, true, Flag::kIgnore},
    {"stop-timeout", 0, true, Flag::kIgnore},
    {"storage-opt", 0, true, Flag::kIgnore},
    {"subgidname", 0, true, Flag::kIgnore},
    {"subuidname", 0, true, Flag::kIgnore},
    {"systemd", 0, true, Flag::kIgnore},
    {"tmpfs", 0, true, Flag::kIgnore},
    {"tz", 0, true, Flag::kIgnore},
    {"uidmap", 0, true, Flag::kIgnore},
    {"ulimit", 0, true, Flag::kIgnore},
    {"umask", 0, true, Flag::kIgnore},
    {"volume-driver", 0, true, Flag::kIgnore},
    {"volumes-from", 0, true, Flag::kIgnore},
    {"workdir", 'w', true, Flag::kIgnore},
};

const FlagSpec* FindLong(std::string_view name) {
  for (const FlagSpec& f : kFlags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const FlagSpec* FindShort(char c) {
  for (const FlagSpec& f : kFlags) {
    if (f.short_name == c) return &f;
  }
  return nullptr;
}

class Builder {
 public:
  Builder(const RuntimeInvocation& inv, std::string_view path) {
    w_.input = InputKind::kDockerRun;
    w_.file = std::string(path);
    w_.kind = fmt::format("{} {}", inv.program, inv.subcommand);
    w_.pos = inv.pos;
    w_.last_line = inv.last_line;
    w_.resource = path.empty()
                      ? fmt::format("{} {} (command line)", inv.program, inv.subcommand)
                      : fmt::format("{} {} ({}:{})", inv.program, inv.subcommand,
                                    BaseName(path), inv.pos.line);
    c_.pos = inv.pos;
    c_.security_context_pos = inv.pos;
    c_.capabilities_pos = inv.pos;
    c_.resources_pos = inv.pos;
    // Without --network, docker and nerdctl attach to the default bridge; podman does not.
    w_.on_default_bridge = inv.program != "podman";
  }

  void Apply(const FlagSpec& f, const Word& flag_word, const std::string& value,
             const Word* value_word) {
    Pos pos = value_word ? value_word->pos : flag_word.pos;
    bool var = value_word && value_word->has_variable;
    auto flag_bool = [&] { return value.empty() || ParseYamlBool(value).value_or(false); };
    switch (f.flag) {
      case Flag::kIgnore:
        break;
      case Flag::kPrivileged:
        c_.privileged.Set(flag_bool(), flag_word.pos);
        break;
      case Flag::kReadOnly:
        c_.read_only_root_fs.Set(flag_bool(), flag_word.pos);
        break;
      case Flag::kCapAdd:
        for (auto cap : Split(value, ',')) c_.cap_add.push_back(Text{NormalizeCapability(cap), pos});
        break;
      case Flag::kCapDrop:
        for (auto cap : Split(value, ',')) {
          c_.cap_drop.push_back(Text{NormalizeCapability(cap), pos});
        }
        break;
      case Flag::kSecurityOpt:
        ApplySecurityOpt(value, pos, c_);
        break;
      case Flag::kUser:
        if (!var) c_.user.Set(value, pos);
        break;
      case Flag::kMemory:
        c_.memory_limit.Set(value, pos);
        break;
      case Flag::kMemoryReservation:
        c_.memory_request.Set(value, pos);
        break;
      case Flag::kCpus:
        c_.cpu_limit.Set(value, pos);
        break;
      case Flag::kPidsLimit:
        if (auto n = ParseInt(value)) c_.pids_limit.Set(*n, pos);
        else if (var) c_.pids_limit.Set(1, pos);  // set from a variable: assume a limit
        break;
      case Flag::kVolume:
        w_.mounts.push_back(ParseVolumeSpec(value, pos));
        break;
      case Flag::kMount:
        w_.mounts.push_back(ParseMountSpec(value, pos));
        break;
      case Flag::kNetwork:
        ApplyNetworkMode(value, pos, w_);
        break;
      case Flag::kPid:
        w_.host_pid.Set(value == "host", pos);
        break;
      case Flag::kIpc:
        w_.host_ipc.Set(value == "host", pos);
        break;
      case Flag::kUts:
        w_.host_uts.Set(value == "host", pos);
        break;
      case Flag::kUserns:
        w_.host_users.Set(value == "host", pos);
        break;
      case Flag::kPublish:
        if (auto p = ParsePortSpec(value, pos)) c_.ports.push_back(*p);
        break;
      case Flag::kPublishAll: {
        Port p;
        p.published = flag_bool();
        p.text = "--publish-all (every exposed port)";
        p.pos = flag_word.pos;
        if (p.published) c_.ports.push_back(std::move(p));
        break;
      }
      case Flag::kEnv: {
        EnvVar v;
        size_t eq = value.find('=');
        v.name = value.substr(0, eq);
        v.pos = pos;
        if (eq == std::string::npos) {
          v.source = EnvVar::Source::kHost;
        } else {
          v.value = value.substr(eq + 1);
          v.source = var ? EnvVar::Source::kInterpolated : EnvVar::Source::kLiteral;
        }
        c_.env.push_back(std::move(v));
        break;
      }
      case Flag::kEnvFile: {
        EnvVar v;
        v.name = fmt::format("(env file {})", value);
        v.source = EnvVar::Source::kFile;
        v.pos = pos;
        c_.env.push_back(std::move(v));
        break;
      }
      case Flag::kDevice:
        c_.devices.push_back(ParseDeviceSpec(value, pos));
        break;
      case Flag::kRestart:
        ApplyRestartPolicy(value, pos, w_);
        break;
      case Flag::kHealthCmd:
        if (!c_.healthcheck.set()) c_.healthcheck.Set(true, pos);
        break;
      case Flag::kNoHealthcheck:
        c_.healthcheck.Set(!flag_bool(), flag_word.pos);
        break;
      case Flag::kSysctl:
        w_.sysctls.push_back(Text{value, pos});
        break;
      case Flag::kGroupAdd:
        c_.group_add.push_back(Text{value, pos});
        break;
      case Flag::kName:
        w_.name = value;
        c_.name = value;
        break;
    }
  }

  void SetImage(const Word& image) {
    c_.image = Text{image.text, image.pos};
    c_.image_has_variables = image.has_variable;
  }

  void Finish(RuntimeModel& model) {
    w_.containers.push_back(std::move(c_));
    model.workloads.push_back(std::move(w_));
  }

 private:
  static std::string_view BaseName(std::string_view path) {
    size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
  }

  Workload w_;
  Container c_;
};

const std::unordered_set<std::string_view>& CiKeys() {
  static const std::unordered_set<std::string_view> keys = {
      "run", "script", "before_script", "after_script", "command", "commands", "cmd", "bash",
      "sh"};
  return keys;
}

bool MentionsRuntime(std::string_view s) {
  return s.find("docker") != std::string_view::npos ||
         s.find("podman") != std::string_view::npos ||
         s.find("nerdctl") != std::string_view::npos;
}

// Walks a CI document once (aliases by identity), calling `on_script` for every command
// string and `on_container` for every GitHub Actions `container:`/`services:` map that has
// `image` and `options`.
template <typename OnScript, typename OnContainer>
void WalkCi(const Node& node, bool under_key, std::unordered_set<uint32_t>& seen,
            OnScript& on_script, OnContainer& on_container, int depth) {
  if (!node || depth > 64 || !seen.insert(node.id()).second) return;
  if (node.IsScalar()) {
    if (under_key && MentionsRuntime(node.Scalar())) on_script(node);
    return;
  }
  if (node.IsSequence()) {
    for (const Node& e : node.Elements()) {
      WalkCi(e, under_key, seen, on_script, on_container, depth + 1);
    }
    return;
  }
  if (!node.IsMap()) return;
  Node image = node["image"];
  Node options = node["options"];
  if (image.IsScalar() && options.IsScalar()) on_container(image, options);
  for (const auto& e : node.Entries()) {
    WalkCi(e.value, CiKeys().contains(e.key), seen, on_script, on_container, depth + 1);
  }
}

}  // namespace

void ReadDockerRun(const RuntimeInvocation& inv, std::string_view path, RuntimeModel& model) {
  Builder b(inv, path);
  const auto& args = inv.args;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const Word& w = args[i];
    const std::string& t = w.text;
    if (t == "--") {
      ++i;
      break;
    }
    if (t.size() < 2 || t[0] != '-') break;  // the image
    if (t[1] == '-') {
      size_t eq = t.find('=');
      std::string name = t.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      const FlagSpec* f = FindLong(name);
      if (eq != std::string::npos) {
        if (f) b.Apply(*f, w, t.substr(eq + 1), &w);
        continue;
      }
      if (f && f->takes_value) {
        if (i + 1 < args.size()) {
          b.Apply(*f, w, args[i + 1].text, &args[i + 1]);
          ++i;
        }
      } else if (f) {
        b.Apply(*f, w, "", nullptr);
      }
      continue;
    }
    // A cluster of short flags: booleans, and at most one value flag that takes the rest of
    // the word or the next word.
    for (size_t k = 1; k < t.size(); ++k) {
      const FlagSpec* f = FindShort(t[k]);
      if (!f) continue;
      if (!f->takes_value) {
        b.Apply(*f, w, "", nullptr);
        continue;
      }
      std::string rest = t.substr(k + 1);
      if (!rest.empty() && rest[0] == '=') rest.erase(0, 1);
      if (!rest.empty()) {
        b.Apply(*f, w, rest, &w);
      } else if (i + 1 < args.size()) {
        b.Apply(*f, w, args[i + 1].text, &args[i + 1]);
        ++i;
      }
      break;
    }
  }
  if (i >= args.size()) return;  // no image: `docker run --help`, or a cut-off line
  b.SetImage(args[i]);
  b.Finish(model);
}

std::vector<std::pair<uint32_t, uint32_t>> ReadDockerRunScript(std::string_view text,
                                                               std::string_view path,
                                                               RuntimeModel& model) {
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  if (!MentionsRuntime(text)) return spans;
  for (const ShellCommand& cmd : SplitCommands(text, Pos{1, 1})) {
    RuntimeInvocation inv;
    if (!MatchInvocation(cmd, inv)) continue;
    ReadDockerRun(inv, path, model);
    spans.emplace_back(inv.first_line, inv.last_line);
  }
  return spans;
}

std::vector<std::pair<uint32_t, uint32_t>> ReadDockerRunCi(const YamlStream& stream,
                                                           std::string_view path,
                                                           RuntimeModel& model) {
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  auto on_script = [&](const Node& n) {
    Pos origin{n.Block() ? n.pos().line + 1 : n.pos().line, n.Block() ? 0 : n.pos().column};
    for (const ShellCommand& cmd : SplitCommands(n.Scalar(), origin, !n.Block())) {
      RuntimeInvocation inv;
      if (!MatchInvocation(cmd, inv)) continue;
      ReadDockerRun(inv, path, model);
      spans.emplace_back(inv.first_line, inv.last_line);
    }
  };
  auto on_container = [&](const Node& image, const Node& options) {
    RuntimeInvocation inv;
    inv.program = "docker";
    inv.subcommand = "create";
    inv.pos = image.pos();
    inv.first_line = std::min(image.pos().line, options.pos().line);
    inv.last_line = std::max(image.pos().line, options.pos().line);
    for (const ShellCommand& cmd : SplitCommands(options.Scalar(), options.pos())) {
      inv.args.insert(inv.args.end(), cmd.words.begin(), cmd.words.end());
    }
    inv.args.push_back(Word{image.Scalar(), image.pos(), HasVariable(image.Scalar())});
    ReadDockerRun(inv, path, model);
    spans.emplace_back(inv.first_line, inv.last_line);
  };
  for (const auto& doc : stream.documents) {
    std::unordered_set<uint32_t> seen;
    WalkCi(doc->Root(), false, seen, on_script, on_container, 0);
  }
  return spans;
}

bool HasDockerRunCi(const YamlStream& stream) {
  RuntimeModel scratch;
  return !ReadDockerRunCi(stream, "", scratch).empty();
}

}  // namespace portcullis::runtime
