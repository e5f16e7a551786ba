#include "config/kubernetes/kubernetes.h"

#include <fmt/format.h>

#include "config/runtime/values.h"
#include "core/strings.h"

namespace portcullis::runtime {
namespace {

constexpr int kMaxListDepth = 4;

std::optional<bool> BoolOf(const Node& n) {
  if (!n.IsScalar()) return std::nullopt;
  return ParseYamlBool(n.Scalar());
}

void SetBool(Field<bool>& field, const Node& n) {
  if (auto b = BoolOf(n)) field.Set(*b, n.pos());
}

void SetInt(Field<int64_t>& field, const Node& n) {
  if (!n.IsScalar()) return;
  if (auto v = ParseInt(n.Scalar())) field.Set(*v, n.pos());
}

void SetText(Field<std::string>& field, const Node& n) {
  if (n.IsScalar()) field.Set(n.Scalar(), n.pos());
}

std::vector<std::string> Strings(const Node& seq) {
  std::vector<std::string> out;
  for (const Node& e : seq.Elements()) {
    if (e.IsScalar()) out.push_back(e.Scalar());
  }
  return out;
}

// "RuntimeDefault", "Unconfined", "Localhost" from a seccompProfile/appArmorProfile `type`.
std::string ProfileType(std::string_view type) {
  if (EqualsIgnoreCase(type, "RuntimeDefault")) return "RuntimeDefault";
  if (EqualsIgnoreCase(type, "Unconfined")) return "Unconfined";
  if (EqualsIgnoreCase(type, "Localhost")) return "Localhost";
  return std::string(type);
}

// The same from a legacy annotation value: "runtime/default", "docker/default",
// "localhost/<profile>", "unconfined".
std::string AnnotationProfile(std::string_view value) {
  if (value == "runtime/default" || value == "docker/default") return "RuntimeDefault";
  if (value == "unconfined") return "Unconfined";
  if (value.starts_with("localhost/")) return "Localhost";
  return std::string(value);
}

// Security settings that a pod-level securityContext gives its containers.
struct PodSecurity {
  Field<bool> run_as_non_root;
  Field<int64_t> run_as_user;
  Field<int64_t> run_as_group;
  Field<std::string> seccomp;
  Field<std::string> apparmor;
  Field<std::string> selinux;
  Field<bool> windows_host_process;
};

// Reads the fields shared by pod and container securityContexts.
template <typename T>
void ReadCommonSecurity(const Node& sc, T& out) {
  SetBool(out.run_as_non_root, sc["runAsNonRoot"]);
  SetInt(out.run_as_user, sc["runAsUser"]);
  SetInt(out.run_as_group, sc["runAsGroup"]);
  Node seccomp = sc["seccompProfile"]["type"];
  if (seccomp.IsScalar()) out.seccomp.Set(ProfileType(seccomp.Scalar()), seccomp.pos());
  Node apparmor = sc["appArmorProfile"]["type"];
  if (apparmor.IsScalar()) out.apparmor.Set(ProfileType(apparmor.Scalar()), apparmor.pos());
  Pos se_pos;
  Node se = sc.Get("seLinuxOptions", &se_pos);
  if (se.IsMap()) {
    std::string custom;
    for (const auto& e : se.Entries()) {
      if (!e.value.IsScalar() || e.value.Scalar().empty()) continue;
      // The Pod Security Standards allow only these types and no user or role.
      if (e.key == "level") continue;
      if (e.key == "type" && (e.value.Scalar() == "container_t" ||
                              e.value.Scalar() == "container_init_t" ||
                              e.value.Scalar() == "container_kvm_t" ||
                              e.value.Scalar() == "container_engine_t")) {
        continue;
      }
      if (!custom.empty()) custom += ",";
      custom += fmt::format("{}:{}", e.key, e.value.Scalar());
    }
    if (!custom.empty()) out.selinux.Set(custom, se_pos);
  }
  SetBool(out.windows_host_process, sc["windowsOptions"]["hostProcess"]);
}

template <typename T>
void Inherit(Field<T>& field, const Field<T>& pod) {
  if (!field.set() && pod.set()) field = pod;
}

struct VolumeUse {
  bool any = false;
  bool all_read_only = true;
  std::string target;
  std::string propagation;
  Pos propagation_pos;
};

class Reader {
 public:
  Reader(std::string_view path, RuntimeModel& model, std::vector<Diagnostic>& diagnostics)
      : path_(path), model_(model), diagnostics_(diagnostics) {}

  void ReadObject(const Node& obj, int list_depth) {
    if (!obj.IsMap()) return;
    const std::string& kind = obj["kind"].Scalar();
    if (kind.empty() || !obj["apiVersion"].IsScalar()) return;
    model_.has_kubernetes = true;
    Node items = obj["items"];
    if (kind.ends_with("List") && items.IsSequence()) {
      if (list_depth >= kMaxListDepth) {
        Diag(obj.pos(), "kubernetes.limit",
             fmt::format("List nested deeper than {} levels is not read", kMaxListDepth));
        return;
      }
      for (const Node& item : items.Elements()) ReadObject(item, list_depth + 1);
      return;
    }
    Node metadata = obj["metadata"];
    std::string name = metadata["name"].Scalar();
    if (name.empty()) name = metadata["generateName"].Scalar();
    Node ns_node = metadata["namespace"];
    std::string ns = ns_node.IsScalar() && !ns_node.Scalar().empty() ? ns_node.Scalar()
                                                                       : "default";
    Node spec = obj["spec"];
    if (kind == "Pod") {
      ReadWorkload(obj, kind, ns, ns_node.IsScalar(), name, metadata, spec);
    } else if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
               kind == "ReplicaSet" || kind == "ReplicationController" || kind == "Job" ||
               kind == "DeploymentConfig") {
      Node tmpl = spec["template"];
      ReadWorkload(obj, kind, ns, ns_node.IsScalar(), name, tmpl["metadata"], tmpl["spec"]);
    } else if (kind == "CronJob") {
      Node tmpl = spec["jobTemplate"]["spec"]["template"];
      ReadWorkload(obj, kind, ns, ns_node.IsScalar(), name, tmpl["metadata"], tmpl["spec"]);
    } else if (kind == "PodTemplate") {
      Node tmpl = obj["template"];
      ReadWorkload(obj, kind, ns, ns_node.IsScalar(), name, tmpl["metadata"], tmpl["spec"]);
    } else if (kind == "Role" || kind == "ClusterRole") {
      ReadRole(obj, kind, kind == "Role" ? ns : "", name);
    } else if (kind == "RoleBinding" || kind == "ClusterRoleBinding") {
      ReadBinding(obj, kind, kind == "RoleBinding" ? ns : "", name);
    } else if (kind == "NetworkPolicy") {
      model_.network_policies.push_back(NetworkPolicyRef{std::string(path_), ns, name, obj.pos()});
    }
  }

 private:
  void Diag(Pos pos, std::string code, std::string message) {
    diagnostics_.push_back(MakeDiagnostic(path_, std::move(code), pos, std::move(message)));
  }

  // The identity every RBAC object shares.
  void FillObject(const Node& obj, const std::string& kind, const std::string& ns,
                  const std::string& name, KubeObject& out) const {
    out.file = std::string(path_);
    out.kind = kind;
    out.namespace_name = ns;
    out.name = name;
    out.resource = ns.empty() ? fmt::format("{}/{}", kind, name)
                              : fmt::format("{}/{}/{}", kind, ns, name);
    out.pos = obj.pos();
  }

  void ReadWorkload(const Node& obj, const std::string& kind, const std::string& ns,
                    bool ns_written, const std::string& name, const Node& pod_meta,
                    const Node& pod) {
    if (!pod.IsMap()) {
      Diag(obj.pos(), "kubernetes.no_pod_spec",
           fmt::format("{} {} has no pod spec (expected a map at {}); not checked", kind, name,
                       kind == "Pod" ? "spec" : kind == "CronJob"
                                                    ? "spec.jobTemplate.spec.template.spec"
                                                    : "spec.template.spec"));
      return;
    }
    Workload w;
    w.input = InputKind::kKubernetes;
    w.file = std::string(path_);
    w.kind = kind;
    w.namespace_name = ns;
    w.namespace_written = ns_written;
    w.name = name;
    w.resource = fmt::format("{}/{}/{}", kind, ns, name);
    w.pos = obj.pos();
    w.last_line = obj.last_line();
    w.long_running = kind != "Job" && kind != "CronJob";
    if (kind == "Pod") {
      const std::string& policy = pod["restartPolicy"].Scalar();
      if (policy == "Never" || policy == "OnFailure") w.long_running = false;
    }
    SetBool(w.host_network, pod["hostNetwork"]);
    SetBool(w.host_pid, pod["hostPID"]);
    SetBool(w.host_ipc, pod["hostIPC"]);
    SetBool(w.host_users, pod["hostUsers"]);
    SetBool(w.automount_service_account_token, pod["automountServiceAccountToken"]);
    SetText(w.restart, pod["restartPolicy"]);

    PodSecurity pod_sec;
    Node psc = pod["securityContext"];
    ReadCommonSecurity(psc, pod_sec);
    SetInt(w.fs_group, psc["fsGroup"]);
    for (const Node& g : psc["supplementalGroups"].Elements()) {
      Field<int64_t> f;
      SetInt(f, g);
      if (f.set()) w.supplemental_groups.push_back(f);
    }
    for (const Node& s : psc["sysctls"].Elements()) {
      w.sysctls.push_back(
          Text{fmt::format("{}={}", s["name"].Scalar(), s["value"].Scalar()), s.pos()});
    }
    Node annotations = pod_meta["annotations"];
    Node pod_seccomp = annotations["seccomp.security.alpha.kubernetes.io/pod"];
    if (!pod_sec.seccomp.set() && pod_seccomp.IsScalar()) {
      pod_sec.seccomp.Set(AnnotationProfile(pod_seccomp.Scalar()), pod_seccomp.pos());
    }

    std::vector<std::pair<std::string, VolumeUse>> uses;
    auto use_of = [&uses](const std::string& volume) -> VolumeUse& {
      for (auto& u : uses) {
        if (u.first == volume) return u.second;
      }
      uses.emplace_back(volume, VolumeUse{});
      return uses.back().second;
    };

    struct Group {
      const char* key;
      ContainerRole role;
    };
    static constexpr Group kGroups[] = {{"initContainers", ContainerRole::kInit},
                                        {"containers", ContainerRole::kMain},
                                        {"ephemeralContainers", ContainerRole::kEphemeral}};
    for (const Group& group : kGroups) {
      for (const Node& cn : pod[group.key].Elements()) {
        if (!cn.IsMap()) {
          Diag(cn.pos(), "kubernetes.bad_container",
               fmt::format("{}: an entry of {} is not a map; skipped", w.resource, group.key));
          continue;
        }
        Container c = ReadContainer(cn, group.role, pod_sec, annotations);
        for (const Node& vm : cn["volumeMounts"].Elements()) {
          const std::string& volume = vm["name"].Scalar();
          if (volume.empty()) continue;
          VolumeUse& use = use_of(volume);
          use.any = true;
          if (!BoolOf(vm["readOnly"]).value_or(false)) use.all_read_only = false;
          if (use.target.empty()) use.target = vm["mountPath"].Scalar();
          Node prop = vm["mountPropagation"];
          if (prop.IsScalar() && prop.Scalar() != "None" && prop.Scalar() != "HostToContainer") {
            use.propagation = prop.Scalar();
            use.propagation_pos = prop.pos();
          }
        }
        w.containers.push_back(std::move(c));
      }
    }

    for (const Node& vol : pod["volumes"].Elements()) {
      const std::string& vname = vol["name"].Scalar();
      VolumeUse* use = nullptr;
      for (auto& u : uses) {
        if (u.first == vname) use = &u.second;
      }
      Node host_path = vol["hostPath"];
      if (host_path.IsMap()) {
        Mount m;
        m.type = Mount::Type::kBind;
        Node p = host_path["path"];
        m.source = p.Scalar();
        m.pos = p.IsScalar() ? p.pos() : host_path.pos();
        m.host_path_type = host_path["type"].Scalar();
        m.read_only = use && use->any && use->all_read_only;
        if (use) {
          m.target = use->target;
          m.propagation = use->propagation;
        }
        w.mounts.push_back(std::move(m));
      } else if (use && !use->propagation.empty()) {
        Mount m;
        m.type = Mount::Type::kOther;
        m.source = vname;
        m.target = use->target;
        m.propagation = use->propagation;
        m.pos = use->propagation_pos;
        w.mounts.push_back(std::move(m));
      }
    }
    model_.workloads.push_back(std::move(w));
  }

  Container ReadContainer(const Node& cn, ContainerRole role, const PodSecurity& pod_sec,
                          const Node& annotations) {
    Container c;
    c.role = role;
    c.name = cn["name"].Scalar();
    c.pos = cn.pos();
    Node image = cn["image"];
    if (image.IsScalar()) {
      c.image = Text{image.Scalar(), image.pos()};
      c.image_has_variables = HasVariable(image.Scalar());
    }
    Pos sc_pos;
    Node sc = cn.Get("securityContext", &sc_pos);
    if (sc.IsMap()) c.security_context_pos = sc_pos;
    ReadCommonSecurity(sc, c);
    SetBool(c.privileged, sc["privileged"]);
    SetBool(c.allow_privilege_escalation, sc["allowPrivilegeEscalation"]);
    SetBool(c.read_only_root_fs, sc["readOnlyRootFilesystem"]);
    SetText(c.proc_mount, sc["procMount"]);
    Pos caps_pos;
    Node caps = sc.Get("capabilities", &caps_pos);
    if (caps.IsMap()) c.capabilities_pos = caps_pos;
    for (const Node& a : caps["add"].Elements()) {
      if (a.IsScalar()) c.cap_add.push_back(Text{NormalizeCapability(a.Scalar()), a.pos()});
    }
    for (const Node& d : caps["drop"].Elements()) {
      if (d.IsScalar()) c.cap_drop.push_back(Text{NormalizeCapability(d.Scalar()), d.pos()});
    }
    // Legacy per-container annotations come before the pod-level values.
    Node seccomp_ann = annotations[fmt::format("container.seccomp.security.alpha.kubernetes.io/{}",
                                              c.name)];
    if (!c.seccomp.set() && seccomp_ann.IsScalar()) {
      c.seccomp.Set(AnnotationProfile(seccomp_ann.Scalar()), seccomp_ann.pos());
    }
    Node apparmor_ann =
        annotations[fmt::format("container.apparmor.security.beta.kubernetes.io/{}", c.name)];
    if (!c.apparmor.set() && apparmor_ann.IsScalar()) {
      c.apparmor.Set(AnnotationProfile(apparmor_ann.Scalar()), apparmor_ann.pos());
    }
    Inherit(c.run_as_non_root, pod_sec.run_as_non_root);
    Inherit(c.run_as_user, pod_sec.run_as_user);
    Inherit(c.run_as_group, pod_sec.run_as_group);
    Inherit(c.seccomp, pod_sec.seccomp);
    Inherit(c.apparmor, pod_sec.apparmor);
    Inherit(c.selinux, pod_sec.selinux);
    Inherit(c.windows_host_process, pod_sec.windows_host_process);

    Pos resources_pos;
    Node resources = cn.Get("resources", &resources_pos);
    if (resources.IsMap()) c.resources_pos = resources_pos;
    SetText(c.memory_limit, resources["limits"]["memory"]);
    SetText(c.cpu_limit, resources["limits"]["cpu"]);
    SetText(c.memory_request, resources["requests"]["memory"]);
    SetText(c.cpu_request, resources["requests"]["cpu"]);

    for (const Node& p : cn["ports"].Elements()) {
      Port port;
      port.pos = p.pos();
      auto container_port = ParseInt(p["containerPort"].Scalar());
      auto host_port = ParseInt(p["hostPort"].Scalar());
      port.container_port = container_port && *container_port > 0
                                ? static_cast<uint32_t>(*container_port) : 0;
      if (host_port && *host_port > 0 && *host_port <= 65535) {
        port.host_port = static_cast<uint32_t>(*host_port);
        port.published = true;
        port.pos = p["hostPort"].pos();
      }
      port.host_ip = p["hostIP"].Scalar();
      port.protocol = ToLower(p["protocol"].Scalar());
      port.text = port.published ? fmt::format("hostPort {}", port.host_port)
                                 : fmt::format("containerPort {}", port.container_port);
      c.ports.push_back(std::move(port));
    }

    for (const Node& e : cn["env"].Elements()) {
      EnvVar v;
      v.name = e["name"].Scalar();
      v.pos = e.pos();
      Node value = e["value"];
      Node from = e["valueFrom"];
      if (from.IsMap()) {
        if (from["secretKeyRef"]) v.source = EnvVar::Source::kSecretRef;
        else if (from["configMapKeyRef"]) v.source = EnvVar::Source::kConfigRef;
        else v.source = EnvVar::Source::kFieldRef;
      } else {
        v.value = value.Scalar();
        if (value.IsScalar()) v.pos = value.pos();
        // `$(OTHER)` is expanded by the kubelet from another variable.
        if (v.value.find("$(") != std::string::npos) v.source = EnvVar::Source::kInterpolated;
      }
      c.env.push_back(std::move(v));
    }
    for (const Node& e : cn["envFrom"].Elements()) {
      EnvVar v;
      v.pos = e.pos();
      bool secret = e["secretRef"].valid();
      v.source = secret ? EnvVar::Source::kSecretRef : EnvVar::Source::kConfigRef;
      const std::string& prefix = e["prefix"].Scalar();
      v.name = fmt::format("{} (every key of {} {})", prefix.empty() ? "*" : prefix + "*",
                           secret ? "secret" : "configMap",
                           (secret ? e["secretRef"] : e["configMapRef"])["name"].Scalar());
      c.env.push_back(std::move(v));
    }
    if (role == ContainerRole::kMain) {
      Node live = cn["livenessProbe"];
      Node ready = cn["readinessProbe"];
      c.liveness_probe.Set(live.IsMap(), live ? live.pos() : c.pos);
      c.readiness_probe.Set(ready.IsMap(), ready ? ready.pos() : c.pos);
    }
    return c;
  }

  void ReadRole(const Node& obj, const std::string& kind, const std::string& ns,
                const std::string& name) {
    Role r;
    FillObject(obj, kind, ns, name, r);
    for (const Node& rule : obj["rules"].Elements()) {
      RbacRule rr;
      rr.pos = rule.pos();
      rr.api_groups = Strings(rule["apiGroups"]);
      rr.resources = Strings(rule["resources"]);
      rr.verbs = Strings(rule["verbs"]);
      rr.resource_names = Strings(rule["resourceNames"]);
      r.rules.push_back(std::move(rr));
    }
    model_.roles.push_back(std::move(r));
  }

  void ReadBinding(const Node& obj, const std::string& kind, const std::string& ns,
                   const std::string& name) {
    RoleBinding b;
    FillObject(obj, kind, ns, name, b);
    Node ref = obj["roleRef"];
    b.role_kind = ref["kind"].Scalar();
    b.role_name = ref["name"].Scalar();
    b.role_pos = ref["name"].IsScalar() ? ref["name"].pos() : obj.pos();
    for (const Node& s : obj["subjects"].Elements()) {
      b.subjects.push_back(RoleBinding::Subject{s["kind"].Scalar(), s["name"].Scalar(),
                                                s["namespace"].Scalar(), s.pos()});
    }
    model_.bindings.push_back(std::move(b));
  }

  std::string_view path_;
  RuntimeModel& model_;
  std::vector<Diagnostic>& diagnostics_;
};

}  // namespace

bool IsKubernetesStream(const YamlStream& stream) {
  for (const auto& doc : stream.documents) {
    Node root = doc->Root();
    if (root.IsMap() && root["apiVersion"].IsScalar() && root["kind"].IsScalar()) return true;
  }
  return false;
}

void ReadKubernetes(const YamlStream& stream, std::string_view path, RuntimeModel& model,
                    std::vector<Diagnostic>& diagnostics) {
  Reader reader(path, model, diagnostics);
  for (const auto& doc : stream.documents) reader.ReadObject(doc->Root(), 0);
}

}  // namespace portcullis::runtime
