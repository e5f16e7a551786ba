#include "config/runtime/document.h"

#include <algorithm>
#include <exception>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "core/strings.h"

namespace portcullis::runtime {
namespace {

const std::string kEmpty;
constexpr int kMaxMergeDepth = 8;

// A limit hit while building: unwinds out of yaml-cpp's parser to ParseYamlStream.
struct BuildStop : std::exception {
  std::string code;
  std::string message;
  Pos pos;
  BuildStop(std::string c, std::string m, Pos p)
      : code(std::move(c)), message(std::move(m)), pos(p) {}
  const char* what() const noexcept override { return message.c_str(); }
};

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

// A cheap upper-bound estimate of a chunk's nesting (block indentation levels, compact `- `
// sequences and flow brackets), skipping quoted text, comments and block scalars. yaml-cpp
// recurses once per level, so this runs before it. Returns the first line (1-based, relative
// to the chunk) whose depth exceeds `max_depth`, or 0.
uint32_t FindTooDeep(std::string_view text, uint32_t max_depth) {
  std::vector<size_t> indents;
  size_t flow = 0;
  char quote = 0;
  bool block_scalar = false;
  size_t block_indent = 0;
  uint32_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    ++line_no;
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    size_t indent = 0;
    while (pos + indent < eol && text[pos + indent] == ' ') ++indent;
    size_t j = pos + indent;
    bool blank = j >= eol || text[j] == '\r' || text[j] == '#';
    if (block_scalar) {
      if (blank || indent > block_indent) {
        pos = eol + 1;
        continue;
      }
      block_scalar = false;
    }
    if (blank && quote == 0) {
      pos = eol + 1;
      continue;
    }
    if (flow == 0 && quote == 0) {
      while (!indents.empty() && indents.back() > indent) indents.pop_back();
      if (indents.empty() || indents.back() < indent) indents.push_back(indent);
    }
    size_t dashes = 0;
    size_t flow_max = flow;
    bool value_start = quote == 0;
    for (size_t k = j; k < eol; ++k) {
      char c = text[k];
      if (quote != 0) {
        if (quote == '"' && c == '\\') {
          ++k;
        } else if (c == quote) {
          if (quote == '\'' && k + 1 < eol && text[k + 1] == '\'') {
            ++k;
          } else {
            quote = 0;
            value_start = false;
          }
        }
        continue;
      }
      bool next_blank = k + 1 >= eol || text[k + 1] == ' ' || text[k + 1] == '\t' ||
                        text[k + 1] == '\r';
      if (c == ' ' || c == '\t' || c == '\r') continue;
      if (c == '#' && (k == j || text[k - 1] == ' ' || text[k - 1] == '\t')) break;
      if (value_start && (c == '"' || c == '\'')) {
        quote = c;
        continue;
      }
      if (value_start && (c == '&' || c == '!')) {  // anchor or tag before a value
        while (k + 1 < eol && text[k + 1] != ' ' && text[k + 1] != '\t') ++k;
        continue;
      }
      if ((c == '[' || c == '{') && (value_start || flow > 0)) {
        ++flow;
        flow_max = std::max(flow_max, flow);
        value_start = true;
        continue;
      }
      if ((c == ']' || c == '}') && flow > 0) {
        --flow;
        value_start = false;
        continue;
      }
      if (flow == 0 && value_start && c == '-' && next_blank) {
        ++dashes;
        continue;
      }
      if (flow == 0 && value_start && (c == '|' || c == '>')) {
        block_scalar = true;
        block_indent = indent;
        break;
      }
      if (c == ':' && (next_blank || flow > 0)) {
        value_start = true;
        continue;
      }
      if (c == ',' && flow > 0) {
        value_start = true;
        continue;
      }
      if (c == '?' && value_start && next_blank) continue;
      value_start = false;
    }
    if (indents.size() + dashes + flow_max > max_depth) return line_no;
    pos = eol + 1;
  }
  return 0;
}

// Builds a YamlDocument from yaml-cpp parser events.
class Builder : public YAML::EventHandler {
 public:
  Builder(YamlDocument& doc, std::string_view chunk, uint32_t line_offset,
          const YamlLimits& limits, uint64_t* file_nodes)
      : doc_(doc), chunk_(chunk), line_offset_(line_offset), limits_(limits),
        file_nodes_(file_nodes) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    uint32_t index = NewNode(NodeKind::kNull, mark);
    expanded_.push_back(1);
    Complete(index, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || anchors_[anchor] == UINT32_MAX) {
      throw BuildStop("yaml.syntax", "alias refers to an anchor that is not complete",
                      ToPos(mark));
    }
    Attach(anchors_[anchor]);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    uint32_t index = NewNode(NodeKind::kScalar, mark);
    YamlDocument::NodeData& n = doc_.nodes_[index];
    n.quoted = tag == "!";
    size_t p = static_cast<size_t>(std::max(mark.pos, 0));
    n.block = p < chunk_.size() && (chunk_[p] == '|' || chunk_[p] == '>');
    n.value = value;
    if (n.block) n.last_line += static_cast<uint32_t>(std::count(value.begin(), value.end(), '\n'));
    expanded_.push_back(1);
    Complete(index, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(NodeKind::kSequence, mark, anchor);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(NodeKind::kMap, mark, anchor);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    uint32_t node;
    YAML::anchor_t anchor;
    std::vector<uint32_t> children;
  };

  Pos ToPos(const YAML::Mark& mark) const {
    return Pos{static_cast<uint32_t>(std::max(mark.line, 0)) + line_offset_,
               static_cast<uint32_t>(std::max(mark.column, 0)) + 1};
  }

  uint32_t NewNode(NodeKind kind, const YAML::Mark& mark) {
    if (++*file_nodes_ > limits_.max_nodes) {
      throw BuildStop("yaml.limit", fmt::format("more than {} nodes in one file", limits_.max_nodes),
                      ToPos(mark));
    }
    YamlDocument::NodeData n;
    n.kind = kind;
    n.pos = ToPos(mark);
    n.last_line = n.pos.line;
    doc_.nodes_.push_back(std::move(n));
    return static_cast<uint32_t>(doc_.nodes_.size() - 1);
  }

  void Open(NodeKind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    uint32_t index = NewNode(kind, mark);
    expanded_.push_back(1);
    stack_.push_back(Frame{index, anchor, {}});
  }

  void Close() {
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
      if (total > limits_.max_expanded_nodes) {
        throw BuildStop("yaml.alias_expansion",
                        fmt::format("the document expands to more than {} nodes through "
                                    "aliases (billion-laughs input?)",
                                    limits_.max_expanded_nodes),
                        n.pos);
      }
    }
    expanded_[frame.node] = total;
    Complete(frame.node, frame.anchor);
  }

  // A node is finished: remember its anchor and hang it under its parent.
  void Complete(uint32_t index, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      if (anchor >= anchors_.size()) anchors_.resize(anchor + 1, UINT32_MAX);
      anchors_[anchor] = index;
    }
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
  std::string_view chunk_;
  uint32_t line_offset_;
  const YamlLimits& limits_;
  uint64_t* file_nodes_;
  std::vector<Frame> stack_;
  std::vector<uint64_t> expanded_;
  std::vector<uint32_t> anchors_;
};

Diagnostic MakeDiagnostic(std::string_view path, std::string code, Pos pos, std::string message,
                          Severity severity = Severity::kMedium) {
  Diagnostic d;
  d.code = std::move(code);
  d.path = std::string(path);
  d.line = pos.line;
  d.column = pos.column;
  d.message = std::move(message);
  d.severity = severity;
  return d;
}

}  // namespace

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
  auto seen = [&out](std::string_view key) {
    return std::any_of(out.begin(), out.end(), [key](const Entry& e) { return e.key == key; });
  };
  std::vector<Node> merges;
  for (uint32_t i = 0; i + 1 < n.child_count; i += 2) {
    const auto& k = doc_->nodes_[doc_->children_[n.first_child + i]];
    Node value(doc_, doc_->children_[n.first_child + i + 1]);
    std::string_view key = k.kind == NodeKind::kScalar ? std::string_view(k.value) : "";
    if (key == "<<" && !k.quoted) {
      merges.push_back(value);
      continue;
    }
    if (merge_depth > 0 && seen(key)) continue;
    out.push_back(Entry{key, k.pos, value});
  }
  if (merge_depth >= kMaxMergeDepth) return;
  for (const Node& m : merges) {
    if (m.IsMap()) {
      m.CollectEntries(out, merge_depth + 1);
    } else if (m.IsSequence()) {
      for (const Node& e : m.Elements()) e.CollectEntries(out, merge_depth + 1);
    }
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
    if (uint32_t deep = FindTooDeep(chunk.text, limits.max_depth)) {
      out.diagnostics.push_back(MakeDiagnostic(
          path, "yaml.depth", Pos{chunk.first_line + deep - 1, 1},
          fmt::format("document {} nests deeper than {} levels; not parsed", doc_index + 1,
                      limits.max_depth)));
      continue;
    }
    std::istringstream in{std::string(chunk.text)};
    try {
      YAML::Parser parser(in);
      auto doc = std::make_unique<YamlDocument>();
      doc->index_ = doc_index;
      Builder builder(*doc, chunk.text, chunk.first_line, limits, &file_nodes);
      if (parser.HandleNextDocument(builder)) {
        doc->first_line_ = chunk.first_line;
        doc->last_line_ =
            chunk.first_line +
            static_cast<uint32_t>(std::count(chunk.text.begin(), chunk.text.end(), '\n'));
        // A chunk holds one document (documents are split at their markers above). yaml-cpp
        // reports stray text after a complete node (`{a},""`) as further documents without
        // consuming it, so asking again could loop forever: the stray text is reported instead.
        YamlDocument rest;
        Builder rest_builder(rest, chunk.text, chunk.first_line, limits, &file_nodes);
        if (parser.HandleNextDocument(rest_builder) && rest.root_ != UINT32_MAX) {
          out.diagnostics.push_back(MakeDiagnostic(
              path, "yaml.syntax", rest.nodes_[rest.root_].pos,
              fmt::format("document {}: unexpected content after the end of the document; it "
                          "is ignored",
                          doc_index + 1)));
        }
        if (doc->root_ != UINT32_MAX) out.documents.push_back(std::move(doc));
      }
    } catch (const BuildStop& stop) {
      out.diagnostics.push_back(MakeDiagnostic(path, stop.code, stop.pos, stop.message));
      if (stop.code == "yaml.limit") break;
    } catch (const YAML::Exception& e) {
      Pos pos{chunk.first_line + static_cast<uint32_t>(std::max(e.mark.line, 0)),
              static_cast<uint32_t>(std::max(e.mark.column, 0)) + 1};
      if (e.mark.line < 0) pos = Pos{chunk.first_line, 0};
      // An error found at the end of the text (an unclosed flow, say) belongs to its last line.
      uint32_t newlines =
          static_cast<uint32_t>(std::count(chunk.text.begin(), chunk.text.end(), '\n'));
      uint32_t last = chunk.first_line + newlines - (chunk.text.ends_with('\n') ? 1 : 0);
      if (pos.line > last) pos = Pos{last, 0};
      out.diagnostics.push_back(MakeDiagnostic(
          path, "yaml.syntax", pos,
          fmt::format("document {}: {}; the document is skipped", doc_index + 1,
                      Excerpt(e.msg, 200))));
    } catch (const std::exception& e) {
      out.diagnostics.push_back(MakeDiagnostic(
          path, "yaml.syntax", Pos{chunk.first_line, 0},
          fmt::format("document {} could not be read ({}); the document is skipped",
                      doc_index + 1, Excerpt(e.what(), 200))));
    }
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
