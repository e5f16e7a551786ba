// The individual report formats behind WriteReport (writer.h). Internal to src/report/ and its
// tests; callers outside use WriteReport.
#pragma once

#include <string>

#include "report/writer.h"

namespace portcullis {

std::string WriteTable(const Report& report, const WriteOptions& options);
std::string WriteSarif(const Report& report, const WriteOptions& options);
std::string WriteJunit(const Report& report, const WriteOptions& options);
Result<std::string> WriteCycloneDx(const Report& report, const WriteOptions& options);
Result<std::string> WriteSpdx(const Report& report, const WriteOptions& options);

}  // namespace portcullis
