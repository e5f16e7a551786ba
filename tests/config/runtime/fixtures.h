// Fixture builders for the runtime-configuration tests: a small, valid input of each kind
// (Kubernetes workload, compose service, docker run line, docker inspect output) with the
// lines a test row adds. Header-only; used from the test thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/runtime/input.h"
#include "core/strings.h"
#include "rules/runtime/runtime_rules.h"

namespace portcullis::runtime::testing {

// `text` with every line prefixed by `n` spaces.
inline std::string Indent(std::string_view text, int n) {
  if (text.empty()) return "";
  std::string out;
  for (std::string_view line : Split(text, '\n')) {
    if (line.empty()) continue;
    out += std::string(n, ' ');
    out += line;
    out += '\n';
  }
  return out;
}

// A Kubernetes workload with one container named `c`.
struct K8s {
  std::string container;       // lines of the container map (after name and image)
  std::string pod;             // lines of the pod spec (before containers)
  std::string annotations;     // lines of the pod template's metadata.annotations
  std::string image = "nginx:1.25";
  std::string kind = "Pod";
  std::string extra;           // more documents, appended after `---`

  std::string Text() const {
    std::string out = fmt::format("apiVersion: {}\nkind: {}\nmetadata:\n  name: p\n",
                                  kind == "Pod" ? "v1" : "apps/v1", kind);
    int pod_indent = 2;
    if (kind == "Pod") {
      if (!annotations.empty()) out += "  annotations:\n" + Indent(annotations, 4);
      out += "spec:\n";
    } else {
      int meta_indent = 4;
      if (kind == "CronJob") {
        out += "spec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n";
        meta_indent = 8;
      } else {
        out += "spec:\n  template:\n";
      }
      if (!annotations.empty()) {
        out += std::string(meta_indent, ' ') + "metadata:\n" + std::string(meta_indent + 2, ' ') +
               "annotations:\n" + Indent(annotations, meta_indent + 4);
      }
      out += std::string(meta_indent, ' ') + "spec:\n";
      pod_indent = meta_indent + 2;
    }
    out += Indent(pod, pod_indent);
    out += std::string(pod_indent, ' ') + "containers:\n";
    out += std::string(pod_indent + 2, ' ') + "- name: c\n";
    out += std::string(pod_indent + 4, ' ') + "image: " + image + "\n";
    out += Indent(container, pod_indent + 4);
    if (!extra.empty()) out += "---\n" + extra;
    return out;
  }
};

// A compose file with one service named `web`.
struct Compose {
  std::string service;  // lines of the service map (after image)
  std::string image = "nginx:1.25";
  std::string top;      // more top-level lines (volumes:, networks:)

  std::string Text() const {
    return "services:\n  web:\n    image: " + image + "\n" + Indent(service, 4) + top;
  }
};

// One `docker run` line.
struct Run {
  std::string flags;
  std::string image = "nginx:1.25";
  std::string program = "docker run";

  std::string Text() const { return program + " " + flags + " " + image + "\n"; }
};

// `docker inspect` output for one container named `web`; every *_lines member is a list of
// complete JSON members, each ending with a comma.
struct Inspect {
  std::string host;     // HostConfig members
  std::string config;   // Config members
  std::string top;      // top-level members
  std::string image = "nginx:1.25";

  std::string Text() const {
    return "[\n  {\n    \"Id\": \"0123456789abcdef\",\n    \"Name\": \"/web\",\n" +
           Indent(top, 4) + "    \"Config\": {\n" + Indent(config, 6) + "      \"Image\": \"" +
           image + "\"\n    },\n    \"HostConfig\": {\n" + Indent(host, 6) +
           "      \"LogConfig\": {\"Type\": \"json-file\"}\n    }\n  }\n]\n";
  }
};

// The findings of one input text, after its inline suppressions.
inline std::vector<Misconfiguration> FindingsOf(std::string_view text, ConfigKind kind,
                                                std::string_view path = "fixture",
                                                std::string_view dotenv = "") {
  FileAudit audit = AuditText(text, path, kind, dotenv);
  std::vector<Misconfiguration> out = EvaluateRuntimeRules(audit.model);
  std::erase_if(out, [&](const Misconfiguration& f) { return audit.suppressions.Suppresses(f); });
  return out;
}

}  // namespace portcullis::runtime::testing
