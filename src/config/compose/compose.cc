#include "config/compose/compose.h"

#include <fmt/format.h>

#include "config/compose/interpolate.h"
#include "config/runtime/values.h"
#include "core/strings.h"

namespace portcullis::runtime {
namespace {

class Reader {
 public:
  Reader(std::string_view path, const std::map<std::string, std::string>& vars,
         RuntimeModel& model, std::vector<Diagnostic>& diagnostics)
      : path_(path), vars_(vars), model_(model), diagnostics_(diagnostics) {}

  void Read(const Node& root) {
    for (const auto& e : root["volumes"].Entries()) {
      Node opts = e.value["driver_opts"];
      const std::string o = Str(opts["o"]).value;
      const std::string device = Str(opts["device"]).value;
      if (!device.empty() && o.find("bind") != std::string::npos) {
        bind_volumes_[std::string(e.key)] = device;
      }
    }
    for (const auto& e : root["services"].Entries()) {
      if (!e.value.IsMap()) {
        if (!e.value.IsNull()) {
          Diag(e.key_pos, fmt::format("service '{}' is not a map; skipped", e.key));
        }
        continue;
      }
      ReadService(std::string(e.key), e.key_pos, e.value);
    }
  }

 private:
  void Diag(Pos pos, std::string message) {
    diagnostics_.push_back(MakeDiagnostic(path_, "compose.bad_service", pos, std::move(message)));
  }

  Expanded Str(const Node& n) const {
    if (!n.IsScalar()) return Expanded{};
    return Interpolate(n.Scalar(), vars_);
  }

  void SetBool(Field<bool>& field, const Node& n) const {
    if (!n.IsScalar()) return;
    if (auto b = ParseYamlBool(Str(n).value)) field.Set(*b, n.pos());
  }

  void SetText(Field<std::string>& field, const Node& n) const {
    if (!n.IsScalar()) return;
    Expanded v = Str(n);
    if (!v.unresolved) field.Set(v.value, n.pos());
  }

  // A list of strings, or a single string, as compose accepts for several keys.
  std::vector<std::pair<std::string, Pos>> List(const Node& n) const {
    std::vector<std::pair<std::string, Pos>> out;
    if (n.IsScalar()) out.emplace_back(Str(n).value, n.pos());
    for (const Node& e : n.Elements()) {
      if (e.IsScalar()) out.emplace_back(Str(e).value, e.pos());
    }
    return out;
  }

  void ReadService(const std::string& name, Pos key_pos, const Node& svc) {
    Workload w;
    w.input = InputKind::kCompose;
    w.file = std::string(path_);
    w.kind = "service";
    w.name = name;
    w.resource = fmt::format("compose service {}", name);
    w.pos = key_pos;
    w.last_line = svc.last_line();
    Container c;
    c.name = name;
    c.pos = key_pos;

    Node image = svc["image"];
    if (image.IsScalar()) {
      Expanded v = Str(image);
      c.image = Text{v.value, image.pos()};
      c.image_has_variables = v.unresolved;
    }
    SetBool(c.privileged, svc["privileged"]);
    SetBool(c.read_only_root_fs, svc["read_only"]);
    Node user = svc["user"];
    if (user.IsScalar()) {
      Expanded v = Str(user);
      if (!v.unresolved) c.user.Set(v.value, user.pos());
    }
    for (const auto& [cap, pos] : List(svc["cap_add"])) {
      c.cap_add.push_back(Text{NormalizeCapability(cap), pos});
    }
    for (const auto& [cap, pos] : List(svc["cap_drop"])) {
      c.cap_drop.push_back(Text{NormalizeCapability(cap), pos});
    }
    if (svc["cap_add"] || svc["cap_drop"]) {
      c.capabilities_pos = svc["cap_add"] ? svc["cap_add"].pos() : svc["cap_drop"].pos();
    }
    Node security_opt = svc["security_opt"];
    if (security_opt) c.security_context_pos = security_opt.pos();
    for (const auto& [opt, pos] : List(security_opt)) ApplySecurityOpt(opt, pos, c);

    auto host_mode = [&](const char* key, Field<bool>& field) {
      Node n = svc[key];
      if (n.IsScalar()) field.Set(Str(n).value == "host", n.pos());
    };
    host_mode("pid", w.host_pid);
    host_mode("ipc", w.host_ipc);
    host_mode("uts", w.host_uts);
    host_mode("userns_mode", w.host_users);
    Node network_mode = svc["network_mode"];
    if (network_mode.IsScalar()) ApplyNetworkMode(Str(network_mode).value, network_mode.pos(), w);

    ReadVolumes(svc["volumes"], w);
    ReadPorts(svc["ports"], c);
    ReadEnvironment(svc["environment"], c);
    ReadResources(svc, c);
    for (const Node& d : svc["devices"].Elements()) {
      if (d.IsScalar()) {
        c.devices.push_back(ParseDeviceSpec(Str(d).value, d.pos()));
      } else if (d.IsMap()) {
        c.devices.push_back(Device{Str(d["source"]).value, Str(d["target"]).value, d.pos()});
      }
    }
    for (const auto& [g, pos] : List(svc["group_add"])) c.group_add.push_back(Text{g, pos});

    Node restart = svc["restart"];
    if (restart.IsScalar()) ApplyRestartPolicy(Str(restart).value, restart.pos(), w);
    Node policy = svc["deploy"]["restart_policy"];
    if (policy.IsMap() && !w.restart.set()) {
      Node cond = policy["condition"];
      std::string condition = cond.IsScalar() ? Str(cond).value : "any";
      w.restart.Set(condition == "none" ? "no" : condition, cond ? cond.pos() : policy.pos());
      Node attempts = policy["max_attempts"];
      if (auto n = ParseInt(Str(attempts).value)) w.restart_max_retries.Set(*n, attempts.pos());
    }

    Pos health_pos;
    Node health = svc.Get("healthcheck", &health_pos);
    if (health.IsMap()) {
      bool disabled = ParseYamlBool(Str(health["disable"]).value).value_or(false);
      Node test = health["test"];
      if (test.IsSequence() && test.size() > 0 && test.Elements()[0].Scalar() == "NONE") {
        disabled = true;
      }
      c.healthcheck.Set(!disabled, health_pos);
    }

    Node sysctls = svc["sysctls"];
    if (sysctls.IsMap()) {
      for (const auto& e : sysctls.Entries()) {
        w.sysctls.push_back(Text{fmt::format("{}={}", e.key, Str(e.value).value), e.key_pos});
      }
    } else {
      for (const auto& [s, pos] : List(sysctls)) w.sysctls.push_back(Text{s, pos});
    }
    w.containers.push_back(std::move(c));
    model_.workloads.push_back(std::move(w));
  }

  void ReadVolumes(const Node& volumes, Workload& w) {
    for (const Node& v : volumes.Elements()) {
      Mount m;
      if (v.IsScalar()) {
        m = ParseVolumeSpec(Str(v).value, v.pos());
      } else if (v.IsMap()) {
        m.pos = v.pos();
        std::string type = Str(v["type"]).value;
        m.source = Str(v["source"]).value;
        m.target = Str(v["target"]).value;
        m.read_only = ParseYamlBool(Str(v["read_only"]).value).value_or(false);
        m.propagation = Str(v["bind"]["propagation"]).value;
        if (type == "bind") m.type = Mount::Type::kBind;
        else if (type == "tmpfs") m.type = Mount::Type::kTmpfs;
        else if (type == "volume" || type.empty()) m.type = Mount::Type::kVolume;
        else m.type = Mount::Type::kOther;
        if (Node s = v["source"]) m.pos = s.pos();
      } else {
        continue;
      }
      if (m.type == Mount::Type::kVolume) {
        auto it = bind_volumes_.find(m.source);
        if (it != bind_volumes_.end()) {
          m.source = it->second;
          m.type = Mount::Type::kBind;
        }
      }
      w.mounts.push_back(std::move(m));
    }
  }

  void ReadPorts(const Node& ports, Container& c) {
    for (const Node& p : ports.Elements()) {
      if (p.IsScalar()) {
        if (auto port = ParsePortSpec(Str(p).value, p.pos())) c.ports.push_back(*port);
        continue;
      }
      if (!p.IsMap()) continue;
      Port port;
      port.pos = p.pos();
      auto target = ParseInt(Str(p["target"]).value);
      port.container_port = target && *target > 0 && *target <= 65535
                                ? static_cast<uint32_t>(*target) : 0;
      std::string published = Str(p["published"]).value;
      if (!published.empty()) {
        auto host = ParseInt(published.substr(0, published.find('-')));
        if (host && *host > 0 && *host <= 65535) port.host_port = static_cast<uint32_t>(*host);
        port.pos = p["published"].pos();
      }
      // Long syntax publishes the target on a random host port when `published` is absent.
      port.published = true;
      port.host_ip = Str(p["host_ip"]).value;
      port.protocol = ToLower(Str(p["protocol"]).value);
      port.text = published.empty() ? fmt::format("target {}", port.container_port)
                                    : fmt::format("{}:{}", published, port.container_port);
      if (!port.host_ip.empty()) port.text = port.host_ip + ":" + port.text;
      c.ports.push_back(std::move(port));
    }
  }

  void ReadEnvironment(const Node& env, Container& c) {
    auto add_host = [&](std::string name, Pos pos) {
      EnvVar v;
      v.name = std::move(name);
      v.pos = pos;
      v.source = EnvVar::Source::kHost;
      c.env.push_back(std::move(v));
    };
    auto add_value = [&](std::string name, const Expanded& e, Pos pos) {
      EnvVar v;
      v.name = std::move(name);
      v.pos = pos;
      v.value = e.value;
      v.source = e.from_variable ? EnvVar::Source::kInterpolated : EnvVar::Source::kLiteral;
      c.env.push_back(std::move(v));
    };
    if (env.IsMap()) {
      for (const auto& e : env.Entries()) {
        if (!e.value.IsScalar()) {
          add_host(std::string(e.key), e.key_pos);
        } else {
          add_value(std::string(e.key), Str(e.value), e.value.pos());
        }
      }
      return;
    }
    for (const Node& item : env.Elements()) {
      if (!item.IsScalar()) continue;
      const std::string& text = item.Scalar();
      size_t eq = text.find('=');
      if (eq == std::string::npos) {
        add_host(text, item.pos());
      } else {
        add_value(text.substr(0, eq), Interpolate(std::string_view(text).substr(eq + 1), vars_),
                  item.pos());
      }
    }
  }

  void ReadResources(const Node& svc, Container& c) {
    Node limits = svc["deploy"]["resources"]["limits"];
    Node reservations = svc["deploy"]["resources"]["reservations"];
    Pos deploy_pos;
    if (svc.Get("deploy", &deploy_pos)["resources"]) c.resources_pos = deploy_pos;
    SetText(c.memory_limit, limits["memory"]);
    SetText(c.cpu_limit, limits["cpus"]);
    SetText(c.memory_request, reservations["memory"]);
    SetText(c.cpu_request, reservations["cpus"]);
    if (!c.memory_limit.set()) SetText(c.memory_limit, svc["mem_limit"]);
    if (!c.memory_request.set()) SetText(c.memory_request, svc["mem_reservation"]);
    for (const char* key : {"cpus", "cpu_quota", "cpu_shares"}) {
      if (!c.cpu_limit.set()) SetText(c.cpu_limit, svc[key]);
    }
    for (Node n : {limits["pids"], svc["pids_limit"]}) {
      if (c.pids_limit.set() || !n.IsScalar()) continue;
      if (auto v = ParseInt(Str(n).value)) c.pids_limit.Set(*v, n.pos());
    }
  }

  std::string_view path_;
  const std::map<std::string, std::string>& vars_;
  RuntimeModel& model_;
  std::vector<Diagnostic>& diagnostics_;
  std::map<std::string, std::string> bind_volumes_;
};

}  // namespace

bool IsComposeStream(const YamlStream& stream) {
  if (stream.documents.empty()) return false;
  Node root = stream.documents.front()->Root();
  return root.IsMap() && root["services"].IsMap() && !root["apiVersion"] && !root["kind"];
}

void ReadCompose(const YamlStream& stream, std::string_view path,
                 const std::map<std::string, std::string>& vars, RuntimeModel& model,
                 std::vector<Diagnostic>& diagnostics) {
  Reader reader(path, vars, model, diagnostics);
  for (const auto& doc : stream.documents) {
    Node root = doc->Root();
    if (root.IsMap() && root["services"].IsMap()) reader.Read(root);
  }
}

}  // namespace portcullis::runtime
