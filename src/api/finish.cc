#include "api/finish.h"

#include "vulndb/open.h"

namespace portcullis::api {

ScanResult Finish(Report report, const LoadedPolicy& policy) {
  ScanResult out;
  out.outcome = EnforcePolicy(report, policy);
  for (const Diagnostic& d : report.diagnostics) {
    if (d.code == vulndb::kStaleDiagnosticCode || d.code == vulndb::kNoDataDiagnosticCode) {
      out.outcome.warnings.push_back(d.message);
    }
  }
  out.report = std::move(report);
  return out;
}

}  // namespace portcullis::api

namespace portcullis {

Result<ScanResult> ApplyScanPolicy(Report report, const PolicyOptions& policy,
                                   std::string_view command) {
  LoadedPolicy loaded = PC_TRY(LoadPolicy(policy, command));
  return api::Finish(std::move(report), loaded);
}

}  // namespace portcullis
