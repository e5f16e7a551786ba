#include "config/runtime/document.h"

#include <yaml.h>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/strings.h"

namespace portcullis::runtime {
namespace {

const std::string kEmpty;
constexpr int kMaxMergeDepth = 8;

// One `---` section of the file: its text and first line (1-based).
struct Chunk {
  std::string_view text;
  uint32_t first_line = 1;
};

bool IsMarker(std::string_view line, std::string_view marker) {
  if (line.substr(0, 3) != marker) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r';
}

// Splits at `---` and `...` lines (column 0, followed by blank or end of line): per the YAML
// spec these always delimit documents, even inside block scalars and quoted text.
std::vector<Chunk> SplitDocuments(std::string_view text) {
  std::vector<Chunk> chunks;
  size_t start = 0;
  uint32_t start_line = 1;
  uint32_t line_no = 1;
  size_t pos = 0;
  auto flush = [&](size_t end) {
    if (end > start) chunks.push_back({text.substr(start, end - start), start_line});
  };
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = text.substr(pos, next - pos);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (IsMarker(line, "---")) {
      flush(pos);
      start = pos;
      start_line = line_no;
    } else if (IsMarker(line, "...")) {
      flush(pos);
      start = next;
      start_line = line_no + 1;
    }
    pos = next;
    ++line_no;
  }
  flush(text.size());
  return chunks;
}

// Why building a document stopped early.
struct Stop {
  std::string code;
  std::string message;
  Pos pos;
};

// Builds a YamlDocument from libyaml parser events. libyaml parses with explicit stacks (no
// recursion); the builder bounds depth, node count and alias expansion as events arrive, so a
// hostile document is abandoned at the first event past a limit.
class Builder {
 public:
  Builder(YamlDocument& doc, uint32_t line_offset, const YamlLimits& limits,
          uint64_t* file_nodes)
      : doc_(doc), line_offset_(line_offset), limits_(limits), file_nodes_(file_nodes) {}

  const std::optional<Stop>& stop() const { return stop_; }
  // The root node has been completed (and nothing is open).
  bool complete() const { return doc_.root_ != UINT32_MAX && stack_.empty(); }

  void Scalar(const yaml_event_t& ev) {
    const auto& sc = ev.data.scalar;
    std::string_view value(reinterpret_cast<const char*>(sc.value), sc.length);
    bool plain = sc.style == YAML_PLAIN_SCALAR_STYLE;
    bool null = plain && sc.tag == nullptr &&
                (value.empty() || value == "~" || value == "null" || value == "Null" ||
                 value == "NULL");
    uint32_t index = NewNode(null ? NodeKind::kNull : NodeKind::kScalar, ev.start_mark);
    if (stop_) return;
    YamlDocument::NodeData& n = doc_.nodes_[index];
    n.quoted = sc.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
               sc.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    n.block = sc.style == YAML_LITERAL_SCALAR_STYLE || sc.style == YAML_FOLDED_SCALAR_STYLE;
    if (!null) n.value.assign(value);
    n.last_line = std::max(n.pos.line, EndLine(ev.end_mark));
    expanded_.push_back(1);
    Complete(index, sc.anchor);
  }

  void Alias(const yaml_event_t& ev) {
    std::string name(reinterpret_cast<const char*>(ev.data.alias.anchor));
    auto it = anchors_.find(name);
    if (it == anchors_.end()) {
      stop_ = Stop{"yaml.syntax",
                   fmt::format("alias *{} refers to an anchor that is not defined before it "
                               "(or contains the alias itself)",
                               Excerpt(name, 40)),
                   ToPos(ev.start_mark)};
      return;
    }
    Attach(it->second);
  }

  void Open(NodeKind kind, const yaml_event_t& ev, const yaml_char_t* anchor) {
    if (stack_.size() >= limits_.max_depth) {
      stop_ = Stop{"yaml.depth",
                   fmt::format("the document nests deeper than {} levels", limits_.max_depth),
                   ToPos(ev.start_mark)};
      return;
    }
    uint32_t index = NewNode(kind, ev.start_mark);
    if (stop_) return;
    expanded_.push_back(1);
    stack_.push_back(Frame{index, anchor ? reinterpret_cast<const char*>(anchor) : "", {}});
  }

  void Close(const yaml_event_t& ev) {
    if (stack_.empty()) return;
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    YamlDocument::NodeData& n = doc_.nodes_[frame.node];
    n.first_child = static_cast<uint32_t>(doc_.children_.size());
    n.child_count = static_cast<uint32_t>(frame.children.size());
    uint64_t total = 1;
    for (uint32_t child : frame.children) {
      doc_.children_.push_back(child);
      n.last_line = std::max(n.last_line, doc_.nodes_[child].last_line);
      total += expanded_[child];
    }
    n.last_line = std::max(n.last_line, EndLine(ev.end_mark));
    if (total > limits_.max_expanded_nodes) {
      stop_ = Stop{"yaml.alias_expansion",
                   fmt::format("the document expands to more than {} nodes through aliases "
                               "(billion-laughs input?)",
                               limits_.max_expanded_nodes),
                   n.pos};
      return;
    }
    expanded_[frame.node] = total;
    Complete(frame.node, frame.anchor.empty() ? nullptr : frame.anchor.c_str());
  }

 private:
  struct Frame {
    uint32_t node;
    std::string anchor;
    std::vector<uint32_t> children;
  };

  // The line an end mark closes: libyaml puts the end of a block node at column 0 of the line
  // after it.
  uint32_t EndLine(const yaml_mark_t& mark) const {
    uint32_t line = static_cast<uint32_t>(mark.line) + line_offset_;
    return mark.column == 0 && mark.line > 0 ? line - 1 : line;
  }

  Pos ToPos(const yaml_mark_t& mark) const {
    return Pos{static_cast<uint32_t>(mark.line) + line_offset_,
               static_cast<uint32_t>(mark.column) + 1};
  }

  uint32_t NewNode(NodeKind kind, const yaml_mark_t& mark) {
    if (++*file_nodes_ > limits_.max_nodes) {
      stop_ = Stop{"yaml.limit", fmt::format("more than {} nodes in one file", limits_.max_nodes),
                   ToPos(mark)};
      return 0;
    }
    YamlDocument::NodeData n;
    n.kind = kind;
    n.pos = ToPos(mark);
    n.last_line = n.pos.line;
    doc_.nodes_.push_back(std::move(n));
    return static_cast<uint32_t>(doc_.nodes_.size() - 1);
  }

  // A node is finished: remember its anchor and hang it under its parent.
  void Complete(uint32_t index, const yaml_char_t* anchor) {
    Complete(index, reinterpret_cast<const char*>(anchor));
  }
  void Complete(uint32_t index, const char* anchor) {
    if (anchor != nullptr && *anchor != '\0') anchors_[anchor] = index;
    Attach(index);
  }

  void Attach(uint32_t index) {
    if (stack_.empty()) {
      if (doc_.root_ == UINT32_MAX) doc_.root_ = index;
      return;
    }
    stack_.back().children.push_back(index);
  }

  YamlDocument& doc_;
  uint32_t line_offset_;
  const YamlLimits& limits_;
  uint64_t* file_nodes_;
  std::vector<Frame> stack_;
  std::vector<uint64_t> expanded_;
  std::unordered_map<std::string, uint32_t> anchors_;
  std::optional<Stop> stop_;
};

// Owns a libyaml parser reading one chunk.
class Parser {
 public:
  explicit Parser(std::string_view text) {
    ok_ = yaml_parser_initialize(&parser_) != 0;
    if (ok_) {
      yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                   text.size());
    }
  }
  ~Parser() {
    if (ok_) yaml_parser_delete(&parser_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  bool ok() const { return ok_; }
  // Next event into `ev` (which the caller deletes); false on a syntax error.
  bool Next(yaml_event_t& ev) { return yaml_parser_parse(&parser_, &ev) != 0; }
  const yaml_parser_t& raw() const { return parser_; }

 private:
  yaml_parser_t parser_{};
  bool ok_ = false;
};

struct EventGuard {
  yaml_event_t& ev;
  ~EventGuard() { yaml_event_delete(&ev); }
};


// Parses one `---` section into `out`: its document, or a diagnostic.
void ParseChunk(const Chunk& chunk, uint32_t doc_index, std::string_view path,
                const YamlLimits& limits, uint64_t* file_nodes, YamlStream& out) {
  Parser parser(chunk.text);
  if (!parser.ok()) {
    out.diagnostics.push_back(MakeDiagnostic(path, "yaml.limit", Pos{chunk.first_line, 0},
                                             "out of memory starting the YAML parser",
                                             Severity::kHigh));
    return;
  }
  uint32_t newlines = static_cast<uint32_t>(std::count(chunk.text.begin(), chunk.text.end(), '\n'));
  uint32_t last_line = chunk.first_line + newlines - (chunk.text.ends_with('\n') ? 1 : 0);
  auto doc = std::make_unique<YamlDocument>();
  doc->index_ = doc_index;
  doc->first_line_ = chunk.first_line;
  doc->last_line_ = chunk.first_line + newlines;
  Builder builder(*doc, chunk.first_line, limits, file_nodes);
  int documents = 0;
  while (true) {
    yaml_event_t ev;
    if (!parser.Next(ev)) {
      const yaml_parser_t& raw = parser.raw();
      Pos pos{chunk.first_line + static_cast<uint32_t>(raw.problem_mark.line),
              static_cast<uint32_t>(raw.problem_mark.column) + 1};
      // An error found at the end of the text (an unclosed flow, say) belongs to its last line.
      if (pos.line > last_line) pos = Pos{last_line, 0};
      std::string problem = raw.problem ? raw.problem : "malformed YAML";
      if (raw.context) problem = fmt::format("{} {}", raw.context, problem);
      if (builder.complete()) {  // stray text after a whole document: keep the document
        out.diagnostics.push_back(MakeDiagnostic(
            path, "yaml.syntax", pos,
            fmt::format("document {}: unexpected content after the end of the document ({}); "
                        "it is ignored",
                        doc_index + 1, Excerpt(problem, 200))));
        out.documents.push_back(std::move(doc));
        return;
      }
      out.diagnostics.push_back(MakeDiagnostic(
          path, "yaml.syntax", pos,
          fmt::format("document {}: {}; the document is skipped", doc_index + 1,
                      Excerpt(problem, 200))));
      return;
    }
    EventGuard guard{ev};
    switch (ev.type) {
      case YAML_STREAM_END_EVENT:
        if (doc->root_ != UINT32_MAX) out.documents.push_back(std::move(doc));
        return;
      case YAML_DOCUMENT_START_EVENT:
        // Documents are split at their markers above, so a second one here is stray text.
        if (++documents > 1) {
          out.diagnostics.push_back(MakeDiagnostic(
              path, "yaml.syntax",
              Pos{chunk.first_line + static_cast<uint32_t>(ev.start_mark.line),
                  static_cast<uint32_t>(ev.start_mark.column) + 1},
              fmt::format("document {}: unexpected content after the end of the document; it "
                          "is ignored",
                          doc_index + 1)));
          if (doc->root_ != UINT32_MAX) out.documents.push_back(std::move(doc));
          return;
        }
        break;
      case YAML_SCALAR_EVENT:
        builder.Scalar(ev);
        break;
      case YAML_ALIAS_EVENT:
        builder.Alias(ev);
        break;
      case YAML_SEQUENCE_START_EVENT:
        builder.Open(NodeKind::kSequence, ev, ev.data.sequence_start.anchor);
        break;
      case YAML_MAPPING_START_EVENT:
        builder.Open(NodeKind::kMap, ev, ev.data.mapping_start.anchor);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        builder.Close(ev);
        break;
      default:
        break;
    }
    if (const auto& stop = builder.stop()) {
      out.diagnostics.push_back(MakeDiagnostic(
          path, stop->code, stop->pos,
          fmt::format("document {}: {}; the document is skipped", doc_index + 1, stop->message),
          stop->code == "yaml.limit" ? Severity::kHigh : Severity::kMedium));
      return;
    }
  }
}

}  // namespace

Diagnostic MakeDiagnostic(std::string_view path, std::string code, Pos pos, std::string message,
                          Severity severity) {
  Diagnostic d;
  d.code = std::move(code);
  d.path = std::string(path);
  d.line = pos.line;
  d.column = pos.column;
  d.message = std::move(message);
  d.severity = severity;
  return d;
}

NodeKind Node::kind() const {
  return doc_ ? doc_->nodes_[index_].kind : NodeKind::kNull;
}

const std::string& Node::Scalar() const {
  if (!doc_ || doc_->nodes_[index_].kind != NodeKind::kScalar) return kEmpty;
  return doc_->nodes_[index_].value;
}

bool Node::Quoted() const { return doc_ && doc_->nodes_[index_].quoted; }
bool Node::Block() const { return doc_ && doc_->nodes_[index_].block; }
Pos Node::pos() const { return doc_ ? doc_->nodes_[index_].pos : Pos{}; }
uint32_t Node::last_line() const { return doc_ ? doc_->nodes_[index_].last_line : 0; }

size_t Node::size() const {
  if (!doc_) return 0;
  const auto& n = doc_->nodes_[index_];
  if (n.kind == NodeKind::kSequence) return n.child_count;
  if (n.kind == NodeKind::kMap) return n.child_count / 2;
  return 0;
}

std::vector<Node> Node::Elements() const {
  std::vector<Node> out;
  if (!doc_ || doc_->nodes_[index_].kind != NodeKind::kSequence) return out;
  const auto& n = doc_->nodes_[index_];
  out.reserve(n.child_count);
  for (uint32_t i = 0; i < n.child_count; ++i) {
    out.push_back(Node(doc_, doc_->children_[n.first_child + i]));
  }
  return out;
}

Node Node::Lookup(std::string_view key, Pos* key_pos, int merge_depth) const {
  if (!doc_ || doc_->nodes_[index_].kind != NodeKind::kMap) return Node();
  const auto& n = doc_->nodes_[index_];
  bool has_merge = false;
  for (uint32_t i = 0; i + 1 < n.child_count; i += 2) {
    const auto& k = doc_->nodes_[doc_->children_[n.first_child + i]];
    if (k.kind != NodeKind::kScalar) continue;
    if (k.value == key) {
      if (key_pos) *key_pos = k.pos;
      return Node(doc_, doc_->children_[n.first_child + i + 1]);
    }
    if (k.value == "<<" && !k.quoted) has_merge = true;
  }
  if (!has_merge || merge_depth >= kMaxMergeDepth) return Node();
  for (uint32_t i = 0; i + 1 < n.child_count; i += 2) {
    const auto& k = doc_->nodes_[doc_->children_[n.first_child + i]];
    if (k.kind != NodeKind::kScalar || k.value != "<<" || k.quoted) continue;
    Node merged(doc_, doc_->children_[n.first_child + i + 1]);
    if (merged.IsMap()) {
      Node found = merged.Lookup(key, key_pos, merge_depth + 1);
      if (found) return found;
    } else if (merged.IsSequence()) {
      for (const Node& m : merged.Elements()) {
        Node found = m.Lookup(key, key_pos, merge_depth + 1);
        if (found) return found;
      }
    }
  }
  return Node();
}

Node Node::operator[](std::string_view key) const { return Lookup(key, nullptr, 0); }
Node Node::Get(std::string_view key, Pos* key_pos) const { return Lookup(key, key_pos, 0); }

void Node::CollectEntries(std::vector<Entry>& out, int merge_depth) const {
  if (!doc_ || doc_->nodes_[index_].kind != NodeKind::kMap) return;
  const auto& n = doc_->nodes_[index_];
  std::vector<Node> merges;
  for (uint32_t i = 0; i + 1 < n.child_count; i += 2) {
    const auto& k = doc_->nodes_[doc_->children_[n.first_child + i]];
    Node value(doc_, doc_->children_[n.first_child + i + 1]);
    std::string_view key = k.kind == NodeKind::kScalar ? std::string_view(k.value) : "";
    if (key == "<<" && !k.quoted) {
      merges.push_back(value);
      continue;
    }
    out.push_back(Entry{key, k.pos, value});
  }
  if (merges.empty() || merge_depth >= kMaxMergeDepth) return;
  // Merged entries come after the own ones and never override them (nor earlier merges).
  std::vector<Entry> merged;
  for (const Node& m : merges) {
    if (m.IsMap()) {
      m.CollectEntries(merged, merge_depth + 1);
    } else if (m.IsSequence()) {
      for (const Node& e : m.Elements()) e.CollectEntries(merged, merge_depth + 1);
    }
  }
  std::unordered_set<std::string_view> seen;
  for (const Entry& e : out) seen.insert(e.key);
  for (Entry& e : merged) {
    if (seen.insert(e.key).second) out.push_back(e);
  }
}

std::vector<Node::Entry> Node::Entries() const {
  std::vector<Entry> out;
  CollectEntries(out, 0);
  return out;
}

Node YamlDocument::Root() const {
  return root_ == UINT32_MAX ? Node() : Node(this, root_);
}

YamlStream ParseYamlStream(std::string_view text, std::string_view path,
                           const YamlLimits& limits) {
  YamlStream out;
  if (text.size() > limits.max_file_bytes) {
    out.diagnostics.push_back(MakeDiagnostic(
        path, "yaml.limit", Pos{},
        fmt::format("file is {} bytes, more than the limit of {}; not parsed", text.size(),
                    limits.max_file_bytes),
        Severity::kHigh));
    return out;
  }
  uint64_t file_nodes = 0;
  uint32_t index = 0;
  for (const Chunk& chunk : SplitDocuments(text)) {
    if (index >= limits.max_documents) {
      out.diagnostics.push_back(MakeDiagnostic(
          path, "yaml.limit", Pos{chunk.first_line, 1},
          fmt::format("more than {} documents; the rest of the file is not read",
                      limits.max_documents),
          Severity::kHigh));
      break;
    }
    uint32_t doc_index = index++;
    ++out.document_count;
    ParseChunk(chunk, doc_index, path, limits, &file_nodes, out);
    if (!out.diagnostics.empty() && out.diagnostics.back().code == "yaml.limit") break;
  }
  return out;
}

std::optional<bool> ParseYamlBool(std::string_view s) {
  static constexpr std::string_view kTrue[] = {"true", "yes", "on", "y"};
  static constexpr std::string_view kFalse[] = {"false", "no", "off", "n"};
  std::string_view t = Trim(s);
  for (auto v : kTrue) {
    if (EqualsIgnoreCase(t, v)) return true;
  }
  for (auto v : kFalse) {
    if (EqualsIgnoreCase(t, v)) return false;
  }
  return std::nullopt;
}

}  // namespace portcullis::runtime
