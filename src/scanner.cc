// Scanner::Scan: the pipeline of DESIGN.md —
//   Source → layer walker + analyzers (one task per layer, in parallel) → applier → detectors.
#include "portcullis/scanner.h"

#include <algorithm>

#include "analyzer/layer_analysis.h"
#include "analyzer/os/detect.h"
#include "analyzer/pkg/dpkg_copyright.h"
#include "analyzer/pkg/identity.h"
#include "analyzer/registry.h"
#include "analyzer/secret/secret_config.h"
#include "applier/applier.h"
#include "core/clock.h"
#include "core/progress.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "rules/image/hardening.h"
#include "detector/vuln/detector.h"
#include "source/sbom_source.h"
#include "source/source.h"
#include "vulndb/open.h"

namespace portcullis {

std::string_view ScannerKindName(ScannerKind kind) {
  switch (kind) {
    case ScannerKind::kVuln: return "vuln";
    case ScannerKind::kSecret: return "secret";
    case ScannerKind::kHardening: return "hardening";
  }
  return "vuln";
}

Result<std::vector<ScannerKind>> ParseScannerKinds(std::string_view list) {
  std::vector<ScannerKind> out;
  for (auto part : Split(list, ',')) {
    part = Trim(part);
    if (part.empty()) continue;
    std::optional<ScannerKind> kind;
    for (auto k : {ScannerKind::kVuln, ScannerKind::kSecret, ScannerKind::kHardening}) {
      if (ScannerKindName(k) == part) kind = k;
    }
    if (!kind) {
      return Fail(ErrorCode::kInvalidArgument,
                  "unknown scanner '{}' (expected vuln, secret, hardening)", Excerpt(part, 30));
    }
    if (std::ranges::find(out, *kind) == out.end()) out.push_back(*kind);
  }
  return out;
}

namespace {

// Every layer analysed, at most `parallel` at once. Returns the facts in layer order, or the
// error of the first layer (in layer order) that could not be read.
Result<std::vector<LayerFacts>> AnalyzeLayers(const Source& source, const ScanOptions& options,
                                              std::span<const Analyzer* const> analyzers) {
  size_t n = source.layer_count();
  unsigned threads = options.parallel ? options.parallel : ThreadPool::DefaultThreads();
  threads = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, n)));
  Progress progress(options.progress, "scanning " + source.artifact().name, n);
  ByteBudget budget;
  std::vector<std::future<Result<LayerFacts>>> futures;
  {
    ThreadPool pool(threads);
    for (size_t i = 0; i < n; ++i) {
      futures.push_back(pool.Submit([&, i] {
        auto facts = AnalyzeLayer(source, i, analyzers, options.limits, &budget,
                                  [&progress](uint64_t bytes) { progress.AddBytes(bytes); });
        progress.UnitDone();
        return facts;
      }));
    }
  }  // joins the pool: every layer task has finished
  std::vector<LayerFacts> out;
  out.reserve(n);
  for (auto& f : futures) {
    auto facts = f.get();
    if (!facts) return std::unexpected(facts.error());
    out.push_back(std::move(*facts));
  }
  return out;
}

// Secrets the content scanners found, with the layer they are in and whether a later layer
// deleted or replaced the file (it still ships inside the earlier layer).
void CollectSecrets(const MergedView& view, const Artifact& artifact, Report& report) {
  for (const LayerFacts& facts : view.layers()) {
    for (const SecretHit& hit : facts.secrets) {
      SecretFinding s;
      s.rule_id = hit.rule_id;
      s.title = hit.title;
      s.severity = hit.severity;
      s.category = hit.category;
      s.path = "/" + hit.path;
      s.line = hit.line;
      s.layer = artifact.layers[facts.index].digest;
      s.match = hit.match;
      if (auto removal = view.RemovedLater(hit.path, facts.index)) {
        s.deleted_in_later_layer = true;
        s.deleted_in_layer = artifact.layers[removal->layer].digest;
      }
      report.secrets.push_back(std::move(s));
    }
  }
}

bool Wants(const ScanOptions& options, ScannerKind kind) {
  return std::ranges::find(options.scanners, kind) != options.scanners.end();
}

// The vuln detector over the report's packages (the database was opened before analysis).
Result<void> DetectInto(const vulndb::VulnDb* db, std::vector<Diagnostic> db_diagnostics,
                        Report& report) {
  report.diagnostics.insert(report.diagnostics.end(), db_diagnostics.begin(),
                            db_diagnostics.end());
  if (db == nullptr) return {};
  return vuln::DetectVulnerabilities(*db, report.os, report.packages, report);
}

// `sbom:FILE`: the packages come from a stored CycloneDX or SPDX document.
Result<Report> ScanSbom(const ScanOptions& options) {
  auto sbom = PC_TRY(ReadSbomFile(options.source.substr(5), options.limits));
  std::unique_ptr<vulndb::VulnDb> db;
  std::vector<Diagnostic> db_diagnostics;
  if (Wants(options, ScannerKind::kVuln)) {
    db = PC_TRY(vulndb::OpenForScan(options.db_path, db_diagnostics));
  }
  Report report;
  report.tool_version = PORTCULLIS_VERSION;
  report.created_at = NowRfc3339();
  report.artifact = std::move(sbom.artifact);
  report.os = std::move(sbom.os);
  report.packages = std::move(sbom.packages);
  report.diagnostics = std::move(sbom.diagnostics);
  if (db) report.scanners.emplace_back(ScannerKindName(ScannerKind::kVuln));
  PC_TRY_VOID(DetectInto(db.get(), std::move(db_diagnostics), report));
  return report;
}

// OS detection on the merged view, then what depends on it: licences from dpkg copyright
// files, and the ecosystem and purl of every OS package.
void DetectOsAndIdentify(const MergedView& view, Report& report) {
  FileLookup lookup = [&view](std::string_view path) -> std::optional<std::string> {
    auto content = view.ReadCollected(path);
    if (!content) return std::nullopt;
    return std::string(*content);
  };
  PackageDb dpkg;  // for distroless images that have only var/lib/dpkg/status.d
  dpkg.kind = "dpkg";
  for (const Package& p : report.packages) {
    if (p.type == "deb" && p.name == "base-files") dpkg.packages.push_back(p);
  }
  report.os = DetectOs(lookup, Today(), std::span<const PackageDb>(&dpkg, 1), &report.diagnostics);
  ApplyDpkgCopyrightLicenses(view.FinalLicenses(), report.packages);
  AssignOsPackageIdentity(report.os, report.packages);
}

}  // namespace

Result<Report> Scanner::Scan(const ScanOptions& options) const {
  const bool hardening = Wants(options, ScannerKind::kHardening);
  HardeningOptions hardening_options;
  hardening_options.profile = PC_TRY(ParseHardeningProfile(options.hardening_profile));
  hardening_options.max_image_bytes = options.hardening_max_image_bytes;
  hardening_options.max_layers = options.hardening_max_layers;
  hardening_options.max_symlink_hops = options.limits.max_symlink_hops;
  hardening_options.max_json_bytes = options.limits.max_json_bytes;
  if (options.source.starts_with("sbom:")) return ScanSbom(options);
  auto source = PC_TRY(OpenSource(options.source, options.platform, options.limits, options.registry));
  // Refuse before the (long) analysis when the vuln scanner has no database.
  std::unique_ptr<vulndb::VulnDb> db;
  std::vector<Diagnostic> db_diagnostics;
  if (Wants(options, ScannerKind::kVuln)) {
    db = PC_TRY(vulndb::OpenForScan(options.db_path, db_diagnostics));
  }
  if (source->layer_count() > options.limits.max_layers) {
    return Fail(ErrorCode::kLimitExceeded, "image has {} layers, over the limit of {}",
                source->layer_count(), options.limits.max_layers);
  }
  const bool secrets_on =
      std::ranges::find(options.scanners, ScannerKind::kSecret) != options.scanners.end();
  std::shared_ptr<const SecretScanner> secret_scanner;
  if (secrets_on) secret_scanner = PC_TRY(SecretScannerForConfig(options.secret_config));
  auto analyzers = AnalyzersFor(options);
  auto layers = PC_TRY(AnalyzeLayers(*source, options, analyzers));
  MergedView view = Merge(std::move(layers));

  Report report;
  report.tool_version = PORTCULLIS_VERSION;
  report.created_at = NowRfc3339();
  report.artifact = source->artifact();
  for (ScannerKind k : options.scanners) report.scanners.emplace_back(ScannerKindName(k));

  for (const auto& fp : view.FinalPackages()) {
    Package p = fp.package;
    p.layer = report.artifact.layers[fp.installed_in].digest;
    report.packages.push_back(std::move(p));
  }
  for (const LayerFacts& facts : view.layers()) {
    report.diagnostics.insert(report.diagnostics.end(), facts.diagnostics.begin(),
                              facts.diagnostics.end());
  }
  DetectOsAndIdentify(view, report);
  CollectSecrets(view, report.artifact, report);
  if (secret_scanner && source->config().present) {
    const ImageConfig& c = source->config();
    ImageConfigStrings strings{c.env, c.labels, c.cmd, c.entrypoint, {}};
    for (const HistoryEntry& h : c.history) strings.history.push_back(h.created_by);
    for (SecretFinding& f : ScanImageConfigSecrets(*secret_scanner, strings)) {
      report.secrets.push_back(std::move(f));
    }
  }
  if (hardening) {
    // The hardening rules share the secret rules (and --secret-config) for secrets in the
    // config and private keys on disk.
    std::shared_ptr<const SecretScanner> rules = secret_scanner;
    if (!rules) rules = PC_TRY(SecretScannerForConfig(options.secret_config));
    HardeningInput input;
    input.view = &view;
    input.config = &source->config();
    input.artifact = &report.artifact;
    input.os = report.os ? &*report.os : nullptr;
    input.options = hardening_options;
    input.scan_secrets = [&rules](std::string_view text, std::string_view path) {
      if (rules->IsPathAllowed(path)) return std::vector<SecretHit>{};
      return rules->ScanText(text, path);
    };
    auto found = DetectHardening(input, report.diagnostics);
    report.misconfigurations.insert(report.misconfigurations.end(),
                                    std::make_move_iterator(found.begin()),
                                    std::make_move_iterator(found.end()));
  }
  PC_TRY_VOID(DetectInto(db.get(), std::move(db_diagnostics), report));
  return report;
}

}  // namespace portcullis
