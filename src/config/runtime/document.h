// A positioned, read-only YAML/JSON document tree for the runtime-configuration parsers
// (Kubernetes manifests, docker-compose files, docker inspect output, CI files).
//
// ParseYamlStream splits a file into its `---` documents and parses each one on its own with
// libyaml's event parser (a state machine: no recursion, ~10x faster than yaml-cpp here) into a
// compact arena, so that one malformed document becomes a Diagnostic (with line and column)
// while the others are still checked. Every node keeps its 1-based line and column. Aliases are
// resolved by identity (an alias is the anchored node itself, never a copy) and the size a
// document would have with every alias expanded is bounded, so billion-laughs input costs
// nothing; nesting depth and node counts are bounded as events arrive, before anything deeper is
// built. Merge keys (`<<: *base`) are honoured by lookups. Nothing here throws.
//
// A YamlDocument is immutable once built: read it (and its Nodes) from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portcullis/model/finding.h"

namespace portcullis::runtime {

// A position in a source file: 1-based line and column; 0 means unknown.
struct Pos {
  uint32_t line = 0;
  uint32_t column = 0;
};

// Bounds applied to every YAML/JSON input.
struct YamlLimits {
  uint64_t max_file_bytes = 32ull << 20;    // larger files are not parsed at all
  uint32_t max_depth = 100;                 // nesting of collections in one document
  uint64_t max_nodes = 4'000'000;           // nodes (not counting alias expansion) per file
  uint64_t max_expanded_nodes = 1'000'000;  // nodes of one document with aliases expanded
  uint32_t max_documents = 100'000;         // `---` documents per file
};

enum class NodeKind : uint8_t { kNull, kScalar, kSequence, kMap };

class YamlDocument;
struct MapEntry;

// A handle to one node of a YamlDocument. Cheap to copy. A default or missing Node is
// "invalid": every accessor on it returns an empty value, so lookups chain safely:
// `doc.Root()["spec"]["template"]["spec"]`. Valid only while its document lives.
class Node {
 public:
  Node() = default;

  bool valid() const { return doc_ != nullptr; }
  explicit operator bool() const { return valid(); }
  NodeKind kind() const;
  bool IsMap() const { return kind() == NodeKind::kMap && valid(); }
  bool IsSequence() const { return kind() == NodeKind::kSequence && valid(); }
  bool IsScalar() const { return kind() == NodeKind::kScalar && valid(); }
  bool IsNull() const { return valid() && kind() == NodeKind::kNull; }

  // The text of a scalar ("" for anything else). Quoted scalars are unquoted and unescaped.
  const std::string& Scalar() const;
  // True if the scalar was written in quotes (so `"true"` is text, not a boolean).
  bool Quoted() const;
  // True if the scalar was a literal (`|`) or folded (`>`) block scalar.
  bool Block() const;
  // Where the node starts. For a block scalar, the line of its `|`/`>` indicator.
  Pos pos() const;
  // The last line of the node's subtree (its first line for a scalar).
  uint32_t last_line() const;

  // Value of `key` in a map, following merge keys (`<<: *anchor` or `<<: [*a, *b]`); own keys
  // win over merged ones. Invalid Node when absent or when this is not a map.
  Node operator[](std::string_view key) const;
  // Like operator[] but also yields the position of the key itself.
  Node Get(std::string_view key, Pos* key_pos) const;

  // Elements of a sequence (empty for anything else).
  std::vector<Node> Elements() const;

  using Entry = struct MapEntry;
  // Entries of a map in source order, merged entries (not overridden) after own ones.
  std::vector<Entry> Entries() const;
  // Number of elements or own entries.
  size_t size() const;

  // Stable identity of the node inside its document (aliases share it).
  uint32_t id() const { return index_; }

 private:
  friend class YamlDocument;
  Node(const YamlDocument* doc, uint32_t index) : doc_(doc), index_(index) {}
  void CollectEntries(std::vector<Entry>& out, int merge_depth) const;
  Node Lookup(std::string_view key, Pos* key_pos, int merge_depth) const;

  const YamlDocument* doc_ = nullptr;
  uint32_t index_ = 0;
};

// One entry of a map.
struct MapEntry {
  std::string_view key;  // scalar key text ("" for a complex key)
  Pos key_pos;
  Node value;
};

// One parsed `---` document.
class YamlDocument {
 public:
  // The top node; invalid for an empty document.
  Node Root() const;
  // Index of this document in its file (0-based, counting every `---` section).
  uint32_t index() const { return index_; }
  // Lines of the file this document spans (the `---` line included).
  uint32_t first_line() const { return first_line_; }
  uint32_t last_line() const { return last_line_; }

  // The arena. Public for the builder in document.cc only; use Node to read.
  struct NodeData {
    NodeKind kind = NodeKind::kNull;
    bool quoted = false;
    bool block = false;
    Pos pos;
    uint32_t last_line = 0;
    uint32_t first_child = 0;  // into children_: values (sequence) or key,value pairs (map)
    uint32_t child_count = 0;  // elements, or 2 x entries
    std::string value;
  };
  std::vector<NodeData> nodes_;
  std::vector<uint32_t> children_;
  uint32_t root_ = UINT32_MAX;
  uint32_t index_ = 0;
  uint32_t first_line_ = 0;
  uint32_t last_line_ = 0;
};

// What ParseYamlStream read from one file.
struct YamlStream {
  std::vector<std::unique_ptr<YamlDocument>> documents;  // parsed documents, in file order
  std::vector<Diagnostic> diagnostics;  // documents that could not be parsed, limits hit
  uint32_t document_count = 0;          // `---` sections seen, parsed or not
};

// Parses every document of `text` (named `path` in diagnostics). Never fails and never
// throws: a document that is malformed, nested deeper than limits.max_depth, or whose alias
// expansion exceeds limits.max_expanded_nodes is left out with a Diagnostic (code
// "yaml.syntax", "yaml.depth", "yaml.alias_expansion", "yaml.limit") naming its line and
// column; the other documents are kept. JSON is read as the YAML subset it is.
YamlStream ParseYamlStream(std::string_view text, std::string_view path,
                           const YamlLimits& limits = {});

// A Diagnostic about `path` at `pos` (line and column; zeros when unknown). For every reader of
// runtime configuration, so their diagnostics look alike.
Diagnostic MakeDiagnostic(std::string_view path, std::string code, Pos pos, std::string message,
                          Severity severity = Severity::kMedium);

// Parses a YAML boolean the way Kubernetes' and Compose's loaders accept them (true/false,
// yes/no, on/off in any case). nullopt for anything else.
std::optional<bool> ParseYamlBool(std::string_view s);

}  // namespace portcullis::runtime
