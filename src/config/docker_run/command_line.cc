#include "config/docker_run/command_line.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace portcullis::runtime {
namespace {

class Splitter {
 public:
  Splitter(std::string_view text, Pos origin, bool columns, int depth,
           std::vector<ShellCommand>& out)
      : text_(text), columns_(columns), depth_(depth), out_(out), line_(origin.line),
        column_(origin.column == 0 ? 1 : origin.column) {}

  void Run() {
    while (i_ < text_.size() && out_.size() < kMaxCommands) {
      char c = text_[i_];
      char next = i_ + 1 < text_.size() ? text_[i_ + 1] : '\0';
      if (c == '\\') {
        if (next == '\n') {
          Advance(2);
          continue;
        }
        if (next == '\r' && i_ + 2 < text_.size() && text_[i_ + 2] == '\n') {
          Advance(3);
          continue;
        }
        StartWord();
        Advance(1);
        if (i_ < text_.size()) {
          word_.text += text_[i_];
          Advance(1);
        }
        continue;
      }
      if (c == '\n') {
        EndCommand();
        Advance(1);
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        EndWord();
        Advance(1);
        continue;
      }
      if (c == '#' && !in_word_) {
        while (i_ < text_.size() && text_[i_] != '\n') Advance(1);
        continue;
      }
      if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
        EndCommand();
        Advance(1);
        continue;
      }
      if (c == '\'') {
        StartWord();
        Advance(1);
        while (i_ < text_.size() && text_[i_] != '\'') {
          word_.text += text_[i_];
          Advance(1);
        }
        Advance(1);
        continue;
      }
      if (c == '"') {
        StartWord();
        Advance(1);
        DoubleQuoted();
        continue;
      }
      if (c == '$' || c == '`') {
        StartWord();
        Dollar();
        continue;
      }
      StartWord();
      word_.text += c;
      Advance(1);
    }
    EndCommand();
  }

 private:
  Pos Here() const { return Pos{line_, columns_ ? column_ : 0}; }

  void Advance(size_t n) {
    for (size_t k = 0; k < n && i_ < text_.size(); ++k, ++i_) {
      if (text_[i_] == '\n') {
        ++line_;
        column_ = 1;
      } else {
        ++column_;
      }
    }
  }

  void StartWord() {
    if (in_word_) return;
    in_word_ = true;
    word_ = Word{};
    word_.pos = Here();
  }

  void EndWord() {
    if (!in_word_) return;
    in_word_ = false;
    if (cmd_.words.empty()) cmd_.first_line = word_.pos.line;
    cmd_.last_line = line_;
    cmd_.words.push_back(std::move(word_));
  }

  void EndCommand() {
    EndWord();
    if (!cmd_.words.empty() && out_.size() < kMaxCommands) out_.push_back(std::move(cmd_));
    cmd_ = ShellCommand{};
  }

  void DoubleQuoted() {
    while (i_ < text_.size() && text_[i_] != '"') {
      char c = text_[i_];
      char next = i_ + 1 < text_.size() ? text_[i_ + 1] : '\0';
      if (c == '\\' && next != '\0' && std::strchr("\"\\$`\n", next) != nullptr) {
        if (next != '\n') word_.text += next;
        Advance(2);
        continue;
      }
      if (c == '$' || c == '`') {
        Dollar();
        continue;
      }
      word_.text += c;
      Advance(1);
    }
    Advance(1);
  }

  // At `$` or a backquote inside a word: copies a variable reference or command substitution
  // into the word and scans the substitution's text for commands of its own.
  void Dollar() {
    word_.has_variable = true;
    char c = text_[i_];
    char next = i_ + 1 < text_.size() ? text_[i_ + 1] : '\0';
    size_t start = i_;
    size_t end;
    size_t inner_start;
    if (c == '`') {
      end = i_ + 1;
      while (end < text_.size() && text_[end] != '`') end += text_[end] == '\\' ? 2 : 1;
      inner_start = i_ + 1;
    } else if (next == '(') {
      end = MatchParen(i_ + 2);
      inner_start = i_ + 2;
    } else if (next == '{') {
      end = text_.find('}', i_ + 2);
      if (end == std::string_view::npos) end = text_.size();
      inner_start = std::string_view::npos;
    } else {
      word_.text += c;
      Advance(1);
      return;
    }
    end = std::min(end, text_.size());
    if (inner_start != std::string_view::npos && depth_ < kMaxSubstitutionDepth) {
      Splitter inner(text_.substr(inner_start, end - inner_start),
                     Pos{line_, column_ + static_cast<uint32_t>(inner_start - start)}, columns_,
                     depth_ + 1, out_);
      inner.Run();
    }
    size_t stop = std::min(end + 1, text_.size());
    word_.text += text_.substr(start, stop - start);
    Advance(stop - start);
  }

  // Index of the `)` closing a `$(` whose text starts at `from` (quotes and nesting honoured);
  // text_.size() when unterminated.
  size_t MatchParen(size_t from) const {
    int depth = 1;
    for (size_t k = from; k < text_.size(); ++k) {
      char c = text_[k];
      if (c == '\\') {
        ++k;
      } else if (c == '\'') {
        size_t close = text_.find('\'', k + 1);
        if (close == std::string_view::npos) return text_.size();
        k = close;
      } else if (c == '"') {
        size_t q = k + 1;
        while (q < text_.size() && text_[q] != '"') q += text_[q] == '\\' ? 2 : 1;
        if (q >= text_.size()) return text_.size();
        k = q;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        return k;
      }
    }
    return text_.size();
  }

  std::string_view text_;
  bool columns_;
  int depth_;
  std::vector<ShellCommand>& out_;
  size_t i_ = 0;
  uint32_t line_;
  uint32_t column_;
  bool in_word_ = false;
  Word word_;
  ShellCommand cmd_;
};

bool IsAssignment(std::string_view w) {
  size_t eq = w.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(w[0])) && w[0] != '_') return false;
  return std::all_of(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(eq), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

}  // namespace

std::vector<ShellCommand> SplitCommands(std::string_view text, Pos origin, bool columns) {
  std::vector<ShellCommand> out;
  if (origin.line == 0) origin.line = 1;
  Splitter(text, origin, columns, 0, out).Run();
  // Substitutions are emitted while their enclosing command is still open; restore file order
  // (ties keep their emission order).
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&out](size_t a, size_t b) {
    return std::pair(out[a].first_line, a) < std::pair(out[b].first_line, b);
  });
  std::vector<ShellCommand> sorted;
  sorted.reserve(out.size());
  for (size_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

bool MatchInvocation(const ShellCommand& cmd, RuntimeInvocation& out) {
  const auto& w = cmd.words;
  size_t k = 0;
  auto text = [&](size_t i) -> std::string_view {
    if (i >= w.size()) return {};
    std::string_view t = w[i].text;
    if (i == 0) {
      while (!t.empty() && (t[0] == '@' || t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
    }
    return t;
  };
  while (k < w.size()) {
    std::string_view t = text(k);
    if (t.empty() || IsAssignment(t) ||
        OneOf(t, {"if", "then", "else", "elif", "do", "while", "until", "!", "{", "exec", "time",
                  "nohup", "command", "builtin", "xargs"})) {
      ++k;
      continue;
    }
    if (t == "sudo" || t == "doas") {
      ++k;
      while (k < w.size() && text(k).starts_with("-")) {
        bool takes = OneOf(text(k), {"-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U"});
        k += takes ? 2 : 1;
      }
      continue;
    }
    if (t == "env") {
      ++k;
      while (k < w.size() && (text(k).starts_with("-") || IsAssignment(text(k)))) {
        k += OneOf(text(k), {"-u", "-C", "-S"}) ? 2 : 1;
      }
      continue;
    }
    if (t == "nice") {
      ++k;
      if (text(k) == "-n") k += 2;
      else if (text(k).starts_with("-")) ++k;
      continue;
    }
    if (t == "timeout") {
      ++k;
      while (k < w.size() && text(k).starts_with("-")) k += OneOf(text(k), {"-s", "-k"}) ? 2 : 1;
      ++k;  // the duration
      continue;
    }
    break;
  }
  if (k >= w.size()) return false;
  std::string_view program = text(k);
  size_t slash = program.rfind('/');
  if (slash != std::string_view::npos) program.remove_prefix(slash + 1);
  if (!OneOf(program, {"docker", "podman", "nerdctl"})) return false;
  out.program = std::string(program);
  out.pos = w[k].pos;
  ++k;
  while (k < w.size() && text(k).starts_with("-")) {
    std::string_view opt = text(k);
    bool takes = opt.find('=') == std::string_view::npos &&
                 OneOf(opt, {"-H", "--host", "-c", "--context", "--config", "-l", "--log-level",
                             "--tlscacert", "--tlscert", "--tlskey", "--url", "--connection",
                             "--root", "--runroot", "--storage-driver", "--cgroup-manager",
                             "--namespace", "-n", "--address", "-a"});
    k += takes ? 2 : 1;
  }
  if (text(k) == "container") ++k;
  std::string_view sub = text(k);
  if (sub != "run" && sub != "create") return false;
  out.subcommand = std::string(sub);
  out.args.assign(w.begin() + static_cast<std::ptrdiff_t>(k + 1), w.end());
  out.first_line = cmd.first_line;
  out.last_line = cmd.last_line;
  return true;
}

}  // namespace portcullis::runtime
