// The Kubernetes manifest reader: turns parsed YAML/JSON documents (multi-document files,
// Helm-rendered output, `List` kinds) into the normalised runtime model.
//
// Workloads: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
// CronJob, DeploymentConfig and PodTemplate, through their pod templates; init, regular and
// ephemeral containers; pod-level securityContext values are inherited by containers; legacy
// seccomp/AppArmor annotations are read as well as the securityContext fields. Also RBAC
// (Role, ClusterRole, RoleBinding, ClusterRoleBinding) and NetworkPolicy objects.
// Pure functions of their arguments; call from any thread.
#pragma once

#include <string_view>
#include <vector>

#include "config/runtime/document.h"
#include "config/runtime/model.h"

namespace portcullis::runtime {

// True when some document of `stream` looks like a Kubernetes object (a map with `apiVersion`
// and `kind`).
bool IsKubernetesStream(const YamlStream& stream);

// Reads every Kubernetes object of `stream`, read from the file `path`, into `model`. Objects
// of kinds that carry no runtime settings (Service, ConfigMap, ...) are skipped; a document
// that is not an object or a workload whose pod spec is malformed adds a Diagnostic.
void ReadKubernetes(const YamlStream& stream, std::string_view path, RuntimeModel& model,
                    std::vector<Diagnostic>& diagnostics);

}  // namespace portcullis::runtime
