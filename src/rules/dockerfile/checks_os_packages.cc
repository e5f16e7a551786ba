// Checks of OS package managers in RUN: apt-get/apt, apk, yum/dnf/microdnf and zypper (pinned
// versions, non-interactive flags, recommended packages, caches, update and upgrade).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/strings.h"
#include "rules/dockerfile/checks.h"
#include "rules/dockerfile/checks_run_helpers.h"

namespace portcullis::dockerfile {

void CheckApt(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        return cmd.Program() == "apt" ? "apt " + std::string(Subcommand(cmd)) : std::string();
      },
      "RUN uses apt ({}), whose command line is not stable for scripts; use apt-get");
}

void CheckAptPin(const LintContext& c, Hits& hits) {
  UnpinnedInstall(
      c, hits, {"apt-get", "apt"},
      [](std::string_view p) { return p.find('=') != std::string_view::npos; }, "package=version");
}

void CheckApkPin(const LintContext& c, Hits& hits) {
  UnpinnedInstall(
      c, hits, {"apk"}, [](std::string_view p) { return p.find('=') != std::string_view::npos; },
      "package=version");
}

void CheckYumPin(const LintContext& c, Hits& hits) {
  UnpinnedInstall(c, hits, {"yum"}, RpmPinned, "package-version");
}

void CheckDnfPin(const LintContext& c, Hits& hits) {
  UnpinnedInstall(c, hits, {"dnf", "microdnf", "tdnf"}, RpmPinned, "package-version");
}

void CheckZypperPin(const LintContext& c, Hits& hits) {
  UnpinnedInstall(
      c, hits, {"zypper"},
      [](std::string_view p) { return p.find_first_of("=<>") != std::string_view::npos; },
      "package=version");
}

void CheckAptYes(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        auto inst = AsInstall(cmd);
        if (!inst || inst->manager != "apt-get" || cmd.command->piped_in) return std::string();
        if (HasOption(cmd.argv, {"--yes", "--assume-yes", "--force-yes", "-q=2", "--quiet=2"},
                      "y")) {
          return std::string();
        }
        int q = 0;
        for (const auto& a : cmd.argv) {
          if (a.size() > 1 && a[0] == '-' && a[1] != '-')
            q += static_cast<int>(std::ranges::count(a, 'q'));
          if (a == "--quiet") ++q;
        }
        return q >= 2 ? std::string() : std::string("apt-get install");
      },
      "{} without -y waits for an answer no one gives");
}

void CheckAptRecommends(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        auto inst = AsInstall(cmd);
        if (!inst || inst->manager != "apt-get") return std::string();
        if (HasOption(cmd.argv, {"--no-install-recommends"})) return std::string();
        for (const auto& a : cmd.argv) {
          std::string lower = ToLower(a);
          if (lower.find("install-recommends=false") != std::string::npos ||
              lower.find("install-recommends=0") != std::string::npos ||
              lower.find("install-recommends \"false\"") != std::string::npos) {
            return std::string();
          }
        }
        return std::string("apt-get install ") +
               ListItems(std::vector<std::string>(inst->packages.begin(), inst->packages.end()), 3);
      },
      "{} installs recommended packages too; add --no-install-recommends");
}

void CheckAptLists(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    if (!Ships(c, run.stage)) continue;
    bool apt = RunHas(run, "apt-get", "install") || RunHas(run, "apt-get", "update") ||
               RunHas(run, "apt", "install") || RunHas(run, "apt", "update");
    if (!apt) continue;
    if (RunRemoves(run, "/var/lib/apt/lists") || RunHas(run, "apt-get", "dist-clean") ||
        HasCacheMount(*run.instruction, "/var/lib/apt/lists") ||
        HasCacheMount(*run.instruction, "/var/lib/apt")) {
      continue;
    }
    hits.Add(*run.instruction,
             "apt-get leaves its package lists in /var/lib/apt/lists; remove "
             "them in the same RUN");
  }
}

void CheckApkCache(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    if (!Ships(c, run.stage)) continue;
    if (HasCacheMount(*run.instruction, "/var/cache/apk") || RunRemoves(run, "/var/cache/apk") ||
        RunHas(run, "apk", "cache")) {
      continue;
    }
    for (const auto& cmd : run.commands) {
      auto inst = AsInstall(cmd);
      if (inst && inst->manager == "apk" && !HasOption(cmd.argv, {"--no-cache", "--no-network"})) {
        hits.Add(*run.instruction,
                 "apk add without --no-cache leaves the package index in "
                 "/var/cache/apk");
        break;
      }
    }
  }
}

void CheckYumYes(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        auto inst = AsInstall(cmd);
        if (!inst || inst->manager != "yum" || HasOption(cmd.argv, {"--assumeyes"}, "y")) {
          return std::string();
        }
        return std::string("yum ") + std::string(Subcommand(cmd));
      },
      "{} without -y waits for an answer no one gives");
}

void CheckDnfYes(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        auto inst = AsInstall(cmd);
        if (!inst || !OneOf(inst->manager, {"dnf", "microdnf", "tdnf"}) ||
            HasOption(cmd.argv, {"--assumeyes"}, "y")) {
          return std::string();
        }
        return fmt::format("{} {}", inst->manager, Subcommand(cmd));
      },
      "{} without -y waits for an answer no one gives");
}

void CheckZypperYes(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        if (cmd.Program() != "zypper") return std::string();
        std::string_view sub = Subcommand(cmd);
        if (!OneOf(sub, {"install", "in", "remove", "rm", "source-install", "si", "patch"})) {
          return std::string();
        }
        if (HasOption(cmd.argv, {"--no-confirm", "--non-interactive"}, "yn")) return std::string();
        return "zypper " + std::string(sub);
      },
      "{} without -y/--non-interactive waits for an answer no one gives");
}

void CheckZypperDistUpgrade(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        std::string_view sub = Subcommand(cmd);
        return cmd.Program() == "zypper" && (sub == "dist-upgrade" || sub == "dup")
                   ? "zypper " + std::string(sub)
                   : std::string();
      },
      "RUN {} upgrades the distribution inside the build");
}

void CheckYumClean(const LintContext& c, Hits& hits) {
  CacheLeft(
      c, hits, {"yum"},
      [](const RunView& run) {
        for (const auto& cmd : run.commands) {
          auto ops = Operands(cmd.argv, {});
          if (cmd.Program() == "yum" && ops.size() >= 2 && ops[0] == "clean" && ops[1] == "all") {
            return true;
          }
        }
        return RunRemoves(run, "/var/cache/yum") ||
               HasCacheMount(*run.instruction, "/var/cache/yum");
      },
      "its cache in /var/cache/yum ('yum clean all' is missing)");
}

void CheckDnfClean(const LintContext& c, Hits& hits) {
  CacheLeft(
      c, hits, {"dnf", "microdnf", "tdnf"},
      [](const RunView& run) {
        for (const auto& cmd : run.commands) {
          auto ops = Operands(cmd.argv, {});
          if (OneOf(cmd.Program(), {"dnf", "microdnf", "tdnf", "yum"}) && ops.size() >= 2 &&
              ops[0] == "clean" && ops[1] == "all") {
            return true;
          }
        }
        return RunRemoves(run, "/var/cache/dnf") || RunRemoves(run, "/var/cache/yum") ||
               HasCacheMount(*run.instruction, "/var/cache/dnf") ||
               HasCacheMount(*run.instruction, "/var/cache/yum");
      },
      "its cache in /var/cache/dnf ('dnf clean all' is missing)");
}

void CheckZypperClean(const LintContext& c, Hits& hits) {
  CacheLeft(
      c, hits, {"zypper"},
      [](const RunView& run) {
        return RunHas(run, "zypper", "clean") || RunHas(run, "zypper", "cc") ||
               RunRemoves(run, "/var/cache/zypp") ||
               HasCacheMount(*run.instruction, "/var/cache/zypp");
      },
      "its cache in /var/cache/zypp ('zypper clean' is missing)");
}

void CheckUpdateAlone(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    std::vector<std::string> alone;
    for (std::string_view pm : {"apt-get", "apt", "apk"}) {
      if (!RunHas(run, pm, "update")) continue;
      bool installs = false;
      for (const auto& cmd : run.commands) {
        if (!OneOf(cmd.Program(), {"apt-get", "apt", "apk"})) continue;
        installs |= OneOf(Subcommand(cmd), {"install", "add", "upgrade", "dist-upgrade",
                                            "full-upgrade", "build-dep", "source"});
      }
      if (!installs) alone.push_back(std::string(pm) + " update");
    }
    if (!alone.empty()) {
      hits.Add(*run.instruction, fmt::format("RUN {} without an install in the same RUN: a "
                                             "later install uses a stale cached index",
                                             ListItems(alone)));
    }
  }
}

void CheckUpgrade(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        std::string_view p = cmd.Program();
        std::string_view sub = Subcommand(cmd);
        bool upgrade = false;
        if (p == "apt-get" || p == "apt")
          upgrade = OneOf(sub, {"upgrade", "dist-upgrade", "full-upgrade"});
        if (p == "apk") upgrade = sub == "upgrade";
        if (OneOf(p, {"yum", "dnf", "microdnf", "tdnf"})) {
          upgrade =
              OneOf(sub, {"upgrade", "update", "upgrade-minimal", "distro-sync"}) &&
              Operands(cmd.argv, {"-c", "--setopt", "--enablerepo", "--disablerepo"}).size() == 1;
        }
        if (p == "zypper") upgrade = OneOf(sub, {"update", "up", "patch"});
        return upgrade ? fmt::format("{} {}", p, sub) : std::string();
      },
      "RUN {} upgrades every package of the base image: the result depends on the day of the "
      "build");
}

}  // namespace portcullis::dockerfile
