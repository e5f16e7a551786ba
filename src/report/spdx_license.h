// SPDX licence identifiers and expressions for the SBOM writers (CycloneDX, SPDX).
//
// Package databases state licences in their own dialects: SPDX ids ("MIT", Alpine), Debian
// copyright short names ("GPL-2+", "Expat"), Fedora's legacy names ("GPLv2+", "ASL 2.0"),
// and free text. NormalizeLicense turns one such statement into a valid SPDX licence
// expression: list ids keep their canonical spelling, a small table of well-known dialect
// names maps to list ids, and anything else becomes a LicenseRef- whose original text the
// writer must declare. The licence list is the one of the CycloneDX schema store the tests
// validate against (spdx_license_list.cc, generated). Pure functions; any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace portcullis {

// Version of the built-in SPDX licence list ("3.24.0").
std::string_view SpdxLicenseListVersion();
// The licence ids and the exception ids of that list, canonical spelling, sorted
// case-insensitively.
std::span<const std::string_view> SpdxLicenseIds();
std::span<const std::string_view> SpdxExceptionIds();

// The canonical spelling of licence id `id` (matched case-insensitively, as SPDX says ids
// are), or nullopt when it is not on the list.
std::optional<std::string_view> FindSpdxLicenseId(std::string_view id);
// The same for exception ids (the operand of WITH).
std::optional<std::string_view> FindSpdxExceptionId(std::string_view id);

// A LicenseRef- the normalised expression uses for text that is not on the list.
struct LicenseRef {
  std::string id;    // "LicenseRef-public-domain"; [A-Za-z0-9.-] after the prefix
  std::string text;  // the words it stands for, as stated (valid UTF-8)
};

struct NormalizedLicense {
  // A valid SPDX licence expression ("GPL-2.0-or-later OR Artistic-1.0-Perl"). Empty only
  // when the statement was empty or blank.
  std::string expression;
  // Every LicenseRef- that `expression` uses, each once, in order of appearance.
  std::vector<LicenseRef> refs;
  // True when `expression` is exactly one id of the list (no operator, no "+", no WITH):
  // the only case CycloneDX may write as license.id.
  bool single_list_id = false;
  // The top-level AND operands of `expression` (itself when it is no AND), an OR operand in
  // parentheses: "MIT AND (BSD-2-Clause OR ISC)" -> {"MIT", "(BSD-2-Clause OR ISC)"}.
  std::vector<std::string> and_operands;
};

inline constexpr size_t kMaxLicenseStatementBytes = 4096;

// Normalises one licence statement. Operators AND / OR / WITH are recognised in any case,
// parentheses must balance; a statement that does not parse (or is longer than
// kMaxLicenseStatementBytes, or nests deeper than 32) becomes a single LicenseRef- for the
// whole text. LicenseRef ids are derived from the text: the same text always gives the same
// id, and two different texts never share one.
NormalizedLicense NormalizeLicense(std::string_view statement);

// The conjunction of several statements of one package (a package under several licences is
// under all of them): every distinct AND operand once, in order of first appearance. "" when
// `licenses` has no operand.
std::string JoinAnd(const std::vector<NormalizedLicense>& licenses);

}  // namespace portcullis
