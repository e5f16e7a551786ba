// The `docker run` / `docker create` / `podman run` / `nerdctl run` reader: a real flag parser
// (short and long flags, `--flag=value` and `--flag value`, combined short flags such as `-itd`
// or `-dp 80:80`, boolean flags written `--privileged=false`, `--` ending the options) that turns
// one invocation into a normalised Workload, and a scanner that finds invocations in shell
// scripts, Makefiles and CI files (GitHub Actions `run:`, GitLab `script:`, ...).
// Pure functions; call from any thread.
#pragma once

#include <string_view>
#include <vector>

#include "config/docker_run/command_line.h"
#include "config/runtime/document.h"
#include "config/runtime/model.h"

namespace portcullis::runtime {

// Parses the arguments of one invocation (from file `path`, "" for a command-line argument)
// into `model`. Unknown flags are taken as boolean unless written `--flag=value`. An
// invocation without an image (`docker run --help`) is not a workload and adds nothing.
void ReadDockerRun(const RuntimeInvocation& invocation, std::string_view path,
                   RuntimeModel& model);

// Finds every invocation in shell text (a script or Makefile, starting at line 1) and reads it
// into `model`. Returns the invocations' line spans (for inline suppression comments).
std::vector<std::pair<uint32_t, uint32_t>> ReadDockerRunScript(std::string_view text,
                                                               std::string_view path,
                                                               RuntimeModel& model);

// Finds invocations in the command strings of a CI file (values of `run`, `script`,
// `before_script`, `after_script`, `command`, `commands`, `cmd`, `bash`, `sh` keys, whether
// a string or a list of strings) and reads them into `model`. Returns their line spans.
std::vector<std::pair<uint32_t, uint32_t>> ReadDockerRunCi(const YamlStream& stream,
                                                           std::string_view path,
                                                           RuntimeModel& model);

// True if some document of `stream` has CI command strings containing an invocation.
bool HasDockerRunCi(const YamlStream& stream);

}  // namespace portcullis::runtime
