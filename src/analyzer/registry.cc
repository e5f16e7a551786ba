#include "analyzer/registry.h"

#include <algorithm>

#include "analyzer/file/hardening_files.h"
#include "analyzer/lang/go_binary.h"
#include "analyzer/lang/java.h"
#include "analyzer/lang/npm.h"
#include "analyzer/lang/python.h"
#include "analyzer/lang/ruby.h"
#include "analyzer/os/detect.h"
#include "analyzer/pkg/apk.h"
#include "analyzer/pkg/dpkg.h"
#include "analyzer/pkg/dpkg_copyright.h"
#include "analyzer/pkg/package_file_lists.h"
#include "analyzer/pkg/rpm.h"
#include "analyzer/secret/secret_analyzer.h"

namespace portcullis {

std::vector<const Analyzer*> AnalyzersFor(const ScanOptions& options) {
  std::vector<const Analyzer*> out;
  // One line per analyzer, e.g. `static const DpkgAnalyzer kDpkg; out.push_back(&kDpkg);`
  // OS and package analyzers: always on (the SBOM is always produced).
  static const OsFilesAnalyzer kOsFiles;
  out.push_back(&kOsFiles);
  static const DpkgAnalyzer kDpkg;
  out.push_back(&kDpkg);
  static const DpkgCopyrightAnalyzer kDpkgCopyright;
  out.push_back(&kDpkgCopyright);
  static const ApkAnalyzer kApk;
  out.push_back(&kApk);
  static const RpmAnalyzer kRpm;
  out.push_back(&kRpm);
  static const PackageFileListsAnalyzer kPackageFileLists;  // applier and hardening rules
  out.push_back(&kPackageFileLists);
  static const PythonAnalyzer kPython;
  out.push_back(&kPython);
  static const NpmAnalyzer kNpm;
  out.push_back(&kNpm);
  static const GemspecAnalyzer kGemspec;
  out.push_back(&kGemspec);
  static const JavaArchiveAnalyzer kJava;
  out.push_back(&kJava);
  static const GoBinaryAnalyzer kGoBinary;
  out.push_back(&kGoBinary);
  if (std::ranges::find(options.scanners, ScannerKind::kSecret) != options.scanners.end()) {
    if (const Analyzer* a = SecretAnalyzerFor(options)) out.push_back(a);
  }
  static const HardeningFilesAnalyzer kHardeningFiles;
  if (std::ranges::find(options.scanners, ScannerKind::kHardening) != options.scanners.end()) {
    out.push_back(&kHardeningFiles);
  }
  return out;
}

}  // namespace portcullis
