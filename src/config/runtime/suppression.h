// Inline suppression comments for runtime-configuration findings:
//
//   # portcullis ignore=PC-RT-009,PC-RT-010
//
// A comment on a line of its own applies to the YAML node (or shell command) that starts on
// the next non-comment line, with everything nested in it: above a document's first key it
// covers the whole document, above `- name: web` the whole container. A comment at the end of
// a line applies to the node or command starting on that line. Ids are rule ids or any of
// their aliases (KSV-0014, CIS 5.13), case-insensitive; at most 10,000 comments per file are
// read. One object per file; build on one thread, then query from any.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/runtime/document.h"
#include "portcullis/model/finding.h"

namespace portcullis::runtime {

class Suppressions {
 public:
  // Finds the suppression comments of `text`.
  static Suppressions Scan(std::string_view text);

  bool empty() const { return comments_.empty(); }

  // Registers a node or command that spans lines [first, last].
  void AddSpan(uint32_t first, uint32_t last);
  // Registers every map, sequence and map entry of `stream`.
  void AddYamlSpans(const YamlStream& stream);

  // True when a comment covers `finding`'s line and names its id or an alias.
  bool Suppresses(const Misconfiguration& finding) const;

 private:
  struct Comment {
    uint32_t line = 0;         // the line the comment applies to (trailing: its own line)
    std::vector<std::string> ids;  // lower case
  };
  uint32_t SpanEnd(uint32_t line) const;

  std::vector<Comment> comments_;
  std::map<uint32_t, uint32_t> span_end_;
};

}  // namespace portcullis::runtime
