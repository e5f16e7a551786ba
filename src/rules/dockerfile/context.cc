// Building the LintContext and the helpers the checks share (checks.h).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/strings.h"
#include "rules/dockerfile/checks.h"

namespace portcullis::dockerfile {

namespace {

bool IsShellName(std::string_view word) {
  size_t slash = word.rfind('/');
  std::string_view base = slash == std::string_view::npos ? word : word.substr(slash + 1);
  return base == "sh" || base == "bash" || base == "ash" || base == "dash" || base == "zsh" ||
         base == "ksh";
}

// Removes the here-document markers (`<<EOF`, `<<-"EOF"`) from a RUN line.
std::string WithoutMarkers(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 1 < s.size() && s[i + 1] == '<' &&
        (i + 2 >= s.size() || s[i + 2] != '<')) {
      size_t j = i + 2;
      if (j < s.size() && s[j] == '-') ++j;
      while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
      i = j - 1;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// The shell text(s) a RUN runs.
std::vector<std::string> RunScripts(const Instruction& run) {
  if (run.exec_form) {
    const auto& a = run.args;
    if (a.size() >= 3 && IsShellName(a[0])) {
      for (size_t i = 1; i + 1 < a.size(); ++i) {
        if (a[i].size() >= 2 && a[i][0] == '-' && a[i].find('c') != std::string::npos) {
          return {a[i + 1]};
        }
      }
    }
    return {Join(a, " ")};
  }
  if (run.heredocs.empty()) return {run.rest};
  std::string command(Trim(WithoutMarkers(run.rest)));
  std::vector<std::string> words = shell::SplitWords(command);
  bool bare = words.empty() ||
              (IsShellName(words[0]) &&
               std::ranges::all_of(words.begin() + 1, words.end(),
                                   [](const std::string& w) { return w.starts_with("-"); }));
  std::vector<std::string> scripts;
  if (bare) {
    for (const auto& h : run.heredocs) scripts.push_back(h.body);
    return scripts;
  }
  std::string script = run.rest + "\n";
  for (const auto& h : run.heredocs) {
    script += h.body;
    script += h.delimiter + "\n";
  }
  scripts.push_back(std::move(script));
  return scripts;
}

void Describe(RunCommand& cmd);

void AddRun(LintContext& c, const Instruction& run, size_t index, int stage, bool onbuild) {
  RunView view;
  view.instruction = &run;
  view.index = index;
  view.stage = stage;
  view.onbuild = onbuild;
  view.exec_form = run.exec_form;
  view.scripts = RunScripts(run);
  for (const auto& s : view.scripts) view.parsed.push_back(shell::ParseScript(s));
  for (size_t i = 0; i < view.parsed.size(); ++i) {
    for (const auto& cmd : view.parsed[i].commands) {
      RunCommand rc;
      rc.command = &cmd;
      rc.argv = shell::UnwrappedArgv(cmd);
      rc.script = static_cast<int>(i);
      view.commands.push_back(std::move(rc));
    }
  }
  // Views into argv are taken once the commands no longer move.
  for (RunCommand& rc : view.commands) Describe(rc);
  c.runs.push_back(std::move(view));
}

}  // namespace

std::string LintContext::StageLabel(int stage) const {
  if (stage < 0 || stage >= static_cast<int>(file->stages.size())) return "";
  const Stage& s = file->stages[static_cast<size_t>(stage)];
  return s.name.empty() ? fmt::format("stage {}", stage) : fmt::format("stage {}", s.name);
}

LintContext MakeLintContext(const Dockerfile& file, LintSettings settings) {
  LintContext c;
  c.file = &file;
  c.trusted_registries = std::move(settings.trusted_registries);
  c.label_schema = std::move(settings.label_schema);
  c.strict_labels = settings.strict_labels;
  c.final_stage = static_cast<int>(file.stages.size()) - 1;
  c.ships.assign(file.stages.size(), false);
  for (int s = c.final_stage, guard = 0; s >= 0 && guard < 10'000; ++guard) {
    c.ships[static_cast<size_t>(s)] = true;
    int parent = file.stages[static_cast<size_t>(s)].parent;
    if (parent >= s) break;
    s = parent;
  }
  // One pass keeps what later RUNs need to know about the instructions before them: the
  // SHELL in force per stage (inherited from the parent stage) and PIP_NO_CACHE_DIR.
  std::vector<std::vector<std::string>> shells(file.stages.size());
  std::vector<bool> pip_env(file.stages.size(), false);
  for (size_t i = 0; i < file.instructions.size(); ++i) {
    const Instruction& inst = file.instructions[i];
    int s = inst.stage;
    if (s < 0) continue;
    auto st = static_cast<size_t>(s);
    if (inst.keyword == "FROM") {
      int parent = file.stages[st].parent;
      if (parent >= 0 && parent < s) {
        shells[st] = shells[static_cast<size_t>(parent)];
        pip_env[st] = pip_env[static_cast<size_t>(parent)];
      }
      continue;
    }
    if (inst.keyword == "SHELL" && inst.exec_form) shells[st] = inst.args;
    if (inst.keyword == "ENV" || inst.keyword == "ARG") {
      for (const auto& kv : inst.pairs) {
        if (kv.key != "PIP_NO_CACHE_DIR" || !kv.has_value) continue;
        std::string v = ToLower(kv.value);
        pip_env[st] = !(v.empty() || v == "0" || v == "false" || v == "no" || v == "off");
      }
    }
    auto add = [&](const Instruction& run, bool onbuild) {
      AddRun(c, run, i, s, onbuild);
      c.runs.back().shell = shells[st];
      c.runs.back().pip_no_cache_env = pip_env[st];
    };
    if (inst.keyword == "RUN") add(inst, false);
    for (const auto& child : inst.onbuild) {
      if (child.keyword == "RUN") add(child, true);
    }
  }
  return c;
}

bool HasOption(const std::vector<std::string>& argv, std::initializer_list<std::string_view> longs,
               std::string_view shorts) {
  for (size_t i = 1; i < argv.size(); ++i) {
    std::string_view a = argv[i];
    if (a == "--") break;
    for (std::string_view l : longs) {
      if (a == l || (a.size() > l.size() && a.starts_with(l) && a[l.size()] == '=')) return true;
    }
    if (!shorts.empty() && a.size() > 1 && a[0] == '-' && a[1] != '-') {
      for (char ch : a.substr(1)) {
        if (shorts.find(ch) != std::string_view::npos) return true;
      }
    }
  }
  return false;
}

std::optional<std::string_view> OptionValue(const std::vector<std::string>& argv,
                                            std::initializer_list<std::string_view> names) {
  for (size_t i = 1; i < argv.size(); ++i) {
    std::string_view a = argv[i];
    for (std::string_view n : names) {
      if (a == n) {
        if (i + 1 < argv.size()) return std::string_view(argv[i + 1]);
        return std::nullopt;
      }
      if (n.starts_with("--") && a.size() > n.size() && a.starts_with(n) && a[n.size()] == '=') {
        return a.substr(n.size() + 1);
      }
      if (n.size() == 2 && n[0] == '-' && n[1] != '-' && a.size() > 2 && a.starts_with(n)) {
        return a.substr(2);
      }
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> Operands(const std::vector<std::string>& argv,
                                       std::span<const std::string_view> value_options) {
  std::vector<std::string_view> out;
  bool options_done = false;
  for (size_t i = 1; i < argv.size(); ++i) {
    std::string_view a = argv[i];
    if (!options_done && a == "--") {
      options_done = true;
      continue;
    }
    if (!options_done && a.size() > 1 && a[0] == '-') {
      if (std::ranges::find(value_options, a) != value_options.end()) ++i;
      continue;
    }
    out.push_back(a);
  }
  return out;
}

namespace {

constexpr std::array<std::string_view, 7> kAptValues = {
    "-o", "-c", "-t", "--target-release", "--default-release", "-a", "--host-architecture"};
constexpr std::array<std::string_view, 10> kApkValues = {
    "-X",     "--repository", "-t",          "--virtual",  "-p",
    "--root", "--arch",       "--cache-dir", "--keys-dir", "--repositories-file"};
constexpr std::array<std::string_view, 12> kRpmValues = {
    "-c",       "--config", "--installroot", "--releasever", "--enablerepo", "--disablerepo",
    "--setopt", "-x",       "--exclude",     "--repo",       "--repoid",     "--nodocs-x"};
constexpr std::array<std::string_view, 7> kZypperValues = {"-r",     "--repo", "--from", "-t",
                                                           "--type", "--root", "-R"};

std::span<const std::string_view> ValueOptions(std::string_view program) {
  if (program == "apt-get" || program == "apt") return kAptValues;
  if (program == "apk") return kApkValues;
  if (program == "yum" || program == "dnf" || program == "microdnf" || program == "tdnf") {
    return kRpmValues;
  }
  if (program == "zypper") return kZypperValues;
  return {};
}

void Describe(RunCommand& cmd) {
  if (cmd.argv.empty()) return;
  std::string_view p = cmd.argv.front();
  size_t slash = p.rfind('/');
  cmd.program = slash == std::string_view::npos ? p : p.substr(slash + 1);
  cmd.operands = Operands(cmd.argv, ValueOptions(cmd.program));
  if (cmd.operands.empty()) return;
  std::string_view sub = cmd.operands.front();
  p = cmd.program;
  bool install = false;
  if (p == "apt-get" || p == "apt") install = sub == "install";
  if (p == "apk") install = sub == "add";
  if (p == "yum" || p == "dnf" || p == "microdnf" || p == "tdnf") {
    install = sub == "install" || sub == "groupinstall" || sub == "localinstall";
  }
  if (p == "zypper") install = sub == "install" || sub == "in";
  if (!install) return;
  cmd.install = Install{p, {cmd.operands.begin() + 1, cmd.operands.end()}};
}

}  // namespace

namespace {

// The comma-separated key=value options of a --mount flag.
bool MountMatches(const Flag& f, std::initializer_list<std::string_view> types,
                  std::string_view target_prefix) {
  if (f.name != "mount") return false;
  std::string_view type = "bind";
  std::string_view target;
  for (auto part : Split(f.value, ',')) {
    size_t eq = part.find('=');
    std::string_view k = part.substr(0, eq);
    std::string_view v = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
    if (k == "type") type = v;
    if (k == "target" || k == "dst" || k == "destination") target = v;
  }
  if (std::ranges::find(types, type) == types.end()) return false;
  if (target_prefix.empty()) return true;
  while (target.size() > 1 && target.back() == '/') target.remove_suffix(1);
  std::string_view prefix = target_prefix;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.remove_suffix(1);
  return target.starts_with(prefix) || prefix.starts_with(target);
}

}  // namespace

bool HasCacheMount(const Instruction& run, std::string_view prefix) {
  return std::ranges::any_of(run.flags, [&](const Flag& f) {
    return MountMatches(f, {"cache", "tmpfs"}, prefix);
  });
}

bool HasSecretMount(const Instruction& run) {
  return std::ranges::any_of(run.flags,
                             [&](const Flag& f) { return MountMatches(f, {"secret"}, ""); });
}

bool RunHas(const RunView& run, std::string_view program, std::string_view sub) {
  for (const auto& cmd : run.commands) {
    if (cmd.Program() != program) continue;
    if (sub.empty() || Subcommand(cmd) == sub) return true;
  }
  return false;
}

bool RunRemoves(const RunView& run, std::string_view prefix) {
  for (const auto& cmd : run.commands) {
    if (cmd.Program() != "rm") continue;
    for (size_t i = 1; i < cmd.argv.size(); ++i) {
      std::string_view a = cmd.argv[i];
      if (a.starts_with(prefix)) return true;
      std::string_view p = prefix;
      while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
      if (a == p) return true;
    }
  }
  return false;
}

bool HasVariable(std::string_view s) { return s.find('$') != std::string_view::npos; }

std::string ListItems(const std::vector<std::string>& items, size_t max) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < max; ++i) {
    if (i) out += ", ";
    out += Excerpt(items[i], 60);
  }
  if (items.size() > max) out += fmt::format(" and {} more", items.size() - max);
  return out;
}

std::string StageName(const LintContext& c, int stage) {
  if (stage < 0 || stage >= static_cast<int>(c.file->stages.size())) return "?";
  const Stage& s = c.file->stages[static_cast<size_t>(stage)];
  return s.name.empty() ? fmt::format("#{}", stage) : fmt::format("'{}'", s.name);
}

}  // namespace portcullis::dockerfile
