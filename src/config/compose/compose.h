// The docker-compose reader: turns a parsed Compose file (the Compose Specification; the
// legacy `version: "2"/"3"` formats read the same way) into the normalised runtime model,
// one Workload per service.
//
// Reads privileged, cap_add/cap_drop, security_opt, read_only, user, pid/ipc/uts/userns_mode,
// network_mode and networks, volumes (short and long syntax, and top-level volumes that are
// local-driver binds of a host path), ports (short and long), environment (map and list),
// deploy.resources limits and reservations, mem_limit/cpus/cpu_quota/cpu_shares/pids_limit,
// devices, restart and deploy.restart_policy, healthcheck, sysctls, group_add. Every scalar is
// interpolated with the given variables first. Pure functions; call from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/runtime/document.h"
#include "config/runtime/model.h"

namespace portcullis::runtime {

// True when the first document of `stream` is a map with a `services` map and no Kubernetes
// `apiVersion`/`kind`.
bool IsComposeStream(const YamlStream& stream);

// Reads every service of the Compose file `stream` (from file `path`) into `model`,
// interpolating values with `vars` (the `.env` file next to it). Services that are not maps
// add a Diagnostic.
void ReadCompose(const YamlStream& stream, std::string_view path,
                 const std::map<std::string, std::string>& vars, RuntimeModel& model,
                 std::vector<Diagnostic>& diagnostics);

}  // namespace portcullis::runtime
