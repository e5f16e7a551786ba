#include "config/runtime/settings.h"

#include <algorithm>

#include "config/runtime/document.h"
#include "core/strings.h"

namespace portcullis::runtime {
namespace {

Result<void> ReadSection(const Node& section, std::string_view path, RuntimeSettings& out) {
  if (!section) return {};
  if (!section.IsMap()) {
    return FailAt(ErrorCode::kCorrupt, std::string(path), section.pos().line,
                  "expected a map of settings");
  }
  Node ignore = section["ignore"];
  if (ignore && !ignore.IsSequence() && !ignore.IsNull()) {
    return FailAt(ErrorCode::kCorrupt, std::string(path), ignore.pos().line,
                  "`ignore` must be a list of rule ids");
  }
  for (const Node& id : ignore.Elements()) {
    if (!id.IsScalar()) {
      return FailAt(ErrorCode::kCorrupt, std::string(path), id.pos().line,
                    "`ignore` entries must be rule ids");
    }
    out.ignore.push_back(ToLower(Trim(id.Scalar())));
  }
  Node severity = section["severity"];
  if (severity && !severity.IsMap() && !severity.IsNull()) {
    return FailAt(ErrorCode::kCorrupt, std::string(path), severity.pos().line,
                  "`severity` must map rule ids to severities");
  }
  for (const auto& e : severity.Entries()) {
    auto level = ParseSeverity(e.value.Scalar());
    if (!level) {
      return FailAt(ErrorCode::kCorrupt, std::string(path), e.key_pos.line,
                    "unknown severity '{}' for {} (expected INFO, LOW, MEDIUM, HIGH, CRITICAL)",
                    Excerpt(e.value.Scalar(), 30), Excerpt(e.key, 40));
    }
    out.severity[ToLower(Trim(e.key))] = *level;
  }
  return {};
}

bool Matches(const Misconfiguration& f, const std::string& id) {
  if (EqualsIgnoreCase(f.id, id)) return true;
  return std::any_of(f.aliases.begin(), f.aliases.end(),
                     [&](const std::string& a) { return EqualsIgnoreCase(a, id); });
}

}  // namespace

Result<RuntimeSettings> ParseRuntimeSettings(std::string_view text, std::string_view path) {
  YamlLimits limits;
  limits.max_file_bytes = 1 << 20;
  YamlStream stream = ParseYamlStream(text, path, limits);
  if (!stream.diagnostics.empty()) {
    const Diagnostic& d = stream.diagnostics.front();
    return FailAt(ErrorCode::kCorrupt, std::string(path), d.line, "{}", d.message);
  }
  RuntimeSettings out;
  if (stream.documents.empty()) return out;
  Node root = stream.documents.front()->Root();
  if (root.IsNull()) return out;
  PC_TRY_VOID(ReadSection(root, path, out));
  PC_TRY_VOID(ReadSection(root["config"], path, out));
  return out;
}

void ApplyRuntimeSettings(const RuntimeSettings& settings,
                          std::vector<Misconfiguration>& findings) {
  std::erase_if(findings, [&](const Misconfiguration& f) {
    return std::any_of(settings.ignore.begin(), settings.ignore.end(),
                       [&](const std::string& id) { return Matches(f, id); });
  });
  for (Misconfiguration& f : findings) {
    for (const auto& [id, level] : settings.severity) {
      if (Matches(f, id)) f.severity = level;
    }
  }
}

}  // namespace portcullis::runtime
