// Checks of what RUN instructions run, shell and system commands: pointless commands, cd, sudo,
// useradd, ln to /bin/sh, pipefail, debugging tools, sshd, chmod modes, build stages, RUN
// --security/--network options and passwords set in the build.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/strings.h"
#include "rules/dockerfile/checks.h"
#include "rules/dockerfile/checks_run_helpers.h"

namespace portcullis::dockerfile {

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

}  // namespace portcullis::dockerfile
