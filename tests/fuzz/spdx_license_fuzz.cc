// libFuzzer target: NormalizeLicense on arbitrary licence statements (package databases are
// untrusted). Checks that the result is a well-formed expression whose LicenseRefs are all
// declared, and that normalising it again changes nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "report/spdx_license.h"

namespace {

bool IsIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  portcullis::NormalizedLicense n = portcullis::NormalizeLicense(input);
  for (char c : n.expression) Check(IsIdChar(c) || c == ' ' || c == '(' || c == ')' || c == '+');
  for (const auto& ref : n.refs) {
    Check(ref.id.starts_with("LicenseRef-") && ref.id.size() > 11);
    for (char c : ref.id) Check(IsIdChar(c));
    Check(n.expression.find(ref.id) != std::string::npos);
  }
  // Every LicenseRef token of the expression is declared.
  for (size_t start = 0; start < n.expression.size();) {
    size_t end = n.expression.find_first_of(" ()", start);
    if (end == std::string::npos) end = n.expression.size();
    std::string_view token = std::string_view(n.expression).substr(start, end - start);
    if (token.starts_with("LicenseRef-")) {
      bool declared = false;
      for (const auto& ref : n.refs) declared |= ref.id == token;
      Check(declared);
    }
    start = end + 1;
  }
  if (n.expression.size() <= portcullis::kMaxLicenseStatementBytes) {
    Check(portcullis::NormalizeLicense(n.expression).expression == n.expression);
  }
  return 0;
}
