// The Dockerfile rule table (rules.h): the families of catalog_instructions.cc and
// catalog_run.cc joined and ordered by id. Ids are stable: a rule that is dropped leaves its
// number unused.
#include <algorithm>

#include "rules/dockerfile/catalog_parts.h"

namespace portcullis::dockerfile {

namespace {

const std::vector<DockerfileRule>& Table() {
  static const std::vector<DockerfileRule> kRules = [] {
    std::vector<DockerfileRule> rules = InstructionRules();
    std::vector<DockerfileRule> run = RunRules();
    rules.insert(rules.end(), std::make_move_iterator(run.begin()),
                 std::make_move_iterator(run.end()));
    std::ranges::sort(rules, {}, [](const DockerfileRule& r) { return r.info.id; });
    return rules;
  }();
  return kRules;
}

}  // namespace

std::span<const DockerfileRule> DockerfileRules() { return Table(); }

}  // namespace portcullis::dockerfile
