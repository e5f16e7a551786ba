#include "policy/vex.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/json.h"
#include "core/strings.h"

namespace portcullis {

namespace {

// An identifier: a string, or an object with "@id" (and, for products, "identifiers.purl").
void Identifiers(const nlohmann::json& v, std::vector<std::string>& out) {
  if (v.is_string()) {
    out.push_back(SanitizeUtf8(v.get_ref<const std::string&>()));
    return;
  }
  if (!v.is_object()) return;
  for (const char* key : {"@id", "name"}) {
    std::string s = JsonString(v, key);
    if (!s.empty()) out.push_back(SanitizeUtf8(s));
  }
  std::string purl = JsonString(JsonObject(v, "identifiers"), "purl");
  if (!purl.empty()) out.push_back(SanitizeUtf8(purl));
  for (const auto& a : JsonArray(v, "aliases")) Identifiers(a, out);
}

// "pkg:deb/debian/libc6@2.36-9?arch=amd64" -> ("pkg:deb/debian/libc6", "2.36-9").
std::pair<std::string_view, std::string_view> PurlBase(std::string_view purl) {
  purl = purl.substr(0, purl.find_first_of("?#"));
  size_t at = purl.rfind('@');
  size_t slash = purl.rfind('/');
  if (at == std::string_view::npos || (slash != std::string_view::npos && at < slash)) {
    return {purl, {}};
  }
  return {purl.substr(0, at), purl.substr(at + 1)};
}

bool ProductCovers(std::string_view product, const Vulnerability& v, const Artifact& artifact) {
  if (product.starts_with("pkg:oci/") || product == artifact.name ||
      (!artifact.digest.empty() && product.find(artifact.digest) != std::string_view::npos)) {
    return true;
  }
  if (!product.starts_with("pkg:") || v.purl.empty()) return false;
  auto [p_base, p_version] = PurlBase(product);
  auto [v_base, v_version] = PurlBase(v.purl);
  return p_base == v_base && (p_version.empty() || p_version == v_version);
}

}  // namespace

Result<VexDocument> ParseVex(std::string_view text, std::string_view path) {
  auto doc = PC_TRY(ParseJson(text, path, kMaxVexBytes));
  if (!doc.is_object() || !doc.contains("statements")) {
    return std::unexpected(Error{ErrorCode::kCorrupt,
                                 "not an OpenVEX document (expected an object with \"statements\")",
                                 std::string(path)});
  }
  VexDocument out;
  out.path = std::string(path);
  size_t index = 0;
  for (const auto& s : JsonArray(doc, "statements")) {
    VexStatement st;
    Identifiers(s.is_object() ? s.value("vulnerability", nlohmann::json()) : nlohmann::json(),
                st.vulnerabilities);
    if (st.vulnerabilities.empty()) {
      return std::unexpected(Error{ErrorCode::kCorrupt,
                                   fmt::format("statement {} names no vulnerability", index),
                                   std::string(path)});
    }
    for (const auto& p : JsonArray(s, "products")) {
      Identifiers(p, st.products);
      for (const auto& sub : JsonArray(p, "subcomponents")) Identifiers(sub, st.products);
    }
    for (const auto& sub : JsonArray(s, "subcomponents")) Identifiers(sub, st.products);
    st.status = JsonString(s, "status");
    static constexpr std::string_view kStatuses[] = {"not_affected", "affected", "fixed",
                                                     "under_investigation"};
    if (std::ranges::find(kStatuses, st.status) == std::end(kStatuses)) {
      return std::unexpected(Error{
          ErrorCode::kCorrupt,
          fmt::format("statement {} has status '{}' (expected not_affected, affected, fixed or "
                      "under_investigation)",
                      index, Excerpt(st.status, 30)),
          std::string(path)});
    }
    st.justification = SanitizeUtf8(JsonString(s, "justification"));
    out.statements.push_back(std::move(st));
    ++index;
  }
  return out;
}

Result<VexDocument> ReadVex(const std::string& path) {
  auto text = PC_TRY(ReadFileLimited(path, kMaxVexBytes));
  return ParseVex(text, path);
}

size_t ApplyVex(Report& report, const VexDocument& vex) {
  size_t before = report.vulnerabilities.size();
  std::erase_if(report.vulnerabilities, [&](const Vulnerability& v) {
    bool suppressed = false;
    for (const auto& st : vex.statements) {
      bool names = std::ranges::any_of(st.vulnerabilities, [&](const std::string& n) {
        return n == v.id || std::ranges::find(v.aliases, n) != v.aliases.end();
      });
      if (!names) continue;
      bool covers = st.products.empty() ||
                    std::ranges::any_of(st.products, [&](const std::string& p) {
                      return ProductCovers(p, v, report.artifact);
                    });
      if (!covers) continue;
      suppressed = st.status == "not_affected" || st.status == "fixed";
    }
    return suppressed;
  });
  return before - report.vulnerabilities.size();
}

}  // namespace portcullis
