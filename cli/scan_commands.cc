// `portcullis image`, `portcullis fs` and `portcullis sbom`: parse the flags into
// ImageScanOptions and call ScanImage / ScanFilesystem / ScanSbom (portcullis/scan.h).
#include "commands.h"
#include "common.h"
#include "portcullis/scan.h"
#include "registry_flags.h"

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
  PolicyFlags policy;
  RegistryFlags registry;
  std::string verify_key;  // image: refuse unless signed with this public key
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
  AddRegistryFlags(cmd, f.registry);
}

const std::string kConfigHelp =
    "policy file: portcullis.yaml (ignore, severity, failure_threshold; default: the one in "
    "the current directory)";

enum class Kind { kImage, kFs, kSbom };

// Runs one scan; `sbom` has no --scanners (the package inventory always runs).
int RunScan(ScanFlags& f, Kind kind) {
  std::string_view command = kind == Kind::kImage ? "image" : kind == Kind::kFs ? "fs" : "sbom";
  if (auto bad = CheckOutputFlags(f.output)) return *bad;
  ImageScanOptions options;
  ScanOptions& scan = options.scan;
  scan.source = f.source;
  scan.platform = f.platform;
  scan.parallel = f.parallel;
  scan.limits = f.limits;
  scan.db_path = f.db_path;
  scan.hardening_profile = f.hardening_profile;
  scan.hardening_max_image_bytes = f.hardening_max_image_bytes;
  scan.hardening_max_layers = f.hardening_max_layers;
  scan.secret_config = f.secret_config;
  scan.secret_max_file_bytes = f.secret_max_file_bytes;
  scan.progress = !f.output.quiet;
  if (kind != Kind::kSbom) {
    auto scanners = ParseScannerKinds(f.scanners);
    if (!scanners) return ReportError(scanners.error());
    scan.scanners = std::move(*scanners);
  }
  auto registry = RegistryOptionsFromFlags(f.registry);
  if (!registry) return ReportError(registry.error());
  scan.registry = std::move(*registry);
  options.policy = ToPolicyOptions(f.policy);
  options.verify_key = f.verify_key;
  switch (kind) {
    case Kind::kImage: return Emit(ScanImage(options), f.output, command);
    case Kind::kFs: return Emit(ScanFilesystem(options), f.output, command);
    case Kind::kSbom: return Emit(ScanSbom(options), f.output, command);
  }
  return kExitError;
}

}  // namespace

void AddImageCommands(CLI::App& app, int* exit_code) {
  // Flags outlive parsing: CLI11 writes into them, the callbacks read them.
  static ScanFlags image, fs, sbom;

  CLI::App* cmd = app.add_subcommand(
      "image", "scan a container image: packages, vulnerabilities, secrets, hardening");
  cmd->add_option("SOURCE", image.source,
                  "docker-archive:FILE, oci:DIR[:TAG], oci-archive:FILE[:TAG], dir:PATH, "
                  "sbom:FILE, a path whose kind is detected, registry:REF, docker:IMAGE, "
                  "podman:IMAGE, or [registry/]repository[:tag|@digest]")
      ->required();
  cmd->add_option("--scanners", image.scanners, "scanners to run: vuln,secret,hardening")
      ->capture_default_str();
  AddScanFlags(cmd, image);
  AddHardeningFlags(cmd, image);
  AddOutputFlags(cmd, image.output, "table");
  AddPolicyFlags(cmd, image.policy, kConfigHelp);
  AddVulnPolicyFlags(cmd, image.policy);
  cmd->add_option("--verify-key", image.verify_key,
                  "refuse (exit 1) unless the registry image has a cosign signature that "
                  "verifies with this public key; then scan exactly the verified digest");
  cmd->callback([exit_code] { *exit_code = RunScan(image, Kind::kImage); });

  cmd = app.add_subcommand("fs", "scan a root file system directory like an image");
  cmd->add_option("PATH", fs.source, "root directory")->required();
  cmd->add_option("--scanners", fs.scanners, "scanners to run: vuln,secret,hardening")
      ->capture_default_str();
  AddScanFlags(cmd, fs);
  AddHardeningFlags(cmd, fs);
  AddOutputFlags(cmd, fs.output, "table");
  AddPolicyFlags(cmd, fs.policy, kConfigHelp);
  AddVulnPolicyFlags(cmd, fs.policy);
  cmd->callback([exit_code] { *exit_code = RunScan(fs, Kind::kFs); });

  cmd = app.add_subcommand("sbom", "list the packages of an image (software bill of materials)");
  cmd->add_option("SOURCE", sbom.source, "image or root file system, as for `image`")
      ->required();
  AddScanFlags(cmd, sbom);
  AddOutputFlags(cmd, sbom.output, "cyclonedx");
  AddPolicyFlags(cmd, sbom.policy, kConfigHelp);
  cmd->callback([exit_code] { *exit_code = RunScan(sbom, Kind::kSbom); });
}

}  // namespace portcullis::cli
