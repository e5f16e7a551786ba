#include "detector/hardening/accounts.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace portcullis {

namespace {

// Calls `on_line(fields, line_number)` for every non-blank, non-NIS line of `text`; stops after
// kMaxAccountEntries accepted lines (on_line returns whether it accepted the line) and reports
// that once.
template <typename OnLine>
void ForEachLine(std::string_view text, std::string_view path, std::string_view code,
                 std::vector<Diagnostic>& diagnostics, OnLine on_line) {
  size_t accepted = 0;
  uint64_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || line.front() == '+' || line.front() == '-' || line.front() == '#') {
      continue;
    }
    if (accepted == kMaxAccountEntries) {
      diagnostics.push_back({std::string(code), std::string(path), line_no, 0,
                             fmt::format("more than {} entries; the rest is ignored",
                                         kMaxAccountEntries),
                             Severity::kLow});
      return;
    }
    if (on_line(Split(line, ':'), line_no)) ++accepted;
  }
}

Diagnostic BadLine(std::string_view code, std::string_view path, uint64_t line, uint64_t column,
                   std::string message) {
  return Diagnostic{std::string(code), std::string(path), line, column, std::move(message),
                    Severity::kLow};
}

// 1-based column where field `index` of a ':'-separated line starts.
uint64_t FieldColumn(const std::vector<std::string_view>& fields, size_t index) {
  uint64_t col = 1;
  for (size_t i = 0; i < index && i < fields.size(); ++i) col += fields[i].size() + 1;
  return col;
}

}  // namespace

std::optional<int64_t> ParseId(std::string_view s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > 0xFFFFFFFFll) return std::nullopt;
  return v;
}

std::vector<PasswdEntry> ParsePasswd(std::string_view text, std::string_view path,
                                     std::vector<Diagnostic>& diagnostics) {
  constexpr std::string_view kCode = "hardening.bad_passwd";
  std::vector<PasswdEntry> out;
  ForEachLine(text, path, kCode, diagnostics, [&](const auto& f, uint64_t line) {
    if (f.size() != 7) {
      diagnostics.push_back(BadLine(
          kCode, path, line, 1,
          fmt::format("expected 7 ':'-separated fields (name:password:uid:gid:gecos:home:shell), "
                      "found {}",
                      f.size())));
      return false;
    }
    auto uid = ParseId(f[2]);
    auto gid = ParseId(f[3]);
    if (!uid || !gid || f[0].empty()) {
      size_t bad = f[0].empty() ? 0 : (!uid ? 2 : 3);
      diagnostics.push_back(BadLine(
          kCode, path, line, FieldColumn(f, bad),
          bad == 0 ? std::string("expected a user name in field 1, found nothing")
                   : fmt::format("expected a decimal {} in field {}, found '{}'",
                                 bad == 2 ? "uid" : "gid", bad + 1, Excerpt(f[bad], 20))));
      return false;
    }
    out.push_back(PasswdEntry{std::string(f[0]), std::string(f[1]), *uid, *gid,
                              std::string(f[5]), std::string(f[6]), line});
    return true;
  });
  return out;
}

std::vector<GroupEntry> ParseGroup(std::string_view text, std::string_view path,
                                   std::vector<Diagnostic>& diagnostics) {
  constexpr std::string_view kCode = "hardening.bad_group";
  std::vector<GroupEntry> out;
  ForEachLine(text, path, kCode, diagnostics, [&](const auto& f, uint64_t line) {
    if (f.size() != 4) {
      diagnostics.push_back(BadLine(
          kCode, path, line, 1,
          fmt::format("expected 4 ':'-separated fields (name:password:gid:members), found {}",
                      f.size())));
      return false;
    }
    auto gid = ParseId(f[2]);
    if (!gid || f[0].empty()) {
      size_t bad = f[0].empty() ? 0 : 2;
      diagnostics.push_back(BadLine(
          kCode, path, line, FieldColumn(f, bad),
          bad == 0 ? std::string("expected a group name in field 1, found nothing")
                   : fmt::format("expected a decimal gid in field 3, found '{}'",
                                 Excerpt(f[2], 20))));
      return false;
    }
    GroupEntry g{std::string(f[0]), *gid, {}, line};
    if (!f[3].empty()) {
      for (auto m : Split(f[3], ',')) {
        if (!Trim(m).empty()) g.members.emplace_back(Trim(m));
      }
    }
    out.push_back(std::move(g));
    return true;
  });
  return out;
}

std::vector<ShadowEntry> ParseShadow(std::string_view text, std::string_view path,
                                     std::vector<Diagnostic>& diagnostics) {
  constexpr std::string_view kCode = "hardening.bad_shadow";
  std::vector<ShadowEntry> out;
  ForEachLine(text, path, kCode, diagnostics, [&](const auto& f, uint64_t line) {
    if (f.size() < 2 || f[0].empty()) {
      diagnostics.push_back(BadLine(
          kCode, path, line, 1,
          "expected ':'-separated fields starting with name:password-hash, found " +
              std::string(f.size() < 2 ? "one field" : "an empty name")));
      return false;
    }
    out.push_back(ShadowEntry{std::string(f[0]), std::string(f[1]), line});
    return true;
  });
  return out;
}

UserSpec ParseUserSpec(std::string_view spec) {
  UserSpec out;
  spec = Trim(spec);
  size_t colon = spec.find(':');
  out.user = std::string(Trim(spec.substr(0, colon)));
  if (colon != std::string_view::npos) out.group = std::string(Trim(spec.substr(colon + 1)));
  out.uid = ParseId(out.user);
  out.gid = ParseId(out.group);
  return out;
}

}  // namespace portcullis
