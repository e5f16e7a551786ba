#include "rules/dockerfile/checks_run_helpers.h"

#include <cctype>

#include "core/strings.h"

namespace portcullis::dockerfile {

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

}  // namespace portcullis::dockerfile
