// Checks of the Dockerfile's structure: stages, base images, users, WORKDIR, EXPOSE, CMD and
// instruction order (COPY/ADD, ENV, LABEL and RUN counting are in checks_copy_env.cc; the
// commands RUN runs are in checks_commands.cc and the files it names).
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

// Index of the last instruction named `keyword` of stage `s` or its parent stages.
const Instruction* LastInChain(const LintContext& c, int s, std::string_view keyword) {
  const Dockerfile& f = *c.file;
  for (int guard = 0; s >= 0 && guard < 10'000; ++guard) {
    const Stage& st = f.stages[static_cast<size_t>(s)];
    for (size_t i = st.end; i > st.from; --i) {
      if (f.instructions[i - 1].keyword == keyword) return &f.instructions[i - 1];
    }
    if (st.parent >= s) break;
    s = st.parent;
  }
  return nullptr;
}

bool IsAbsolutePath(std::string_view p) {
  if (p.starts_with('/')) return true;
  return p.size() >= 3 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' &&
         (p[2] == '\\' || p[2] == '/');
}

namespace {

// The FROM instructions that name an image (not scratch, not an earlier stage, not a variable
// without a value).
template <typename Fn>
void ForEachExternalBase(const LintContext& c, Fn fn) {
  const Dockerfile& f = *c.file;
  for (size_t s = 0; s < f.stages.size(); ++s) {
    const Stage& st = f.stages[s];
    if (st.base.empty() || st.parent >= 0 || st.base_unresolved) continue;
    if (EqualsIgnoreCase(st.base, "scratch")) continue;
    fn(st, f.instructions[st.from]);
  }
}

bool RegistryTrusted(const std::vector<std::string>& trusted, const ImageRef& ref) {
  std::string registry = ToLower(ref.registry);
  std::string full = registry + "/" + ToLower(ref.repository);
  for (const auto& entry : trusted) {
    std::string t = ToLower(Trim(entry));
    while (!t.empty() && t.back() == '/') t.pop_back();
    if (t.empty()) continue;
    if (t == registry) return true;
    if (registry == "docker.io" &&
        (t == "hub.docker.com" || t == "index.docker.io" || t == "registry-1.docker.io")) {
      return true;
    }
    if (t.starts_with("*.") && registry.ends_with(t.substr(1))) return true;
    if (t.find('/') != std::string::npos && full.starts_with(t) &&
        (full.size() == t.size() || full[t.size()] == '/')) {
      return true;
    }
  }
  return false;
}

// Ports of an EXPOSE argument ("8080", "8000-8010/tcp"); nullopt when not numeric.
std::optional<std::pair<uint64_t, uint64_t>> PortRange(std::string_view arg) {
  arg = arg.substr(0, arg.find('/'));
  size_t dash = arg.find('-');
  std::string_view a = arg.substr(0, dash);
  std::string_view b = dash == std::string_view::npos ? a : arg.substr(dash + 1);
  if (!IsDigits(a) || !IsDigits(b) || a.size() > 12 || b.size() > 12) return std::nullopt;
  return std::pair{std::stoull(std::string(a)), std::stoull(std::string(b))};
}

}  // namespace

void CheckRootUser(const LintContext& c, Hits& hits) {
  const Dockerfile& f = *c.file;
  if (c.final_stage < 0) return;
  if (const Instruction* user = LastInChain(c, c.final_stage, "USER")) {
    if (user->args.empty() || user->unresolved[0]) return;
    std::string_view name = user->args[0];
    name = Trim(name.substr(0, name.find(':')));
    if (name == "root" || name == "0") {
      hits.Add(*user, fmt::format("the final stage runs as root: the last USER is '{}'",
                                  Excerpt(user->args[0], 40)));
    }
    return;
  }
  const Stage& fin = f.stages[static_cast<size_t>(c.final_stage)];
  int root = c.final_stage;
  while (f.stages[static_cast<size_t>(root)].parent >= 0 &&
         f.stages[static_cast<size_t>(root)].parent < root) {
    root = f.stages[static_cast<size_t>(root)].parent;
  }
  std::string base = ToLower(f.stages[static_cast<size_t>(root)].base);
  // Images published to run unprivileged say so in their name or tag.
  for (std::string_view marker : {"nonroot", "non-root", "unprivileged", "rootless"}) {
    if (base.find(marker) != std::string::npos) return;
  }
  if (f.stages[static_cast<size_t>(root)].base_unresolved) return;
  hits.Add(f.instructions[fin.from],
           fmt::format("the final stage (FROM {}) sets no USER, so the container runs as root "
                       "unless the base image sets a user",
                       Excerpt(fin.base, 60)));
}

void CheckWorkdirRelative(const LintContext& c, Hits& hits) {
  ForEach(c, "WORKDIR", [&](const Instruction& inst) {
    if (inst.args.empty() || Trim(inst.rest).starts_with('$')) return;
    if (IsAbsolutePath(inst.args[0])) return;
    hits.Add(inst, fmt::format("WORKDIR '{}' is relative", Excerpt(inst.args[0], 60)));
  });
}

void CheckWorkdirSystem(const LintContext& c, Hits& hits) {
  ForEach(c, "WORKDIR", [&](const Instruction& inst) {
    if (inst.args.empty()) return;
    std::string_view p = inst.args[0];
    for (std::string_view dir : {"/proc", "/boot", "/dev", "/initrd", "/lost+found", "/sys"}) {
      if (p == dir || (p.starts_with(dir) && p[dir.size()] == '/')) {
        hits.Add(inst, fmt::format("WORKDIR '{}' is inside the system directory {}", Excerpt(p, 60),
                                   dir));
        return;
      }
    }
  });
}

void CheckUntagged(const LintContext& c, Hits& hits) {
  ForEachExternalBase(c, [&](const Stage& st, const Instruction& from) {
    ImageRef ref = ParseImageRef(st.base);
    if (ref.tag.empty() && ref.digest.empty()) {
      hits.Add(from, fmt::format("base image '{}' has no tag, so it means whatever 'latest' is "
                                 "when the image is built",
                                 Excerpt(st.base, 80)));
    }
  });
}

void CheckLatest(const LintContext& c, Hits& hits) {
  ForEachExternalBase(c, [&](const Stage& st, const Instruction& from) {
    ImageRef ref = ParseImageRef(st.base);
    if (ref.tag == "latest" && ref.digest.empty()) {
      hits.Add(from, fmt::format("base image '{}' uses the 'latest' tag", Excerpt(st.base, 80)));
    }
  });
}

void CheckDigest(const LintContext& c, Hits& hits) {
  ForEachExternalBase(c, [&](const Stage& st, const Instruction& from) {
    ImageRef ref = ParseImageRef(st.base);
    if (ref.digest.empty()) {
      hits.Add(from, fmt::format("base image '{}' is not pinned by digest (@sha256:...)",
                                 Excerpt(st.base, 80)));
    }
  });
}

void CheckTrustedRegistry(const LintContext& c, Hits& hits) {
  if (c.trusted_registries.empty()) return;
  auto check = [&](std::string_view image, const Instruction& inst, std::string_view what) {
    ImageRef ref = ParseImageRef(image);
    if (ref.repository.empty() || RegistryTrusted(c.trusted_registries, ref)) return;
    hits.Add(inst,
             fmt::format("{} '{}' comes from registry '{}', which is not in the trusted "
                         "list ({})",
                         what, Excerpt(image, 80), ref.registry, ListItems(c.trusted_registries)));
  };
  ForEachExternalBase(
      c, [&](const Stage& st, const Instruction& from) { check(st.base, from, "base image"); });
  const Dockerfile& f = *c.file;
  for (const auto& inst : f.instructions) {
    if (inst.keyword == "COPY" || inst.keyword == "ADD") {
      const Flag* from = inst.FindFlag("from");
      if (from && !HasVariable(from->raw) && f.FindStage(from->value) < 0) {
        check(from->value, inst, "COPY --from image");
      }
    }
    if (inst.keyword == "RUN") {
      for (const auto& fl : inst.flags) {
        if (fl.name != "mount") continue;
        for (auto part : Split(fl.value, ',')) {
          if (!part.starts_with("from=")) continue;
          std::string_view v = part.substr(5);
          if (!HasVariable(v) && f.FindStage(v) < 0 && v != "scratch") {
            check(v, inst, "RUN --mount image");
          }
        }
      }
    }
  }
}

void CheckFromPlatform(const LintContext& c, Hits& hits) {
  for (const auto& st : c.file->stages) {
    const Instruction& from = c.file->instructions[st.from];
    const Flag* p = from.FindFlag("platform");
    if (p && !HasVariable(p->raw)) {
      hits.Add(from, fmt::format("FROM --platform={} fixes the platform; the image then only "
                                 "builds right for that one",
                                 Excerpt(p->raw, 40)));
    }
  }
}

void CheckRedundantPlatform(const LintContext& c, Hits& hits) {
  for (const auto& st : c.file->stages) {
    const Instruction& from = c.file->instructions[st.from];
    const Flag* p = from.FindFlag("platform");
    if (p && (p->raw == "$TARGETPLATFORM" || p->raw == "${TARGETPLATFORM}")) {
      hits.Add(from, "FROM --platform=$TARGETPLATFORM is the default and can be removed");
    }
  }
}

void CheckDuplicateStage(const LintContext& c, Hits& hits) {
  std::map<std::string, size_t> seen;
  for (size_t s = 0; s < c.file->stages.size(); ++s) {
    const Stage& st = c.file->stages[s];
    if (st.name.empty()) continue;
    auto [it, fresh] = seen.emplace(st.name, s);
    if (!fresh) {
      hits.Add(c.file->instructions[st.from],
               fmt::format("stage name '{}' is already used by stage #{} (line {})", st.name,
                           it->second, c.file->instructions[c.file->stages[it->second].from].line));
    }
  }
}

void CheckReservedStageName(const LintContext& c, Hits& hits) {
  for (const auto& st : c.file->stages) {
    if (st.name == "scratch" || st.name == "context") {
      hits.Add(c.file->instructions[st.from],
               fmt::format("stage name '{}' is a reserved word", st.name));
    }
  }
}

void CheckInstructionOrder(const LintContext& c, Hits& hits) {
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword == "FROM") return;
    if (inst.keyword != "ARG") {
      hits.Add(inst, fmt::format("{} comes before the first FROM; only ARG may", inst.keyword));
      return;
    }
  }
}

void CheckMaintainer(const LintContext& c, Hits& hits) {
  ForEach(c, "MAINTAINER", [&](const Instruction& inst) {
    hits.Add(inst, "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors=...");
  });
}

void CheckOnbuildTrigger(const LintContext& c, Hits& hits) {
  for (const auto& inst : c.file->instructions) {
    for (const auto& child : inst.onbuild) {
      if (child.keyword == "ONBUILD" || child.keyword == "FROM" || child.keyword == "MAINTAINER") {
        hits.Add(inst, fmt::format("ONBUILD cannot trigger {}", child.keyword));
      }
    }
  }
}

namespace {

void CountPerStage(const LintContext& c, std::string_view keyword, Hits& hits,
                   std::string_view effect) {
  const Dockerfile& f = *c.file;
  for (size_t s = 0; s < f.stages.size(); ++s) {
    std::vector<const Instruction*> found;
    for (size_t i = f.stages[s].from; i < f.stages[s].end; ++i) {
      if (f.instructions[i].keyword == keyword) found.push_back(&f.instructions[i]);
    }
    for (size_t i = 0; i + 1 < found.size(); ++i) {
      hits.Add(*found[i], fmt::format("stage {} has {} {} instructions; only the last one (line "
                                      "{}) {}",
                                      StageName(c, static_cast<int>(s)), found.size(), keyword,
                                      found.back()->line, effect));
    }
  }
}

}  // namespace

void CheckMultipleHealthcheck(const LintContext& c, Hits& hits) {
  CountPerStage(c, "HEALTHCHECK", hits, "takes effect");
}
void CheckMultipleCmd(const LintContext& c, Hits& hits) {
  CountPerStage(c, "CMD", hits, "takes effect");
}
void CheckMultipleEntrypoint(const LintContext& c, Hits& hits) {
  CountPerStage(c, "ENTRYPOINT", hits, "takes effect");
}

void CheckNoHealthcheck(const LintContext& c, Hits& hits) {
  if (c.final_stage < 0) return;
  if (LastInChain(c, c.final_stage, "HEALTHCHECK")) return;
  const Stage& fin = c.file->stages[static_cast<size_t>(c.final_stage)];
  hits.Add(c.file->instructions[fin.from], "the final stage defines no HEALTHCHECK");
}

void CheckJsonCmd(const LintContext& c, Hits& hits) {
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword != "CMD" && inst.keyword != "ENTRYPOINT") continue;
    if (inst.stage < 0 || !c.ships[static_cast<size_t>(inst.stage)] || inst.exec_form) continue;
    hits.Add(inst, fmt::format("{} uses the shell form ('{}'): the process runs under /bin/sh -c "
                               "and does not receive signals such as SIGTERM",
                               inst.keyword, Excerpt(inst.rest, 60)));
  }
}

void CheckExposeRange(const LintContext& c, Hits& hits) {
  ForEach(c, "EXPOSE", [&](const Instruction& inst) {
    for (size_t i = 0; i < inst.args.size(); ++i) {
      if (inst.unresolved[i]) continue;
      auto range = PortRange(inst.args[i]);
      if (range && (range->first > 65535 || range->second > 65535)) {
        hits.Add(inst,
                 fmt::format("EXPOSE {}: ports range from 0 to 65535", Excerpt(inst.args[i], 30)));
      }
    }
  });
}

void CheckExposeSsh(const LintContext& c, Hits& hits) {
  ForEach(c, "EXPOSE", [&](const Instruction& inst) {
    for (size_t i = 0; i < inst.args.size(); ++i) {
      if (inst.unresolved[i]) continue;
      auto range = PortRange(inst.args[i]);
      if (range && range->first <= 22 && 22 <= range->second) {
        hits.Add(inst,
                 fmt::format("EXPOSE {} publishes the SSH port 22", Excerpt(inst.args[i], 30)));
      }
    }
  });
}

}  // namespace portcullis::dockerfile
