// Value syntaxes shared by the Docker-flavoured inputs (compose, `docker run`, `docker inspect`)
// and the runtime rules: image references, capabilities, user specs, `-v`/`--mount`/`-p`/
// `--device` specs and `--security-opt` options, each parsed into the normalised model
// (config/runtime/model.h). Pure functions; call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/runtime/model.h"

namespace portcullis::runtime {

// A container image reference split into its parts. `tag` and `digest` are "" when absent.
struct ImageRef {
  std::string name;    // registry/repository as written, without tag and digest
  std::string tag;
  std::string digest;  // "sha256:..."
};
ImageRef ParseImageRef(std::string_view ref);

// "cap_sys_admin", "CAP_SYS_ADMIN", "sys_admin" -> "SYS_ADMIN".
std::string NormalizeCapability(std::string_view cap);

// A decimal integer (optional sign, surrounding blanks allowed); nullopt otherwise or on
// overflow.
std::optional<int64_t> ParseInt(std::string_view s);

// A docker `--user`/`user:` spec: "name|uid[:group|gid]".
struct UserSpec {
  std::string user;
  std::string group;  // "" when not given
};
UserSpec ParseUserSpec(std::string_view spec);
// True for uid 0 / "root".
bool IsRootName(std::string_view user_or_group);

// `-v`/`volumes:` short syntax "[SOURCE:]TARGET[:OPTIONS]". A SOURCE starting with `/`, `.` or
// `~` is a host path (bind); otherwise a named volume. OPTIONS: ro/rw, z/Z, propagation.
Mount ParseVolumeSpec(std::string_view spec, Pos pos);
// `--mount type=bind,source=/a,target=/b,readonly,bind-propagation=shared`.
Mount ParseMountSpec(std::string_view spec, Pos pos);
// `-p`/`ports:` short syntax "[IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]" (ports may be ranges;
// the first port of a range is kept). nullopt when it is not a port spec.
std::optional<Port> ParsePortSpec(std::string_view spec, Pos pos);
// `--device`/`devices:` "HOST[:CONTAINER[:PERMISSIONS]]".
Device ParseDeviceSpec(std::string_view spec, Pos pos);

// Applies one docker `--security-opt` / compose `security_opt` entry ("no-new-privileges",
// "no-new-privileges:true", "seccomp=unconfined", "apparmor:unconfined", "label=disable",
// "label:type:spc_t", "systempaths=unconfined") to `c`. Unknown options are ignored.
void ApplySecurityOpt(std::string_view opt, Pos pos, Container& c);

// Applies a docker `--restart`/`restart:` policy ("always", "on-failure:5", "unless-stopped",
// "no") to `w`.
void ApplyRestartPolicy(std::string_view policy, Pos pos, Workload& w);

// Applies a docker `--network`/`network_mode:` value: "host" sets host_network, "bridge" and
// "default" mean docker's default bridge.
void ApplyNetworkMode(std::string_view mode, Pos pos, Workload& w);

// True if `s` contains a shell/compose variable reference (`$NAME`, `${NAME}`, `$(cmd)`).
bool HasVariable(std::string_view s);

}  // namespace portcullis::runtime
