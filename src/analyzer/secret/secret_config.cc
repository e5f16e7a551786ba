#include "analyzer/secret/secret_config.h"

#include <map>
#include <mutex>
#include <set>

#include <yaml-cpp/yaml.h>

#include "core/files.h"
#include "core/strings.h"

namespace portcullis {

namespace {

uint64_t LineOf(const YAML::Node& n) { return static_cast<uint64_t>(n.Mark().line + 1); }

Result<std::string> ScalarAt(const YAML::Node& n, std::string_view name, std::string_view key) {
  if (!n.IsScalar()) {
    return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(n),
                  "'{}' must be a string", key);
  }
  const std::string& s = n.Scalar();
  if (s.size() > kMaxSecretConfigString) {
    return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(n),
                  "'{}' is longer than {} bytes", key, kMaxSecretConfigString);
  }
  return s;
}

Result<std::vector<std::string>> StringList(const YAML::Node& n, std::string_view name,
                                            std::string_view key) {
  if (!n.IsSequence()) {
    return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(n),
                  "'{}' must be a list of strings", key);
  }
  if (n.size() > kMaxSecretConfigListItems) {
    return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(n),
                  "'{}' has more than {} items", key, kMaxSecretConfigListItems);
  }
  std::vector<std::string> out;
  for (const YAML::Node& item : n) out.push_back(PC_TRY(ScalarAt(item, name, key)));
  return out;
}

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (i > 0 && (c == '.' || c == '_' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

Result<SecretRule> ParseRule(const YAML::Node& n, std::string_view name) {
  if (!n.IsMap()) {
    return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(n),
                  "each entry of 'rules' must be a mapping (id, title, regex, ...)");
  }
  SecretRule r;
  r.builtin = false;
  r.category = "Custom";
  r.info.severity = Severity::kMedium;
  for (const auto& kv : n) {
    const std::string key = PC_TRY(ScalarAt(kv.first, name, "key"));
    const YAML::Node& v = kv.second;
    if (key == "id") {
      r.user_id = PC_TRY(ScalarAt(v, name, key));
      if (!ValidId(r.user_id)) {
        return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(v),
                      "rule id '{}' must match [a-z0-9][a-z0-9._-]{{0,63}}",
                      Excerpt(r.user_id, 70));
      }
    } else if (key == "title") {
      r.user_title = PC_TRY(ScalarAt(v, name, key));
    } else if (key == "category") {
      r.category = PC_TRY(ScalarAt(v, name, key));
    } else if (key == "severity") {
      std::string s = PC_TRY(ScalarAt(v, name, key));
      auto sev = ParseSeverity(s);
      if (!sev) {
        return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(v),
                      "severity '{}' is not one of CRITICAL, HIGH, MEDIUM, LOW, INFO",
                      Excerpt(s, 30));
      }
      r.info.severity = *sev;
    } else if (key == "regex") {
      r.regex = PC_TRY(ScalarAt(v, name, key));
    } else if (key == "secret-group") {
      std::string s = PC_TRY(ScalarAt(v, name, key));
      if (s.empty() || s.size() > 2 || !std::ranges::all_of(s, ::isdigit)) {
        return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(v),
                      "secret-group must be a number from 0 to 99");
      }
      r.secret_group = std::stoi(s);
    } else if (key == "entropy") {
      std::string s = PC_TRY(ScalarAt(v, name, key));
      char* end = nullptr;
      double e = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size() || !(e >= 0 && e <= 8)) {
        return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(v),
                      "entropy must be a number from 0 to 8 (bits per character)");
      }
      r.min_entropy = e;
    } else if (key == "keywords") {
      r.keywords = PC_TRY(StringList(v, name, key));
    } else if (key == "paths") {
      r.paths = PC_TRY(StringList(v, name, key));
    } else if (key == "allow") {
      r.allow = PC_TRY(StringList(v, name, key));
    } else {
      return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(kv.first),
                    "unknown rule key '{}' (expected id, title, category, severity, regex, "
                    "secret-group, entropy, keywords, paths, allow)",
                    Excerpt(key, 40));
    }
  }
  if (r.user_id.empty() || r.user_title.empty()) {
    return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(n),
                  "a rule needs an 'id' and a 'title'");
  }
  if (r.regex.empty()) {
    return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(n),
                  "rule '{}' needs a 'regex'", r.user_id);
  }
  r.info.id = r.user_id;
  r.info.title = r.user_title;
  return r;
}

Result<SecretConfig> ParseNode(const YAML::Node& root, std::string_view name) {
  SecretConfig cfg;
  cfg.source = std::string(name);
  if (root.IsNull()) return cfg;
  if (!root.IsMap()) {
    return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(root),
                  "expected a mapping with rules, disable-rules, allow-paths, allow-values");
  }
  std::set<std::string> ids;
  for (const auto& kv : root) {
    const std::string key = PC_TRY(ScalarAt(kv.first, name, "key"));
    const YAML::Node& v = kv.second;
    if (key == "rules") {
      if (!v.IsSequence()) {
        return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(v),
                      "'rules' must be a list");
      }
      if (v.size() > kMaxSecretConfigRules) {
        return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(v),
                      "more than {} rules", kMaxSecretConfigRules);
      }
      for (const YAML::Node& item : v) {
        SecretRule r = PC_TRY(ParseRule(item, name));
        bool clash = !ids.insert(r.user_id).second ||
                     std::ranges::any_of(BuiltinSecretRules(), [&](const SecretRule& b) {
                       return b.info.id == r.user_id;
                     });
        if (clash) {
          return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(item),
                        "rule id '{}' is already used", r.user_id);
        }
        cfg.rules.push_back(std::move(r));
      }
    } else if (key == "disable-rules") {
      cfg.disable_rules = PC_TRY(StringList(v, name, key));
    } else if (key == "allow-paths") {
      cfg.allow_paths = PC_TRY(StringList(v, name, key));
    } else if (key == "allow-values") {
      cfg.allow_values = PC_TRY(StringList(v, name, key));
    } else {
      return FailAt(ErrorCode::kInvalidArgument, std::string(name), LineOf(kv.first),
                    "unknown key '{}' (expected rules, disable-rules, allow-paths, allow-values)",
                    Excerpt(key, 40));
    }
  }
  // Rule views must point at the strings inside the final vector elements.
  for (SecretRule& r : cfg.rules) {
    r.info.id = r.user_id;
    r.info.title = r.user_title;
  }
  return cfg;
}

}  // namespace

Result<SecretConfig> ParseSecretConfig(std::string_view yaml, std::string_view name) {
  if (yaml.size() > kMaxSecretConfigBytes) {
    return Fail(ErrorCode::kLimitExceeded, "{}: secret config is larger than {} bytes", name,
                kMaxSecretConfigBytes);
  }
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    return ParseNode(root, name);
  } catch (const YAML::Exception& e) {
    return FailAt(ErrorCode::kInvalidArgument, std::string(name),
                  static_cast<uint64_t>(e.mark.line + 1), "invalid YAML: {}", e.msg);
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, "{}: invalid secret config: {}", name, e.what());
  }
}

Result<SecretConfig> LoadSecretConfig(const std::string& path) {
  std::string text = PC_TRY(ReadFileLimited(path, kMaxSecretConfigBytes));
  return ParseSecretConfig(text, path);
}

Result<std::shared_ptr<const SecretScanner>> SecretScannerForConfig(
    const std::string& config_path) {
  if (config_path.empty()) return SecretScanner::Builtin();
  std::string text = PC_TRY(ReadFileLimited(config_path, kMaxSecretConfigBytes));
  // Compiling takes a good fraction of a second: scanners are kept per (path, content), so
  // Scanner::Scan and the analyzer registry share one, and a changed file is recompiled.
  static std::mutex mu;
  static std::map<std::pair<std::string, std::string>, std::shared_ptr<const SecretScanner>> cache;
  auto key = std::make_pair(config_path, text);
  {
    std::lock_guard lock(mu);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  SecretConfig cfg = PC_TRY(ParseSecretConfig(text, config_path));
  auto scanner = PC_TRY(SecretScanner::Create(cfg));
  std::lock_guard lock(mu);
  if (cache.size() >= 16) cache.clear();
  cache.emplace(std::move(key), scanner);
  return scanner;
}

}  // namespace portcullis
