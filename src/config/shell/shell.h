// A small parser for the POSIX shell commands of Dockerfile `RUN` instructions.
//
// It turns a script into the simple commands it runs, each with its argv (quotes removed,
// escapes processed), its `NAME=value` prefixes, and how it is connected to its neighbours
// (`&&`, `||`, `;`, newline, `|`). Commands inside subshells, `{ ...; }` groups, `$(...)` and
// backquote substitutions and control structures (`if`, `for`, `while`, `case`) are listed too,
// with their nesting depth, so rules see every command that runs and its flags, not substrings.
// It does not execute or expand anything: `$VAR` stays as written in the argv.
//
// The input is untrusted: the parser never fails, never recurses deeper than kMaxShellDepth and
// stops after kMaxShellCommands commands; what it could not parse is listed in `errors` with
// its byte offset. Pure functions; call from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portcullis::shell {

inline constexpr int kMaxShellDepth = 32;
inline constexpr size_t kMaxShellCommands = 20'000;

// How a command is joined to the one after it.
enum class Connector { kEnd, kAnd, kOr, kSequence, kPipe, kBackground };

struct Command {
  std::vector<std::string> argv;         // words after the assignments, quotes removed
  std::vector<std::string> assignments;  // leading NAME=value words
  std::vector<std::string> redirects;    // targets of > >> < (e.g. "/dev/null")
  std::vector<std::string> heredocs;     // bodies of `<<WORD` here-documents fed to it
  size_t offset = 0;                     // byte offset of the command's first word in the script
  int depth = 0;                         // 0 = top level; +1 per subshell / substitution
  int pipeline = 0;                      // commands joined by `|` share this number
  bool piped_in = false;                 // stdin comes from the previous command's `|`
  Connector next = Connector::kEnd;      // how it is joined to the following command

  // argv[0], or "" for a command that only assigns or redirects.
  std::string_view Name() const;
};

struct ParseError {
  size_t offset = 0;
  std::string message;
};

struct Script {
  std::vector<Command> commands;  // in source order; nested ones follow the command holding them
  std::vector<ParseError> errors;
  bool has_pipe = false;  // some pipeline has more than one command
};

// Parses `text`. Never fails: unterminated quotes, substitutions or here-documents are
// reported in `errors` and what was read up to them is kept.
Script ParseScript(std::string_view text);

// The command `cmd` really runs when it is wrapped by `sudo`, `env`, `exec`, `command`, `nice`,
// `nohup`, `time` or `xargs` (with their options): argv from the wrapped program on. Returns
// argv unchanged for an unwrapped command.
std::vector<std::string> UnwrappedArgv(const Command& cmd);

// Splits `text` into words as the shell would (quotes removed, escapes processed), ignoring
// operators: for flags and package lists that are not full scripts.
std::vector<std::string> SplitWords(std::string_view text);

}  // namespace portcullis::shell
