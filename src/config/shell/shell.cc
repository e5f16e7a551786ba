#include "config/shell/shell.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace portcullis::shell {

namespace {

enum class TokenKind { kWord, kOp, kNewline, kEnd };

struct Substitution {
  std::string text;  // inside $( ) or ` `
  size_t offset;     // of `text` in the top-level script
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // word value (quotes removed) or operator
  size_t offset = 0;
  bool quoted = false;
  bool io_number = false;  // digits written right before a redirection operator: `2>`
  std::vector<Substitution> subs;
};

constexpr std::array<std::string_view, 21> kOperators = {
    "&&", "||", ";;", "|&", "&>>", "&>", ">>", ">&", ">|", "<<<", "<<-",
    "<<", "<&", "<>", ";",  "&",   "|",  "(",  ")",  "<",  ">"};

constexpr size_t kMaxPendingHeredocs = 256;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool IsOperatorChar(char c) {
  return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>';
}

bool IsAssignment(std::string_view word) {
  size_t eq = word.find('=');
  if (eq == 0 || eq == std::string_view::npos) return false;
  if (std::isdigit(static_cast<unsigned char>(word[0]))) return false;
  for (size_t i = 0; i < eq; ++i) {
    char c = word[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
      return i + 1 == eq && c == '+';  // NAME+=value
    }
  }
  return true;
}

bool IsReservedWord(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}"};
  return std::ranges::find(kWords, w) != kWords.end();
}

class Parser {
 public:
  Parser(std::string_view text, size_t base, int depth, Script* out, int* pipelines)
      : text_(text), base_(base), depth_(depth), out_(out), pipelines_(pipelines) {
    pipeline_ = (*pipelines_)++;
  }

  void Run();

 private:
  Token Next();
  void ReadWord(Token& tok);
  // From just after an opening `$(` or `(`: the index of the matching `)`, or npos.
  size_t ScanParens(size_t pos) const;
  size_t ScanBraces(size_t pos) const;     // after `${`: index of the matching `}`
  size_t ScanBackquote(size_t pos) const;  // after a backquote: index of the closing one
  void Error(size_t pos, std::string message) {
    if (out_->errors.size() < 100) out_->errors.push_back({base_ + pos, std::move(message)});
  }
  void Finish(Connector connector);
  void ReadHeredocBodies();

  struct PendingHeredoc {
    std::string delimiter;
    bool strip_tabs = false;
    size_t command = SIZE_MAX;  // index in out_->commands once the command is stored
  };

  std::string_view text_;
  size_t base_;
  int depth_;
  Script* out_;
  int* pipelines_;  // pipeline numbers handed out so far, shared by nested parsers
  size_t pos_ = 0;

  Command cur_;
  bool cur_started_ = false;
  std::vector<Substitution> cur_subs_;
  std::vector<PendingHeredoc> heredocs_;
  int paren_depth_ = 0;
  int pipeline_ = 0;
  bool piped_in_ = false;
  bool skip_case_words_ = false;  // between `case` and `in`
  bool case_pattern_ = false;     // reading a `case` pattern, up to its `)`
  int case_depth_ = 0;            // open `case ... esac` blocks
};

size_t Parser::ScanParens(size_t p) const {
  int depth = 1;
  while (p < text_.size()) {
    char c = text_[p];
    if (c == '\\') {
      p += 2;
    } else if (c == '\'') {
      size_t e = text_.find('\'', p + 1);
      if (e == std::string_view::npos) return std::string_view::npos;
      p = e + 1;
    } else if (c == '"') {
      ++p;
      while (p < text_.size() && text_[p] != '"') p += text_[p] == '\\' ? 2 : 1;
      if (p >= text_.size()) return std::string_view::npos;
      ++p;
    } else if (c == '(') {
      ++depth;
      ++p;
    } else if (c == ')') {
      if (--depth == 0) return p;
      ++p;
    } else {
      ++p;
    }
  }
  return std::string_view::npos;
}

size_t Parser::ScanBraces(size_t p) const {
  int depth = 1;
  while (p < text_.size()) {
    char c = text_[p];
    if (c == '\\') {
      p += 2;
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}' && --depth == 0) return p;
    ++p;
  }
  return std::string_view::npos;
}

size_t Parser::ScanBackquote(size_t p) const {
  while (p < text_.size()) {
    if (text_[p] == '\\') {
      p += 2;
      continue;
    }
    if (text_[p] == '`') return p;
    ++p;
  }
  return std::string_view::npos;
}

void Parser::ReadWord(Token& tok) {
  tok.kind = TokenKind::kWord;
  tok.offset = pos_;
  std::string& v = tok.text;
  auto substitution = [&](size_t start) {
    // At `$`: `$(`, `$((`, `${` or a plain `$`.
    size_t n = text_.size();
    if (start + 1 < n && text_[start + 1] == '(') {
      bool arithmetic = start + 2 < n && text_[start + 2] == '(';
      size_t end = ScanParens(start + 2);
      if (end == std::string_view::npos) {
        Error(start, "unterminated $( substitution");
        end = n;
      } else if (!arithmetic) {
        tok.subs.push_back(
            {std::string(text_.substr(start + 2, end - start - 2)), base_ + start + 2});
      }
      size_t stop = std::min(n, end + 1);
      v.append(text_.substr(start, stop - start));
      return stop;
    }
    if (start + 1 < n && text_[start + 1] == '{') {
      size_t end = ScanBraces(start + 2);
      if (end == std::string_view::npos) {
        Error(start, "unterminated ${ expansion");
        end = n;
      }
      size_t stop = std::min(n, end + 1);
      v.append(text_.substr(start, stop - start));
      return stop;
    }
    v.push_back('$');
    return start + 1;
  };
  auto backquote = [&](size_t start) {
    size_t end = ScanBackquote(start + 1);
    if (end == std::string_view::npos) {
      Error(start, "unterminated backquote substitution");
      end = text_.size();
    }
    std::string inner;
    for (size_t i = start + 1; i < end; ++i) {
      if (text_[i] == '\\' && i + 1 < end &&
          (text_[i + 1] == '`' || text_[i + 1] == '\\' || text_[i + 1] == '$')) {
        ++i;
      }
      inner.push_back(text_[i]);
    }
    tok.subs.push_back({std::move(inner), base_ + start + 1});
    size_t stop = std::min(text_.size(), end + 1);
    v.append(text_.substr(start, stop - start));
    return stop;
  };

  size_t n = text_.size();
  while (pos_ < n) {
    char c = text_[pos_];
    if (IsBlank(c) || c == '\n') break;
    if (IsOperatorChar(c)) {
      if ((c == '<' || c == '>') && !v.empty() && !tok.quoted && std::ranges::all_of(v, [](char d) {
            return std::isdigit(static_cast<unsigned char>(d));
          })) {
        tok.io_number = true;
      }
      break;
    }
    if (c == '\\') {
      if (pos_ + 1 < n && text_[pos_ + 1] == '\n') {
        pos_ += 2;
        continue;
      }
      if (pos_ + 1 < n) v.push_back(text_[pos_ + 1]);
      tok.quoted = true;
      pos_ += 2;
      continue;
    }
    if (c == '\'') {
      tok.quoted = true;
      size_t end = text_.find('\'', pos_ + 1);
      if (end == std::string_view::npos) {
        Error(pos_, "unterminated single quote");
        v.append(text_.substr(pos_ + 1));
        pos_ = n;
        break;
      }
      v.append(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      continue;
    }
    if (c == '"') {
      tok.quoted = true;
      size_t start = pos_;
      ++pos_;
      bool closed = false;
      while (pos_ < n) {
        char d = text_[pos_];
        if (d == '"') {
          closed = true;
          ++pos_;
          break;
        }
        if (d == '\\' && pos_ + 1 < n) {
          char e = text_[pos_ + 1];
          if (e == '\n') {
            pos_ += 2;
            continue;
          }
          if (e == '$' || e == '`' || e == '"' || e == '\\') {
            v.push_back(e);
            pos_ += 2;
            continue;
          }
          v.push_back(d);
          ++pos_;
          continue;
        }
        if (d == '$') {
          pos_ = substitution(pos_);
          continue;
        }
        if (d == '`') {
          pos_ = backquote(pos_);
          continue;
        }
        v.push_back(d);
        ++pos_;
      }
      if (!closed) Error(start, "unterminated double quote");
      continue;
    }
    if (c == '$') {
      pos_ = substitution(pos_);
      continue;
    }
    if (c == '`') {
      pos_ = backquote(pos_);
      continue;
    }
    v.push_back(c);
    ++pos_;
  }
}

Token Parser::Next() {
  size_t n = text_.size();
  while (pos_ < n) {
    char c = text_[pos_];
    if (IsBlank(c)) {
      ++pos_;
    } else if (c == '\\' && pos_ + 1 < n && text_[pos_ + 1] == '\n') {
      pos_ += 2;
    } else if (c == '#') {
      size_t e = text_.find('\n', pos_);
      pos_ = e == std::string_view::npos ? n : e;
    } else {
      break;
    }
  }
  Token tok;
  tok.offset = pos_;
  if (pos_ >= n) return tok;
  char c = text_[pos_];
  if (c == '\n') {
    tok.kind = TokenKind::kNewline;
    ++pos_;
    return tok;
  }
  if (IsOperatorChar(c)) {
    for (std::string_view op : kOperators) {
      if (text_.substr(pos_, op.size()) == op) {
        tok.kind = TokenKind::kOp;
        tok.text = std::string(op);
        pos_ += op.size();
        return tok;
      }
    }
  }
  ReadWord(tok);
  return tok;
}

void Parser::Finish(Connector connector) {
  if (cur_started_) {
    cur_.next = connector;
    cur_.depth = depth_ + paren_depth_;
    cur_.pipeline = pipeline_;
    cur_.piped_in = piped_in_;
    if (connector == Connector::kPipe) out_->has_pipe = true;
    if (out_->commands.size() >= kMaxShellCommands) {
      Error(cur_.offset - base_, "too many commands; the rest of the script is not read");
      pos_ = text_.size();
    } else {
      out_->commands.push_back(std::move(cur_));
      // Unassigned here-documents are the last ones queued.
      for (auto h = heredocs_.rbegin(); h != heredocs_.rend() && h->command == SIZE_MAX; ++h) {
        h->command = out_->commands.size() - 1;
      }
    }
  }
  cur_ = Command{};
  cur_started_ = false;
  if (connector == Connector::kPipe) {
    piped_in_ = true;
  } else {
    piped_in_ = false;
    pipeline_ = (*pipelines_)++;
  }
  auto subs = std::move(cur_subs_);
  cur_subs_.clear();
  for (auto& s : subs) {
    int depth = depth_ + paren_depth_ + 1;
    if (depth > kMaxShellDepth) {
      Error(s.offset - base_, "substitutions nested too deeply");
      continue;
    }
    Parser inner(s.text, s.offset, depth, out_, pipelines_);
    inner.Run();
  }
}

void Parser::ReadHeredocBodies() {
  for (auto& h : heredocs_) {
    std::string body;
    bool closed = false;
    while (pos_ < text_.size()) {
      size_t e = text_.find('\n', pos_);
      size_t end = e == std::string_view::npos ? text_.size() : e;
      std::string_view line = text_.substr(pos_, end - pos_);
      pos_ = e == std::string_view::npos ? text_.size() : e + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (h.strip_tabs) {
        while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
      }
      if (line == h.delimiter) {
        closed = true;
        break;
      }
      body.append(line);
      body.push_back('\n');
    }
    if (!closed) Error(text_.size(), "here-document '" + h.delimiter + "' is not terminated");
    if (h.command < out_->commands.size()) out_->commands[h.command].heredocs.push_back(body);
  }
  heredocs_.clear();
}

void Parser::Run() {
  bool expect_target = false;
  bool expect_delimiter = false;
  bool strip_tabs = false;
  bool function_def = false;
  while (true) {
    Token tok = Next();
    if (tok.kind == TokenKind::kEnd) {
      Finish(Connector::kEnd);
      if (!heredocs_.empty()) ReadHeredocBodies();
      return;
    }
    if (tok.kind == TokenKind::kNewline) {
      Finish(Connector::kSequence);
      if (!heredocs_.empty()) ReadHeredocBodies();
      expect_target = expect_delimiter = false;
      continue;
    }
    if (tok.kind == TokenKind::kWord) {
      if (tok.io_number) continue;
      if (expect_delimiter) {
        expect_delimiter = false;
        if (heredocs_.size() >= kMaxPendingHeredocs) {
          Error(tok.offset, "too many here-documents on one line");
          continue;
        }
        heredocs_.push_back({tok.text, strip_tabs, SIZE_MAX});
        continue;
      }
      for (auto& s : tok.subs) cur_subs_.push_back(std::move(s));
      if (expect_target) {
        expect_target = false;
        cur_.redirects.push_back(std::move(tok.text));
        continue;
      }
      if (skip_case_words_) {
        if (tok.text == "in" && !tok.quoted) {
          skip_case_words_ = false;
          case_pattern_ = true;
        }
        continue;
      }
      if (case_pattern_ && !(tok.text == "esac" && !tok.quoted)) continue;
      if (cur_.argv.empty() && !tok.quoted) {
        if (tok.text == "esac" && case_depth_ > 0) {
          --case_depth_;
          case_pattern_ = false;
          continue;
        }
        if (IsReservedWord(tok.text)) continue;
        if (tok.text == "case") {
          skip_case_words_ = true;
          ++case_depth_;
          continue;
        }
        if (IsAssignment(tok.text)) {
          if (!cur_started_) cur_.offset = base_ + tok.offset;
          cur_started_ = true;
          cur_.assignments.push_back(std::move(tok.text));
          continue;
        }
      }
      if (!cur_started_ || cur_.argv.empty()) {
        if (!cur_started_) cur_.offset = base_ + tok.offset;
      }
      cur_started_ = true;
      cur_.argv.push_back(std::move(tok.text));
      continue;
    }
    // Operators.
    const std::string& op = tok.text;
    if (case_pattern_) {
      if (op == ")") case_pattern_ = false;
      continue;
    }
    if (op == "&&") {
      Finish(Connector::kAnd);
    } else if (op == "||") {
      Finish(Connector::kOr);
    } else if (op == ";" || op == ";;") {
      Finish(Connector::kSequence);
      if (op == ";;" && case_depth_ > 0) case_pattern_ = true;
    } else if (op == "&") {
      Finish(Connector::kBackground);
    } else if (op == "|" || op == "|&") {
      Finish(Connector::kPipe);
    } else if (op == "<<" || op == "<<-") {
      expect_delimiter = true;
      strip_tabs = op == "<<-";
      cur_started_ = true;
      if (cur_.argv.empty() && cur_.assignments.empty()) cur_.offset = base_ + tok.offset;
    } else if (op == "(") {
      if (cur_.argv.size() == 1 && !function_def) {
        function_def = true;  // name ( ) { body; }
        continue;
      }
      Finish(Connector::kSequence);
      if (paren_depth_ < kMaxShellDepth) ++paren_depth_;
    } else if (op == ")") {
      if (function_def) {
        function_def = false;
        cur_ = Command{};
        cur_started_ = false;
        continue;
      }
      if (paren_depth_ > 0) {
        Finish(Connector::kSequence);
        --paren_depth_;
      } else {
        // A `case` pattern such as `x|y)`: the words before it are not a command.
        cur_ = Command{};
        cur_started_ = false;
        cur_subs_.clear();
      }
    } else {
      // > >> < >| <> &> &>> >& <& <<<: the next word is a target, not an argument.
      expect_target = true;
      cur_started_ = true;
      if (cur_.argv.empty() && cur_.assignments.empty() && cur_.redirects.empty()) {
        cur_.offset = base_ + tok.offset;
      }
    }
  }
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

std::string_view Command::Name() const {
  return argv.empty() ? std::string_view() : std::string_view(argv.front());
}

Script ParseScript(std::string_view text) {
  Script script;
  int pipelines = 0;
  Parser parser(text, 0, 0, &script, &pipelines);
  parser.Run();
  return script;
}

std::vector<std::string> UnwrappedArgv(const Command& cmd) {
  const auto& a = cmd.argv;
  size_t i = 0;
  // Options of each wrapper that take a separate value.
  auto takes_value = [](std::string_view wrapper, std::string_view opt) {
    static constexpr std::array<std::string_view, 9> kSudo = {"-u", "-g", "-h", "-p", "-C",
                                                              "-U", "-r", "-t", "-D"};
    static constexpr std::array<std::string_view, 9> kXargs = {"-I", "-n", "-P", "-L", "-d",
                                                               "-E", "-s", "-a", "-i"};
    if (wrapper == "sudo") return std::ranges::find(kSudo, opt) != kSudo.end();
    if (wrapper == "xargs") return std::ranges::find(kXargs, opt) != kXargs.end();
    if (wrapper == "env") return opt == "-u" || opt == "-C" || opt == "-S";
    if (wrapper == "nice") return opt == "-n";
    return false;
  };
  for (int guard = 0; guard < 16 && i < a.size(); ++guard) {
    std::string_view w = a[i];
    if (w != "sudo" && w != "env" && w != "exec" && w != "command" && w != "nice" && w != "nohup" &&
        w != "time" && w != "xargs") {
      break;
    }
    ++i;
    while (i < a.size()) {
      std::string_view o = a[i];
      if (o == "--") {
        ++i;
        break;
      }
      if (w == "env" && IsAssignment(o)) {
        ++i;
        continue;
      }
      if (!StartsWith(o, "-") || o == "-") {
        if (w == "env" && o == "-") {
          ++i;
          continue;
        }
        break;
      }
      ++i;
      if (takes_value(w, o) && i < a.size()) ++i;
    }
  }
  return std::vector<std::string>(a.begin() + static_cast<std::ptrdiff_t>(i), a.end());
}

std::vector<std::string> SplitWords(std::string_view text) {
  Script script = ParseScript(text);
  std::vector<std::string> words;
  for (const auto& c : script.commands) {
    if (c.depth != 0) continue;
    for (const auto& w : c.assignments) words.push_back(w);
    for (const auto& w : c.argv) words.push_back(w);
  }
  return words;
}

}  // namespace portcullis::shell
