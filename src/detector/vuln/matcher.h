// OSV range semantics: decides whether one installed version is affected by one affected
// entry (its ECOSYSTEM/SEMVER ranges and its `versions` list), and which fix applies.
// GIT ranges never match a package version. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vulndb/osv.h"
#include "vulndb/version/version.h"

namespace portcullis::vuln {

struct RangeVerdict {
  bool affected = false;
  // The fixed version that ends the affected interval holding the installed version ("" when
  // none: the interval is open or ends with last_affected).
  std::string fixed;
};

// OSV's algorithm, per range: events sorted by version ("0" lowest; on equal versions
// introduced before last_affected before fixed/limit); walking them, `introduced` <= v turns
// affected on, `fixed` <= v and `last_affected` < v turn it off; `limit` <= v excludes the
// range. Affected when any range says so or `versions` lists v exactly. With several
// affecting ranges the fix is the largest of their fixes, or none when one of them is open.
RangeVerdict EvaluateRanges(version::Scheme scheme, std::string_view installed,
                            const std::vector<vulndb::OsvRange>& ranges,
                            bool listed_in_versions);

}  // namespace portcullis::vuln
