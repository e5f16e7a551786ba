// Image rules about users and files: the config user, accounts and passwords, setuid/setgid
// and world-writable files, shells, package managers, network and debugging tools, sudo.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/json.h"
#include "core/strings.h"
#include "rules/image/checks.h"

namespace portcullis::hardening {

void CheckRootUser(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  const std::string& raw = f.input->config->user;
  EffectiveUser u = ResolveUser(f);
  if (u.spec.user.empty()) {
    out.hits.push_back({"config.User", "config.User is not set: the container runs as root"});
  } else if (u.spec.uid || u.spec.user == "root") {
    if (u.uid == 0) {
      out.hits.push_back({"config.User", fmt::format("config.User is '{}': uid 0 (root)", Q(raw))});
    }
  } else if (u.uid == 0 && u.entry) {
    out.hits.push_back(
        {"config.User", fmt::format("config.User is '{}', which /etc/passwd (line {}) maps to uid 0",
                                    Q(raw), u.entry->line)});
  }
}

void CheckUnknownUserName(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image) return;
  UserSpec spec = ParseUserSpec(f.input->config->user);
  if (!spec.user.empty() && !spec.uid && !f.UserByName(spec.user)) {
    out.hits.push_back(
        {"config.User",
         fmt::format("config.User '{}' is not in /etc/passwd{}: the container fails to start "
                     "(\"unable to find user {}\")",
                     Q(spec.user), f.passwd ? "" : " (the image has no /etc/passwd)",
                     Q(spec.user))});
  }
  if (!spec.group.empty() && !spec.gid) {
    bool found = f.group && std::ranges::any_of(*f.group, [&](const GroupEntry& g) {
                   return g.name == spec.group;
                 });
    if (!found) {
      out.hits.push_back(
          {"config.User",
           fmt::format("config.User group '{}' is not in /etc/group: the container fails to start",
                       Q(spec.group))});
    }
  }
}

void CheckUidWithoutEntry(const ImageFacts& f, RuleOutput& out) {
  if (!f.is_image || !f.passwd) return;
  UserSpec spec = ParseUserSpec(f.input->config->user);
  if (!spec.uid || *spec.uid == 0 || f.UserById(*spec.uid)) return;
  out.hits.push_back(
      {"config.User",
       fmt::format("config.User is uid {}, which has no /etc/passwd entry: the process has no user "
                   "name and HOME is /",
                   *spec.uid)});
}

void CheckSetid(const ImageFacts& f, RuleOutput& out) {
  FileHits(f.setid_files, out, [&](const MergedFile& file) {
    const FileMeta& m = file.meta;
    std::string_view bits = (m.mode & 04000) && (m.mode & 02000) ? "setuid and setgid"
                            : (m.mode & 04000)                   ? "setuid"
                                                                 : "setgid";
    std::string package = f.PackageOf(m.path);
    return fmt::format("{} is {} (mode {}, owner {}, package {})", Abs(m.path), bits, Mode(m.mode),
                       f.Owner(m.uid, m.gid), package.empty() ? "unknown" : package);
  });
}

void CheckWorldWritable(const ImageFacts& f, RuleOutput& out) {
  FileHits(f.world_writable, out, [&](const MergedFile& file) {
    const FileMeta& m = file.meta;
    return fmt::format("{} is a world-writable {} (mode {}, owner {})", Abs(m.path),
                       m.type == EntryType::kDir ? "directory without the sticky bit" : "file",
                       Mode(m.mode), f.Owner(m.uid, m.gid));
  });
}

void CheckShells(const ImageFacts& f, RuleOutput& out) {
  ToolsFound(f, ToolKind::kShell, "shells", out);
}
void CheckPackageManagers(const ImageFacts& f, RuleOutput& out) {
  ToolsFound(f, ToolKind::kPackageManager, "package managers", out);
}
void CheckNetworkTools(const ImageFacts& f, RuleOutput& out) {
  ToolsFound(f, ToolKind::kNetworkTool, "network tools", out);
}
void CheckDebuggers(const ImageFacts& f, RuleOutput& out) {
  ToolsFound(f, ToolKind::kDebugger, "debuggers and compilers", out);
}

void CheckSudo(const ImageFacts& f, RuleOutput& out) {
  const auto& tools = f.Tools(ToolKind::kPrivilege);
  if (tools.empty()) return;
  const ToolHit& sudo = tools.front();
  std::string msg = fmt::format("{} is installed (mode {}, owner {})", DescribeTool(f, sudo),
                                Mode(sudo.file->meta.mode),
                                f.Owner(sudo.file->meta.uid, sudo.file->meta.gid));
  std::vector<std::string> nopasswd;
  for (const auto& [path, content] : f.sudoers) {
    uint64_t line_no = 0;
    for (auto line : Split(content, '\n')) {
      ++line_no;
      auto t = Trim(line);
      if (t.empty() || t.front() == '#' || t.find("NOPASSWD") == std::string_view::npos) continue;
      if (nopasswd.size() < 5) {
        nopasswd.push_back(fmt::format("{} line {}: '{}'", Abs(path), line_no, Q(t, 60)));
      }
    }
  }
  if (!nopasswd.empty()) msg += "; NOPASSWD rules: " + Join(nopasswd, "; ");
  out.hits.push_back({Abs(sudo.path), std::move(msg)});
}

void CheckEmptyPasswords(const ImageFacts& f, RuleOutput& out) {
  std::set<std::string> reported;
  if (f.shadow) {
    for (const ShadowEntry& s : *f.shadow) {
      if (!s.password.empty() || !reported.insert(s.name).second) continue;
      out.hits.push_back({"/etc/shadow",
                          fmt::format("account '{}' has an empty password in /etc/shadow (line "
                                      "{}): it can log in without one",
                                      Q(s.name), s.line)});
    }
  }
  if (f.passwd) {
    for (const PasswdEntry& p : *f.passwd) {
      if (!p.password.empty() || !reported.insert(p.name).second) continue;
      out.hits.push_back({"/etc/passwd",
                          fmt::format("account '{}' has an empty password field in /etc/passwd "
                                      "(line {}): it can log in without a password",
                                      Q(p.name), p.line)});
    }
  }
}

namespace {

template <typename Entry>
void Duplicates(const std::vector<Entry>& entries, std::string_view what, std::string_view path,
                RuleOutput& out, int64_t Entry::*id) {
  std::map<int64_t, std::vector<const Entry*>> by_id;
  for (const Entry& e : entries) by_id[e.*id].push_back(&e);
  for (const auto& [value, list] : by_id) {
    if (list.size() < 2 || (value == 0 && what == "uid")) continue;  // uid 0: PC-IMG-013
    std::vector<std::string> names;
    for (const Entry* e : list) names.push_back(fmt::format("{} (line {})", Q(e->name, 40), e->line));
    out.hits.push_back({std::string(path), fmt::format("{} {} is shared by {} in {}", what, value,
                                                       Join(names, ", "), path)});
  }
}

}  // namespace

void CheckDuplicateIds(const ImageFacts& f, RuleOutput& out) {
  if (f.passwd) Duplicates(*f.passwd, "uid", "/etc/passwd", out, &PasswdEntry::uid);
  if (f.group) Duplicates(*f.group, "gid", "/etc/group", out, &GroupEntry::gid);
}

void CheckExtraRoot(const ImageFacts& f, RuleOutput& out) {
  if (!f.passwd) return;
  for (const PasswdEntry& p : *f.passwd) {
    if (p.uid != 0 || p.name == "root") continue;
    out.hits.push_back({"/etc/passwd", fmt::format("account '{}' has uid 0 (/etc/passwd line {}): "
                                                   "a second root account",
                                                   Q(p.name), p.line)});
  }
}


}  // namespace portcullis::hardening
