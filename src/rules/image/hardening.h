// The image-hardening scan: runs the PC-IMG rule table (image_rules.h) over the facts the
// hardening detector gathered from the merged view of an image and its config
// (detector/hardening/image_facts.h), and turns what the rules found into Misconfigurations for
// report.misconfigurations (kind "image", target = the image name, path = file path or config
// key), with the severities of the chosen profile. It lives here, above the detector, because
// it runs a rule table: the detector only builds facts and never includes rules/.
//
// Called once per scan, on the scan's thread, after the layers are merged; the cost is one
// walk over the merged file list plus fixed lookups (no second pass over the image). Reentrant:
// concurrent scans may call it from several threads.
#pragma once

#include <vector>

#include "detector/hardening/image_facts.h"
#include "portcullis/model/finding.h"

namespace portcullis {

// Runs every image rule over `input`. Each finding takes its rule's severity (its strict
// severity under HardeningProfile::kStrict); under kDebug only HIGH and CRITICAL findings are
// returned. Findings are in rule order, then in the order each rule found them. Input that
// could not be parsed (account files, exposed ports, Docker client configs) adds entries to
// `diagnostics`; it never fails the scan.
std::vector<Misconfiguration> DetectHardening(const HardeningInput& input,
                                              std::vector<Diagnostic>& diagnostics);

}  // namespace portcullis
