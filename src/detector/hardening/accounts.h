// Accounts of an image: parsers for /etc/passwd, /etc/group and /etc/shadow as the image ships
// them, and for the `User` field of an image config ("name", "uid", "name:group", "uid:gid").
// The hardening detector uses them to decide who the container runs as and to check the
// account database itself (empty passwords, duplicate ids, extra uid-0 users).
//
// Input is untrusted: a line that does not parse becomes a Diagnostic naming the file, the
// line and what was expected, and parsing goes on with the next line. Entries are capped at
// kMaxAccountEntries per file. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/finding.h"

namespace portcullis {

// Entries kept from one account file; further lines are reported once and ignored.
inline constexpr size_t kMaxAccountEntries = 100'000;

struct PasswdEntry {
  std::string name;
  std::string password;  // "x" when the hash is in /etc/shadow; "" = no password at all
  int64_t uid = 0;
  int64_t gid = 0;
  std::string home;
  std::string shell;
  uint64_t line = 0;  // 1-based line in the file
};

struct GroupEntry {
  std::string name;
  int64_t gid = 0;
  std::vector<std::string> members;
  uint64_t line = 0;
};

struct ShadowEntry {
  std::string name;
  std::string password;  // hash; "" = no password needed, "!" / "*" prefixes = locked
  uint64_t line = 0;
};

// Parses passwd(5) text named `path`: name:password:uid:gid:gecos:home:shell. NIS lines
// ("+...", "-...") and blank lines are skipped; malformed lines (field count, ids that are not
// decimal numbers in 0..2^32-1) are reported in `diagnostics` (code "hardening.bad_passwd").
std::vector<PasswdEntry> ParsePasswd(std::string_view text, std::string_view path,
                                     std::vector<Diagnostic>& diagnostics);

// Parses group(5) text: name:password:gid:member,member (code "hardening.bad_group").
std::vector<GroupEntry> ParseGroup(std::string_view text, std::string_view path,
                                   std::vector<Diagnostic>& diagnostics);

// Parses shadow(5) text: name:hash:... (at least two fields; code "hardening.bad_shadow").
std::vector<ShadowEntry> ParseShadow(std::string_view text, std::string_view path,
                                     std::vector<Diagnostic>& diagnostics);

// The config `User` field split into its user and optional group part; each part is a name
// or a decimal id.
struct UserSpec {
  std::string user;   // "" when the field is empty (the image runs as root)
  std::string group;  // "" when no group is given
  std::optional<int64_t> uid;  // set when `user` is a decimal number
  std::optional<int64_t> gid;  // set when `group` is a decimal number
};

// Splits `spec` ("", "root", "0", "0:0", "app:app", "1000:1000") at the first ':' and trims it.
UserSpec ParseUserSpec(std::string_view spec);

// A decimal id in 0..2^32-1, or nullopt.
std::optional<int64_t> ParseId(std::string_view s);

}  // namespace portcullis
