#include "source/image_config.h"

#include "core/json.h"

namespace portcullis {

namespace {

std::vector<std::string> StringArray(const nlohmann::json& obj, std::string_view key) {
  std::vector<std::string> out;
  for (const auto& v : JsonArray(obj, key)) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::vector<std::string> ObjectKeys(const nlohmann::json& obj, std::string_view key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : JsonObject(obj, key).items()) out.push_back(k);
  return out;
}

}  // namespace

Result<ImageConfig> ParseImageConfig(std::string_view json, std::string_view name,
                                     const Limits& limits) {
  auto doc = PC_TRY(ParseJson(json, name, limits.max_json_bytes));
  if (!doc.is_object()) {
    return std::unexpected(
        Error{ErrorCode::kCorrupt, "image config is not a JSON object", std::string(name)});
  }
  ImageConfig c;
  c.present = true;
  c.architecture = JsonString(doc, "architecture");
  c.os = JsonString(doc, "os");
  c.variant = JsonString(doc, "variant");
  c.created = JsonString(doc, "created");
  // Docker writes "config"; very old images also carry "container_config". Only "config" is
  // what runs.
  const auto& cfg = JsonObject(doc, "config");
  c.user = JsonString(cfg, "User");
  c.working_dir = JsonString(cfg, "WorkingDir");
  c.env = StringArray(cfg, "Env");
  c.cmd = StringArray(cfg, "Cmd");
  c.entrypoint = StringArray(cfg, "Entrypoint");
  for (const auto& [k, v] : JsonObject(cfg, "Labels").items()) {
    if (v.is_string()) c.labels[k] = v.get<std::string>();
  }
  c.exposed_ports = ObjectKeys(cfg, "ExposedPorts");
  c.volumes = ObjectKeys(cfg, "Volumes");
  c.stop_signal = JsonString(cfg, "StopSignal");
  if (cfg.contains("Healthcheck") && cfg["Healthcheck"].is_object()) {
    c.healthcheck = StringArray(cfg["Healthcheck"], "Test");
  }
  c.diff_ids = StringArray(JsonObject(doc, "rootfs"), "diff_ids");
  for (const auto& h : JsonArray(doc, "history")) {
    if (!h.is_object()) continue;
    c.history.push_back({JsonString(h, "created"), JsonString(h, "created_by"),
                         JsonString(h, "comment"), JsonBool(h, "empty_layer")});
  }
  return c;
}

std::vector<const HistoryEntry*> LayerHistory(const ImageConfig& config) {
  std::vector<const HistoryEntry*> out;
  for (const auto& h : config.history) {
    if (!h.empty_layer) out.push_back(&h);
  }
  return out;
}

}  // namespace portcullis
