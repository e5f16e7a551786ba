#include "config/runtime/suppression.h"

#include <algorithm>
#include <unordered_set>

#include "core/strings.h"

namespace portcullis::runtime {
namespace {

constexpr std::string_view kMarker = "portcullis ignore=";
// Comments read per file; past it the rest are ignored (keeps matching linear in practice).
constexpr size_t kMaxComments = 10'000;

// Spans: the root node and every sequence element (a whole document, a whole container), and
// every map entry (key line to the end of its value). A nested map or sequence as such starts
// at its first entry, so it adds no span of its own: a comment above that entry covers only it.
void WalkSpans(const Node& node, bool whole, std::unordered_set<uint32_t>& seen,
               Suppressions& out, int depth) {
  if (!node || depth > 200 || (!node.IsMap() && !node.IsSequence())) return;
  if (whole) out.AddSpan(node.pos().line, node.last_line());
  if (!seen.insert(node.id()).second) return;
  if (node.IsSequence()) {
    for (const Node& e : node.Elements()) WalkSpans(e, true, seen, out, depth + 1);
    return;
  }
  for (const auto& e : node.Entries()) {
    out.AddSpan(e.key_pos.line, std::max(e.key_pos.line, e.value.last_line()));
    WalkSpans(e.value, false, seen, out, depth + 1);
  }
}

}  // namespace

Suppressions Suppressions::Scan(std::string_view text) {
  Suppressions out;
  if (text.find(kMarker) == std::string_view::npos) return out;
  std::vector<std::string_view> lines = Split(text, '\n');
  std::vector<std::pair<size_t, std::vector<std::string>>> pending;  // own-line comments
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::string_view trimmed = Trim(line);
    bool comment_only = trimmed.starts_with("#");
    bool blank = trimmed.empty();
    if (!comment_only && !blank) {
      for (auto& [line_index, ids] : pending) {
        out.comments_.push_back(Comment{static_cast<uint32_t>(i + 1), std::move(ids)});
      }
      pending.clear();
    }
    size_t at = line.find(kMarker);
    if (at == std::string_view::npos || out.comments_.size() + pending.size() >= kMaxComments) {
      continue;
    }
    size_t hash = line.rfind('#', at);
    if (hash == std::string_view::npos) continue;
    std::string_view rest = line.substr(at + kMarker.size());
    size_t end = rest.find_first_of(" \t\r");
    std::vector<std::string> ids;
    for (std::string_view id : Split(rest.substr(0, end), ',')) {
      id = Trim(id);
      if (!id.empty()) ids.push_back(ToLower(id));
    }
    if (ids.empty()) continue;
    if (comment_only) {
      pending.emplace_back(i, std::move(ids));
    } else {
      out.comments_.push_back(Comment{static_cast<uint32_t>(i + 1), std::move(ids)});
    }
  }
  return out;
}

void Suppressions::AddSpan(uint32_t first, uint32_t last) {
  if (first == 0) return;
  uint32_t& end = span_end_[first];
  end = std::max({end, first, last});
}

void Suppressions::AddYamlSpans(const YamlStream& stream) {
  if (empty()) return;
  for (const auto& doc : stream.documents) {
    std::unordered_set<uint32_t> seen;
    WalkSpans(doc->Root(), true, seen, *this, 0);
  }
}

uint32_t Suppressions::SpanEnd(uint32_t line) const {
  auto it = span_end_.find(line);
  return it == span_end_.end() ? line : it->second;
}

bool Suppressions::Suppresses(const Misconfiguration& f) const {
  if (comments_.empty() || f.line == 0) return false;
  std::string id = ToLower(f.id);
  for (const Comment& c : comments_) {
    if (f.line < c.line || f.line > SpanEnd(c.line)) continue;
    for (const std::string& cid : c.ids) {
      if (cid == id) return true;
      for (const std::string& alias : f.aliases) {
        if (EqualsIgnoreCase(alias, cid)) return true;
      }
    }
  }
  return false;
}

}  // namespace portcullis::runtime
