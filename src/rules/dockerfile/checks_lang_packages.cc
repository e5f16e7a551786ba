// Checks of language package managers in RUN: pip, npm, gem, go install and yarn (pinned
// versions, caches).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/strings.h"
#include "rules/dockerfile/checks.h"
#include "rules/dockerfile/checks_run_helpers.h"

namespace portcullis::dockerfile {

namespace {

constexpr std::array<std::string_view, 37> kPipValues = {"-r",
                                                         "--requirement",
                                                         "-c",
                                                         "--constraint",
                                                         "-e",
                                                         "--editable",
                                                         "-i",
                                                         "--index-url",
                                                         "--extra-index-url",
                                                         "-f",
                                                         "--find-links",
                                                         "-t",
                                                         "--target",
                                                         "--prefix",
                                                         "--root",
                                                         "--platform",
                                                         "--python-version",
                                                         "--implementation",
                                                         "--abi",
                                                         "--trusted-host",
                                                         "--src",
                                                         "--upgrade-strategy",
                                                         "--progress-bar",
                                                         "--cache-dir",
                                                         "--log",
                                                         "--proxy",
                                                         "--retries",
                                                         "--timeout",
                                                         "--exists-action",
                                                         "--cert",
                                                         "--client-cert",
                                                         "--no-binary",
                                                         "--only-binary",
                                                         "--config-settings",
                                                         "-C",
                                                         "--global-option",
                                                         "--python"};

}  // namespace

void CheckPipPin(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      std::vector<std::string> pip;
      if (!IsPip(cmd, &pip)) continue;
      auto ops = Operands(pip, kPipValues);
      for (size_t i = 1; i < ops.size(); ++i) {
        std::string_view p = ops[i];
        if (HasVariable(p) || p.find_first_of("=<>~!@") != std::string_view::npos ||
            p.find('/') != std::string_view::npos || p.starts_with('.') || p.ends_with(".whl") ||
            p.ends_with(".tar.gz") || p.ends_with(".zip")) {
          continue;
        }
        found.emplace_back(p);
      }
    }
    ReportUnpinned(hits, run, found, "pip installs",
                   "package==version, or use -r requirements.txt");
  }
}

void CheckPipCache(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    if (!Ships(c, run.stage) || run.pip_no_cache_env) continue;
    if (HasCacheMount(*run.instruction, "/root/.cache")) continue;
    for (const auto& cmd : run.commands) {
      std::vector<std::string> pip;
      bool env_prefix = std::ranges::any_of(cmd.command->assignments, [](const std::string& a) {
        return a.starts_with("PIP_NO_CACHE_DIR=");
      });
      if (IsPip(cmd, &pip) && !HasOption(pip, {"--no-cache-dir"}) && !env_prefix) {
        hits.Add(*run.instruction,
                 "pip install without --no-cache-dir keeps its download cache "
                 "in the layer");
        break;
      }
    }
  }
}

void CheckNpmPin(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      if (cmd.Program() != "npm") continue;
      auto ops = Operands(cmd.argv, {"--prefix", "--registry", "--cache", "--tag", "-w",
                                     "--workspace", "--omit", "--include"});
      if (ops.empty() || !OneOf(ops[0], {"install", "i", "add", "isntall", "in"})) continue;
      for (size_t i = 1; i < ops.size(); ++i) {
        std::string_view p = ops[i];
        if (HasVariable(p) || p.starts_with('.') || p.starts_with('/') || p.ends_with(".tgz") ||
            p.find(':') != std::string_view::npos) {
          continue;
        }
        bool scoped = p.starts_with('@');
        if (!scoped && p.find('/') != std::string_view::npos) continue;  // github shorthand
        if (p.find('@', scoped ? 1 : 0) != std::string_view::npos) continue;
        found.emplace_back(p);
      }
    }
    ReportUnpinned(hits, run, found, "npm installs", "package@version");
  }
}

void CheckGemPin(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      if (cmd.Program() != "gem" || Subcommand(cmd) != "install") continue;
      if (HasOption(cmd.argv, {"--version"}, "v")) continue;
      auto ops = Operands(cmd.argv, {"-i", "--install-dir", "-n", "--bindir", "--source", "-s",
                                     "--platform", "-P", "--trust-policy"});
      for (size_t i = 1; i < ops.size(); ++i) {
        std::string_view p = ops[i];
        if (HasVariable(p) || p.find(':') != std::string_view::npos || p.ends_with(".gem")) {
          continue;
        }
        found.emplace_back(p);
      }
    }
    ReportUnpinned(hits, run, found, "gem installs", "gem:version or -v version");
  }
}

void CheckGoPin(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      if (cmd.Program() != "go") continue;
      auto ops = Operands(cmd.argv, {"-o", "-ldflags", "-tags", "-gcflags", "-mod", "-modfile",
                                     "-p", "-C", "-asmflags", "-buildmode", "-compiler",
                                     "-installsuffix", "-pkgdir", "-toolexec", "-overlay", "-pgo"});
      if (ops.empty() || !OneOf(ops[0], {"install", "get", "run"})) continue;
      for (size_t i = 1; i < ops.size(); ++i) {
        std::string_view p = ops[i];
        std::string_view module = p.substr(0, p.find('@'));
        if (HasVariable(p) || p.starts_with('.') || p.starts_with('/') || p.ends_with(".go") ||
            module.substr(0, module.find('/')).find('.') == std::string_view::npos) {
          continue;
        }
        size_t at = p.find('@');
        if (at != std::string_view::npos && p.substr(at + 1) != "latest") continue;
        found.emplace_back(p);
      }
      if (ops[0] == "run") break;
    }
    ReportUnpinned(hits, run, found, "go installs modules", "module@version");
  }
}

void CheckYarnCache(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    if (!Ships(c, run.stage)) continue;
    bool install = false;
    bool cleaned = false;
    for (const auto& cmd : run.commands) {
      if (cmd.Program() != "yarn") continue;
      auto ops = Operands(cmd.argv, {"--cwd", "--modules-folder", "--cache-folder"});
      if (ops.empty() || ops[0] == "install") install = true;
      if (ops.size() >= 2 && ops[0] == "cache" && ops[1] == "clean") cleaned = true;
      if (HasOption(cmd.argv, {"--cache-folder"})) cleaned = true;
    }
    if (!install || cleaned || HasCacheMount(*run.instruction, "/usr/local/share/.cache/yarn") ||
        HasCacheMount(*run.instruction, "/root/.cache/yarn") ||
        HasCacheMount(*run.instruction, "/root/.yarn")) {
      continue;
    }
    hits.Add(*run.instruction,
             "yarn install without 'yarn cache clean' keeps its cache in the "
             "layer");
  }
}

}  // namespace portcullis::dockerfile
