// The Dockerfile parser (dockerfile.h).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "config/dockerfile/dockerfile.h"
#include "core/strings.h"

namespace portcullis::dockerfile {

namespace {

constexpr std::array<std::string_view, 18> kKeywords = {
    "ADD",    "ARG",   "CMD",         "COPY",  "ENTRYPOINT", "ENV",
    "EXPOSE", "FROM",  "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD",
    "RUN",    "SHELL", "STOPSIGNAL",  "USER",  "VOLUME",     "WORKDIR"};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  return s;
}
std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string ToUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Splits at unquoted whitespace, keeping quotes and escapes (BuildKit's parseWords).
std::vector<std::string> SplitRawWords(std::string_view s, char escape) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote == 0 && IsSpace(c)) {
      if (in_word) words.push_back(std::move(cur));
      cur.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    cur.push_back(c);
    if (c == escape && i + 1 < s.size() && quote != '\'') {
      cur.push_back(s[++i]);
      continue;
    }
    if (quote == 0 && (c == '"' || c == '\'')) {
      quote = c;
    } else if (c == quote) {
      quote = 0;
    }
  }
  if (in_word) words.push_back(std::move(cur));
  return words;
}

// Parses a JSON array of strings; nullopt when `s` is not exactly one.
std::optional<std::vector<std::string>> ParseJsonStringArray(std::string_view s) {
  size_t i = 0;
  auto skip = [&] {
    while (i < s.size() && (IsSpace(s[i]) || s[i] == '\n')) ++i;
  };
  skip();
  if (i >= s.size() || s[i] != '[') return std::nullopt;
  ++i;
  std::vector<std::string> out;
  skip();
  if (i < s.size() && s[i] == ']') {
    ++i;
    skip();
    return i == s.size() ? std::optional(out) : std::nullopt;
  }
  while (true) {
    skip();
    if (i >= s.size() || s[i] != '"') return std::nullopt;
    ++i;
    std::string v;
    while (true) {
      if (i >= s.size()) return std::nullopt;
      char c = s[i++];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') {
        v.push_back(c);
        continue;
      }
      if (i >= s.size()) return std::nullopt;
      char e = s[i++];
      switch (e) {
        case '"':
          v.push_back('"');
          break;
        case '\\':
          v.push_back('\\');
          break;
        case '/':
          v.push_back('/');
          break;
        case 'b':
          v.push_back('\b');
          break;
        case 'f':
          v.push_back('\f');
          break;
        case 'n':
          v.push_back('\n');
          break;
        case 'r':
          v.push_back('\r');
          break;
        case 't':
          v.push_back('\t');
          break;
        case 'u': {
          if (i + 4 > s.size()) return std::nullopt;
          unsigned cp = 0;
          for (int k = 0; k < 4; ++k) {
            char h = s[i++];
            cp <<= 4;
            if (h >= '0' && h <= '9')
              cp |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f')
              cp |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
              cp |= static_cast<unsigned>(h - 'A' + 10);
            else
              return std::nullopt;
          }
          if (cp < 0x80) {
            v.push_back(static_cast<char>(cp));
          } else if (cp < 0x800) {
            v.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            v.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else {
            v.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            v.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            v.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          }
          break;
        }
        default:
          return std::nullopt;
      }
    }
    out.push_back(std::move(v));
    skip();
    if (i < s.size() && s[i] == ',') {
      ++i;
      continue;
    }
    if (i < s.size() && s[i] == ']') {
      ++i;
      skip();
      if (i != s.size()) return std::nullopt;
      return out;
    }
    return std::nullopt;
  }
}

// A here-document marker found on an instruction line.
struct Marker {
  std::string delimiter;
  bool strip_tabs = false;
  bool quoted = false;
};

// Finds `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` outside quotes (not `<<<`).
std::vector<Marker> FindHeredocMarkers(std::string_view s) {
  std::vector<Marker> out;
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
      continue;
    }
    if (c != '<' || i + 1 >= s.size() || s[i + 1] != '<') continue;
    if ((i > 0 && s[i - 1] == '<') || (i + 2 < s.size() && s[i + 2] == '<')) {
      while (i < s.size() && s[i] == '<') ++i;
      continue;
    }
    size_t j = i + 2;
    Marker m;
    if (j < s.size() && s[j] == '-') {
      m.strip_tabs = true;
      ++j;
    }
    char q = 0;
    if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
      q = s[j++];
      m.quoted = true;
    }
    size_t start = j;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' ||
                            s[j] == '-' || s[j] == '.')) {
      ++j;
    }
    if (j == start) continue;
    if (q) {
      if (j >= s.size() || s[j] != q) continue;
      ++j;
    }
    m.delimiter = std::string(s.substr(start, j - start - (q ? 1 : 0)));
    out.push_back(std::move(m));
    i = j - 1;
  }
  return out;
}

bool ParseIgnorePragma(std::string_view comment, std::vector<std::string>& ids, bool& global) {
  std::string_view s = Trim(comment);
  std::string_view tool;
  for (std::string_view t : {"hadolint", "portcullis"}) {
    if (s.size() > t.size() && EqualsIgnoreCase(s.substr(0, t.size()), t) && IsSpace(s[t.size()])) {
      tool = t;
    }
  }
  if (tool.empty()) return false;
  s = TrimLeft(s.substr(tool.size()));
  global = false;
  if (s.starts_with("global") && s.size() > 6 && IsSpace(s[6])) {
    global = true;
    s = TrimLeft(s.substr(6));
  }
  if (!s.starts_with("ignore")) return false;
  s = TrimLeft(s.substr(6));
  if (s.empty() || s.front() != '=') return false;
  s = s.substr(1);
  for (auto part : Split(s, ',')) {
    part = Trim(part);
    size_t space = part.find_first_of(" \t");
    if (space != std::string_view::npos) part = part.substr(0, space);
    if (!part.empty()) ids.push_back(ToUpper(part));
  }
  return true;
}

class Parser {
 public:
  Parser(std::string_view content, std::string path) {
    df_.path = std::move(path);
    if (content.size() > kMaxDockerfileBytes) {
      Diag("dockerfile.too_large", 0, 0,
           fmt::format("file is {} bytes; only the first {} are read", content.size(),
                       kMaxDockerfileBytes));
      content = content.substr(0, kMaxDockerfileBytes);
    }
    size_t start = 0;
    while (start <= content.size()) {
      size_t nl = content.find('\n', start);
      size_t end = nl == std::string_view::npos ? content.size() : nl;
      std::string_view line = content.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (nl == std::string_view::npos && line.empty() && start == content.size() && start != 0) {
        break;
      }
      df_.lines.emplace_back(line);
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
  }

  Dockerfile Run();

 private:
  void Diag(std::string code, uint64_t line, uint64_t column, std::string message,
            Severity severity = Severity::kMedium) {
    if (df_.diagnostics.size() >= 1000) return;
    Diagnostic d;
    d.code = std::move(code);
    d.path = df_.path;
    d.line = line;
    d.column = column;
    d.message = std::move(message);
    d.severity = severity;
    df_.diagnostics.push_back(std::move(d));
  }

  size_t ReadDirectives();
  // Parses the logical instruction `text` starting at physical line `line` (0-based index).
  // Returns false when the keyword is unknown.
  bool ParseInstruction(std::string_view text, size_t line, uint64_t column, Instruction& inst,
                        bool nested);
  void ParseFlags(Instruction& inst);
  void ParseArgs(Instruction& inst, size_t line, uint64_t column);
  void ParsePairs(Instruction& inst, bool legacy_allowed, size_t line, const Env& env);
  void ExpandArgs(Instruction& inst, std::vector<std::string> raw, const Env& env);
  void CheckJson(Instruction& inst, size_t line, uint64_t column);
  void ApplyToState(Instruction& inst, size_t index);
  Env& CurrentEnv() { return df_.stages.empty() ? global_env_ : stage_envs_.back(); }

  Dockerfile df_;
  Env global_env_;               // ARGs with defaults declared before the first FROM
  std::vector<Env> stage_envs_;  // the environment in force in each stage
};

size_t Parser::ReadDirectives() {
  size_t i = 0;
  for (; i < df_.lines.size(); ++i) {
    std::string_view s = Trim(df_.lines[i]);
    if (s.empty() || s.front() != '#') break;
    s = Trim(s.substr(1));
    size_t eq = s.find('=');
    if (eq == std::string_view::npos) break;
    std::string key = ToLower(Trim(s.substr(0, eq)));
    if (key != "syntax" && key != "escape" && key != "check") break;
    if (df_.directives.contains(key)) {
      Diag("dockerfile.duplicate_directive", i + 1, 1,
           fmt::format("parser directive '{}' is given twice; the first one is used", key));
      continue;
    }
    std::string value(Trim(s.substr(eq + 1)));
    if (key == "escape") {
      if (value == "\\" || value == "`") {
        df_.escape = value[0];
      } else {
        Diag("dockerfile.bad_escape", i + 1, 1,
             fmt::format("escape directive must be '\\' or '`', not '{}'", Excerpt(value, 20)));
      }
    }
    df_.directives[key] = std::move(value);
  }
  return i;
}

void Parser::ParseFlags(Instruction& inst) {
  std::string_view rest = TrimLeft(inst.rest);
  while (rest.starts_with("--") && inst.flags.size() < 64) {
    size_t end = 0;
    char quote = 0;
    while (end < rest.size() && (quote || !IsSpace(rest[end]))) {
      if (quote && rest[end] == quote) {
        quote = 0;
      } else if (!quote && (rest[end] == '"' || rest[end] == '\'')) {
        quote = rest[end];
      }
      ++end;
    }
    std::string_view word = rest.substr(2, end - 2);
    Flag f;
    size_t eq = word.find('=');
    f.name = ToLower(word.substr(0, eq));
    if (eq != std::string_view::npos) {
      f.has_value = true;
      f.raw = std::string(word.substr(eq + 1));
      f.value = ExpandWord(f.raw, CurrentEnv(), df_.escape).value;
    }
    inst.flags.push_back(std::move(f));
    rest = TrimLeft(rest.substr(end));
  }
  inst.rest = std::string(rest);
}

void Parser::CheckJson(Instruction& inst, size_t line, uint64_t column) {
  std::string_view r = Trim(inst.rest);
  if (r.empty() || r.front() != '[') return;
  if (auto arr = ParseJsonStringArray(r)) {
    inst.exec_form = true;
    inst.args = std::move(*arr);
    inst.unresolved.assign(inst.args.size(), false);
    return;
  }
  // `[ -f x ]` is a valid shell command; only text that was meant as JSON gets a diagnostic.
  std::string_view inner = TrimLeft(r.substr(1));
  bool single_quoted = !inner.empty() && inner.front() == '\'';
  bool looks_json = !inner.empty() && inner.front() == '"' &&
                    (r.back() != ']' || r.find("\",") != std::string_view::npos ||
                     r.find("\" ,") != std::string_view::npos);
  if (single_quoted || looks_json || inner.empty()) {
    Diag("dockerfile.bad_json", line + 1, column,
         fmt::format("{} argument starts like an exec-form JSON array but is not one (expected "
                     "[\"executable\", \"arg\", ...] with double quotes and a closing ']'); "
                     "Docker runs it as a shell command",
                     inst.keyword));
  }
}

void Parser::ExpandArgs(Instruction& inst, std::vector<std::string> raw, const Env& env) {
  inst.args.clear();
  inst.unresolved.clear();
  for (auto& w : raw) {
    Expansion e = ExpandWord(w, env, df_.escape);
    inst.args.push_back(std::move(e.value));
    inst.unresolved.push_back(e.unresolved);
  }
}

void Parser::ParsePairs(Instruction& inst, bool legacy_allowed, size_t line, const Env& env) {
  std::vector<std::string> words = SplitRawWords(inst.rest, df_.escape);
  if (words.empty()) {
    Diag("dockerfile.missing_arguments", line + 1, inst.column,
         fmt::format("{} needs at least one argument", inst.keyword));
    return;
  }
  if (legacy_allowed && words[0].find('=') == std::string::npos) {
    // Legacy `ENV key value with spaces`.
    KeyValue kv;
    kv.key = words[0];
    std::string_view rest = TrimLeft(TrimLeft(inst.rest).substr(words[0].size()));
    kv.raw_value = std::string(rest);
    kv.value = ExpandWord(rest, env, df_.escape).value;
    kv.has_value = words.size() > 1;
    if (!kv.has_value) {
      Diag("dockerfile.missing_value", line + 1, inst.column,
           fmt::format("{} {} has no value (expected {} NAME=value)", inst.keyword,
                       Excerpt(kv.key, 40), inst.keyword));
    }
    inst.pairs.push_back(std::move(kv));
    return;
  }
  for (const auto& w : words) {
    KeyValue kv;
    size_t eq = w.find('=');
    if (eq == std::string::npos) {
      if (inst.keyword != "ARG") {
        Diag("dockerfile.bad_pair", line + 1, inst.column,
             fmt::format("{} argument '{}' is not NAME=value", inst.keyword, Excerpt(w, 40)));
        continue;
      }
      kv.key = w;
    } else {
      kv.key = ExpandWord(std::string_view(w).substr(0, eq), env, df_.escape).value;
      kv.has_value = true;
      std::string_view raw = std::string_view(w).substr(eq + 1);
      kv.raw_value = std::string(raw);
      kv.value = ExpandWord(raw, env, df_.escape).value;
    }
    inst.pairs.push_back(std::move(kv));
  }
}

void Parser::ParseArgs(Instruction& inst, size_t line, uint64_t column) {
  const std::string& k = inst.keyword;
  const Env& env = CurrentEnv();
  if (k == "FROM" || k == "RUN" || k == "COPY" || k == "ADD" || k == "HEALTHCHECK") {
    ParseFlags(inst);
  }
  if (k == "RUN" || k == "CMD" || k == "ENTRYPOINT" || k == "SHELL") {
    CheckJson(inst, line, column);
    if (k == "SHELL" && !inst.exec_form) {
      Diag("dockerfile.bad_shell", line + 1, column,
           "SHELL must be written as a JSON array, e.g. [\"/bin/bash\", \"-c\"]");
    }
  } else if (k == "COPY" || k == "ADD" || k == "VOLUME") {
    CheckJson(inst, line, column);
    if (inst.exec_form) {
      ExpandArgs(inst, inst.args, env);
    } else {
      ExpandArgs(inst, SplitRawWords(inst.rest, df_.escape), env);
    }
  } else if (k == "FROM") {
    // Only global ARGs are visible in FROM.
    ExpandArgs(inst, SplitRawWords(inst.rest, df_.escape), global_env_);
  } else if (k == "EXPOSE") {
    ExpandArgs(inst, SplitRawWords(inst.rest, df_.escape), env);
  } else if (k == "USER" || k == "WORKDIR" || k == "STOPSIGNAL" || k == "MAINTAINER") {
    std::string_view r = Trim(inst.rest);
    if (r.empty()) {
      inst.args.clear();
    } else if (k == "MAINTAINER") {
      inst.args = {std::string(r)};
      inst.unresolved = {false};
    } else {
      ExpandArgs(inst, {std::string(r)}, env);
    }
  } else if (k == "ENV") {
    ParsePairs(inst, true, line, env);
  } else if (k == "LABEL") {
    ParsePairs(inst, false, line, env);
  } else if (k == "ARG") {
    ParsePairs(inst, false, line, env);
  } else if (k == "HEALTHCHECK") {
    std::string_view r = Trim(inst.rest);
    size_t sp = 0;
    while (sp < r.size() && !IsSpace(r[sp])) ++sp;
    std::string sub = ToUpper(r.substr(0, sp));
    inst.args = {sub};
    inst.unresolved = {false};
    inst.rest = std::string(TrimLeft(r.substr(sp)));
    if (sub == "CMD") {
      CheckJson(inst, line, column);
      if (inst.exec_form) {
        inst.args.insert(inst.args.begin(), "CMD");
        inst.unresolved.insert(inst.unresolved.begin(), false);
      }
      if (inst.rest.empty()) {
        Diag("dockerfile.missing_arguments", line + 1, column, "HEALTHCHECK CMD needs a command");
      }
    } else if (sub != "NONE") {
      Diag("dockerfile.bad_healthcheck", line + 1, column,
           fmt::format("HEALTHCHECK expects CMD or NONE, not '{}'", Excerpt(sub, 20)));
    }
  }
  bool needs_args = k != "HEALTHCHECK" && k != "ENV" && k != "LABEL" && k != "ARG";
  if (needs_args && Trim(inst.rest).empty() && inst.heredocs.empty()) {
    Diag("dockerfile.missing_arguments", line + 1, column,
         fmt::format("{} needs at least one argument", k));
  }
}

bool Parser::ParseInstruction(std::string_view text, size_t line, uint64_t column,
                              Instruction& inst, bool nested) {
  text = TrimLeft(text);
  size_t sp = 0;
  while (sp < text.size() && !IsSpace(text[sp])) ++sp;
  inst.keyword = ToUpper(text.substr(0, sp));
  inst.text = std::string(TrimRight(TrimLeft(text.substr(sp))));
  inst.rest = inst.text;
  inst.line = line + 1;
  inst.column = column;
  if (std::ranges::find(kKeywords, std::string_view(inst.keyword)) == kKeywords.end()) {
    Diag("dockerfile.unknown_instruction", line + 1, column,
         fmt::format("unknown instruction '{}' (expected one of FROM, RUN, COPY, ADD, ENV, ARG, "
                     "...); the line is skipped",
                     Excerpt(inst.keyword, 30)));
    return false;
  }
  if (inst.keyword == "ONBUILD") {
    if (nested) return true;  // ONBUILD ONBUILD: kept for the rule that reports it
    Instruction child;
    size_t offset = static_cast<size_t>(TrimLeft(text.substr(sp)).data() - text.data());
    if (ParseInstruction(inst.text, line, column + offset, child, true)) {
      child.stage = static_cast<int>(df_.stages.size()) - 1;
      inst.onbuild.push_back(std::move(child));
    }
    if (inst.text.empty()) {
      Diag("dockerfile.missing_arguments", line + 1, column, "ONBUILD needs an instruction");
    }
    return true;
  }
  ParseArgs(inst, line, column);
  return true;
}

void Parser::ApplyToState(Instruction& inst, size_t index) {
  const std::string& k = inst.keyword;
  if (k == "FROM") {
    Stage st;
    st.from = index;
    const auto& a = inst.args;
    if (a.empty()) {
      st.base = "";
    } else {
      st.base = a[0];
      st.base_unresolved = inst.unresolved[0];
      st.base_raw = SplitRawWords(inst.rest, df_.escape)[0];
    }
    if (a.size() >= 3 && EqualsIgnoreCase(a[1], "AS")) st.name = ToLower(a[2]);
    if (a.size() == 2 || (a.size() >= 3 && !EqualsIgnoreCase(a[1], "AS")) || a.size() > 3) {
      Diag("dockerfile.bad_from", inst.line, inst.column,
           "FROM expects 'image[:tag|@digest] [AS name]'");
    }
    if (const Flag* p = inst.FindFlag("platform")) st.platform = p->value;
    st.parent = df_.FindStage(st.base);
    Env env;
    if (st.parent >= 0) env = stage_envs_[static_cast<size_t>(st.parent)];
    if (!st.name.empty()) {
      df_.stage_names.emplace(st.name, static_cast<int>(df_.stages.size()));
    }
    df_.stages.push_back(std::move(st));
    stage_envs_.push_back(std::move(env));
    inst.stage = static_cast<int>(df_.stages.size()) - 1;
    return;
  }
  inst.stage = static_cast<int>(df_.stages.size()) - 1;
  if (k == "ARG") {
    Env& env = CurrentEnv();
    for (const auto& kv : inst.pairs) {
      if (kv.has_value) {
        env[kv.key] = kv.value;
      } else if (!df_.stages.empty()) {
        if (auto it = global_env_.find(kv.key); it != global_env_.end()) env[kv.key] = it->second;
      }
    }
  } else if (k == "ENV" && !df_.stages.empty()) {
    for (const auto& kv : inst.pairs) {
      if (kv.has_value) stage_envs_.back()[kv.key] = kv.value;
    }
  }
}

Dockerfile Parser::Run() {
  size_t i = ReadDirectives();
  std::vector<std::string> pending_ignores;
  const size_t n = df_.lines.size();
  const char esc = df_.escape;
  auto ends_with_escape = [esc](std::string_view s) {
    s = TrimRight(s);
    return !s.empty() && s.back() == esc;
  };
  while (i < n) {
    std::string_view raw = df_.lines[i];
    std::string_view t = TrimLeft(raw);
    if (t.empty()) {
      pending_ignores.clear();
      ++i;
      continue;
    }
    if (t.front() == '#') {
      bool global = false;
      std::vector<std::string> ids;
      if (ParseIgnorePragma(t.substr(1), ids, global)) {
        auto& into = global ? df_.global_ignores : pending_ignores;
        into.insert(into.end(), ids.begin(), ids.end());
      }
      ++i;
      continue;
    }
    if (df_.instructions.size() >= kMaxInstructions) {
      Diag("dockerfile.too_many_instructions", i + 1, 1,
           fmt::format("more than {} instructions; the rest of the file is not read",
                       kMaxInstructions));
      break;
    }
    const size_t first = i;
    const uint64_t column = raw.size() - t.size() + 1;
    std::string text;
    std::string_view cur = t;
    size_t last = i;
    while (true) {
      if (!ends_with_escape(cur)) {
        text.append(cur);
        break;
      }
      std::string_view body = TrimRight(cur);
      text.append(body.substr(0, body.size() - 1));
      size_t j = last + 1;
      // Comment lines and empty lines inside a continuation are dropped.
      while (j < n) {
        std::string_view tl = TrimLeft(df_.lines[j]);
        if (!tl.empty() && tl.front() != '#') break;
        ++j;
      }
      if (j >= n) break;
      last = j;
      cur = df_.lines[j];
    }
    i = last + 1;

    Instruction inst;
    inst.ignores = std::move(pending_ignores);
    pending_ignores.clear();
    // Here-documents: bodies start on the line after the instruction line.
    std::string_view head = TrimLeft(text);
    std::string kw = ToUpper(head.substr(0, head.find_first_of(" \t")));
    if (kw == "RUN" || kw == "COPY" || kw == "ADD") {
      for (Marker& m : FindHeredocMarkers(head.substr(kw.size()))) {
        if (inst.heredocs.size() >= kMaxHeredocsPerInstruction) {
          Diag("dockerfile.too_many_heredocs", first + 1, column,
               fmt::format("more than {} here-documents in one instruction",
                           kMaxHeredocsPerInstruction));
          break;
        }
        Heredoc h;
        h.delimiter = m.delimiter;
        h.strip_tabs = m.strip_tabs;
        h.expand = !m.quoted;
        h.line = i + 1;
        bool closed = false;
        while (i < n) {
          std::string_view l = df_.lines[i++];
          if (m.strip_tabs) {
            while (!l.empty() && l.front() == '\t') l.remove_prefix(1);
          }
          if (l == m.delimiter) {
            closed = true;
            break;
          }
          h.body.append(l);
          h.body.push_back('\n');
        }
        if (!closed) {
          Diag("dockerfile.unterminated_heredoc", first + 1, column,
               fmt::format("here-document '{}' is not terminated (expected a line '{}' before "
                           "the end of the file)",
                           Excerpt(m.delimiter, 40), Excerpt(m.delimiter, 40)),
               Severity::kHigh);
        }
        inst.heredocs.push_back(std::move(h));
      }
    }
    if (!ParseInstruction(text, first, column, inst, false)) continue;
    inst.end_line = std::max<uint64_t>(i, first + 1);
    for (auto& child : inst.onbuild) child.end_line = inst.end_line;
    size_t index = df_.instructions.size();
    ApplyToState(inst, index);
    if (!df_.stages.empty()) df_.stages.back().end = index + 1;
    df_.instructions.push_back(std::move(inst));
  }
  if (df_.stages.empty() && !df_.lines.empty()) {
    bool any = !df_.instructions.empty();
    Diag("dockerfile.missing_from", any ? df_.instructions.front().line : 1, 1,
         any ? "no FROM instruction: a Dockerfile must start its first stage with FROM"
             : "no instructions found (expected FROM)",
         Severity::kHigh);
  }
  return std::move(df_);
}

}  // namespace

const Flag* Instruction::FindFlag(std::string_view name) const {
  for (const auto& f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

int Dockerfile::FindStage(std::string_view name) const {
  if (name.empty()) return -1;
  if (auto it = stage_names.find(ToLower(name)); it != stage_names.end()) return it->second;
  if (std::ranges::all_of(name,
                          [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
      name.size() < 6) {
    size_t idx = static_cast<size_t>(std::stoul(std::string(name)));
    if (idx < stages.size()) return static_cast<int>(idx);
  }
  return -1;
}

Dockerfile ParseDockerfile(std::string_view content, std::string path) {
  return Parser(content, std::move(path)).Run();
}

}  // namespace portcullis::dockerfile
