// The `docker inspect` reader: turns the JSON that `docker inspect CONTAINER...` (or
// `docker container inspect`, `podman inspect`) prints — one container object or an array of
// them — into the normalised runtime model, one Workload per container, from its Config,
// HostConfig, Mounts, AppArmorProfile and NetworkSettings. The JSON is read through the
// positioned YAML parser, so findings point at lines of the file. Pure functions; call from
// any thread.
#pragma once

#include <string_view>
#include <vector>

#include "config/runtime/document.h"
#include "config/runtime/model.h"

namespace portcullis::runtime {

// True when the first document of `stream` is a container object (with `HostConfig` and
// `Config` maps) or an array whose first element is one.
bool IsDockerInspectStream(const YamlStream& stream);

// Reads every container of `stream` (from file `path`) into `model`. Array elements that are
// not container objects add a Diagnostic.
void ReadDockerInspect(const YamlStream& stream, std::string_view path, RuntimeModel& model,
                       std::vector<Diagnostic>& diagnostics);

}  // namespace portcullis::runtime
