// Checks of COPY and ADD (sources, destinations, archives, URLs, credential files), ENV and
// LABEL keys, numeric users and RUN counting.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "core/strings.h"
#include "rules/dockerfile/checks.h"
#include "rules/dockerfile/checks_instruction_helpers.h"
#include "rules/dockerfile/checks_run_helpers.h"


namespace portcullis::dockerfile {

namespace {

bool IsUrl(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@") ||
         s.starts_with("git://") || s.starts_with("ssh://");
}

bool IsGitUrl(std::string_view s) {
  std::string_view no_fragment = s.substr(0, s.find('#'));
  return s.starts_with("git@") || s.starts_with("git://") || s.starts_with("ssh://") ||
         no_fragment.ends_with(".git");
}

bool IsArchive(std::string_view s) {
  std::string lower = ToLower(s);
  for (std::string_view ext :
       {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst",
        ".tzst", ".tar.lz", ".tar.lzma", ".gz", ".bz2", ".xz", ".zst"}) {
    if (lower.ends_with(ext)) return true;
  }
  return false;
}

// Sources of a COPY/ADD: every argument but the last.
std::vector<std::string_view> Sources(const Instruction& inst) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i + 1 < inst.args.size(); ++i) out.push_back(inst.args[i]);
  return out;
}

std::string_view Basename(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

}  // namespace

void CheckCopyDest(const LintContext& c, Hits& hits) {
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword != "COPY" && inst.keyword != "ADD") continue;
    if (inst.args.size() <= 2) continue;
    if (inst.unresolved.back() || inst.args.back().ends_with('/')) continue;
    hits.Add(inst, fmt::format("{} has {} sources, so its destination '{}' must end with '/'",
                               inst.keyword, inst.args.size() - 1, Excerpt(inst.args.back(), 60)));
  }
}

void CheckCopyFromUndefined(const LintContext& c, Hits& hits) {
  const Dockerfile& f = *c.file;
  for (const auto& inst : f.instructions) {
    if (inst.keyword != "COPY" && inst.keyword != "ADD") continue;
    const Flag* from = inst.FindFlag("from");
    if (!from || HasVariable(from->raw) || from->value.empty()) continue;
    int idx = f.FindStage(from->value);
    if (idx >= 0 && idx < inst.stage) continue;
    if (idx >= 0 && idx == inst.stage) continue;  // CheckCopyFromSelf
    if (idx > inst.stage) {
      hits.Add(inst, fmt::format("COPY --from={} names a stage defined later (line {}); only "
                                 "earlier stages can be copied from",
                                 Excerpt(from->value, 40),
                                 f.instructions[f.stages[static_cast<size_t>(idx)].from].line));
      continue;
    }
    std::string_view v = from->value;
    bool image_like = v.find_first_of(":/.@") != std::string_view::npos;
    if (image_like) continue;
    hits.Add(inst, fmt::format("COPY --from={} names no earlier stage (is it a typo, or an image "
                               "that should be written with its tag?)",
                               Excerpt(v, 40)));
  }
}

void CheckCopyFromSelf(const LintContext& c, Hits& hits) {
  const Dockerfile& f = *c.file;
  for (const auto& inst : f.instructions) {
    if (inst.keyword != "COPY" && inst.keyword != "ADD") continue;
    const Flag* from = inst.FindFlag("from");
    if (!from || HasVariable(from->raw)) continue;
    if (inst.stage >= 0 && f.FindStage(from->value) == inst.stage) {
      hits.Add(inst, fmt::format("COPY --from={} copies from the stage it is in",
                                 Excerpt(from->value, 40)));
    }
  }
}

void CheckCopyRoot(const LintContext& c, Hits& hits) {
  for (const auto& inst : c.file->instructions) {
    if ((inst.keyword != "COPY" && inst.keyword != "ADD") || !inst.FindFlag("from")) continue;
    for (auto s : Sources(inst)) {
      if (s == "/") {
        hits.Add(inst, fmt::format("COPY --from={} / copies the whole file system of the stage",
                                   Excerpt(inst.FindFlag("from")->value, 40)));
        break;
      }
    }
  }
}

void CheckCopyRelative(const LintContext& c, Hits& hits) {
  const Dockerfile& f = *c.file;
  // Per stage: a WORKDIR has been set (in it, or in the stage it builds on).
  std::vector<bool> workdir(f.stages.size(), false);
  for (const auto& inst : f.instructions) {
    if (inst.stage < 0) continue;
    auto s = static_cast<size_t>(inst.stage);
    if (inst.keyword == "FROM") {
      int parent = f.stages[s].parent;
      if (parent >= 0 && parent < inst.stage) workdir[s] = workdir[static_cast<size_t>(parent)];
    } else if (inst.keyword == "WORKDIR") {
      workdir[s] = true;
    } else if (inst.keyword == "COPY" && inst.args.size() >= 2 && !workdir[s] &&
               !inst.unresolved.back() && !IsAbsolutePath(inst.args.back())) {
      hits.Add(inst, fmt::format("COPY to the relative destination '{}' with no WORKDIR set in "
                                 "the stage",
                                 Excerpt(inst.args.back(), 60)));
    }
  }
}

void CheckAddLocal(const LintContext& c, Hits& hits) {
  ForEach(c, "ADD", [&](const Instruction& inst) {
    std::vector<std::string> local;
    for (auto s : Sources(inst)) {
      if (IsUrl(s) || IsArchive(s) || s.starts_with("<<")) continue;
      local.emplace_back(s);
    }
    if (!local.empty()) {
      hits.Add(inst, fmt::format("ADD of local files ({}) where COPY does the same without ADD's "
                                 "URL and archive magic",
                                 ListItems(local)));
    }
  });
}

void CheckAddRemote(const LintContext& c, Hits& hits) {
  ForEach(c, "ADD", [&](const Instruction& inst) {
    bool checksum = inst.FindFlag("checksum") != nullptr;
    for (auto s : Sources(inst)) {
      if (IsGitUrl(s)) {
        if (s.find('#') == std::string_view::npos && !checksum) {
          hits.Add(inst, fmt::format("ADD of the git repository '{}' without a pinned ref "
                                     "(#<commit>) or --checksum",
                                     Excerpt(s, 80)));
        }
      } else if ((s.starts_with("http://") || s.starts_with("https://")) && !checksum) {
        hits.Add(inst, fmt::format("ADD downloads '{}' without --checksum, so its content is "
                                   "not verified",
                                   Excerpt(s, 80)));
      }
    }
  });
}

void CheckCopyArchive(const LintContext& c, Hits& hits) {
  const Dockerfile& f = *c.file;
  // Per stage: basenames of the files `tar -x` extracts, with the line of the first RUN.
  std::vector<std::map<std::string, uint64_t, std::less<>>> extracted(f.stages.size());
  for (const auto& run : c.runs) {
    if (run.stage < 0 || run.onbuild) continue;
    for (const auto& cmd : run.commands) {
      if (cmd.Program() != "tar" || cmd.argv.size() < 2) continue;
      std::string_view first = cmd.argv[1];
      bool extract = HasOption(cmd.argv, {"--extract", "--get"}, "x") ||
                     (!first.starts_with('-') && first.find('x') != std::string_view::npos);
      if (!extract) continue;
      for (size_t k = 1; k < cmd.argv.size(); ++k) {
        extracted[static_cast<size_t>(run.stage)].emplace(std::string(Basename(cmd.argv[k])),
                                                          run.instruction->line);
      }
    }
  }
  for (const auto& inst : f.instructions) {
    if (inst.keyword != "COPY" || inst.FindFlag("from") || inst.args.size() < 2 || inst.stage < 0) {
      continue;
    }
    const auto& names = extracted[static_cast<size_t>(inst.stage)];
    for (auto src : Sources(inst)) {
      std::string lower = ToLower(src);
      if (!IsArchive(src) || lower.find(".t") == std::string::npos) continue;
      auto it = names.find(Basename(src));
      if (it != names.end() && it->second > inst.line) {
        hits.Add(inst, fmt::format("the archive '{}' is copied and then extracted by a RUN (line "
                                   "{}); ADD extracts it in one layer",
                                   Excerpt(src, 60), it->second));
      }
    }
  }
}

void CheckCredentialFiles(const LintContext& c, Hits& hits) {
  // ENV variables that name a credentials file for a tool: a COPY to that path ships it.
  static constexpr std::array<std::string_view, 6> kCredentialEnv = {
      "GOOGLE_APPLICATION_CREDENTIALS",
      "AWS_SHARED_CREDENTIALS_FILE",
      "AWS_CONFIG_FILE",
      "HF_TOKEN_PATH",
      "AZURE_CLIENT_CERTIFICATE_PATH",
      "KUBECONFIG"};
  std::map<std::string, std::string, std::less<>> credential_paths;  // path -> variable
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword == "ENV") {
      for (const auto& kv : inst.pairs) {
        if (std::ranges::find(kCredentialEnv, kv.key) != kCredentialEnv.end() &&
            kv.value.starts_with('/')) {
          credential_paths[kv.value] = kv.key;
        }
      }
      continue;
    }
    if (inst.keyword != "COPY" && inst.keyword != "ADD") continue;
    if (inst.FindFlag("from")) continue;
    std::vector<std::string> found;
    for (auto s : Sources(inst)) {
      std::string base = ToLower(Basename(s));
      std::string lower = ToLower(s);
      bool cred = base == "id_rsa" || base == "id_dsa" || base == "id_ecdsa" ||
                  base == "id_ed25519" || base == ".netrc" || base == ".npmrc" ||
                  base == ".pypirc" || base == ".git-credentials" || base == ".pgpass" ||
                  base.ends_with(".p12") || base.ends_with(".pfx") || base.ends_with(".jks") ||
                  base.ends_with(".keystore") ||
                  (base == "credentials" && lower.find(".aws") != std::string::npos) ||
                  (base == "config.json" && lower.find(".docker") != std::string::npos) ||
                  base == "service-account.json" || base == "credentials.json";
      if (cred) found.emplace_back(s);
    }
    if (found.empty() && inst.args.size() >= 2) {
      // COPY key.json /secrets/key.json with ENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/key.json
      std::string dest = inst.args.back();
      for (auto s : Sources(inst)) {
        std::string target = dest.ends_with('/') ? dest + std::string(Basename(s)) : dest;
        if (auto it = credential_paths.find(target); it != credential_paths.end()) {
          found.push_back(fmt::format("{} (the file ${} names)", Excerpt(s, 60), it->second));
        }
      }
    }
    if (!found.empty()) {
      hits.Add(inst, fmt::format("{} puts credential files into the image: {}", inst.keyword,
                                 ListItems(found)));
    }
  }
}

void CheckEnvSelfReference(const LintContext& c, Hits& hits) {
  // Names each `$NAME` / `${NAME...}` in `value` refers to.
  auto references = [](std::string_view value) {
    std::vector<std::string_view> names;
    for (size_t p = value.find('$'); p != std::string_view::npos; p = value.find('$', p + 1)) {
      size_t start = p + 1;
      if (start < value.size() && value[start] == '{') ++start;
      size_t end = start;
      while (end < value.size() &&
             (std::isalnum(static_cast<unsigned char>(value[end])) || value[end] == '_')) {
        ++end;
      }
      if (end > start) names.push_back(value.substr(start, end - start));
    }
    return names;
  };
  std::set<std::string, std::less<>> defined;  // by ENV or ARG before the instruction
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword != "ENV" && inst.keyword != "ARG") continue;
    if (inst.keyword == "ENV" && inst.pairs.size() >= 2) {
      std::set<std::string_view> here;
      for (const auto& kv : inst.pairs) {
        for (std::string_view name : references(kv.raw_value)) {
          if (here.contains(name) && !defined.contains(name)) {
            hits.Add(inst, fmt::format("ENV {} refers to ${} which the same ENV defines; it "
                                       "expands to the value from before this instruction",
                                       Excerpt(kv.key, 40), Excerpt(name, 40)));
          }
        }
        here.insert(kv.key);
      }
    }
    for (const auto& kv : inst.pairs) defined.insert(kv.key);
  }
}

void CheckLabelKey(const LintContext& c, Hits& hits) {
  ForEach(c, "LABEL", [&](const Instruction& inst) {
    for (const auto& kv : inst.pairs) {
      std::string_view k = kv.key;
      bool ok = !k.empty() && std::isalnum(static_cast<unsigned char>(k.front())) &&
                std::isalnum(static_cast<unsigned char>(k.back()));
      for (size_t i = 0; ok && i < k.size(); ++i) {
        char ch = k[i];
        bool allowed = std::islower(static_cast<unsigned char>(ch)) ||
                       std::isdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-';
        if (!allowed) ok = false;
        if (i > 0 && (ch == '.' || ch == '-') && (k[i - 1] == '.' || k[i - 1] == '-')) ok = false;
      }
      bool reserved = k.starts_with("com.docker.") || k.starts_with("io.docker.") ||
                      k.starts_with("org.dockerproject.");
      if (!ok || reserved) {
        hits.Add(inst, fmt::format("label key '{}' {}", Excerpt(k, 60),
                                   reserved ? "uses a namespace reserved by Docker"
                                            : "is not lower-case letters, digits, '.' and '-'"));
      }
    }
  });
}

void CheckNumericUser(const LintContext& c, Hits& hits) {
  if (c.final_stage < 0) return;
  const Instruction* user = LastInChain(c, c.final_stage, "USER");
  if (!user || user->args.empty() || user->unresolved[0] || HasVariable(user->rest)) return;
  std::string_view name = user->args[0];
  name = Trim(name.substr(0, name.find(':')));
  if (IsDigits(name) || name == "root") return;
  // Windows images have no numeric uids.
  if (c.file->escape == '`' ||
      ContainsIgnoreCase(c.file->stages[static_cast<size_t>(c.final_stage)].base, "windows")) {
    return;
  }
  hits.Add(*user, fmt::format("USER '{}' is a name: Kubernetes runAsNonRoot cannot verify it "
                              "and the host may map it to another uid",
                              Excerpt(name, 40)));
}

void CheckConsecutiveRun(const LintContext& c, Hits& hits) {
  const auto& in = c.file->instructions;
  auto same_flags = [](const Instruction& a, const Instruction& b) {
    if (a.flags.size() != b.flags.size()) return false;
    for (size_t i = 0; i < a.flags.size(); ++i) {
      if (a.flags[i].name != b.flags[i].name || a.flags[i].value != b.flags[i].value) {
        return false;
      }
    }
    return true;
  };
  for (size_t i = 1; i < in.size(); ++i) {
    if (in[i].keyword == "RUN" && in[i - 1].keyword == "RUN" && in[i].stage == in[i - 1].stage &&
        same_flags(in[i], in[i - 1])) {
      hits.Add(in[i], fmt::format("RUN follows the RUN on line {} directly; joining them saves a "
                                  "layer",
                                  in[i - 1].line));
    }
  }
}

void CheckUndefinedArgInFrom(const LintContext& c, Hits& hits) {
  const Dockerfile& f = *c.file;
  std::set<std::string, std::less<>> global = {"TARGETPLATFORM", "TARGETOS",      "TARGETARCH",
                                               "TARGETVARIANT",  "BUILDPLATFORM", "BUILDOS",
                                               "BUILDARCH",      "BUILDVARIANT"};
  for (const auto& inst : f.instructions) {
    if (inst.stage >= 0) break;
    if (inst.keyword == "ARG") {
      for (const auto& kv : inst.pairs) global.insert(kv.key);
    }
  }
  auto undefined = [&](std::string_view text) {
    std::vector<std::string> out;
    for (size_t p = text.find('$'); p != std::string_view::npos; p = text.find('$', p + 1)) {
      size_t start = p + 1;
      if (start < text.size() && text[start] == '{') ++start;
      size_t end = start;
      while (end < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
        ++end;
      }
      std::string_view name = text.substr(start, end - start);
      if (!name.empty() && !global.contains(name)) out.emplace_back(name);
    }
    return out;
  };
  for (const auto& st : f.stages) {
    const Instruction& from = f.instructions[st.from];
    std::vector<std::string> names = undefined(st.base_raw);
    if (const Flag* p = from.FindFlag("platform")) {
      for (auto& n : undefined(p->raw)) names.push_back(std::move(n));
    }
    if (!names.empty()) {
      hits.Add(from, fmt::format("FROM uses {} which no ARG before the first FROM declares, so it "
                                 "expands to an empty string",
                                 ListItems(names)));
    }
  }
}

void CheckLegacyEnvFormat(const LintContext& c, Hits& hits) {
  ForEach(c, "ENV", [&](const Instruction& inst) {
    std::string_view rest = Trim(inst.rest);
    std::string_view first = rest.substr(0, rest.find_first_of(" \t"));
    if (inst.pairs.size() == 1 && !first.empty() && first.find('=') == std::string_view::npos) {
      hits.Add(inst,
               fmt::format("ENV {} uses the legacy 'ENV key value' form", Excerpt(first, 40)));
    }
  });
}

}  // namespace portcullis::dockerfile
