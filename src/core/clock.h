// The scan's notion of "now": the wall clock, or SOURCE_DATE_EPOCH when set (the
// reproducible-builds convention), so reports and end-of-life checks are reproducible in tests.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace portcullis {

// Seconds since the Unix epoch.
int64_t NowUnix();

// "2026-11-23T10:00:00Z".
std::string NowRfc3339();

// "2026-11-23".
std::string Today();

// Days since 1970-01-01 of a "YYYY-MM-DD" date (extra characters after the date are ignored);
// -1 when it is not one.
int64_t DaysFromDate(std::string_view date);

}  // namespace portcullis
