// Internal to src/rules/dockerfile/: the check functions of the rule table (catalog.cc) and the
// helpers they share for reading commands, flags and package lists. Pure functions.
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/dockerfile/rules.h"

namespace portcullis::dockerfile {

// --- helpers (context.cc) ---

// True when argv[1..] has an option among `longs` ("--yes", also "--yes=...") or a
// single-dash cluster containing one of `shorts` ("-qy" has 'y').
bool HasOption(const std::vector<std::string>& argv, std::initializer_list<std::string_view> longs,
               std::string_view shorts = "");

// The value of option `name` ("--uid 5", "--uid=5", "-u5" for a one-letter name), or nullopt.
std::optional<std::string_view> OptionValue(const std::vector<std::string>& argv,
                                            std::initializer_list<std::string_view> names);

// Words of argv from index 1 that are not options, skipping the values of `value_options`.
std::vector<std::string_view> Operands(const std::vector<std::string>& argv,
                                       std::span<const std::string_view> value_options);
inline std::vector<std::string_view> Operands(
    const std::vector<std::string>& argv, std::initializer_list<std::string_view> value_options) {
  return Operands(argv,
                  std::span<const std::string_view>(value_options.begin(), value_options.size()));
}

// The installation `cmd` performs, or nullptr.
inline const Install* AsInstall(const RunCommand& cmd) {
  return cmd.install ? &*cmd.install : nullptr;
}

// The subcommand of a package manager command (first operand), or "".
inline std::string_view Subcommand(const RunCommand& cmd) {
  return cmd.operands.empty() ? std::string_view() : cmd.operands.front();
}

// RUN --mount=type=cache|tmpfs with a target under `prefix`.
bool HasCacheMount(const Instruction& run, std::string_view prefix);
// RUN --mount=type=secret.
bool HasSecretMount(const Instruction& run);
// Some command of `run` is `program` (with first operand `sub` when given).
bool RunHas(const RunView& run, std::string_view program, std::string_view sub = "");
// Some `rm` in `run` removes a path under `prefix`.
bool RunRemoves(const RunView& run, std::string_view prefix);
// The value contains a variable reference.
bool HasVariable(std::string_view s);
// "a, b, c" (at most `max` items, then "and N more").
std::string ListItems(const std::vector<std::string>& items, size_t max = 5);
// Stage name for messages: "'build'" or "#2".
std::string StageName(const LintContext& c, int stage);

// Label value types of the label schema (checks_labels.cc).
bool IsUrlValue(std::string_view v);
bool IsRfc3339Value(std::string_view v);
bool IsSpdxValue(std::string_view v);
bool IsGitHashValue(std::string_view v);
bool IsSemverValue(std::string_view v);
bool IsEmailValue(std::string_view v);

// --- checks ---
#define PC_DF_CHECK(name) void name(const LintContext& c, Hits& hits)
PC_DF_CHECK(CheckRootUser);
PC_DF_CHECK(CheckWorkdirRelative);
PC_DF_CHECK(CheckPointlessCommands);
PC_DF_CHECK(CheckCd);
PC_DF_CHECK(CheckSudo);
PC_DF_CHECK(CheckUntagged);
PC_DF_CHECK(CheckLatest);
PC_DF_CHECK(CheckAptPin);
PC_DF_CHECK(CheckAptLists);
PC_DF_CHECK(CheckCopyArchive);
PC_DF_CHECK(CheckExposeRange);
PC_DF_CHECK(CheckMultipleHealthcheck);
PC_DF_CHECK(CheckPipPin);
PC_DF_CHECK(CheckAptYes);
PC_DF_CHECK(CheckAptRecommends);
PC_DF_CHECK(CheckNpmPin);
PC_DF_CHECK(CheckApkPin);
PC_DF_CHECK(CheckApkCache);
PC_DF_CHECK(CheckAddLocal);
PC_DF_CHECK(CheckCopyDest);
PC_DF_CHECK(CheckCopyFromUndefined);
PC_DF_CHECK(CheckCopyFromSelf);
PC_DF_CHECK(CheckDuplicateStage);
PC_DF_CHECK(CheckJsonCmd);
PC_DF_CHECK(CheckTrustedRegistry);
PC_DF_CHECK(CheckApt);
PC_DF_CHECK(CheckGemPin);
PC_DF_CHECK(CheckFromPlatform);
PC_DF_CHECK(CheckYumYes);
PC_DF_CHECK(CheckYumClean);
PC_DF_CHECK(CheckYumPin);
PC_DF_CHECK(CheckZypperYes);
PC_DF_CHECK(CheckZypperDistUpgrade);
PC_DF_CHECK(CheckZypperClean);
PC_DF_CHECK(CheckZypperPin);
PC_DF_CHECK(CheckDnfYes);
PC_DF_CHECK(CheckDnfClean);
PC_DF_CHECK(CheckDnfPin);
PC_DF_CHECK(CheckPipCache);
PC_DF_CHECK(CheckOnbuildTrigger);
PC_DF_CHECK(CheckEnvSelfReference);
PC_DF_CHECK(CheckCopyRelative);
PC_DF_CHECK(CheckUseraddLog);
PC_DF_CHECK(CheckWgetProgress);
PC_DF_CHECK(CheckLabelKey);
PC_DF_CHECK(CheckNoHealthcheck);
PC_DF_CHECK(CheckConsecutiveRun);
PC_DF_CHECK(CheckYarnCache);
PC_DF_CHECK(CheckInstructionOrder);
PC_DF_CHECK(CheckGoPin);
PC_DF_CHECK(CheckReservedStageName);
PC_DF_CHECK(CheckSecretLiteral);
PC_DF_CHECK(CheckSecretName);
PC_DF_CHECK(CheckRedundantPlatform);
PC_DF_CHECK(CheckNumericUser);
PC_DF_CHECK(CheckCopyRoot);
PC_DF_CHECK(CheckMaintainer);
PC_DF_CHECK(CheckWgetAndCurl);
PC_DF_CHECK(CheckMultipleCmd);
PC_DF_CHECK(CheckMultipleEntrypoint);
PC_DF_CHECK(CheckLnShell);
PC_DF_CHECK(CheckPipefail);
PC_DF_CHECK(CheckExposeSsh);
PC_DF_CHECK(CheckUpdateAlone);
PC_DF_CHECK(CheckWorkdirSystem);
PC_DF_CHECK(CheckRunCredentials);
PC_DF_CHECK(CheckDigest);
PC_DF_CHECK(CheckAddRemote);
PC_DF_CHECK(CheckPipeToShell);
PC_DF_CHECK(CheckUpgrade);
PC_DF_CHECK(CheckDebugTools);
PC_DF_CHECK(CheckSshd);
PC_DF_CHECK(CheckWorldWritable);
PC_DF_CHECK(CheckSetuid);
PC_DF_CHECK(CheckSingleStageBuild);
PC_DF_CHECK(CheckInsecureRun);
PC_DF_CHECK(CheckHostNetwork);
PC_DF_CHECK(CheckTlsDisabled);
PC_DF_CHECK(CheckSignatureBypass);
PC_DF_CHECK(CheckPasswordSet);
PC_DF_CHECK(CheckCredentialFiles);
PC_DF_CHECK(CheckUndefinedArgInFrom);
PC_DF_CHECK(CheckLegacyEnvFormat);
PC_DF_CHECK(CheckLabelMissing);
PC_DF_CHECK(CheckLabelSuperfluous);
PC_DF_CHECK(CheckLabelEmpty);
PC_DF_CHECK(CheckLabelUrl);
PC_DF_CHECK(CheckLabelTime);
PC_DF_CHECK(CheckLabelSpdx);
PC_DF_CHECK(CheckLabelHash);
PC_DF_CHECK(CheckLabelSemver);
PC_DF_CHECK(CheckLabelEmail);
PC_DF_CHECK(CheckSecretValue);
#undef PC_DF_CHECK

}  // namespace portcullis::dockerfile
