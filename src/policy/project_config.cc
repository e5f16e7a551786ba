#include "policy/project_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/files.h"
#include "core/strings.h"

namespace portcullis {

namespace {

constexpr int kMaxNesting = 32;

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Rejects flow-style nesting deeper than kMaxNesting and block nesting (by indentation) deeper
// than that, before yaml-cpp's recursive parser sees the text.
Result<void> CheckNesting(std::string_view text, const std::string& path) {
  int depth = 0;
  uint64_t line = 1;
  char quote = 0;
  bool line_start = true;
  size_t indent = 0;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      line_start = true;
      indent = 0;
      if (quote == '\'') quote = 0;
      continue;
    }
    if (line_start && (c == ' ' || c == '-')) {
      if (++indent > 4 * kMaxNesting) {
        return FailAt(ErrorCode::kLimitExceeded, path, line, "indented deeper than {} levels",
                      kMaxNesting);
      }
      continue;
    }
    line_start = false;
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) {
        return FailAt(ErrorCode::kLimitExceeded, path, line, "nested deeper than {} levels",
                      kMaxNesting);
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return {};
}

uint64_t LineOf(const YAML::Node& n) {
  return n.Mark().line >= 0 ? static_cast<uint64_t>(n.Mark().line) + 1 : 0;
}

Result<std::string> Scalar(const YAML::Node& n, const std::string& path, std::string_view key) {
  if (!n.IsScalar()) {
    return FailAt(ErrorCode::kInvalidArgument, path, LineOf(n), "'{}' must be a single value", key);
  }
  return n.Scalar();
}

Result<std::vector<std::string>> List(const YAML::Node& n, const std::string& path,
                                      std::string_view key) {
  std::vector<std::string> out;
  if (n.IsNull()) return out;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return out;
  }
  if (!n.IsSequence()) {
    return FailAt(ErrorCode::kInvalidArgument, path, LineOf(n), "'{}' must be a list", key);
  }
  for (const auto& item : n) {
    if (!item.IsScalar()) {
      return FailAt(ErrorCode::kInvalidArgument, path, LineOf(item),
                    "'{}' must be a list of values", key);
    }
    out.push_back(item.Scalar());
  }
  return out;
}

Result<Severity> SeverityValue(const YAML::Node& n, const std::string& path, std::string_view key) {
  std::string v = PC_TRY(Scalar(n, path, key));
  auto s = ParseSeverity(v);
  if (!s) {
    return FailAt(ErrorCode::kInvalidArgument, path, LineOf(n),
                  "'{}' is not a severity (expected CRITICAL, HIGH, MEDIUM, LOW or INFO)",
                  Excerpt(v, 40));
  }
  return *s;
}

constexpr std::string_view kLabelTypes[] = {"text", "url",    "rfc3339", "spdx",
                                            "hash", "semver", "email"};

Result<void> ReadLabelSchema(const YAML::Node& v, const std::string& path,
                             std::map<std::string, std::string>& out) {
  if (!v.IsMap()) {
    return FailAt(ErrorCode::kInvalidArgument, path, LineOf(v),
                  "the label schema must map label names to types");
  }
  for (const auto& e : v) {
    std::string label = PC_TRY(Scalar(e.first, path, "label schema"));
    std::string type = ToLower(Trim(PC_TRY(Scalar(e.second, path, label))));
    if (std::ranges::find(kLabelTypes, type) == std::end(kLabelTypes)) {
      return FailAt(ErrorCode::kInvalidArgument, path, LineOf(e.second),
                    "label type '{}' is not text, url, rfc3339, spdx, hash, semver or email",
                    Excerpt(type, 20));
    }
    out[label] = type;
  }
  return {};
}

bool IsTrue(std::string_view v) {
  std::string l = ToLower(Trim(v));
  return l == "true" || l == "yes" || l == "on";
}

// Reads the keys of one level (the top or a section) into `out`. `sections` receives nested
// sections when non-null (top level only).
Result<void> ReadSection(const YAML::Node& map, const std::string& path, PolicySection& out,
                         std::map<std::string, PolicySection>* sections) {
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) {
      return FailAt(ErrorCode::kInvalidArgument, path, LineOf(kv.first), "keys must be names");
    }
    std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (key == "ignore") {
      for (auto& id : PC_TRY(List(v, path, key))) out.ignore.push_back(Upper(Trim(id)));
    } else if (key == "severity") {
      if (!v.IsMap()) {
        return FailAt(ErrorCode::kInvalidArgument, path, LineOf(v),
                      "'severity' must map rule ids to severities");
      }
      for (const auto& e : v) {
        std::string id = Upper(Trim(PC_TRY(Scalar(e.first, path, "severity"))));
        out.severity[id] = PC_TRY(SeverityValue(e.second, path, id));
      }
    } else if (key == "trusted_registries") {
      for (auto& r : PC_TRY(List(v, path, key))) out.trusted_registries.push_back(r);
    } else if (key == "failure_threshold") {
      std::string s = PC_TRY(Scalar(v, path, key));
      if (EqualsIgnoreCase(s, "none")) {
        out.never_fail = true;
      } else {
        out.failure_threshold = PC_TRY(SeverityValue(v, path, key));
      }
    } else if (key == "label_schema") {
      PC_TRY_VOID(ReadLabelSchema(v, path, out.label_schema));
    } else if (key == "strict_labels") {
      out.strict_labels = IsTrue(PC_TRY(Scalar(v, path, key)));
    } else if (key == "inline_ignores") {
      std::string s = ToLower(PC_TRY(Scalar(v, path, key)));
      out.inline_ignores = !(s == "false" || s == "no" || s == "off");
    } else if (sections && v.IsMap()) {
      PolicySection section;
      PC_TRY_VOID(ReadSection(v, path, section, nullptr));
      (*sections)[key].MergeFrom(section);
    } else if (!sections && (v.IsScalar() || v.IsSequence() || v.IsNull())) {
      out.extras[key] = PC_TRY(List(v, path, key));
      out.extra_lines[key] = LineOf(kv.first);
    } else {
      return FailAt(ErrorCode::kInvalidArgument, path, LineOf(kv.first),
                    "unknown key '{}' (expected ignore, severity, trusted_registries, "
                    "failure_threshold or a command section)",
                    Excerpt(key, 40));
    }
  }
  return {};
}

Result<YAML::Node> LoadYaml(std::string_view text, const std::string& path) {
  if (text.size() > kMaxProjectConfigBytes) {
    return FailAt(ErrorCode::kLimitExceeded, path, 0, "config is {} bytes; the limit is {}",
                  text.size(), kMaxProjectConfigBytes);
  }
  PC_TRY_VOID(CheckNesting(text, path));
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (root.IsNull()) return YAML::Node(YAML::NodeType::Map);
    if (!root.IsMap()) {
      return FailAt(ErrorCode::kInvalidArgument, path, LineOf(root),
                    "the config must be a mapping of keys to values");
    }
    return root;
  } catch (const YAML::Exception& e) {
    return FailAt(ErrorCode::kCorrupt, path, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                  "not valid YAML: {}", e.msg);
  } catch (const std::exception& e) {
    return FailAt(ErrorCode::kCorrupt, path, 0, "not valid YAML: {}", e.what());
  }
}

// Hadolint's levels on our scale.
std::optional<Severity> HadolintLevel(std::string_view level) {
  std::string l = ToLower(Trim(level));
  if (l == "error") return Severity::kHigh;
  if (l == "warning") return Severity::kMedium;
  if (l == "info") return Severity::kLow;
  if (l == "style") return Severity::kInfo;
  return std::nullopt;
}

// Walks the whole document so that every yaml-cpp exception is raised inside the try.
template <typename Fn>
Result<void> Guarded(const std::string& path, Fn fn) {
  try {
    return fn();
  } catch (const YAML::Exception& e) {
    return FailAt(ErrorCode::kCorrupt, path, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                  "not valid YAML: {}", e.msg);
  } catch (const std::exception& e) {
    return FailAt(ErrorCode::kCorrupt, path, 0, "cannot read config: {}", e.what());
  }
}

}  // namespace

void PolicySection::MergeFrom(const PolicySection& over) {
  ignore.insert(ignore.end(), over.ignore.begin(), over.ignore.end());
  for (const auto& [k, v] : over.severity) severity[k] = v;
  trusted_registries.insert(trusted_registries.end(), over.trusted_registries.begin(),
                            over.trusted_registries.end());
  if (over.failure_threshold) failure_threshold = over.failure_threshold;
  never_fail = never_fail || over.never_fail;
  inline_ignores = inline_ignores && over.inline_ignores;
  for (const auto& [k, v] : over.extras) extras[k] = v;
  for (const auto& [k, v] : over.extra_lines) extra_lines[k] = v;
  for (const auto& [k, v] : over.label_schema) label_schema[k] = v;
  strict_labels = strict_labels || over.strict_labels;
}

bool PolicySection::Ignores(std::string_view id, const std::vector<std::string>& aliases) const {
  for (const auto& entry : ignore) {
    if (EqualsIgnoreCase(entry, id)) return true;
    for (const auto& a : aliases) {
      if (EqualsIgnoreCase(entry, a)) return true;
    }
  }
  return false;
}

std::optional<Severity> PolicySection::SeverityFor(std::string_view id,
                                                   const std::vector<std::string>& aliases) const {
  if (auto it = severity.find(Upper(id)); it != severity.end()) return it->second;
  for (const auto& a : aliases) {
    if (auto it = severity.find(Upper(a)); it != severity.end()) return it->second;
  }
  return std::nullopt;
}

PolicySection ProjectConfig::For(std::string_view command) const {
  PolicySection out = global;
  if (auto it = sections.find(std::string(command)); it != sections.end()) {
    out.MergeFrom(it->second);
  }
  return out;
}

Result<void> ProjectConfig::CheckSectionKeys(std::string_view command,
                                             std::initializer_list<std::string_view> known) const {
  auto it = sections.find(std::string(command));
  if (format == "hadolint" || it == sections.end()) return {};
  for (const auto& [key, values] : it->second.extras) {
    if (std::ranges::find(known, key) != known.end()) continue;
    auto line = it->second.extra_lines.find(key);
    std::string expected =
        "ignore, severity, failure_threshold, trusted_registries, label_schema, strict_labels, "
        "inline_ignores";
    for (std::string_view k : known) expected += fmt::format(", {}", k);
    return FailAt(ErrorCode::kInvalidArgument, path,
                  line != it->second.extra_lines.end() ? line->second : 0,
                  "unknown key '{}' in the '{}' section (expected {})", Excerpt(key, 40),
                  Excerpt(command, 40), expected);
  }
  return {};
}

void ApplyPolicy(const PolicySection& policy, std::vector<Misconfiguration>& findings) {
  std::erase_if(findings,
                [&](const Misconfiguration& f) { return policy.Ignores(f.id, f.aliases); });
  for (Misconfiguration& f : findings) {
    if (auto s = policy.SeverityFor(f.id, f.aliases)) f.severity = *s;
  }
}

Result<ProjectConfig> ParseProjectConfig(std::string_view text, std::string path) {
  ProjectConfig config;
  config.path = path;
  config.format = "portcullis";
  YAML::Node root = PC_TRY(LoadYaml(text, path));
  PC_TRY_VOID(Guarded(path, [&]() -> Result<void> {
    return ReadSection(root, path, config.global, &config.sections);
  }));
  return config;
}

Result<ProjectConfig> ParseHadolintConfig(std::string_view text, std::string path) {
  ProjectConfig config;
  config.path = path;
  config.format = "hadolint";
  YAML::Node root = PC_TRY(LoadYaml(text, path));
  PolicySection& s = config.sections["dockerfile"];
  PC_TRY_VOID(Guarded(path, [&]() -> Result<void> {
    for (const auto& kv : root) {
      std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
      const YAML::Node& v = kv.second;
      if (key == "ignored") {
        for (auto& id : PC_TRY(List(v, path, key))) s.ignore.push_back(Upper(Trim(id)));
      } else if (key == "trustedRegistries") {
        for (auto& r : PC_TRY(List(v, path, key))) s.trusted_registries.push_back(r);
      } else if (key == "override") {
        if (!v.IsMap()) {
          return FailAt(ErrorCode::kInvalidArgument, path, LineOf(v),
                        "'override' must map error/warning/info/style to rule lists");
        }
        for (const auto& level : v) {
          std::string name = PC_TRY(Scalar(level.first, path, "override"));
          auto sev = HadolintLevel(name);
          if (!sev) {
            return FailAt(ErrorCode::kInvalidArgument, path, LineOf(level.first),
                          "override level '{}' is not error, warning, info or style",
                          Excerpt(name, 20));
          }
          for (auto& id : PC_TRY(List(level.second, path, name)))
            s.severity[Upper(Trim(id))] = *sev;
        }
      } else if (key == "failure-threshold") {
        std::string t = PC_TRY(Scalar(v, path, key));
        if (EqualsIgnoreCase(t, "none") || EqualsIgnoreCase(t, "ignore")) {
          s.never_fail = true;
        } else if (auto sev = HadolintLevel(t)) {
          s.failure_threshold = *sev;
        } else {
          return FailAt(ErrorCode::kInvalidArgument, path, LineOf(v),
                        "failure-threshold '{}' is not error, warning, info, style or none",
                        Excerpt(t, 20));
        }
      } else if (key == "no-fail") {
        s.never_fail = ToLower(PC_TRY(Scalar(v, path, key))) == "true";
      } else if (key == "label-schema") {
        PC_TRY_VOID(ReadLabelSchema(v, path, s.label_schema));
      } else if (key == "strict-labels") {
        s.strict_labels = IsTrue(PC_TRY(Scalar(v, path, key)));
      } else if (key == "disable-ignore-pragma") {
        s.inline_ignores = ToLower(PC_TRY(Scalar(v, path, key))) != "true";
      } else if (v.IsScalar() || v.IsSequence() || v.IsNull()) {
        // format, no-color, strict-labels, ...: Hadolint output options we do not need.
        s.extras[key] = PC_TRY(List(v, path, key));
      }
    }
    return {};
  }));
  return config;
}

Result<ProjectConfig> LoadProjectConfig(const std::string& path) {
  std::string text = PC_TRY(ReadFileLimited(path, kMaxProjectConfigBytes));
  std::string name = std::filesystem::path(path).filename().string();
  if (name == ".hadolint.yaml" || name == ".hadolint.yml" || name == "hadolint.yaml" ||
      name == "hadolint.yml") {
    return ParseHadolintConfig(text, path);
  }
  return ParseProjectConfig(text, path);
}

std::optional<std::string> FindProjectConfig(const std::string& dir) {
  for (std::string_view name : {"portcullis.yaml", "portcullis.yml", ".portcullis.yaml",
                                ".hadolint.yaml", ".hadolint.yml"}) {
    std::error_code ec;
    std::filesystem::path p = std::filesystem::path(dir) / name;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
  }
  return std::nullopt;
}

}  // namespace portcullis
