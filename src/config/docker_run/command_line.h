// Finding container-runtime command lines in shell text: scripts, Makefile recipes, and the
// `run:`/`script:` strings of CI files. The text is split into simple commands the way a POSIX
// shell would split words (single and double quotes, backslash escapes, backslash-newline
// continuations, `#` comments, `;` `&&` `||` `|` `&` and newlines between commands), keeping
// the line and column of every word. Command substitutions (`$(...)`, backquotes) stay inside
// their word and are also scanned on their own, so `ID=$(docker run -d ...)` is found.
// Nothing is expanded: a word containing `$` is marked as holding a variable.
//
// The input is untrusted: scanning is linear, substitution nesting is bounded, and at most
// kMaxCommands commands are returned. Pure functions; call from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "config/runtime/document.h"

namespace portcullis::runtime {

inline constexpr size_t kMaxCommands = 100'000;
inline constexpr int kMaxSubstitutionDepth = 4;

struct Word {
  std::string text;           // quotes removed, escapes processed
  Pos pos;
  bool has_variable = false;  // an unquoted or double-quoted `$` reference
};

struct ShellCommand {
  std::vector<Word> words;
  uint32_t first_line = 0;
  uint32_t last_line = 0;
};

// Splits `text` into simple commands. `origin` is the position of the text's first character
// in its file (line 1, column 1 for a whole file); `columns` false leaves columns 0 (for text
// taken from a YAML block scalar, whose indentation is not part of the value).
std::vector<ShellCommand> SplitCommands(std::string_view text, Pos origin, bool columns = true);

// A `docker`/`podman`/`nerdctl` `run`/`create` invocation found in a command.
struct RuntimeInvocation {
  std::string program;        // "docker", "podman", "nerdctl"
  std::string subcommand;     // "run", "create"
  std::vector<Word> args;     // the words after the subcommand
  Pos pos;                    // of the program word
  uint32_t first_line = 0;
  uint32_t last_line = 0;
};

// The invocation `cmd` is, after leading `NAME=value` assignments, wrappers (`sudo`, `env`,
// `exec`, `time`, `nohup`, `command`, `nice`, `timeout`), Makefile recipe prefixes (`@`, `-`,
// `+`) and global options (`docker -H host --context c run ...`). False when it is not one.
bool MatchInvocation(const ShellCommand& cmd, RuntimeInvocation& out);

}  // namespace portcullis::runtime
