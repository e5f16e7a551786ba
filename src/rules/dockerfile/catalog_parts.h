// The parts of the Dockerfile rule table, one per family of rules (catalog_instructions.cc,
// catalog_run.cc); catalog.cc joins them. Internal to src/rules/dockerfile. Each call builds a
// new vector; call them once (catalog.cc keeps the joined table).
#pragma once

#include <vector>

#include "rules/dockerfile/checks.h"

namespace portcullis::dockerfile {

std::vector<DockerfileRule> InstructionRules();
std::vector<DockerfileRule> RunRules();

}  // namespace portcullis::dockerfile
