// ScanConfig: the runtime-configuration audit. Finds the inputs (the project walker for
// directories), reads each into the runtime model (config/runtime/input.h) in parallel, runs the
// runtime rules once over everything, drops findings the inputs' inline comments suppress, and
// applies the policy (project-config section "config").
#include <algorithm>
#include <filesystem>
#include <future>
#include <unordered_map>

#include <fmt/format.h>

#include "api/finish.h"
#include "config/runtime/input.h"
#include "core/clock.h"
#include "core/dir_walker.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "portcullis/scan.h"
#include "rules/runtime/runtime_rules.h"

namespace portcullis {

namespace {

namespace fs = std::filesystem;

struct Candidate {
  std::string path;
  bool explicit_file = false;
};

// The files to read: those named, and the candidates below the directories named.
Result<std::vector<Candidate>> Collect(const ConfigScanOptions& options,
                                       std::vector<Diagnostic>& diagnostics) {
  std::vector<Candidate> out;
  for (const std::string& p : options.paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      return std::unexpected(Error{ErrorCode::kNotFound, "no such file or directory", p});
    }
    if (!fs::is_directory(st)) {
      out.push_back({p, true});
      continue;
    }
    WalkResult walk = PC_TRY(WalkDirectory(p, options.walk, runtime::IsConfigCandidateName));
    for (std::string& f : walk.files) out.push_back({std::move(f), false});
    std::ranges::move(walk.diagnostics, std::back_inserter(diagnostics));
  }
  std::ranges::sort(out, {}, &Candidate::path);
  return out;
}

// Audits every candidate, `parallel` files at once; results in candidate order.
std::vector<runtime::FileAudit> AuditAll(const std::vector<Candidate>& candidates,
                                         unsigned parallel, const runtime::YamlLimits& limits) {
  std::vector<runtime::FileAudit> audits(candidates.size());
  auto audit = [&](size_t i) {
    audits[i] = runtime::AuditFile(candidates[i].path, candidates[i].explicit_file, limits);
  };
  unsigned threads = parallel ? parallel : ThreadPool::DefaultThreads();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(candidates.size())));
  if (threads <= 1 || candidates.size() < 4) {
    for (size_t i = 0; i < candidates.size(); ++i) audit(i);
    return audits;
  }
  ThreadPool pool(threads);
  std::vector<std::future<void>> done;
  // Contiguous slices keep the per-task overhead small for many small files.
  size_t slices = std::min<size_t>(candidates.size(), threads * 8);
  for (size_t s = 0; s < slices; ++s) {
    size_t begin = candidates.size() * s / slices;
    size_t end = candidates.size() * (s + 1) / slices;
    done.push_back(pool.Submit([&audit, begin, end] {
      for (size_t i = begin; i < end; ++i) audit(i);
    }));
  }
  for (auto& f : done) f.get();
  return audits;
}

}  // namespace

Result<ScanResult> ScanConfig(const ConfigScanOptions& options) {
  if (options.paths.empty() && options.docker_run.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "give at least one PATH or --docker-run 'docker run ...'");
  }
  LoadedPolicy policy = PC_TRY(LoadPolicy(options.policy, "config"));

  Report report;
  report.tool_version = PORTCULLIS_VERSION;
  report.created_at = NowRfc3339();
  report.artifact.type = "config";
  std::vector<std::string> names = options.paths;
  if (!options.docker_run.empty()) names.push_back("--docker-run");
  report.artifact.name = Join(names, " ");
  report.scanners = {"config"};

  std::vector<Candidate> candidates = PC_TRY(Collect(options, report.diagnostics));
  runtime::YamlLimits limits;
  limits.max_file_bytes = options.max_file_bytes;
  std::vector<runtime::FileAudit> audits = AuditAll(candidates, options.parallel, limits);
  for (const std::string& line : options.docker_run) {
    runtime::FileAudit a = runtime::AuditText(line, "", runtime::ConfigKind::kScript);
    if (a.model.workloads.empty()) {
      report.diagnostics.push_back(
          {"config.no_invocation", "--docker-run", 0, 0,
           fmt::format("'{}' is not a docker/podman run or create command with an image",
                       Excerpt(line, 80)),
           Severity::kInfo});
    }
    audits.push_back(std::move(a));
  }

  runtime::RuntimeModel model;
  std::unordered_map<std::string, const runtime::Suppressions*> suppressions;
  auto move_all = [](auto& from, auto& to) {
    std::move(from.begin(), from.end(), std::back_inserter(to));
  };
  for (runtime::FileAudit& a : audits) {
    move_all(a.diagnostics, report.diagnostics);
    if (!a.suppressions.empty()) {
      for (const auto& w : a.model.workloads) suppressions[w.file] = &a.suppressions;
      for (const auto& r : a.model.roles) suppressions[r.file] = &a.suppressions;
      for (const auto& b : a.model.bindings) suppressions[b.file] = &a.suppressions;
    }
    move_all(a.model.workloads, model.workloads);
    move_all(a.model.roles, model.roles);
    move_all(a.model.bindings, model.bindings);
    move_all(a.model.network_policies, model.network_policies);
    model.has_kubernetes = model.has_kubernetes || a.model.has_kubernetes;
  }

  std::vector<Misconfiguration> findings = EvaluateRuntimeRules(model);
  std::erase_if(findings, [&](const Misconfiguration& f) {
    auto it = suppressions.find(f.path);
    return it != suppressions.end() && it->second->Suppresses(f);
  });
  // By file, line and rule; ties keep rule-table order.
  std::vector<size_t> order(findings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::ranges::sort(order, [&findings](size_t a, size_t b) {
    const Misconfiguration& x = findings[a];
    const Misconfiguration& y = findings[b];
    return std::tie(x.target, x.line, x.id, a) < std::tie(y.target, y.line, y.id, b);
  });
  for (size_t i : order) report.misconfigurations.push_back(std::move(findings[i]));
  return api::Finish(std::move(report), policy);
}

}  // namespace portcullis
