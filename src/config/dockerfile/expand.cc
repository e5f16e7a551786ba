// Variable expansion and image references for the Dockerfile parser (dockerfile.h).
#include <cctype>

#include "config/dockerfile/dockerfile.h"

namespace portcullis::dockerfile {

namespace {

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Expander {
 public:
  Expander(std::string_view word, const Env& env, char escape)
      : w_(word), env_(env), escape_(escape) {}

  Expansion Run() {
    Expansion out;
    out.value = Process(std::string_view(), out.unresolved, 0);
    return out;
  }

 private:
  void Append(std::string& s, std::string_view part) {
    size_t room = kMaxExpandedBytes > s.size() ? kMaxExpandedBytes - s.size() : 0;
    s.append(part.substr(0, room));
  }

  // Processes w_ from pos_ until one of `stops` (unquoted) or the end. `nesting` bounds the
  // recursion through ${VAR:-${OTHER:-...}}.
  std::string Process(std::string_view stops, bool& unresolved, int nesting) {
    std::string out;
    while (pos_ < w_.size()) {
      char c = w_[pos_];
      if (!stops.empty() && stops.find(c) != std::string_view::npos) break;
      if (c == escape_) {
        if (pos_ + 1 < w_.size()) Append(out, w_.substr(pos_ + 1, 1));
        pos_ += 2;
      } else if (c == '\'') {
        size_t end = w_.find('\'', pos_ + 1);
        if (end == std::string_view::npos) end = w_.size();
        Append(out, w_.substr(pos_ + 1, end - pos_ - 1));
        pos_ = end + 1;
      } else if (c == '"') {
        ++pos_;
        while (pos_ < w_.size() && w_[pos_] != '"') {
          char d = w_[pos_];
          if (d == escape_ && pos_ + 1 < w_.size() &&
              (w_[pos_ + 1] == '"' || w_[pos_ + 1] == '$' || w_[pos_ + 1] == escape_)) {
            Append(out, w_.substr(pos_ + 1, 1));
            pos_ += 2;
          } else if (d == '$') {
            Append(out, Variable(unresolved, nesting));
          } else {
            Append(out, w_.substr(pos_, 1));
            ++pos_;
          }
        }
        ++pos_;
      } else if (c == '$') {
        Append(out, Variable(unresolved, nesting));
      } else {
        Append(out, w_.substr(pos_, 1));
        ++pos_;
      }
    }
    return out;
  }

  // At `$`: expands one variable reference and moves past it.
  std::string Variable(bool& unresolved, int nesting) {
    ++pos_;
    if (pos_ >= w_.size()) return "$";
    if (w_[pos_] != '{') {
      size_t start = pos_;
      while (pos_ < w_.size() && IsNameChar(w_[pos_])) ++pos_;
      if (start == pos_) return "$";
      return Lookup(w_.substr(start, pos_ - start), unresolved);
    }
    ++pos_;
    size_t start = pos_;
    while (pos_ < w_.size() && IsNameChar(w_[pos_])) ++pos_;
    std::string_view name = w_.substr(start, pos_ - start);
    if (pos_ >= w_.size()) {
      unresolved = true;
      return "";
    }
    if (w_[pos_] == '}') {
      ++pos_;
      return Lookup(name, unresolved);
    }
    bool colon = false;
    if (w_[pos_] == ':') {
      colon = true;
      ++pos_;
    }
    char op = pos_ < w_.size() ? w_[pos_] : '}';
    if (op != '-' && op != '+' && op != '?') {
      // Unsupported modifier (e.g. ${VAR#prefix}): skip to the brace, value unknown.
      while (pos_ < w_.size() && w_[pos_] != '}') ++pos_;
      ++pos_;
      unresolved = true;
      return "";
    }
    ++pos_;
    bool word_unresolved = false;
    std::string word;
    if (nesting < 16) {
      word = Process("}", word_unresolved, nesting + 1);
    } else {
      while (pos_ < w_.size() && w_[pos_] != '}') ++pos_;
      word_unresolved = true;
    }
    ++pos_;  // the closing brace
    auto it = env_.find(name);
    bool set = it != env_.end() && (!colon || !it->second.empty());
    if (op == '-') {
      if (set) return it->second;
      unresolved |= word_unresolved;
      return word;
    }
    if (op == '+') {
      if (set) {
        unresolved |= word_unresolved;
        return word;
      }
      if (it == env_.end()) unresolved = true;
      return "";
    }
    // `?`: error when unset; the value when set.
    if (set) return it->second;
    unresolved = true;
    return "";
  }

  std::string Lookup(std::string_view name, bool& unresolved) {
    auto it = env_.find(name);
    if (it == env_.end()) {
      unresolved = true;
      return "";
    }
    return it->second;
  }

  std::string_view w_;
  const Env& env_;
  char escape_;
  size_t pos_ = 0;
};

}  // namespace

Expansion ExpandWord(std::string_view word, const Env& env, char escape) {
  return Expander(word, env, escape).Run();
}

ImageRef ParseImageRef(std::string_view ref) {
  ImageRef out;
  if (size_t at = ref.find('@'); at != std::string_view::npos) {
    out.digest = std::string(ref.substr(at + 1));
    ref = ref.substr(0, at);
  }
  size_t slash = ref.find('/');
  if (slash != std::string_view::npos) {
    std::string_view first = ref.substr(0, slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      out.registry = std::string(first);
      out.explicit_registry = true;
      ref = ref.substr(slash + 1);
    }
  }
  size_t last_slash = ref.rfind('/');
  size_t colon = ref.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    out.tag = std::string(ref.substr(colon + 1));
    ref = ref.substr(0, colon);
  }
  out.repository = std::string(ref);
  if (!out.explicit_registry) {
    out.registry = "docker.io";
    if (!out.repository.empty() && out.repository.find('/') == std::string::npos) {
      out.repository = "library/" + out.repository;
    }
  }
  if (out.registry == "index.docker.io" || out.registry == "registry-1.docker.io") {
    out.registry = "docker.io";
  }
  return out;
}

}  // namespace portcullis::dockerfile
