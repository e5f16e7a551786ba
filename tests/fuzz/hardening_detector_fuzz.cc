// Fuzz target: the whole hardening detector over an image config and account, sudoers and
// credential files taken from the input (split at NUL bytes: config JSON, passwd, group,
// shadow, sudoers.d file, .docker/config.json, .aws/credentials, id_rsa), with a few fixed
// executables, so every rule's parsing and formatting runs on hostile values. The built-in
// secret rules are on, as in a scan.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "analyzer/secret/secret_scanner.h"
#include "rules/image/hardening.h"

namespace {
std::shared_ptr<const portcullis::SecretScanner> g_secrets;
}  // namespace

// Compiles the secret rules once, outside the per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (auto s = portcullis::SecretScanner::Builtin()) g_secrets = *s;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view parts[8];
  for (auto& p : parts) {
    size_t nul = in.find('\0');
    p = in.substr(0, nul);
    in = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
  }
  Limits limits;
  auto config = ParseImageConfig(parts[0], "config", limits);
  ImageConfig empty;
  const char* const kPaths[] = {"etc/passwd", "etc/group", "etc/shadow", "etc/sudoers.d/app",
                                "root/.docker/config.json", "root/.aws/credentials",
                                "root/.ssh/id_rsa"};
  LayerFacts layer;
  auto add = [&](std::string path, EntryType type, uint32_t mode, std::string link = "") {
    FileMeta m;
    m.path = std::move(path);
    m.type = type;
    m.mode = mode;
    m.link_target = std::move(link);
    layer.files.push_back(std::move(m));
  };
  for (size_t i = 0; i < 7; ++i) {
    add(kPaths[i], EntryType::kFile, 0644);
    layer.files.back().size = parts[i + 1].size();
    layer.collected[kPaths[i]] = std::string(parts[i + 1]);
  }
  add("bin/busybox", EntryType::kFile, 04755);
  add("bin/sh", EntryType::kSymlink, 0777, "busybox");
  add("bin/loop", EntryType::kSymlink, 0777, "/bin/loop");
  add("usr/bin/sudo", EntryType::kFile, 04755);
  add("tmp", EntryType::kDir, 0777);
  std::vector<LayerFacts> layers;
  layers.push_back(std::move(layer));
  MergedView view = Merge(std::move(layers));
  Artifact artifact;
  artifact.name = "fuzz";
  HardeningInput input;
  input.view = &view;
  input.config = config ? &*config : &empty;
  input.artifact = &artifact;
  input.options.max_layers = 0;
  input.options.max_image_bytes = 0;
  if (g_secrets) {
    input.scan_secrets = [](std::string_view text, std::string_view path) {
      return g_secrets->ScanText(text, path);
    };
  }
  std::vector<Diagnostic> diags;
  for (auto profile : {HardeningProfile::kDefault, HardeningProfile::kStrict}) {
    input.options.profile = profile;
    for (const auto& m : DetectHardening(input, diags)) {
      if (m.id.empty() || m.message.empty()) __builtin_trap();
    }
  }
  return 0;
}
