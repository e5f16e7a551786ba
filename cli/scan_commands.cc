// `portcullis image`, `portcullis fs` and `portcullis sbom`: scan an image or a root file
// system through the one Scanner API.
#include <cstdio>

#include "commands.h"
#include "common.h"
#include "core/strings.h"
#include "portcullis/scanner.h"

namespace portcullis::cli {

namespace {

struct ScanFlags {
  std::string source;
  std::string platform;
  std::string scanners = "vuln,secret,hardening";
  unsigned parallel = 0;
  Limits limits;
  std::string db_path;
  std::string hardening_profile = "default";
  uint64_t hardening_max_image_bytes = ScanOptions().hardening_max_image_bytes;
  uint64_t hardening_max_layers = ScanOptions().hardening_max_layers;
  std::string secret_config;
  uint64_t secret_max_file_bytes = ScanOptions{}.secret_max_file_bytes;
  OutputFlags output;
};

// The hardening scanner's flags (image and fs).
void AddHardeningFlags(CLI::App* cmd, ScanFlags& f) {
  cmd->add_option("--hardening-profile", f.hardening_profile,
                  "hardening rule set: default, strict (production: shells, tools, setuid files "
                  "are errors) or debug (only HIGH and CRITICAL)")
      ->check(CLI::IsMember({"default", "strict", "debug"}))
      ->capture_default_str();
  cmd->add_option("--hardening-max-image-bytes", f.hardening_max_image_bytes,
                  "report images whose files add up to more bytes than this (PC-IMG-025)")
      ->capture_default_str();
  cmd->add_option("--hardening-max-layers", f.hardening_max_layers,
                  "report images with more layers than this (PC-IMG-026)")
      ->capture_default_str();
}

void AddScanFlags(CLI::App* cmd, ScanFlags& f) {
  cmd->add_option("--platform", f.platform,
                  "os/arch[/variant] to pick from a multi-platform image (default linux/amd64)");
  cmd->add_option("--parallel", f.parallel, "layers analysed at once (default: number of cores)");
  cmd->add_option("--db", f.db_path,
                  "vulnerability database (default $XDG_CACHE_HOME/portcullis/db.sqlite)");
  cmd->add_option("--secret-config", f.secret_config,
                  "YAML with extra secret rules, disabled rules and allow-lists");
  cmd->add_option("--secret-max-file-bytes", f.secret_max_file_bytes,
                  "files larger than this are not scanned for secrets (and are reported)")
      ->capture_default_str();
  cmd->add_option("--max-image-bytes", f.limits.max_image_bytes,
                  "give up past this many uncompressed bytes in all layers")
      ->capture_default_str();
  cmd->add_option("--max-layer-bytes", f.limits.max_layer_bytes,
                  "give up past this many uncompressed bytes in one layer")
      ->capture_default_str();
  cmd->add_option("--max-entries", f.limits.max_entries,
                  "give up past this many tar entries in one layer")
      ->capture_default_str();
  cmd->add_option("--max-path-length", f.limits.max_path_length,
                  "skip (and report) entries whose path is longer")
      ->capture_default_str();
  cmd->add_option("--max-file-bytes", f.limits.max_file_bytes,
                  "largest package database or config file read whole")
      ->capture_default_str();
}

// The vulnerability gating flags of `image` and `fs`.
void AddVulnFlags(CLI::App* cmd, OutputFlags& f) {
  cmd->add_flag("--ignore-unfixed", f.ignore_unfixed,
                "drop vulnerabilities without a fixed version (unfixed, will_not_fix, "
                "end_of_life)");
  cmd->add_option("--ignorefile", f.ignorefile,
                  "YAML file of accepted findings (default ./.portcullisignore when present)");
  cmd->add_option("--vex", f.vex,
                  "OpenVEX document: not_affected and fixed statements suppress findings");
}

Result<std::vector<ScannerKind>> ParseScanners(std::string_view list) {
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

// Runs one scan; `sbom_only` turns every scanner off (the package inventory always runs).
int RunScan(ScanFlags& f, std::string_view command, bool sbom_only, std::string_view prefix) {
  ScanOptions options;
  options.source = std::string(prefix) + f.source;
  options.platform = f.platform;
  options.parallel = f.parallel;
  options.limits = f.limits;
  options.db_path = f.db_path;
  options.hardening_profile = f.hardening_profile;
  options.hardening_max_image_bytes = f.hardening_max_image_bytes;
  options.hardening_max_layers = f.hardening_max_layers;
  options.secret_config = f.secret_config;
  options.secret_max_file_bytes = f.secret_max_file_bytes;
  options.progress = !f.output.quiet;
  if (sbom_only) {
    options.scanners.clear();
  } else {
    auto scanners = ParseScanners(f.scanners);
    if (!scanners) return ReportError(scanners.error());
    options.scanners = std::move(*scanners);
  }
  auto report = Scanner().Scan(options);
  if (!report) return ReportError(report.error());
  for (const auto& d : report->diagnostics) {
    if (d.code == "vulndb.stale" || d.code == "vulndb.no_data_for_ecosystem") {
      std::fprintf(stderr, "portcullis: warning: %s\n", d.message.c_str());
    }
  }
  return EmitReport(*report, f.output, command);
}

}  // namespace

void AddImageCommands(CLI::App& app, int* exit_code) {
  // Flags outlive parsing: CLI11 writes into them, the callbacks read them.
  static ScanFlags image, fs, sbom;

  CLI::App* cmd = app.add_subcommand(
      "image", "scan a container image: packages, vulnerabilities, secrets, hardening");
  cmd->add_option("SOURCE", image.source,
                  "docker-archive:FILE, oci:DIR[:TAG], oci-archive:FILE[:TAG], dir:PATH, "
                  "sbom:FILE, or a path whose kind is detected")
      ->required();
  cmd->add_option("--scanners", image.scanners, "scanners to run: vuln,secret,hardening")
      ->capture_default_str();
  AddScanFlags(cmd, image);
  AddHardeningFlags(cmd, image);
  AddOutputFlags(cmd, image.output, "table");
  AddVulnFlags(cmd, image.output);
  cmd->callback([exit_code] { *exit_code = RunScan(image, "image", false, ""); });

  cmd = app.add_subcommand("fs", "scan a root file system directory like an image");
  cmd->add_option("PATH", fs.source, "root directory")->required();
  cmd->add_option("--scanners", fs.scanners, "scanners to run: vuln,secret,hardening")
      ->capture_default_str();
  AddScanFlags(cmd, fs);
  AddHardeningFlags(cmd, fs);
  AddOutputFlags(cmd, fs.output, "table");
  AddVulnFlags(cmd, fs.output);
  cmd->callback([exit_code] { *exit_code = RunScan(fs, "fs", false, "dir:"); });

  cmd = app.add_subcommand("sbom", "list the packages of an image (software bill of materials)");
  cmd->add_option("SOURCE", sbom.source, "image or root file system, as for `image`")
      ->required();
  AddScanFlags(cmd, sbom);
  AddOutputFlags(cmd, sbom.output, "cyclonedx");
  cmd->callback([exit_code] { *exit_code = RunScan(sbom, "sbom", true, ""); });
}

}  // namespace portcullis::cli
