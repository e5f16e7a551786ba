// Checks of downloads and remote access in RUN: curl and wget, TLS verification and package
// signature checks turned off, credentials on command lines, scripts piped into a shell.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/strings.h"
#include "rules/dockerfile/checks.h"
#include "rules/dockerfile/checks_run_helpers.h"

namespace portcullis::dockerfile {

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

}  // namespace portcullis::dockerfile
