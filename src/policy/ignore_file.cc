#include "policy/ignore_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "core/clock.h"
#include "core/files.h"
#include "core/strings.h"

namespace portcullis {

namespace {

uint64_t LineOf(const YAML::Node& n) { return static_cast<uint64_t>(n.Mark().line + 1); }

std::unexpected<Error> BadEntry(std::string_view path, const YAML::Node& n, std::string message) {
  return std::unexpected(Error{ErrorCode::kCorrupt,
                               fmt::format("column {}: {}", n.Mark().column + 1, message),
                               std::string(path), LineOf(n), Error::PositionKind::kLine});
}

bool ValidDate(std::string_view d) {
  return d.size() == 10 && DaysFromDate(d) >= 0 && d[4] == '-' && d[7] == '-';
}

Result<std::string> Scalar(const YAML::Node& entry, const char* key, std::string_view path) {
  YAML::Node v = entry[key];
  if (!v) return std::string();
  if (!v.IsScalar()) return BadEntry(path, v, fmt::format("'{}' must be a plain value", key));
  return SanitizeUtf8(v.Scalar());
}

bool Covers(const IgnoreEntry& e, const std::string& id, const std::vector<std::string>& aliases,
            const std::vector<std::string_view>& packages) {
  if (e.id != id && std::ranges::find(aliases, e.id) == aliases.end()) return false;
  if (e.package.empty()) return true;
  for (std::string_view p : packages) {
    if (p.empty()) continue;
    if (p == e.package) return true;
    if (e.package.starts_with("pkg:") && p.starts_with(e.package)) return true;
  }
  return false;
}

}  // namespace

Result<IgnoreFile> ParseIgnoreFile(std::string_view text, std::string_view path) {
  if (text.size() > kMaxIgnoreFileBytes) {
    return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                 fmt::format("ignore file of {} bytes is over the limit of {}",
                                             text.size(), kMaxIgnoreFileBytes),
                                 std::string(path)});
  }
  IgnoreFile out;
  out.path = std::string(path);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return std::unexpected(Error{
        ErrorCode::kCorrupt, fmt::format("column {}: not valid YAML: {}", e.mark.column + 1, e.msg),
        std::string(path), static_cast<uint64_t>(e.mark.line + 1), Error::PositionKind::kLine});
  }
  try {
    if (!root || root.IsNull()) return out;
    YAML::Node list = root.IsMap() ? root["ignore"] : root;
    if (!list || list.IsNull()) return out;
    if (!list.IsSequence()) {
      return BadEntry(path, list, "expected a list of entries (ignore: [- id: ...])");
    }
    for (const auto& entry : list) {
      if (out.entries.size() >= kMaxIgnoreEntries) {
        return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                     fmt::format("more than {} ignore entries", kMaxIgnoreEntries),
                                     std::string(path)});
      }
      IgnoreEntry e;
      e.line = LineOf(entry);
      if (entry.IsScalar()) {
        e.id = SanitizeUtf8(entry.Scalar());  // "- CVE-2023-1234" shorthand
      } else if (entry.IsMap()) {
        e.id = PC_TRY(Scalar(entry, "id", path));
        e.package = PC_TRY(Scalar(entry, "package", path));
        e.expires = PC_TRY(Scalar(entry, "expires", path));
        e.reason = PC_TRY(Scalar(entry, "reason", path));
        if (!e.expires.empty() && !ValidDate(e.expires)) {
          return BadEntry(
              path, entry["expires"],
              fmt::format("'expires' must be a date YYYY-MM-DD, not '{}'", Excerpt(e.expires, 30)));
        }
      } else {
        return BadEntry(path, entry, "expected an entry with an 'id'");
      }
      if (e.id.empty()) return BadEntry(path, entry, "entry has no 'id'");
      out.entries.push_back(std::move(e));
    }
  } catch (const YAML::Exception& e) {
    return std::unexpected(Error{ErrorCode::kCorrupt, fmt::format("unexpected YAML: {}", e.msg),
                                 std::string(path), static_cast<uint64_t>(e.mark.line + 1),
                                 Error::PositionKind::kLine});
  }
  return out;
}

Result<IgnoreFile> ReadIgnoreFile(const std::string& path) {
  auto text = PC_TRY(ReadFileLimited(path, kMaxIgnoreFileBytes));
  return ParseIgnoreFile(text, path);
}

size_t ApplyIgnoreFile(Report& report, const IgnoreFile& file, std::string_view today) {
  std::vector<const IgnoreEntry*> active;
  for (const auto& e : file.entries) {
    if (!e.expires.empty() && e.expires <= today) {
      Diagnostic d;
      d.code = "ignore.expired";
      d.path = file.path;
      d.line = e.line;
      d.message = fmt::format(
          "the ignore entry for {} expired on {}: its findings are reported "
          "again{}",
          e.id, e.expires, e.reason.empty() ? "" : " (reason was: " + e.reason + ")");
      d.severity = Severity::kLow;
      report.diagnostics.push_back(std::move(d));
      continue;
    }
    active.push_back(&e);
  }
  size_t before =
      report.vulnerabilities.size() + report.secrets.size() + report.misconfigurations.size();
  auto covered = [&](const std::string& id, const std::vector<std::string>& aliases,
                     const std::vector<std::string_view>& packages) {
    return std::ranges::any_of(
        active, [&](const IgnoreEntry* e) { return Covers(*e, id, aliases, packages); });
  };
  static const std::vector<std::string> kNoAliases;
  std::erase_if(report.vulnerabilities, [&](const Vulnerability& v) {
    return covered(v.id, v.aliases, {v.package, v.source_package, v.purl});
  });
  std::erase_if(report.secrets,
                [&](const SecretFinding& s) { return covered(s.rule_id, kNoAliases, {s.path}); });
  std::erase_if(report.misconfigurations, [&](const Misconfiguration& m) {
    return covered(m.id, m.aliases, {m.target, m.path});
  });
  return before -
         (report.vulnerabilities.size() + report.secrets.size() + report.misconfigurations.size());
}

}  // namespace portcullis
