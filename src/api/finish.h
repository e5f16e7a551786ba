// The last step every entry point of portcullis/scan.h shares: the policy (policy/enforce.h)
// applied to the report, and the warnings a front end shows beside it. Internal to src/api/.
// No state; any thread.
#pragma once

#include "policy/enforce.h"
#include "portcullis/scan.h"

namespace portcullis::api {

// Enforces `policy` on `report` and returns it with its Outcome, warnings included.
ScanResult Finish(Report report, const LoadedPolicy& policy);

}  // namespace portcullis::api
