// Checks of what RUN instructions run (package managers, downloads, permissions, credentials)
// and of secrets in ENV/ARG.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/strings.h"
#include "rules/dockerfile/checks.h"

namespace portcullis::dockerfile {

namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(
                           s, [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
}

bool Ships(const LintContext& c, int stage) {
  return stage >= 0 && stage < static_cast<int>(c.ships.size()) &&
         c.ships[static_cast<size_t>(stage)];
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::ranges::find(set, s) != set.end();
}

// Reports once per RUN the commands for which `pred(cmd)` returns a description.
template <typename Pred>
void PerRun(const LintContext& c, Hits& hits, Pred pred, std::string_view format) {
  for (const auto& run : c.runs) {
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      std::string what = pred(run, cmd);
      if (!what.empty() && std::ranges::find(found, what) == found.end()) found.push_back(what);
    }
    if (!found.empty()) {
      hits.Add(*run.instruction, fmt::format(fmt::runtime(format), ListItems(found)));
    }
  }
}

bool IsPip(const RunCommand& cmd, std::vector<std::string>* pip_argv) {
  std::string_view p = cmd.Program();
  const auto& a = cmd.argv;
  if (p.starts_with("pip") && std::ranges::all_of(p.substr(3), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch)) || ch == '.';
      })) {
    if (Subcommand(cmd) != "install") return false;
    *pip_argv = a;
    return true;
  }
  if (p.starts_with("python")) {
    for (size_t i = 1; i + 2 < a.size(); ++i) {
      if (a[i] == "-m" && a[i + 1] == "pip" && a[i + 2] == "install") {
        pip_argv->assign(a.begin() + static_cast<std::ptrdiff_t>(i) + 1, a.end());
        return true;
      }
    }
  }
  return false;
}

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

// Package names a `<manager> remove/purge/del` in the same RUN takes out again.
struct Removal {
  std::set<std::string, std::less<>> names;
  bool everything = false;  // removes by variable or auto-remove: assume build deps are gone
};

Removal Removed(const RunView& run) {
  Removal r;
  for (const auto& cmd : run.commands) {
    std::string_view p = cmd.Program();
    std::string_view sub = Subcommand(cmd);
    bool remove =
        ((p == "apt-get" || p == "apt") && OneOf(sub, {"purge", "remove", "autoremove"})) ||
        (p == "apk" && sub == "del") ||
        (OneOf(p, {"yum", "dnf", "microdnf", "tdnf"}) &&
         OneOf(sub, {"remove", "erase", "autoremove"})) ||
        (p == "zypper" && OneOf(sub, {"remove", "rm"}));
    if (p == "apt-mark" && sub == "auto") r.everything = true;
    if (!remove) continue;
    auto ops = Operands(cmd.argv, {"-o", "-c"});
    for (size_t i = 1; i < ops.size(); ++i) {
      if (HasVariable(ops[i])) r.everything = true;
      r.names.emplace(ops[i]);
    }
    if (HasOption(cmd.argv, {"--auto-remove", "--autoremove"}) || sub == "autoremove") {
      r.everything = true;
    }
  }
  return r;
}

// The bare package name of "curl=7.88-1", "curl>=7", "vim-tiny-2:9.0".
std::string PackageName(std::string_view pkg) {
  size_t cut = pkg.find_first_of("=<>~");
  return ToLower(pkg.substr(0, cut));
}

bool InstalledAndKept(const RunView& run, const RunCommand& cmd, const Install& inst,
                      std::string_view pkg, const Removal& removal) {
  if (removal.everything) return false;
  if (removal.names.contains(pkg) || removal.names.contains(PackageName(pkg))) return false;
  if (inst.manager == "apk") {
    if (auto virt = OptionValue(cmd.argv, {"--virtual", "-t"})) {
      if (removal.names.contains(*virt)) return false;
    }
  }
  (void)run;
  return true;
}

// Pinned versions: apt "pkg=1.2", apk "pkg=1.2", zypper "pkg>=1", rpm "pkg-1.2".
bool RpmPinned(std::string_view pkg) {
  for (size_t i = 1; i + 1 < pkg.size(); ++i) {
    if (pkg[i] == '-' && std::isdigit(static_cast<unsigned char>(pkg[i + 1]))) return true;
  }
  return pkg.find('=') != std::string_view::npos;
}

bool SkipPackageWord(std::string_view pkg) {
  return HasVariable(pkg) || pkg.ends_with(".deb") || pkg.ends_with(".rpm") ||
         pkg.ends_with(".apk") || pkg.find('/') != std::string_view::npos || pkg.starts_with("@") ||
         pkg.find('*') != std::string_view::npos || pkg.starts_with(".");
}

// Reports the unpinned packages `found` in `run`, if any.
void ReportUnpinned(Hits& hits, const RunView& run, const std::vector<std::string>& found,
                    std::string_view what, std::string_view how) {
  if (found.empty()) return;
  hits.Add(*run.instruction,
           fmt::format("{} without a version: {} (pin them: {})", what, ListItems(found), how));
}

void UnpinnedInstall(const LintContext& c, Hits& hits,
                     std::initializer_list<std::string_view> managers,
                     bool (*pinned)(std::string_view), std::string_view example) {
  for (const auto& run : c.runs) {
    std::vector<std::string> found;
    Removal removal = Removed(run);
    for (const auto& cmd : run.commands) {
      auto inst = AsInstall(cmd);
      if (!inst || !OneOf(inst->manager, managers)) continue;
      for (auto pkg : inst->packages) {
        if (SkipPackageWord(pkg) || pinned(pkg)) continue;
        // Build dependencies removed again in the same RUN do not reach the image.
        if (!InstalledAndKept(run, cmd, *inst, pkg, removal)) continue;
        found.emplace_back(pkg);
      }
    }
    ReportUnpinned(hits, run, found, "packages installed", example);
  }
}

// RUNs of shipping stages that use `manager` to install and never clean its cache.
void CacheLeft(const LintContext& c, Hits& hits, std::initializer_list<std::string_view> managers,
               bool (*cleaned)(const RunView&), std::string_view what) {
  for (const auto& run : c.runs) {
    if (!Ships(c, run.stage)) continue;
    std::string used;
    for (const auto& cmd : run.commands) {
      auto inst = AsInstall(cmd);
      if (inst && OneOf(inst->manager, managers)) used = std::string(inst->manager);
    }
    if (used.empty() || cleaned(run)) continue;
    hits.Add(*run.instruction, fmt::format("{} install leaves {} in the layer", used, what));
  }
}

bool IsShell(std::string_view p) {
  return OneOf(p, {"sh", "bash", "zsh", "dash", "ash", "ksh", "python", "python2", "python3",
                   "perl", "ruby", "node", "php"});
}

bool IsDownloader(std::string_view p) { return p == "curl" || p == "wget"; }

std::string FirstUrl(const RunCommand& cmd) {
  for (const auto& a : cmd.argv) {
    if (a.find("://") != std::string::npos) return Excerpt(a, 80);
  }
  return std::string(cmd.Program());
}

struct ModeFinding {
  bool world_writable = false;
  bool setuid = false;
};

ModeFinding ClassifyMode(std::string_view mode) {
  ModeFinding f;
  if (mode.empty() || HasVariable(mode)) return f;
  if (std::ranges::all_of(mode, [](char ch) { return ch >= '0' && ch <= '7'; })) {
    if (mode.size() < 3 || mode.size() > 4) return f;
    int others = mode.back() - '0';
    int special = mode.size() == 4 ? mode[0] - '0' : 0;
    f.world_writable = (others & 2) != 0 && (special & 1) == 0;
    f.setuid = (special & 4) != 0;
    return f;
  }
  for (auto clause : Split(mode, ',')) {
    size_t op = clause.find_first_of("+=");
    if (op == std::string_view::npos) continue;
    std::string_view who = clause.substr(0, op);
    std::string_view perms = clause.substr(op + 1);
    bool others =
        who.find('o') != std::string_view::npos || who.find('a') != std::string_view::npos;
    if (others && perms.find('w') != std::string_view::npos &&
        perms.find('t') == std::string_view::npos) {
      f.world_writable = true;
    }
    bool user = who.empty() || who.find('u') != std::string_view::npos ||
                who.find('a') != std::string_view::npos;
    if (user && perms.find('s') != std::string_view::npos) f.setuid = true;
  }
  return f;
}

// chmod commands and COPY/ADD --chmod whose mode matches `want`.
void ModeCheck(const LintContext& c, Hits& hits, bool ModeFinding::*want, std::string_view what) {
  for (const auto& run : c.runs) {
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      if (cmd.Program() != "chmod") continue;
      auto ops = Operands(cmd.argv, {"--reference"});
      if (ops.size() < 2) continue;
      // A symbolic mode may start with '-' ("-w"); it is then read as an option: ignore.
      if (ClassifyMode(ops[0]).*want) {
        bool recursive = HasOption(cmd.argv, {"--recursive"}, "R");
        found.push_back(
            fmt::format("chmod {}{} {}", recursive ? "-R " : "", ops[0], Excerpt(ops[1], 60)));
      }
    }
    if (!found.empty()) {
      hits.Add(*run.instruction, fmt::format("{}: {}", what, ListItems(found)));
    }
  }
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword != "COPY" && inst.keyword != "ADD") continue;
    const Flag* mode = inst.FindFlag("chmod");
    if (mode && ClassifyMode(mode->value).*want) {
      hits.Add(inst,
               fmt::format("{}: {} --chmod={}", what, inst.keyword, Excerpt(mode->value, 20)));
    }
  }
}

}  // namespace

void CheckPointlessCommands(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        std::string_view p = cmd.Program();
        return OneOf(p, {"ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount",
                         "ifconfig"})
                   ? std::string(p)
                   : std::string();
      },
      "RUN uses commands that make no sense in an image build: {}");
}

void CheckCd(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        if (cmd.Program() != "cd" || cmd.command->depth > 0) return std::string();
        return cmd.argv.size() > 1 ? Excerpt(cmd.argv[1], 60) : std::string("~");
      },
      "RUN changes directory with cd ({}); use WORKDIR");
}

void CheckSudo(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        const auto& raw = cmd.command->argv;
        if (raw.empty() || (raw[0] != "sudo" && !raw[0].ends_with("/sudo"))) return std::string();
        return std::string("sudo ") + (cmd.argv.empty() ? "" : Excerpt(cmd.argv[0], 40));
      },
      "RUN uses sudo ({}); the build already runs as the USER in force");
}

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

void CheckUseraddLog(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        if (cmd.Program() != "useradd") return std::string();
        auto uid = OptionValue(cmd.argv, {"--uid", "-u"});
        if (!uid || !IsDigits(*uid) || uid->size() <= 5) return std::string();
        if (HasOption(cmd.argv, {"--no-log-init"}, "l")) return std::string();
        return "useradd -u " + std::string(*uid);
      },
      "{} without -l (--no-log-init) makes lastlog/faillog files gigabytes large");
}

void CheckWgetProgress(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        if (cmd.Program() != "wget") return std::string();
        if (HasOption(cmd.argv,
                      {"--progress", "--quiet", "--no-verbose", "-nv", "--output-file",
                       "--append-output"},
                      "qoa")) {
          return std::string();
        }
        return FirstUrl(cmd);
      },
      "wget without --progress=dot:giga or -q/-nv fills the build log with its progress bar ({})");
}

void CheckWgetAndCurl(const LintContext& c, Hits& hits) {
  struct Seen {
    const RunView* wget = nullptr;
    const RunView* curl = nullptr;
  };
  std::vector<Seen> seen(c.file->stages.size());
  for (const auto& run : c.runs) {
    if (run.stage < 0 || run.onbuild) continue;
    Seen& s = seen[static_cast<size_t>(run.stage)];
    for (const auto& cmd : run.commands) {
      if (cmd.Program() == "wget" && !s.wget) s.wget = &run;
      if (cmd.Program() == "curl" && !s.curl) s.curl = &run;
    }
  }
  for (size_t s = 0; s < seen.size(); ++s) {
    if (!seen[s].wget || !seen[s].curl) continue;
    const RunView* later = seen[s].wget->instruction->line >= seen[s].curl->instruction->line
                               ? seen[s].wget
                               : seen[s].curl;
    hits.Add(*later->instruction,
             fmt::format("stage {} uses both wget (line {}) and curl (line {}); one is enough",
                         StageName(c, static_cast<int>(s)), seen[s].wget->instruction->line,
                         seen[s].curl->instruction->line));
  }
}

void CheckLnShell(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        if (cmd.Program() != "ln") return std::string();
        auto ops = Operands(cmd.argv, {"-S", "--suffix", "-t", "--target-directory"});
        return !ops.empty() && ops.back() == "/bin/sh" ? std::string("ln ... /bin/sh")
                                                       : std::string();
      },
      "RUN replaces /bin/sh ({}); use the SHELL instruction to change the shell");
}

void CheckPipefail(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    if (run.exec_form || run.onbuild || run.stage < 0) continue;
    bool piped = std::ranges::any_of(run.parsed, [](const shell::Script& s) { return s.has_pipe; });
    if (!piped) continue;
    const std::vector<std::string>& sh = run.shell;
    if (!sh.empty()) {
      std::string prog = ToLower(sh[0]);
      if (prog.find("pwsh") != std::string::npos || prog.find("powershell") != std::string::npos ||
          prog.find("cmd") != std::string::npos) {
        continue;
      }
      bool pipefail = false;
      for (const auto& a : sh) pipefail |= a.find("pipefail") != std::string::npos;
      if (pipefail) continue;
    }
    // `set -o pipefail` (or -euo pipefail) before the first pipe counts too.
    bool set_before = false;
    for (const auto& cmd : run.commands) {
      if (cmd.command->piped_in) break;
      if (cmd.Program() == "set" &&
          std::ranges::any_of(cmd.argv, [](const std::string& a) { return a == "pipefail"; })) {
        set_before = true;
        break;
      }
    }
    if (set_before) continue;
    hits.Add(*run.instruction,
             "RUN has a pipe but the shell does not use -o pipefail, so a "
             "failing command before the last '|' does not fail the build");
  }
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

void CheckDebugTools(const LintContext& c, Hits& hits) {
  bool multi_stage = c.file->stages.size() > 1;
  for (const auto& run : c.runs) {
    if (!Ships(c, run.stage)) continue;
    Removal removal = Removed(run);
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      auto inst = AsInstall(cmd);
      if (!inst) continue;
      for (auto pkg : inst->packages) {
        std::string name = PackageName(pkg);
        bool tool = OneOf(name, {"curl",
                                 "wget",
                                 "netcat",
                                 "netcat-openbsd",
                                 "netcat-traditional",
                                 "nc",
                                 "ncat",
                                 "nmap",
                                 "nmap-ncat",
                                 "telnet",
                                 "openssh-client",
                                 "openssh-clients",
                                 "vim",
                                 "vim-tiny",
                                 "vim-minimal",
                                 "nano",
                                 "emacs",
                                 "emacs-nox",
                                 "gdb",
                                 "strace",
                                 "ltrace",
                                 "tcpdump",
                                 "socat",
                                 "net-tools"});
        bool compiler = OneOf(
            name, {"gcc", "g++", "clang", "make", "build-essential", "gcc-c++", "build-base"});
        if (!tool && !(compiler && multi_stage)) continue;
        if (!InstalledAndKept(run, cmd, *inst, pkg, removal)) continue;
        found.push_back(name);
      }
    }
    if (!found.empty()) {
      hits.Add(*run.instruction,
               fmt::format("the final image keeps debugging/network tools an attacker can use: "
                           "{} ({})",
                           ListItems(found), c.StageLabel(run.stage)));
    }
  }
}

void CheckSshd(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    if (!Ships(c, run.stage)) continue;
    Removal removal = Removed(run);
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      if (cmd.Program() == "sshd" || cmd.Program() == "dropbear") found.emplace_back(cmd.Program());
      auto inst = AsInstall(cmd);
      if (!inst) continue;
      for (auto pkg : inst->packages) {
        std::string name = PackageName(pkg);
        bool server = name == "openssh-server" || name == "dropbear" ||
                      (inst->manager == "apk" && name == "openssh");
        if (server && InstalledAndKept(run, cmd, *inst, pkg, removal)) found.push_back(name);
      }
    }
    if (!found.empty()) {
      hits.Add(*run.instruction,
               fmt::format("an SSH server is installed in the final image: {}", ListItems(found)));
    }
  }
  for (const auto& inst : c.file->instructions) {
    if ((inst.keyword != "CMD" && inst.keyword != "ENTRYPOINT") || !Ships(c, inst.stage)) continue;
    std::string text = inst.exec_form ? Join(inst.args, " ") : inst.rest;
    for (const auto& w : shell::SplitWords(text)) {
      std::string_view base =
          std::string_view(w).substr(w.rfind('/') == std::string::npos ? 0 : w.rfind('/') + 1);
      if (base == "sshd") {
        hits.Add(inst, fmt::format("{} starts an SSH server (sshd)", inst.keyword));
        break;
      }
    }
  }
}

void CheckWorldWritable(const LintContext& c, Hits& hits) {
  ModeCheck(c, hits, &ModeFinding::world_writable, "files are made writable by everyone");
}

void CheckSetuid(const LintContext& c, Hits& hits) {
  ModeCheck(c, hits, &ModeFinding::setuid, "the setuid bit is set");
}

void CheckSingleStageBuild(const LintContext& c, Hits& hits) {
  if (c.file->stages.size() != 1) return;
  for (const auto& run : c.runs) {
    Removal removal = Removed(run);
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      std::string_view p = cmd.Program();
      std::string_view sub = Subcommand(cmd);
      if ((p == "go" && OneOf(sub, {"build", "install"})) ||
          (p == "cargo" && OneOf(sub, {"build", "install"})) ||
          ((p == "mvn" || p == "mvnw") && OneOf(sub, {"package", "install", "verify"})) ||
          ((p == "gradle" || p == "gradlew") &&
           OneOf(sub, {"build", "assemble", "bootJar", "installDist", "jar"})) ||
          (p == "dotnet" && OneOf(sub, {"publish", "build"})) || p == "javac" || p == "gcc" ||
          p == "g++" || p == "cc" || p == "rustc") {
        found.push_back(fmt::format("{} {}", p, sub));
      }
      auto inst = AsInstall(cmd);
      if (!inst) continue;
      for (auto pkg : inst->packages) {
        std::string name = PackageName(pkg);
        bool build_tool = OneOf(name, {"gcc", "g++", "clang", "make", "build-essential", "gcc-c++",
                                       "build-base", "golang", "golang-go", "maven", "gradle",
                                       "rustc", "cargo", "default-jdk", "cmake"}) ||
                          (name.starts_with("openjdk-") && name.ends_with("-jdk"));
        if (build_tool && InstalledAndKept(run, cmd, *inst, pkg, removal)) found.push_back(name);
      }
    }
    if (!found.empty()) {
      hits.Add(*run.instruction,
               fmt::format("the image is built and shipped in one stage, so its build tools ship "
                           "too: {}",
                           ListItems(found)));
      return;
    }
  }
}

void CheckInsecureRun(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    const Flag* f = run.instruction->FindFlag("security");
    if (f && f->value == "insecure") {
      hits.Add(*run.instruction,
               "RUN --security=insecure runs the step with all capabilities, "
               "like a --privileged container");
    }
  }
}

void CheckHostNetwork(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    const Flag* f = run.instruction->FindFlag("network");
    if (f && f->value == "host") {
      hits.Add(*run.instruction,
               "RUN --network=host gives the build step the host's network "
               "stack");
    }
  }
}

namespace {

// "NAME=value" environment settings that turn TLS verification off.
std::string TlsEnv(std::string_view name, std::string_view value) {
  std::string v = ToLower(Trim(value));
  bool off = OneOf(v, {"0", "false", "no", "off"});
  if (name == "NODE_TLS_REJECT_UNAUTHORIZED" && v == "0") return std::string(name) + "=0";
  if (name == "PYTHONHTTPSVERIFY" && v == "0") return std::string(name) + "=0";
  if (name == "GIT_SSL_NO_VERIFY" && !v.empty() && !off) return std::string(name);
  if ((name == "NPM_CONFIG_STRICT_SSL" || name == "npm_config_strict_ssl") && off) {
    return std::string(name) + "=" + v;
  }
  if (name == "PIP_TRUSTED_HOST" && !v.empty()) return std::string(name);
  if (name == "CURL_INSECURE" && !v.empty() && !off) return std::string(name);
  return {};
}

std::string TlsCommand(const RunCommand& cmd) {
  std::string_view p = cmd.Program();
  const auto& a = cmd.argv;
  for (const auto& assignment : cmd.command->assignments) {
    size_t eq = assignment.find('=');
    std::string hit = TlsEnv(std::string_view(assignment).substr(0, eq),
                             std::string_view(assignment).substr(eq + 1));
    if (!hit.empty()) return hit;
  }
  if (p == "export") {
    for (size_t i = 1; i < a.size(); ++i) {
      size_t eq = a[i].find('=');
      if (eq == std::string::npos) continue;
      std::string hit =
          TlsEnv(std::string_view(a[i]).substr(0, eq), std::string_view(a[i]).substr(eq + 1));
      if (!hit.empty()) return hit;
    }
  }
  if (p == "curl" && HasOption(a, {"--insecure"}, "k")) return "curl --insecure";
  if (p == "wget" && HasOption(a, {"--no-check-certificate"})) return "wget --no-check-certificate";
  std::vector<std::string> pip;
  if (IsPip(cmd, &pip) && HasOption(pip, {"--trusted-host"})) return "pip --trusted-host";
  std::string joined = ToLower(Join(a, " "));
  if (p == "git" && (joined.find("http.sslverify=false") != std::string::npos ||
                     joined.find("http.sslverify false") != std::string::npos ||
                     joined.find("http.sslverify=0") != std::string::npos)) {
    return "git http.sslVerify false";
  }
  if (OneOf(p, {"npm", "yarn", "pnpm"}) && (joined.find("strict-ssl false") != std::string::npos ||
                                            joined.find("strict-ssl=false") != std::string::npos)) {
    return std::string(p) + " strict-ssl false";
  }
  if (OneOf(p, {"yum", "dnf", "microdnf", "tdnf"}) &&
      (joined.find("sslverify=0") != std::string::npos ||
       joined.find("sslverify=false") != std::string::npos)) {
    return std::string(p) + " sslverify=0";
  }
  return {};
}

std::string SignatureCommand(const RunCommand& cmd) {
  std::string_view p = cmd.Program();
  const auto& a = cmd.argv;
  if (p == "apk" && HasOption(a, {"--allow-untrusted"})) return "apk --allow-untrusted";
  if (p == "apt-get" || p == "apt" || p == "aptitude") {
    for (std::string_view o : {"--allow-unauthenticated", "--allow-insecure-repositories",
                               "--force-yes", "--allow-downgrades-unauthenticated"}) {
      if (HasOption(a, {o})) return fmt::format("{} {}", p, o);
    }
    std::string joined = ToLower(Join(a, " "));
    if (joined.find("allowunauthenticated=true") != std::string::npos ||
        joined.find("allowinsecurerepositories=true") != std::string::npos) {
      return fmt::format("{} -o ...AllowUnauthenticated", p);
    }
  }
  if (p == "rpm") {
    for (std::string_view o : {"--nosignature", "--nodigest", "--nofiledigest", "--noverify"}) {
      if (HasOption(a, {o})) return fmt::format("rpm {}", o);
    }
  }
  if (OneOf(p, {"yum", "dnf", "microdnf", "tdnf"})) {
    if (HasOption(a, {"--nogpgcheck"})) return fmt::format("{} --nogpgcheck", p);
    std::string joined = ToLower(Join(a, " "));
    if (joined.find("gpgcheck=0") != std::string::npos ||
        joined.find("gpgcheck=false") != std::string::npos) {
      return fmt::format("{} gpgcheck=0", p);
    }
  }
  if (p == "echo" || p == "printf" || p == "tee") {
    for (const auto& w : a) {
      if (w.find("[trusted=yes]") != std::string::npos) return "apt source with [trusted=yes]";
    }
  }
  return {};
}

}  // namespace

void CheckTlsDisabled(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits, [](const RunView&, const RunCommand& cmd) { return TlsCommand(cmd); },
      "TLS certificate verification is turned off: {}");
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword != "ENV") continue;
    std::vector<std::string> found;
    for (const auto& kv : inst.pairs) {
      std::string hit = TlsEnv(kv.key, kv.value);
      if (!hit.empty()) found.push_back(hit);
    }
    if (!found.empty()) {
      hits.Add(inst,
               fmt::format("TLS certificate verification is turned off: ENV {}", ListItems(found)));
    }
  }
}

void CheckSignatureBypass(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits, [](const RunView&, const RunCommand& cmd) { return SignatureCommand(cmd); },
      "package signature verification is turned off: {}");
}

void CheckPasswordSet(const LintContext& c, Hits& hits) {
  PerRun(
      c, hits,
      [](const RunView&, const RunCommand& cmd) {
        std::string_view p = cmd.Program();
        if (p == "chpasswd") return std::string("chpasswd");
        if (p == "passwd" && HasOption(cmd.argv, {"--delete"}, "d"))
          return std::string("passwd -d");
        if ((p == "useradd" || p == "usermod" || p == "adduser") &&
            OptionValue(cmd.argv, {"--password", "-p"})) {
          return std::string(p) + " --password";
        }
        return std::string();
      },
      "RUN sets or removes a password ({}); the hash stays in the image's /etc/shadow");
}

void CheckRunCredentials(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    if (HasSecretMount(*run.instruction)) continue;
    std::vector<std::string> found;
    for (const auto& cmd : run.commands) {
      std::string_view p = cmd.Program();
      auto ops = Operands(cmd.argv, {});
      const auto& a = cmd.argv;
      if (p == "aws" && ops.size() >= 3 && ops[0] == "configure" && ops[1] == "set" &&
          OneOf(ops[2], {"aws_access_key_id", "aws_secret_access_key", "aws_session_token"})) {
        found.push_back("aws configure set " + std::string(ops[2]));
      }
      if (p == "az" && !ops.empty() && ops[0] == "login" &&
          HasOption(a, {"--password", "--federated-token", "-p"})) {
        found.emplace_back("az login --password");
      }
      if (p == "doctl" && ops.size() >= 2 && ops[0] == "auth" && ops[1] == "init" &&
          HasOption(a, {"--access-token", "-t"})) {
        found.emplace_back("doctl auth init --access-token");
      }
      if (p == "gcloud" && ops.size() >= 2 && ops[0] == "auth" &&
          ops[1] == "activate-service-account") {
        found.emplace_back("gcloud auth activate-service-account");
      }
      if ((p == "docker" || p == "podman" || p == "helm" || p == "skopeo") &&
          std::ranges::find(ops, "login") != ops.end() && HasOption(a, {"--password", "-p"})) {
        found.push_back(std::string(p) + " login --password");
      }
      if ((p == "npm" || p == "yarn" || p == "pnpm") && !ops.empty() &&
          (ops[0] == "config" || ops[0] == "set")) {
        for (auto o : ops) {
          if (o.find("_authToken") != std::string_view::npos ||
              o.find(":_auth") != std::string_view::npos ||
              o.find("_password") != std::string_view::npos) {
            found.push_back(std::string(p) + " config set ..._authToken");
            break;
          }
        }
      }
      if (p == "curl") {
        if (auto user = OptionValue(a, {"--user", "-u"});
            user && user->find(':') != std::string_view::npos) {
          found.emplace_back("curl --user user:password");
        }
      }
      if (p == "wget" && HasOption(a, {"--password", "--http-password", "--ftp-password"})) {
        found.emplace_back("wget --password");
      }
      for (const auto& w : a) {
        // https://user:token@host/...
        size_t scheme = w.find("://");
        if (scheme == std::string::npos) continue;
        std::string_view rest = std::string_view(w).substr(scheme + 3);
        size_t at = rest.find('@');
        size_t slash = rest.find('/');
        if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at))
          continue;
        std::string_view userinfo = rest.substr(0, at);
        if (userinfo.find(':') != std::string_view::npos) {
          found.push_back(fmt::format("{} with credentials in the URL", p));
          break;
        }
      }
    }
    if (!found.empty()) {
      hits.Add(*run.instruction,
               fmt::format("RUN passes credentials on the command line, where they stay in the "
                           "image history: {} (use RUN --mount=type=secret)",
                           ListItems(found)));
    }
  }
}

void CheckPipeToShell(const LintContext& c, Hits& hits) {
  for (const auto& run : c.runs) {
    std::vector<std::string> found;
    for (size_t i = 0; i < run.commands.size(); ++i) {
      const RunCommand& cmd = run.commands[i];
      if (!IsShell(cmd.Program())) continue;
      if (cmd.command->piped_in) {
        for (size_t k = i; k-- > 0;) {
          const RunCommand& prev = run.commands[k];
          if (prev.script != cmd.script || prev.command->pipeline != cmd.command->pipeline) break;
          if (IsDownloader(prev.Program())) {
            found.push_back(
                fmt::format("{} {} | {}", prev.Program(), FirstUrl(prev), cmd.Program()));
            break;
          }
        }
      }
      // sh -c "$(curl -fsSL URL)"
      for (size_t k = 1; k < cmd.argv.size(); ++k) {
        const std::string& a = cmd.argv[k];
        if (a.find("$(curl") != std::string::npos || a.find("$(wget") != std::string::npos ||
            a.find("`curl") != std::string::npos || a.find("`wget") != std::string::npos) {
          found.push_back(fmt::format("{} -c \"$(curl ...)\"", cmd.Program()));
          break;
        }
      }
    }
    for (const auto& script : run.scripts) {
      for (std::string_view pat : {"<(curl", "<(wget", "< <(curl", "< <(wget"}) {
        if (script.find(pat) != std::string::npos) {
          found.push_back("shell <(" + std::string(pat.substr(pat.find('(') + 1)) + " ...)");
          break;
        }
      }
    }
    if (!found.empty()) {
      hits.Add(*run.instruction,
               fmt::format("RUN pipes a downloaded script straight into an interpreter: {}",
                           ListItems(found)));
    }
  }
}

// --- secrets in ENV / ARG ---

namespace {

// Splits "dbPassword", "DB_PASSWORD", "db-password" into upper-case tokens.
std::vector<std::string> NameTokens(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < name.size(); ++i) {
    char ch = name[i];
    if (!std::isalnum(static_cast<unsigned char>(ch))) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
      continue;
    }
    if (std::isupper(static_cast<unsigned char>(ch)) && i > 0 &&
        std::islower(static_cast<unsigned char>(name[i - 1])) && !cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
    cur.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

bool IsSecretName(std::string_view name) {
  std::vector<std::string> t = NameTokens(name);
  if (t.empty()) return false;
  auto has = [&](std::string_view tok) { return std::ranges::find(t, tok) != t.end(); };
  // Names that point at a secret, or describe one, without holding it.
  for (std::string_view benign :
       {"PUBLIC",  "PUB",       "GPG",    "PGP",    "FILE",        "PATH",     "DIR",     "URL",
        "HOST",    "PORT",      "NAME",   "ID",     "LENGTH",      "POLICY",   "ENABLED", "TTL",
        "EXPIRY",  "EXPIRES",   "TYPE",   "HEADER", "FINGERPRINT", "LOCATION", "ARN",     "REF",
        "KEYRING", "KEYSERVER", "SERVER", "REGION", "MOUNT"}) {
    if (has(benign)) return false;
  }
  for (std::string_view s :
       {"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "APIKEY", "CREDENTIAL",
        "CREDENTIALS", "PRIVATEKEY", "AUTHTOKEN", "ACCESSTOKEN", "PWD", "PSW", "PASSWORDS"}) {
    if (has(s)) return !(t.size() == 1 && s == "PWD");
  }
  if (t.size() >= 2 && t.back() == "PASS") return true;
  for (size_t i = 1; i < t.size(); ++i) {
    if (t[i] == "KEY" && OneOf(t[i - 1], {"API", "ACCESS", "PRIVATE", "SECRET", "CLIENT",
                                          "ENCRYPTION", "SIGNING", "MASTER", "ACCOUNT", "AUTH",
                                          "LICENSE", "SERVICE", "STORAGE", "SSH", "APP"})) {
      return true;
    }
  }
  return false;
}

namespace {

// True for values that cannot be a secret: paths, booleans, numbers.
bool HarmlessValue(std::string_view v) {
  std::string lower = ToLower(Trim(v));
  return lower.empty() || lower.starts_with('/') || lower.starts_with("./") ||
         OneOf(lower, {"true", "false", "yes", "no", "on", "off", "none", "null", "0", "1"});
}

template <typename Fn>
void ForEachSecretPair(const LintContext& c, Fn fn) {
  for (const auto& inst : c.file->instructions) {
    auto visit = [&](const Instruction& i) {
      if (i.keyword != "ENV" && i.keyword != "ARG") return;
      for (const auto& kv : i.pairs) {
        if (IsSecretName(kv.key)) fn(inst, i, kv);
      }
    };
    visit(inst);
    for (const auto& child : inst.onbuild) visit(child);
  }
}

}  // namespace

void CheckSecretLiteral(const LintContext& c, Hits& hits) {
  ForEachSecretPair(c, [&](const Instruction& where, const Instruction& inst, const KeyValue& kv) {
    if (!kv.has_value || HasVariable(kv.raw_value) || HarmlessValue(kv.value)) return;
    hits.Add(where, fmt::format("{} {} holds a literal secret ({} characters): it is committed "
                                "with the Dockerfile and stored in the image",
                                inst.keyword, Excerpt(kv.key, 60), kv.value.size()));
  });
}

void CheckSecretName(const LintContext& c, Hits& hits) {
  ForEachSecretPair(c, [&](const Instruction& where, const Instruction& inst, const KeyValue& kv) {
    if (!Ships(c, where.stage)) return;
    bool literal = kv.has_value && !HasVariable(kv.raw_value) && !HarmlessValue(kv.value);
    if (literal) return;  // CheckSecretLiteral
    if (kv.has_value && HarmlessValue(kv.value) && !HasVariable(kv.raw_value)) return;
    hits.Add(where,
             fmt::format("{} {} passes a secret through {} the final image keeps (in its "
                         "{}); use RUN --mount=type=secret",
                         inst.keyword, Excerpt(kv.key, 60),
                         inst.keyword == "ARG" ? "a build argument" : "an environment variable",
                         inst.keyword == "ARG" ? "history" : "config"));
  });
}

}  // namespace portcullis::dockerfile
