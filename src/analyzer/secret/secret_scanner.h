// SecretScanner: the compiled secret rule set (built-in rules plus a user's --secret-config),
// and the two ways to run it: over a stream of blocks (files in layers, never copied whole) and
// over a string (image config values, history lines, Dockerfile ENV/ARG, runtime env values).
//
// Matching is two-stage. Every rule's regex is compiled once into one Vectorscan database in
// streaming mode; each file's bytes go through it in one pass, block by block, so a secret split
// across tar blocks is still found. A Vectorscan match only says "rule R matched, ending at
// offset E". Each candidate is then confirmed with PCRE2 (the same regex, with capture groups,
// compiled for a built-in rule only when it has its first candidate)
// on a bounded window [E - P, E + W], P being the widest match of the Vectorscan pattern and W
// that of the full regex (both at most kMaxRuleWidth, as Vectorscan computes them), plus
// kContextBytes of left context; then entropy, keywords, allow-lists and the rule's check
// function decide. A stream keeps only the last max(P + 2W) + kContextBytes bytes of its file
// (6.3 KB with the built-in rules; never more than 3 * kMaxRuleWidth + kContextBytes), so memory
// per file is bounded whatever the file's size.
//
// Thread safety: a SecretScanner is immutable after Create; ScanText, OpenStream and the other
// const members may be called from any number of threads at once (Vectorscan scratch space is
// taken from an internal pool, one per concurrent scan). A SecretStream belongs to one thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analyzer.h"
#include "analyzer/secret/secret_rules.h"
#include "portcullis/result.h"

namespace portcullis {

// The largest match a rule may span, in bytes (rules with a wider or unbounded regex are
// rejected), and the left context kept for keywords and word boundaries.
inline constexpr uint64_t kMaxRuleWidth = 2048;
inline constexpr uint64_t kContextBytes = 256;
// At most this many secrets are reported per file or text; the rest are counted.
inline constexpr size_t kMaxHitsPerFile = 200;

// What a --secret-config file adds to or removes from the built-in rules (see
// secret_config.h for the YAML form).
struct SecretConfig {
  std::string source;                      // file name, for messages
  std::vector<SecretRule> rules;           // extra rules (builtin = false)
  std::vector<std::string> disable_rules;  // ids of built-in rules to turn off
  std::vector<std::string> allow_paths;    // extra path globs never scanned
  std::vector<std::string> allow_values;   // PCRE2 regexes: matching secrets are not reported
};

class SecretScanner;

// Per-file scanning state: feed the file's blocks in order, then Finish once.
class SecretStream {
 public:
  virtual ~SecretStream() = default;
  // Next block; views need only live during the call. Feeding after Finish is ignored.
  virtual void Feed(std::span<const uint8_t> block) = 0;
  // End of file: returns the confirmed secrets, in file order, redacted. `dropped` (optional)
  // receives how many more were found past kMaxHitsPerFile.
  virtual std::vector<SecretHit> Finish(size_t* dropped = nullptr) = 0;
};

class SecretScanner {
 public:
  ~SecretScanner();
  SecretScanner(const SecretScanner&) = delete;
  SecretScanner& operator=(const SecretScanner&) = delete;

  // Compiles the built-in rules plus `config`. Fails (kInvalidArgument, naming the rule id)
  // when a user rule's regex does not compile in both engines or its width is unbounded or
  // wider than kMaxRuleWidth, or when a disabled id names no rule.
  [[nodiscard]] static Result<std::shared_ptr<const SecretScanner>> Create(
      const SecretConfig& config);

  // The built-in rules only, compiled once per process on first use.
  [[nodiscard]] static Result<std::shared_ptr<const SecretScanner>> Builtin();

  // Scans `text` as the content of `path` (a file path, or "config:Env[0]", "history[3]", ...:
  // path-restricted rules only apply when it matches). Returns confirmed, redacted hits with
  // 1-based line numbers within `text`.
  [[nodiscard]] std::vector<SecretHit> ScanText(std::string_view text,
                                                std::string_view path) const;

  // Starts scanning one file. The stream holds a reference to this scanner's state.
  [[nodiscard]] std::unique_ptr<SecretStream> OpenStream(std::string_view path) const;

  // True when `path` is on the path allow-list (built-in or configured): not scanned at all.
  [[nodiscard]] bool IsPathAllowed(std::string_view path) const;

  // True when `path` may hold binary key material (keystores, DER/PKCS#12 keys, id_* files):
  // such files are scanned even when they look binary.
  [[nodiscard]] static bool IsKeyContainerPath(std::string_view path);

  // The active rules, in matching order.
  [[nodiscard]] std::vector<const SecretRule*> Rules() const;

  // Compiles every rule's PCRE2 regexes (confirmation and allow patterns) now. A built-in rule
  // otherwise compiles them on its first candidate, as most rules never have one in a run; a
  // user rule always compiles them in Create. Fails naming the first rule whose regexes do not
  // compile. Thread-safe; for tests and for callers that want the whole cost up front.
  [[nodiscard]] Result<void> CompileAll() const;

  struct Impl;

 private:
  explicit SecretScanner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Redacts a secret for reports: its first 4 characters (fewer for short secrets) then "*****".
std::string RedactSecret(std::string_view secret);

// The strings of an image config and history that the secret scanner looks at. Plain values so
// the caller does not depend on how the image config is modelled.
struct ImageConfigStrings {
  std::vector<std::string> env;                // "NAME=value"
  std::map<std::string, std::string> labels;
  std::vector<std::string> cmd;
  std::vector<std::string> entrypoint;
  std::vector<std::string> history;            // created_by of each history entry, in order
};

// Scans the image config and build history. Paths name the source: "config:Env[2]",
// "config:Labels[org.example.token]", "config:Cmd", "config:Entrypoint", "history[3]" (indexes
// from 0); `layer` is left empty and line is 0. Thread-safe.
std::vector<SecretFinding> ScanImageConfigSecrets(const SecretScanner& scanner,
                                                  const ImageConfigStrings& config);

}  // namespace portcullis
