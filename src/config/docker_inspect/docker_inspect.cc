#include "config/docker_inspect/docker_inspect.h"

#include <fmt/format.h>

#include "config/runtime/values.h"
#include "core/strings.h"

namespace portcullis::runtime {
namespace {

bool IsContainer(const Node& n) { return n.IsMap() && n["HostConfig"].IsMap() && n["Config"].IsMap(); }

std::optional<bool> BoolOf(const Node& n) {
  return n.IsScalar() ? ParseYamlBool(n.Scalar()) : std::nullopt;
}

std::optional<int64_t> IntOf(const Node& n) {
  return n.IsScalar() ? ParseInt(n.Scalar()) : std::nullopt;
}

// A HostConfig namespace mode ("host", "private", "container:ID", "") is the host's.
void HostMode(const Node& n, Field<bool>& field) {
  if (n.IsScalar()) field.Set(n.Scalar() == "host", n.pos());
}

// A mount as the container has it (top-level Mounts: Destination, RW, Propagation, Name) or as
// it was asked for (HostConfig.Mounts: Target, ReadOnly, BindOptions.Propagation).
Mount ReadMount(const Node& m, bool effective) {
  Mount mount;
  mount.pos = m.pos();
  const std::string& type = m["Type"].Scalar();
  mount.type = type == "bind"     ? Mount::Type::kBind
               : type == "volume" ? Mount::Type::kVolume
               : type == "tmpfs"  ? Mount::Type::kTmpfs
                                  : Mount::Type::kOther;
  mount.source = m["Source"].Scalar();
  if (effective) {
    mount.target = m["Destination"].Scalar();
    mount.read_only = !BoolOf(m["RW"]).value_or(true);
    mount.propagation = m["Propagation"].Scalar();
    if (mount.type == Mount::Type::kVolume && !m["Name"].Scalar().empty()) {
      mount.source = m["Name"].Scalar();
    }
  } else {
    mount.target = m["Target"].Scalar();
    mount.read_only = BoolOf(m["ReadOnly"]).value_or(false);
    mount.propagation = m["BindOptions"]["Propagation"].Scalar();
  }
  return mount;
}

void ReadContainer(const Node& obj, std::string_view path, RuntimeModel& model) {
  Pos config_pos;
  Node config = obj.Get("Config", &config_pos);
  Node host = obj["HostConfig"];
  Workload w;
  w.input = InputKind::kDockerInspect;
  w.file = std::string(path);
  w.kind = "container";
  std::string name = obj["Name"].Scalar();
  if (name.starts_with("/")) name.erase(0, 1);
  if (name.empty()) name = obj["Id"].Scalar().substr(0, 12);
  w.name = name;
  w.resource = fmt::format("container {}", name);
  w.pos = obj.pos();
  w.last_line = obj.last_line();

  Container c;
  c.name = name;
  c.pos = obj.pos();
  Node image = config["Image"];
  if (image.IsScalar()) c.image = Text{image.Scalar(), image.pos()};
  // Config.User is the effective user: the image's USER unless the run overrode it.
  Node user = config["User"];
  if (user.IsScalar() || user.IsNull()) c.user.Set(user.Scalar(), user.pos());
  for (const Node& e : config["Env"].Elements()) {
    const std::string& text = e.Scalar();
    size_t eq = text.find('=');
    EnvVar v;
    v.name = text.substr(0, eq);
    if (eq != std::string::npos) v.value = text.substr(eq + 1);
    v.pos = e.pos();
    c.env.push_back(std::move(v));
  }
  Pos health_pos;
  Node health = config.Get("Healthcheck", &health_pos);
  if (health.IsMap()) {
    Node test = health["Test"];
    bool none = test.IsSequence() && test.size() > 0 && test.Elements()[0].Scalar() == "NONE";
    c.healthcheck.Set(!none, health_pos);
  } else {
    c.healthcheck.Set(false, config_pos);
  }

  if (auto b = BoolOf(host["Privileged"])) c.privileged.Set(*b, host["Privileged"].pos());
  if (auto b = BoolOf(host["ReadonlyRootfs"])) {
    c.read_only_root_fs.Set(*b, host["ReadonlyRootfs"].pos());
  }
  for (const Node& cap : host["CapAdd"].Elements()) {
    c.cap_add.push_back(Text{NormalizeCapability(cap.Scalar()), cap.pos()});
  }
  for (const Node& cap : host["CapDrop"].Elements()) {
    c.cap_drop.push_back(Text{NormalizeCapability(cap.Scalar()), cap.pos()});
  }
  c.capabilities_pos = host["CapDrop"]  ? host["CapDrop"].pos()
                       : host["CapAdd"] ? host["CapAdd"].pos()
                                        : host.pos();
  Node security_opt = host["SecurityOpt"];
  c.security_context_pos = security_opt ? security_opt.pos() : host.pos();
  for (const Node& opt : security_opt.Elements()) ApplySecurityOpt(opt.Scalar(), opt.pos(), c);
  // Docker disables no-new-privileges unless asked; the inspect output is the whole truth.
  if (!c.allow_privilege_escalation.set()) {
    c.allow_privilege_escalation.Set(true, c.security_context_pos);
  }
  Node apparmor = obj["AppArmorProfile"];
  if (apparmor.IsScalar() && !apparmor.Scalar().empty()) {
    const std::string& p = apparmor.Scalar();
    c.apparmor.Set(p == "unconfined" ? "Unconfined" : p == "docker-default" ? "RuntimeDefault"
                                                                            : "Localhost",
                   apparmor.pos());
  }

  c.resources_pos = host.pos();
  // Zero means unlimited; it is recorded so findings point at the field.
  if (auto m = IntOf(host["Memory"])) c.memory_limit.Set(std::to_string(*m), host["Memory"].pos());
  if (auto m = IntOf(host["MemoryReservation"]); m && *m > 0) {
    c.memory_request.Set(std::to_string(*m), host["MemoryReservation"].pos());
  }
  for (const char* key : {"NanoCpus", "CpuQuota", "CpuShares"}) {
    if (auto v = IntOf(host[key]); v && *v > 0 && !c.cpu_limit.set()) {
      c.cpu_limit.Set(fmt::format("{}={}", key, *v), host[key].pos());
    }
  }
  if (!c.cpu_limit.set() && host["NanoCpus"]) c.cpu_limit.Set("0", host["NanoCpus"].pos());
  Node pids = host["PidsLimit"];
  if (pids.IsNull()) {
    c.pids_limit.Set(0, pids.pos());
  } else if (auto v = IntOf(pids)) {
    c.pids_limit.Set(*v, pids.pos());
  } else {
    c.pids_limit.Set(0, host.pos());
  }

  for (const auto& e : host["PortBindings"].Entries()) {
    std::string_view key = e.key;
    size_t slash = key.find('/');
    auto container_port = ParseInt(key.substr(0, slash));
    for (const Node& b : e.value.Elements()) {
      Port p;
      p.pos = b.pos();
      p.container_port = container_port && *container_port > 0
                             ? static_cast<uint32_t>(*container_port) : 0;
      p.protocol = slash == std::string_view::npos ? "tcp" : std::string(key.substr(slash + 1));
      p.host_ip = b["HostIp"].Scalar();
      auto hp = ParseInt(b["HostPort"].Scalar());
      p.host_port = hp && *hp > 0 && *hp <= 65535 ? static_cast<uint32_t>(*hp) : 0;
      p.published = true;
      p.text = fmt::format("{}{}{}->{}", p.host_ip, p.host_ip.empty() ? "" : ":",
                           b["HostPort"].Scalar(), key);
      c.ports.push_back(std::move(p));
    }
  }
  for (const Node& d : host["Devices"].Elements()) {
    c.devices.push_back(
        Device{d["PathOnHost"].Scalar(), d["PathInContainer"].Scalar(), d.pos()});
  }
  for (const Node& g : host["GroupAdd"].Elements()) c.group_add.push_back(Text{g.Scalar(), g.pos()});

  HostMode(host["PidMode"], w.host_pid);
  HostMode(host["IpcMode"], w.host_ipc);
  HostMode(host["UTSMode"], w.host_uts);
  HostMode(host["UsernsMode"], w.host_users);
  Node network = host["NetworkMode"];
  if (network.IsScalar()) ApplyNetworkMode(network.Scalar(), network.pos(), w);
  if (!w.on_default_bridge && obj["NetworkSettings"]["Networks"]["bridge"].IsMap() &&
      !w.host_network.Is(true)) {
    w.on_default_bridge = true;
    w.network_mode.Set("bridge", obj["NetworkSettings"]["Networks"]["bridge"].pos());
  }
  Node restart = host["RestartPolicy"];
  if (restart.IsMap()) {
    Node name_node = restart["Name"];
    std::string policy = name_node.Scalar();
    if (policy.empty()) policy = "no";
    ApplyRestartPolicy(policy, name_node ? name_node.pos() : restart.pos(), w);
    if (auto n = IntOf(restart["MaximumRetryCount"])) {
      w.restart_max_retries.Set(*n, restart["MaximumRetryCount"].pos());
    }
  }
  for (const auto& e : host["Sysctls"].Entries()) {
    w.sysctls.push_back(Text{fmt::format("{}={}", e.key, e.value.Scalar()), e.key_pos});
  }

  // The top-level Mounts list is what is really mounted; HostConfig.Binds/Mounts are what was
  // asked for, used when the former is missing (e.g. a created, never started container).
  Node mounts = obj["Mounts"];
  if (mounts.IsSequence()) {
    for (const Node& m : mounts.Elements()) w.mounts.push_back(ReadMount(m, true));
  } else {
    for (const Node& b : host["Binds"].Elements()) {
      w.mounts.push_back(ParseVolumeSpec(b.Scalar(), b.pos()));
    }
    for (const Node& m : host["Mounts"].Elements()) w.mounts.push_back(ReadMount(m, false));
  }
  w.containers.push_back(std::move(c));
  model.workloads.push_back(std::move(w));
}

}  // namespace

bool IsDockerInspectStream(const YamlStream& stream) {
  if (stream.documents.empty()) return false;
  Node root = stream.documents.front()->Root();
  if (root.IsSequence()) {
    auto elements = root.Elements();
    return !elements.empty() && IsContainer(elements.front());
  }
  return IsContainer(root);
}

void ReadDockerInspect(const YamlStream& stream, std::string_view path, RuntimeModel& model,
                       std::vector<Diagnostic>& diagnostics) {
  for (const auto& doc : stream.documents) {
    Node root = doc->Root();
    std::vector<Node> items = root.IsSequence() ? root.Elements() : std::vector<Node>{root};
    for (const Node& item : items) {
      if (!IsContainer(item)) {
        diagnostics.push_back(MakeDiagnostic(
            path, "inspect.not_container", item.pos(),
            "expected a container object with Config and HostConfig; skipped"));
        continue;
      }
      ReadContainer(item, path, model);
    }
  }
}

}  // namespace portcullis::runtime
