// Helpers shared by the RUN checks of the Dockerfile catalog (checks_commands.cc,
// checks_os_packages.cc, checks_lang_packages.cc, checks_network.cc): package installs and
// removals, pinned versions, caches, downloads and chmod modes. Internal to src/rules/dockerfile;
// pure functions of their arguments, callable from any thread.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rules/dockerfile/checks.h"

namespace portcullis::dockerfile {

bool IsDigits(std::string_view s);
// True when the stage's file system ends up in the final image.
bool Ships(const LintContext& c, int stage);
bool OneOf(std::string_view s, std::initializer_list<std::string_view> set);

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

// True for `pip install` / `python -m pip install`; sets `pip_argv` to the pip arguments.
bool IsPip(const RunCommand& cmd, std::vector<std::string>* pip_argv);

// Package names a `<manager> remove/purge/del` in the same RUN takes out again.
struct Removal {
  std::set<std::string, std::less<>> names;
  bool everything = false;  // removes by variable or auto-remove: assume build deps are gone
};
Removal Removed(const RunView& run);

// The bare package name of "curl=7.88-1", "curl>=7", "vim-tiny-2:9.0".
std::string PackageName(std::string_view pkg);
bool InstalledAndKept(const RunView& run, const RunCommand& cmd, const Install& inst,
                      std::string_view pkg, const Removal& removal);
// Pinned versions: apt "pkg=1.2", apk "pkg=1.2", zypper "pkg>=1", rpm "pkg-1.2".
bool RpmPinned(std::string_view pkg);
bool SkipPackageWord(std::string_view pkg);
// Reports the unpinned packages `found` in `run`, if any.
void ReportUnpinned(Hits& hits, const RunView& run, const std::vector<std::string>& found,
                    std::string_view what, std::string_view how);
void UnpinnedInstall(const LintContext& c, Hits& hits,
                     std::initializer_list<std::string_view> managers,
                     bool (*pinned)(std::string_view), std::string_view example);
// RUNs of shipping stages that use `manager` to install and never clean its cache.
void CacheLeft(const LintContext& c, Hits& hits, std::initializer_list<std::string_view> managers,
               bool (*cleaned)(const RunView&), std::string_view what);

bool IsShell(std::string_view p);
bool IsDownloader(std::string_view p);
std::string FirstUrl(const RunCommand& cmd);

struct ModeFinding {
  bool world_writable = false;
  bool setuid = false;
};
ModeFinding ClassifyMode(std::string_view mode);
// chmod commands and COPY/ADD --chmod whose mode matches `want`.
void ModeCheck(const LintContext& c, Hits& hits, bool ModeFinding::*want, std::string_view what);

}  // namespace portcullis::dockerfile
