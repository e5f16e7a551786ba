// Fuzz target: the account file parsers of the hardening detector (passwd, group, shadow) and
// the config User parser. The input is split at NUL bytes into passwd, group and shadow text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detector/hardening/accounts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace portcullis;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view parts[3];
  for (auto& p : parts) {
    size_t nul = in.find('\0');
    p = in.substr(0, nul);
    in = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
  }
  std::vector<Diagnostic> diags;
  auto passwd = ParsePasswd(parts[0], "/etc/passwd", diags);
  auto group = ParseGroup(parts[1], "/etc/group", diags);
  auto shadow = ParseShadow(parts[2], "/etc/shadow", diags);
  if (passwd.size() > kMaxAccountEntries || group.size() > kMaxAccountEntries ||
      shadow.size() > kMaxAccountEntries) {
    __builtin_trap();
  }
  for (const auto& d : diags) {
    if (d.line == 0 || d.path.empty()) __builtin_trap();  // every diagnostic names its line
  }
  (void)ParseUserSpec(parts[0].substr(0, 64));
  return 0;
}
