#include "analyzer/pkg/identity.h"

#include "analyzer/os/eol.h"
#include "analyzer/pkg/purl.h"

namespace portcullis {

namespace {

// "22.04" is an LTS release: April of an even year.
bool IsUbuntuLts(std::string_view release) {
  if (release.size() != 5 || release.substr(2) != ".04") return false;
  int year = (release[0] - '0') * 10 + (release[1] - '0');
  return year % 2 == 0;
}

// Splits "1:2.3-4" into epoch "1" and "2.3-4"; no epoch -> "".
std::pair<std::string_view, std::string_view> SplitEpoch(std::string_view version) {
  size_t colon = version.find(':');
  if (colon == std::string_view::npos || colon == 0) return {"", version};
  for (size_t i = 0; i < colon; ++i) {
    if (version[i] < '0' || version[i] > '9') return {"", version};
  }
  return {version.substr(0, colon), version.substr(colon + 1)};
}

}  // namespace

std::string OsvEcosystem(const OsInfo& os) {
  const std::string& f = os.family;
  std::string key = ReleaseKey(f, os.version);
  if (f == "wolfi") return "Wolfi";
  if (f == "chainguard") return "Chainguard";
  if (key.empty()) return "";
  if (f == "debian") return "Debian:" + key;
  if (f == "ubuntu") return "Ubuntu:" + key + (IsUbuntuLts(key) ? ":LTS" : "");
  if (f == "alpine") return "Alpine:v" + key;
  if (f == "rocky") return "Rocky Linux:" + key;
  if (f == "almalinux") return "AlmaLinux:" + key;
  if (f == "rhel") return "Red Hat:enterprise_linux:" + key;
  if (f == "opensuse-leap") return "openSUSE:Leap " + key;
  if (f == "photon") return "Photon OS:" + key;
  return "";
}

std::string PurlNamespace(const OsInfo& os) {
  if (os.family == "rhel") return "redhat";
  if (os.family == "opensuse-leap" || os.family == "opensuse-tumbleweed") return "opensuse";
  if (os.family == "sles") return "suse";
  return os.family;
}

void AssignOsPackageIdentity(const std::optional<OsInfo>& os, std::vector<Package>& packages) {
  std::string ecosystem = os ? OsvEcosystem(*os) : "";
  std::string namespace_ = os ? PurlNamespace(*os) : "";
  for (Package& p : packages) {
    if (p.type != "deb" && p.type != "apk" && p.type != "rpm") continue;
    p.ecosystem = ecosystem;
    PurlParts parts;
    parts.type = p.type;
    parts.name = p.name;
    parts.qualifiers["arch"] = p.arch;
    if (p.type == "deb") {
      parts.namespace_ = os ? namespace_ : "debian";
      parts.version = p.version;
      if (os && !os->version.empty()) parts.qualifiers["distro"] = namespace_ + "-" + os->version;
    } else if (p.type == "apk") {
      parts.namespace_ = os ? namespace_ : "alpine";
      parts.version = p.version;
      if (os && !os->version.empty()) parts.qualifiers["distro"] = os->version;
    } else {
      parts.namespace_ = namespace_;
      auto [epoch, rest] = SplitEpoch(p.version);
      parts.version = std::string(rest);
      parts.qualifiers["epoch"] = std::string(epoch);
      if (os && !os->version.empty()) parts.qualifiers["distro"] = namespace_ + "-" + os->version;
    }
    p.purl = BuildPurl(parts);
  }
}

}  // namespace portcullis
