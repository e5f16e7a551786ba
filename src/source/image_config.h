// ImageConfig: the parts of an OCI / Docker image configuration that scanners look at (user,
// environment, ports, health check, history). Parsed from untrusted JSON; plain value type.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/limits.h"
#include "portcullis/result.h"

namespace portcullis {

struct HistoryEntry {
  std::string created;
  std::string created_by;  // the build step ("/bin/sh -c #(nop)  ENV A=b", "RUN ...")
  std::string comment;
  bool empty_layer = false;
};

struct ImageConfig {
  bool present = false;        // false for a root file system scan: there is no config
  std::string architecture;
  std::string os;
  std::string variant;
  std::string created;
  std::string user;            // config.User, "" when unset
  std::string working_dir;
  std::vector<std::string> env;         // "NAME=value"
  std::vector<std::string> cmd;
  std::vector<std::string> entrypoint;
  std::map<std::string, std::string> labels;
  std::vector<std::string> exposed_ports;  // "8080/tcp"
  std::vector<std::string> volumes;
  std::string stop_signal;
  // config.Healthcheck.Test (Docker extension); nullopt when the image sets none.
  std::optional<std::vector<std::string>> healthcheck;
  std::vector<std::string> diff_ids;   // rootfs.diff_ids, one per layer
  std::vector<HistoryEntry> history;
};

// Parses an image configuration blob named `name` (for errors). Fails with kCorrupt when it is
// not a JSON object; unknown or mistyped fields are ignored.
Result<ImageConfig> ParseImageConfig(std::string_view json, std::string_view name,
                                     const Limits& limits);

// The history entry that created each non-empty layer, in layer order (entries with
// empty_layer are skipped). Shorter than the layer count when the history is incomplete.
std::vector<const HistoryEntry*> LayerHistory(const ImageConfig& config);

}  // namespace portcullis
