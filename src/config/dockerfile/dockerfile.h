// The Dockerfile model and its parser.
//
// ParseDockerfile reads a Dockerfile the way BuildKit's frontend does: parser directives
// (`# syntax=`, `# escape=`, `# check=`), line continuations with the escape character in force,
// comment and empty lines inside continuations, here-documents (`RUN <<EOF`, `COPY <<EOF /f`,
// several per line, `<<-`, quoted delimiters), exec (JSON) and shell forms, instruction flags
// (`RUN --mount/--network/--security`, `COPY/ADD --from/--chown/--chmod/--link/--checksum`,
// `FROM --platform`), `ONBUILD`, multi-stage builds with named stages, `ARG` before `FROM`, and
// `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}` expansion in the instructions Docker expands
// (ADD COPY ENV EXPOSE FROM LABEL STOPSIGNAL USER VOLUME WORKDIR, and ONBUILD's). Every
// instruction keeps its line range, and inline `# hadolint ignore=` / `# portcullis ignore=`
// pragmas are attached to the instruction they precede.
//
// The input is untrusted. Parsing never fails and never throws: malformed parts become
// Diagnostics (code, line, column, what was expected) and the rest of the file is still read.
// Sizes and counts are capped (kMaxDockerfileBytes, kMaxInstructions, ...). Pure functions of
// their arguments; call from any thread. A parsed Dockerfile is a plain value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/finding.h"

namespace portcullis::dockerfile {

inline constexpr size_t kMaxDockerfileBytes = 8u << 20;
inline constexpr size_t kMaxInstructions = 50'000;
inline constexpr size_t kMaxHeredocsPerInstruction = 64;
inline constexpr size_t kMaxExpandedBytes = 64u << 10;

struct Flag {
  std::string name;   // without the leading "--": "mount", "from", "platform"
  std::string value;  // expanded, quotes removed; "" when written without "="
  std::string raw;    // as written
  bool has_value = false;
};

struct Heredoc {
  std::string delimiter;    // "EOF"
  std::string body;         // lines between the marker line and the delimiter, each ending "\n"
  bool strip_tabs = false;  // `<<-`: leading tabs removed from body lines
  bool expand = true;       // unquoted delimiter: the body's variables are expanded
  uint64_t line = 0;        // line of the first body line
};

struct KeyValue {
  std::string key;
  std::string value;       // quotes removed; expanded where Docker expands
  std::string raw_value;   // as written (quotes and variables kept)
  bool has_value = false;  // ARG NAME without "=" has none
};

struct Instruction {
  std::string keyword;  // upper-case: "FROM", "RUN", ...
  std::string text;     // everything after the keyword, continuations joined, comments removed
  std::vector<Flag> flags;
  std::string rest;        // text after the flags
  bool exec_form = false;  // rest is a JSON array of strings
  // Exec form: the array. Shell-form CMD/ENTRYPOINT/RUN/SHELL: empty (use `rest`).
  // FROM, COPY, ADD, EXPOSE, VOLUME, USER, WORKDIR, STOPSIGNAL, MAINTAINER, HEALTHCHECK: the
  // words, quotes removed, expanded where Docker expands them.
  std::vector<std::string> args;
  // Same length as args: true when expansion met a variable with no known value.
  std::vector<bool> unresolved;
  std::vector<KeyValue> pairs;       // ENV, LABEL, ARG
  std::vector<Heredoc> heredocs;     // RUN, COPY, ADD
  std::vector<Instruction> onbuild;  // ONBUILD: the triggered instruction (0 or 1)
  std::vector<std::string> ignores;  // rule ids from `# hadolint ignore=` / `# portcullis ignore=`
  uint64_t line = 0;                 // 1-based first line (the keyword's)
  uint64_t end_line = 0;             // last line, here-document bodies included
  uint64_t column = 1;               // of the keyword
  int stage = -1;                    // index in Dockerfile::stages; -1 before the first FROM

  // The flag named `name`, or nullptr.
  const Flag* FindFlag(std::string_view name) const;
};

struct Stage {
  std::string name;              // lower-case alias after AS; "" when unnamed
  std::string base;              // image reference after expansion
  std::string base_raw;          // as written
  bool base_unresolved = false;  // expansion met an unknown variable
  int parent = -1;               // index of the earlier stage it builds on, -1 for an image
  size_t from = 0;               // index of its FROM in Dockerfile::instructions
  size_t end = 0;                // one past its last instruction
  std::string platform;          // value of --platform, "" when absent
};

struct Dockerfile {
  std::string path;
  std::map<std::string, std::string> directives;  // lower-case key -> value
  char escape = '\\';
  std::vector<Instruction> instructions;
  std::vector<Stage> stages;
  std::vector<std::string> global_ignores;  // `# hadolint global ignore=...`
  std::vector<Diagnostic> diagnostics;      // malformed input: code, line, column, message
  // Physical lines of the file (without line terminators), for tools that need the source.
  std::vector<std::string> lines;
  // Lower-case stage name -> index of the first stage with that name.
  std::map<std::string, int, std::less<>> stage_names;

  // Index of the stage named `name` (case-insensitive) or with that number, or -1.
  int FindStage(std::string_view name) const;
};

// Parses `content`; `path` names the file in diagnostics.
Dockerfile ParseDockerfile(std::string_view content, std::string path);

// Environment for expansion: variable -> value.
using Env = std::map<std::string, std::string, std::less<>>;

struct Expansion {
  std::string value;
  bool unresolved = false;  // a variable had no value in `env`
};

// Expands `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`, `${VAR+word}` in
// `word` as BuildKit does, removing quotes and processing the escape character. Output is
// capped at kMaxExpandedBytes.
Expansion ExpandWord(std::string_view word, const Env& env, char escape = '\\');

// A parsed image reference: [registry/]repository[:tag][@digest].
struct ImageRef {
  std::string registry;    // "docker.io" when none is written
  std::string repository;  // "library/debian" for Docker Hub official images
  std::string tag;         // "" when none
  std::string digest;      // "sha256:..." or ""
  bool explicit_registry = false;
};

// Parses `ref` with Docker's normalisation rules (a first component with '.' or ':' or
// "localhost" is a registry). Never fails; an empty repository means `ref` was unusable.
ImageRef ParseImageRef(std::string_view ref);

}  // namespace portcullis::dockerfile
