// The Dockerfile rule catalog: PC-DF-nnn rules as data.
//
// Each rule is one table entry: its RuleInfo (id, the Hadolint DLnnnn / Trivy DSnnn / Checkov /
// KICS ids of the same check as aliases, severity, title, why, fix) and a check function that
// reads a LintContext (the parsed Dockerfile, every RUN already split into commands by the
// shell parser) and reports what it finds through a Hits sink. The table is an explicit
// constant (no self-registration) and generates docs/rules/dockerfile.md.
//
// Check functions are pure functions of the context; the table is immutable. Any thread may
// run checks on its own context.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/dockerfile/dockerfile.h"
#include "config/shell/shell.h"
#include "core/rule_info.h"

namespace portcullis::dockerfile {

// A package installation: `apt-get install`, `apk add`, `yum/dnf/microdnf install`, ...
struct Install {
  std::string_view manager;  // "apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper"
  std::vector<std::string_view> packages;
};

// One command of a RUN instruction. The views point into `argv`; a RunCommand is built in
// place by MakeLintContext and not moved afterwards.
struct RunCommand {
  const shell::Command* command = nullptr;  // as parsed (argv with wrappers such as sudo)
  std::vector<std::string> argv;            // the program really run: wrappers removed
  int script = 0;                           // which script of the RUN it belongs to
  std::string_view program;                 // basename of argv[0], or ""
  // argv[1..] without options (and without the values of the options the program is known to
  // take: apt-get -o, apk --virtual, ...): operands[0] is a package manager's subcommand.
  std::vector<std::string_view> operands;
  std::optional<Install> install;  // set when the command installs packages

  std::string_view Program() const { return program; }
};

// A RUN instruction (also `ONBUILD RUN`) with its shell script(s) parsed.
struct RunView {
  const Instruction* instruction = nullptr;  // the RUN itself (the child for ONBUILD RUN)
  size_t index = 0;  // of the RUN (or of its ONBUILD) in Dockerfile::instructions
  int stage = -1;
  std::vector<std::string> shell;  // the SHELL in force (exec form); empty = /bin/sh -c
  bool pip_no_cache_env = false;   // an earlier ENV/ARG sets PIP_NO_CACHE_DIR
  bool onbuild = false;
  bool exec_form = false;
  std::vector<std::string> scripts;  // the shell text(s) it runs
  std::vector<shell::Script> parsed;
  std::vector<RunCommand> commands;  // every command of every script, in order
};

// What the project asks of some rules.
struct LintSettings {
  std::vector<std::string> trusted_registries;      // empty: the registry rule does not run
  std::map<std::string, std::string> label_schema;  // label -> type; empty: label rules idle
  bool strict_labels = false;                       // labels outside the schema are findings
};

// What the checks read. Built once per Dockerfile by MakeLintContext.
struct LintContext {
  const Dockerfile* file = nullptr;
  std::vector<std::string> trusted_registries;  // empty: the registry rule does not run
  std::map<std::string, std::string> label_schema;
  bool strict_labels = false;
  std::string_view content;  // the Dockerfile's text, for checks that scan it whole
  std::vector<RunView> runs;
  // Per stage: true when its file system ends up in the final image (the last stage and the
  // stages it is built FROM).
  std::vector<bool> ships;
  int final_stage = -1;

  // "stage NAME" or "stage N".
  std::string StageLabel(int stage) const;
};

// Builds the context of `file` (which must outlive it).
LintContext MakeLintContext(const Dockerfile& file, LintSettings settings);

// One finding of a check, before policy (ignores, severity overrides) is applied.
struct Hit {
  uint64_t line = 0;
  uint64_t end_line = 0;
  int stage = -1;
  std::string message;
  std::optional<Severity> severity;        // replaces the rule's severity for this finding
  std::vector<std::string> extra_aliases;  // more ids of this finding (e.g. a secret rule's)
};

// The sink a check reports to.
class Hits {
 public:
  // Reports `message` at the line range of `inst`.
  void Add(const Instruction& inst, std::string message) {
    hits_.push_back({inst.line, inst.end_line, inst.stage, std::move(message), {}, {}});
  }
  void Add(Hit hit) { hits_.push_back(std::move(hit)); }
  // Reports that the check could not run completely.
  void Diagnose(Diagnostic d) { diagnostics_.push_back(std::move(d)); }
  std::vector<Hit>& hits() { return hits_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  std::vector<Hit> hits_;
  std::vector<Diagnostic> diagnostics_;
};

using CheckFunction = void (*)(const LintContext& context, Hits& hits);

struct DockerfileRule {
  RuleInfo info;
  CheckFunction check;
};

// Every Dockerfile rule, in id order.
std::span<const DockerfileRule> DockerfileRules();

// The catalog's name and document heading (docs/rules/dockerfile.md).
inline constexpr RuleCatalogDoc kDockerfileCatalog = {
    "dockerfile", "Dockerfile rules",
    "Rules of `portcullis dockerfile`: every Hadolint DL rule but DL1001 (ShellCheck's own "
    "findings come with --shellcheck), Trivy's DS checks, BuildKit build checks, and "
    "container-security checks from NIST SP 800-190, the CIS Docker Benchmark and Checkov. "
    "Aliases are the ids of the same check in those tools; `.hadolint.yaml`, "
    "`portcullis.yaml` and inline `# hadolint ignore=` pragmas accept either."};

}  // namespace portcullis::dockerfile
