// The terminal / CI-log table: a header naming the artifact, then one section per finding kind
// present (for `sbom`, the packages), each with a one-line severity summary, then a short
// diagnostics summary. Every string from the report is made inert for a terminal first
// (control and bidirectional-override characters are shown escaped), so a hostile package
// name cannot move the cursor, recolour or reorder the output.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "core/strings.h"
#include "report/formats.h"
#include "report/report_view.h"

namespace portcullis {

namespace {

constexpr size_t kDefaultWidth = 120;
constexpr size_t kMinFillWidth = 24;
constexpr size_t kReadableWidth = 40;  // titles and messages keep this much when they can
constexpr size_t kMinColumnWidth = 8;
constexpr size_t kNoteIndent = 4;
constexpr size_t kDiagnosticsShown = 5;
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kAlert = "\x1b[1;31m";

// Code point of the valid UTF-8 sequence starting at s[i] (SanitizeUtf8 output), and its length.
std::pair<uint32_t, size_t> Decode(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return {c, 1};
  if ((c & 0xE0) == 0xC0) return {((c & 0x1Fu) << 6) | (b(i + 1) & 0x3Fu), 2};
  if ((c & 0xF0) == 0xE0) {
    return {((c & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu), 3};
  }
  return {((c & 0x07u) << 18) | ((b(i + 1) & 0x3Fu) << 12) | ((b(i + 2) & 0x3Fu) << 6) |
              (b(i + 3) & 0x3Fu),
          4};
}

bool IsBidiControl(uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string TerminalSafe(std::string_view s) {
  std::string clean = SanitizeUtf8(s);
  std::string out;
  out.reserve(clean.size());
  for (size_t i = 0; i < clean.size();) {
    auto [cp, len] = Decode(clean, i);
    if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02x}", cp);
    } else if ((cp >= 0x80 && cp <= 0x9F) || IsBidiControl(cp)) {
      out += fmt::format("\\u{{{:04x}}}", cp);
    } else {
      out.append(clean, i, len);
    }
    i += len;
  }
  return out;
}

namespace {

// Columns a terminal gives `s` (code points; `s` is TerminalSafe output).
size_t DisplayWidth(std::string_view s) {
  return static_cast<size_t>(std::ranges::count_if(
      s, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string Fit(const std::string& s, size_t width) {
  if (DisplayWidth(s) <= width) return s;
  return Excerpt(s, width > 3 ? width - 3 : 1);
}

std::string_view SeverityColor(Severity s) {
  switch (s) {
    case Severity::kCritical: return "\x1b[1;31m";
    case Severity::kHigh: return "\x1b[31m";
    case Severity::kMedium: return "\x1b[33m";
    case Severity::kLow: return "\x1b[34m";
    default: return "\x1b[2m";
  }
}

struct Cell {
  std::string text;           // TerminalSafe
  std::string_view color;     // "" = none
};

Cell Plain(std::string_view s) { return {TerminalSafe(s), ""}; }
Cell Sev(Severity s) { return {std::string(SeverityName(s)), SeverityColor(s)}; }

struct Column {
  std::string header;
  size_t cap;                     // never wider than this
  size_t floor = kMinColumnWidth;  // narrowed to fit the line, never below this (or content)
};

// A table whose column widths come from its content: each column as wide as its widest cell
// up to its cap; the last column takes what is left of the line width and its cells are cut to
// fit. When the line is too narrow, the other columns are narrowed (widest first, down to their
// floors) so that the last one keeps `min_fill`; a line only overflows when the floors and
// kMinFillWidth together do not fit.
class TextTable {
 public:
  TextTable(std::vector<Column> columns, const WriteOptions& options,
            size_t min_fill = kMinFillWidth)
      : columns_(std::move(columns)), options_(options), min_fill_(min_fill) {}

  void AddRow(std::vector<Cell> row) { rows_.push_back(std::move(row)); }
  // A line printed under the last row, indented to the last column.
  void AddNote(std::string text) { notes_[rows_.size() - 1] = TerminalSafe(text); }

  std::string Render() const {
    size_t n = columns_.size();
    std::vector<size_t> width(n);
    for (size_t c = 0; c < n; ++c) {
      width[c] = columns_[c].header.size();
      for (const auto& row : rows_) width[c] = std::max(width[c], DisplayWidth(row[c].text));
      width[c] = std::min(width[c], columns_[c].cap);
    }
    size_t line_width = options_.width > 0 ? options_.width : kDefaultWidth;
    size_t used = 0;
    for (size_t c = 0; c + 1 < n; ++c) used += width[c] + 2;
    // Too wide: narrow the widest of the other columns, one column at a time; then let the
    // last column give up its extra room.
    size_t min_fill = min_fill_;
    while (used + min_fill > line_width) {
      size_t widest = n;
      for (size_t c = 0; c + 1 < n; ++c) {
        size_t floor = std::max(columns_[c].header.size(), columns_[c].floor);
        if (width[c] > floor && (widest == n || width[c] > width[widest])) widest = c;
      }
      if (widest != n) {
        --width[widest];
        --used;
      } else if (min_fill > kMinFillWidth) {
        --min_fill;
      } else {
        break;
      }
    }
    size_t fill = used + min_fill < line_width ? line_width - used : min_fill;
    width[n - 1] = std::min(width[n - 1], fill);

    std::string out;
    std::vector<Cell> header;
    for (const auto& col : columns_) header.push_back({col.header, ""});
    RenderRow(header, width, out, true);
    for (size_t r = 0; r < rows_.size(); ++r) {
      RenderRow(rows_[r], width, out, false);
      if (auto it = notes_.find(r); it != notes_.end()) {
        // Under the last column when it leaves room for a readable message, else indented.
        size_t indent = used + 2 * kMinFillWidth <= line_width ? used : kNoteIndent;
        size_t room = line_width > indent + kMinFillWidth ? line_width - indent : kMinFillWidth;
        out += std::string(indent, ' ') + Fit(it->second, room) + "\n";
      }
    }
    return out;
  }

 private:
  void RenderRow(const std::vector<Cell>& row, const std::vector<size_t>& width, std::string& out,
                 bool header) const {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      std::string text = Fit(row[c].text, width[c]);
      bool last = c + 1 == row.size();
      size_t shown = DisplayWidth(text);
      std::string pad = last ? "" : std::string((width[c] > shown ? width[c] - shown : 0) + 2, ' ');
      std::string_view color = header ? kBold : row[c].color;
      if (options_.color && !color.empty() && !text.empty()) {
        line += std::string(color) + text + std::string(kReset) + pad;
      } else {
        line += text + pad;
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }

  std::vector<Column> columns_;
  const WriteOptions& options_;
  std::vector<std::vector<Cell>> rows_;
  std::map<size_t, std::string> notes_;
  size_t min_fill_;
};

template <typename T>
std::string Summary(std::string_view title, const std::vector<const T*>& items,
                    const WriteOptions& options) {
  std::map<Severity, size_t> counts;
  for (const T* i : items) ++counts[i->severity];
  std::vector<std::string> parts;
  for (auto it = counts.rbegin(); it != counts.rend(); ++it) {
    parts.push_back(fmt::format("{} {}", SeverityName(it->first), it->second));
  }
  std::string head = options.color ? fmt::format("{}{}{}", kBold, title, kReset)
                                   : std::string(title);
  return fmt::format("{}: {} ({})\n", head, items.size(), Join(parts, ", "));
}

std::string Header(const Report& report, const WriteOptions& options) {
  const Artifact& a = report.artifact;
  std::string out = "portcullis";
  if (!options.command.empty()) out += " " + TerminalSafe(options.command);
  if (!a.name.empty()) out += ": " + TerminalSafe(a.name);
  if (!a.type.empty()) out += " (" + TerminalSafe(a.type) + ")";
  out += "\n";
  auto field = [&](std::string_view label, const std::string& value) {
    if (!value.empty()) out += fmt::format("  {:<9} {}\n", label, value);
  };
  field("Digest", TerminalSafe(a.digest));
  if (!a.repo_tags.empty()) field("Tags", TerminalSafe(Join(a.repo_tags, ", ")));
  field("Platform", TerminalSafe(a.platform));
  if (report.os) {
    const OsInfo& os = *report.os;
    std::string text = TerminalSafe(Trim(os.family + " " + os.version));
    if (!os.name.empty()) text += " (" + TerminalSafe(os.name) + ")";
    if (os.eol) {
      std::string eol = "EOL" + (os.eol_date.empty() ? "" : " since " + TerminalSafe(os.eol_date)) +
                        ": no more security updates";
      text += "  " + (options.color ? fmt::format("{}{}{}", kAlert, eol, kReset) : eol);
    }
    field("OS", text);
  }
  std::vector<std::string> counts;
  auto count = [](size_t n, std::string_view noun) {
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
  };
  if (!a.layers.empty()) counts.push_back(count(a.layers.size(), "layer"));
  if (!report.packages.empty() || options.command == "sbom" || options.command == "image" ||
      options.command == "fs") {
    counts.push_back(count(report.packages.size(), "package"));
  }
  if (!counts.empty()) field("Contents", Join(counts, ", "));
  return out;
}

std::string PackagesSection(const ReportView& view, const WriteOptions& options) {
  std::vector<const Package*> packages = view.packages();
  std::string out = fmt::format("\n{}Packages: {}{}\n", options.color ? kBold : "",
                                packages.size(), options.color ? kReset : "");
  if (packages.empty()) return out;
  TextTable table({{"NAME", 40, 20}, {"VERSION", 32, 20}, {"ARCH", 8}, {"SOURCE", 40, 16},
                   {"ECOSYSTEM", 24}},
                  options);
  for (const Package* p : packages) {
    std::string source = p->source_name;
    if (!p->source_version.empty() && p->source_version != p->version) {
      source += " " + p->source_version;
    }
    table.AddRow({Plain(p->name), Plain(p->version), Plain(p->arch), Plain(source),
                  Plain(p->ecosystem)});
  }
  return out + table.Render();
}

std::string VulnerabilitySection(const ReportView& view, const WriteOptions& options) {
  const auto& vulns = view.vulnerabilities();
  // Group by package and installed version; groups by their worst severity, then name.
  std::map<std::pair<std::string, std::string>, std::vector<const Vulnerability*>> groups;
  for (const Vulnerability* v : vulns) groups[{v->package, v->installed_version}].push_back(v);
  std::vector<std::pair<Severity, const std::vector<const Vulnerability*>*>> ordered;
  for (const auto& [key, group] : groups) ordered.emplace_back(group.front()->severity, &group);
  std::ranges::sort(ordered, [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    const Vulnerability& x = *a.second->front();
    const Vulnerability& y = *b.second->front();
    return std::tie(x.package, x.installed_version) < std::tie(y.package, y.installed_version);
  });

  // Versions and ids keep room for their usual lengths ("3.0.11-1~deb12u2",
  // "GHSA-j8r2-6x86-q33q"); the title gives way first.
  TextTable table({{"PACKAGE", 28, 16}, {"INSTALLED", 24, 18}, {"FIXED", 24, 18}, {"ID", 22, 19},
                   {"SEVERITY", 8},
                   {"TITLE", 200}},
                  options, kReadableWidth);
  for (const auto& [severity, group] : ordered) {
    bool first = true;
    for (const Vulnerability* v : *group) {
      std::string fixed = !v->fixed_version.empty() ? v->fixed_version
                          : !v->status.empty()      ? "(" + v->status + ")"
                                                    : "-";
      std::string title = !v->title.empty() ? v->title : Excerpt(v->description, 200);
      table.AddRow({first ? Plain(v->package) : Cell{}, first ? Plain(v->installed_version) : Cell{},
                    Plain(fixed), Plain(v->id), Sev(v->severity), Plain(title)});
      first = false;
    }
  }
  return "\n" + Summary("Vulnerabilities", vulns, options) + table.Render();
}

std::string SecretSection(const ReportView& view, const WriteOptions& options) {
  const auto& secrets = view.secrets();
  TextTable table(
      {{"RULE", 32}, {"SEVERITY", 8}, {"LOCATION", 60}, {"LAYER", 12}, {"STATUS", 60}}, options);
  size_t deleted = 0;
  for (const SecretFinding* s : secrets) {
    std::string location = s->line > 0 ? fmt::format("{}:{}", s->path, s->line) : s->path;
    Cell status;
    if (s->deleted_in_later_layer) {
      ++deleted;
      std::string text = "DELETED in later layer";
      if (!s->deleted_in_layer.empty()) text += " " + ShortDigest(s->deleted_in_layer);
      text += ", still in image";
      status = {TerminalSafe(text), kAlert};
    }
    table.AddRow({Plain(s->rule_id), Sev(s->severity), Plain(location), Plain(ShortDigest(s->layer)),
                  status});
  }
  std::string out = "\n" + Summary("Secrets", secrets, options) + table.Render();
  if (deleted > 0) {
    std::string note =
        deleted == 1
            ? "1 secret is in a file that a later layer deleted: the earlier layer still ships "
              "it. Rotate it."
            : fmt::format("{} secrets are in files that a later layer deleted: the earlier layers "
                          "still ship them. Rotate them.",
                          deleted);
    out += options.color ? fmt::format("{}{}{}\n", kAlert, note, kReset) : note + "\n";
  }
  return out;
}

std::string MisconfigurationSection(const ReportView& view, const WriteOptions& options) {
  const auto& misconfigs = view.misconfigurations();
  TextTable table({{"ID", 16, 10}, {"SEVERITY", 8}, {"LOCATION", 48, 20}, {"TITLE", 200}}, options,
                  kReadableWidth);
  for (const Misconfiguration* m : misconfigs) {
    std::string where = !m->path.empty() ? m->path : !m->target.empty() ? m->target : m->resource;
    std::string location = m->line > 0 ? fmt::format("{}:{}", where, m->line) : where;
    table.AddRow({Plain(m->id), Sev(m->severity), Plain(location), Plain(m->title)});
    std::string message = m->message;
    if (!m->resource.empty() && m->resource != where) {
      message = m->resource + (message.empty() ? "" : ": " + message);
    }
    if (!message.empty()) table.AddNote(message);
  }
  return "\n" + Summary("Misconfigurations", misconfigs, options) + table.Render();
}

std::string DiagnosticSection(const ReportView& view, const WriteOptions& options) {
  const auto& diagnostics = view.diagnostics();
  std::string out = fmt::format(
      "\n{}Diagnostics: {}{} (input that could not be fully read{})\n",
      options.color ? kBold : "", diagnostics.size(), options.color ? kReset : "",
      diagnostics.size() > kDiagnosticsShown
          ? fmt::format("; first {} shown, --format json lists all", kDiagnosticsShown)
          : "");
  TextTable table({{"SEVERITY", 8}, {"CODE", 32, 16}, {"LOCATION", 60, 20}, {"MESSAGE", 200}},
                  options,
                  kReadableWidth);
  for (size_t i = 0; i < diagnostics.size() && i < kDiagnosticsShown; ++i) {
    const Diagnostic& d = *diagnostics[i];
    std::string location = d.path;
    if (d.line > 0) location += fmt::format(":{}", d.line);
    if (d.line > 0 && d.column > 0) location += fmt::format(":{}", d.column);
    table.AddRow({Sev(d.severity), Plain(d.code), Plain(location), Plain(d.message)});
  }
  return out + table.Render();
}

}  // namespace

std::string WriteTable(const Report& report, const WriteOptions& options) {
  ReportView view(report);
  std::string out = Header(report, options);
  if (options.command == "sbom") out += PackagesSection(view, options);
  if (!report.vulnerabilities.empty()) out += VulnerabilitySection(view, options);
  if (!report.secrets.empty()) out += SecretSection(view, options);
  if (!report.misconfigurations.empty()) out += MisconfigurationSection(view, options);
  if (options.command != "sbom" && report.vulnerabilities.empty() && report.secrets.empty() &&
      report.misconfigurations.empty()) {
    out += "\nNo findings";
    if (!report.scanners.empty()) out += " (scanners: " + TerminalSafe(Join(report.scanners, ", ")) + ")";
    out += ".\n";
  }
  if (!report.diagnostics.empty()) out += DiagnosticSection(view, options);
  return out;
}

}  // namespace portcullis
