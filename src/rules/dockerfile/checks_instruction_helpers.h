// Helpers shared by the instruction checks of the Dockerfile catalog (checks_structure.cc and
// checks_copy_env.cc). Internal to src/rules/dockerfile; pure functions of their arguments,
// callable from any thread.
#pragma once

#include <string_view>

#include "rules/dockerfile/checks.h"

namespace portcullis::dockerfile {

// Calls fn(inst) for every instruction named `keyword`, also those ONBUILD triggers.
template <typename Fn>
void ForEach(const LintContext& c, std::string_view keyword, Fn fn) {
  for (const auto& inst : c.file->instructions) {
    if (inst.keyword == keyword) fn(inst);
    for (const auto& child : inst.onbuild) {
      if (child.keyword == keyword) fn(child);
    }
  }
}

// The last instruction named `keyword` of stage `s` or of its parent stages; nullptr if none.
const Instruction* LastInChain(const LintContext& c, int s, std::string_view keyword);

// "/x", or a Windows drive path "C:\x" / "C:/x".
bool IsAbsolutePath(std::string_view p);

}  // namespace portcullis::dockerfile
