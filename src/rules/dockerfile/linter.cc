#include "rules/dockerfile/linter.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "config/dockerfile/dockerfile.h"
#include "core/files.h"
#include "core/thread_pool.h"
#include "rules/dockerfile/rules.h"
#include "rules/dockerfile/shellcheck.h"

namespace portcullis::dockerfile {

namespace {

constexpr std::string_view kSecretLiteralRule = "PC-DF-052";
constexpr std::string_view kSecretNameRule = "PC-DF-053";
constexpr std::string_view kSecretValueRule = "PC-DF-093";

bool Listed(const std::vector<std::string>& ids, const Misconfiguration& m) {
  for (const auto& id : ids) {
    if (id == m.id) return true;
    for (const auto& a : m.aliases) {
      if (id == a) return true;
    }
  }
  return false;
}

}  // namespace

size_t LintDockerfile(std::string_view content, const std::string& path, const LintOptions& options,
                      Report& report) {
  Dockerfile file = ParseDockerfile(content, path);
  for (auto& d : file.diagnostics) report.diagnostics.push_back(std::move(d));
  LintContext context =
      MakeLintContext(file, {options.policy.trusted_registries, options.policy.label_schema,
                             options.policy.strict_labels});
  context.content = content;

  // Inline pragmas apply to the instruction on the line after them.
  std::map<uint64_t, const std::vector<std::string>*> inline_ignores;
  if (options.policy.inline_ignores) {
    for (const auto& inst : file.instructions) {
      if (!inst.ignores.empty()) inline_ignores[inst.line] = &inst.ignores;
    }
  }

  std::vector<Misconfiguration> found;
  for (const DockerfileRule& rule : DockerfileRules()) {
    Hits hits;
    rule.check(context, hits);
    for (Hit& h : hits.hits()) {
      Misconfiguration m = MakeFinding(rule.info, "dockerfile", path, std::move(h.message));
      m.path = path;
      m.line = h.line;
      m.end_line = h.end_line;
      m.resource = context.StageLabel(h.stage);
      if (h.severity) m.severity = *h.severity;
      for (auto& a : h.extra_aliases) m.aliases.push_back(std::move(a));
      found.push_back(std::move(m));
    }
    for (auto& d : hits.diagnostics()) report.diagnostics.push_back(std::move(d));
  }
  // A secret the value rules found makes the name-based finding on the same instruction
  // redundant.
  std::set<uint64_t> secret_lines;
  for (const auto& m : found) {
    if (m.id == kSecretValueRule) secret_lines.insert(m.line);
  }
  if (!secret_lines.empty()) {
    std::erase_if(found, [&](const Misconfiguration& m) {
      return (m.id == kSecretLiteralRule || m.id == kSecretNameRule) &&
             secret_lines.contains(m.line);
    });
  }
  if (options.shellcheck) {
    RunShellcheck(context, options.shellcheck_program, found, report.diagnostics);
  }

  size_t added = 0;
  for (auto& m : found) {
    if (options.policy.Ignores(m.id, m.aliases)) continue;
    if (options.policy.inline_ignores) {
      if (Listed(file.global_ignores, m)) continue;
      auto it = inline_ignores.find(m.line);
      if (it != inline_ignores.end() && Listed(*it->second, m)) continue;
    }
    if (auto s = options.policy.SeverityFor(m.id, m.aliases)) m.severity = *s;
    report.misconfigurations.push_back(std::move(m));
    ++added;
  }
  return added;
}

size_t LintDockerfileFiles(const std::vector<std::string>& paths, const LintOptions& options,
                           unsigned threads, Report& report) {
  auto lint_one = [&options](const std::string& path) {
    Report part;
    auto text = ReadFileLimited(path, kMaxDockerfileBytes);
    if (!text) {
      part.diagnostics.push_back(
          {"dockerfile.unreadable", path, 0, 0, text.error().message, Severity::kHigh});
      return part;
    }
    LintDockerfile(*text, path, options, part);
    return part;
  };
  // Files are linted in batches so the pool's queue holds few tasks at once.
  constexpr size_t kBatch = 64;
  if (threads == 0) threads = ThreadPool::DefaultThreads();
  std::vector<Report> parts(paths.size());
  if (threads <= 1 || paths.size() < 2) {
    for (size_t i = 0; i < paths.size(); ++i) parts[i] = lint_one(paths[i]);
  } else {
    ThreadPool pool(threads);
    std::vector<std::future<void>> done;
    for (size_t start = 0; start < paths.size(); start += kBatch) {
      done.push_back(pool.Submit([&, start] {
        for (size_t i = start; i < std::min(paths.size(), start + kBatch); ++i) {
          parts[i] = lint_one(paths[i]);
        }
      }));
    }
    for (auto& f : done) f.get();
  }
  size_t added = 0;
  for (auto& p : parts) {
    added += p.misconfigurations.size();
    std::ranges::move(p.misconfigurations, std::back_inserter(report.misconfigurations));
    std::ranges::move(p.diagnostics, std::back_inserter(report.diagnostics));
  }
  return added;
}

}  // namespace portcullis::dockerfile
