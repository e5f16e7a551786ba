#include "analyzer/secret/secret_scanner.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <algorithm>
#include <climits>
#include <cstring>
#include <deque>
#include <mutex>

#include <fmt/format.h>
#include <hs/hs.h>
#include <pcre2.h>

#include "analyzer/secret/hs_cache.h"
#include "core/strings.h"

namespace portcullis {

namespace {

// Confirmation regexes run on at most a few KB; these bound PCRE2's work on hostile input.
constexpr uint32_t kPcreMatchLimit = 200'000;
constexpr uint32_t kPcreDepthLimit = 10'000;
// Candidates waiting for confirmation in one stream; more means hostile input (every rule can
// only queue one window per W bytes), and the stream stops scanning.
constexpr size_t kMaxPending = 100'000;
// Capture groups a confirmation regex may have (secret-group is at most 99).
constexpr uint32_t kMaxGroups = 100;

struct PcreDeleter {
  void operator()(pcre2_code* c) const { pcre2_code_free(c); }
};
using PcrePtr = std::unique_ptr<pcre2_code, PcreDeleter>;

Result<PcrePtr> CompilePcre(std::string_view pattern, std::string_view what) {
  int err = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_MULTILINE, &err, &offset, nullptr);
  if (code == nullptr) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    return Fail(ErrorCode::kInvalidArgument, "{}: regex does not compile at offset {}: {}", what,
                offset, reinterpret_cast<const char*>(msg));
  }
  // JIT is an optimisation only; without it PCRE2 interprets.
  (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  return PcrePtr(code);
}

bool PcreFind(const pcre2_code* code, std::string_view subject, pcre2_match_context* ctx) {
  pcre2_match_data* md = pcre2_match_data_create_from_pattern(code, nullptr);
  if (md == nullptr) return false;
  int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                       md, ctx);
  pcre2_match_data_free(md);
  return rc >= 0;
}

// Number of '\n' bytes in [p, p + n), eight bytes at a time (exact zero-byte test on x ^ '\n').
uint64_t CountNewlines(const uint8_t* p, size_t n) {
  constexpr uint64_t kNl = 0x0a0a0a0a0a0a0a0aull, kLow7 = 0x7f7f7f7f7f7f7f7full;
  uint64_t count = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, p + i, 8);
    x ^= kNl;
    uint64_t y = ~(((x & kLow7) + kLow7) | x | kLow7);
    count += static_cast<uint64_t>(__builtin_popcountll(y));
  }
  for (; i < n; ++i) count += p[i] == '\n';
  return count;
}

uint64_t CountNewlines(std::string_view s) {
  return CountNewlines(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

bool ContainsIgnoreCaseAscii(std::string_view hay, std::string_view needle) {
  return ContainsIgnoreCase(hay, needle);
}

// The widest match of `pattern` per Vectorscan's analysis; fails when Vectorscan rejects the
// pattern or its width is unbounded or above kMaxRuleWidth.
Result<uint64_t> BoundedWidth(const std::string& pattern, const std::string& what) {
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_expression_info(pattern.c_str(), HS_FLAG_MULTILINE, &info, &err) != HS_SUCCESS) {
    std::string msg = err ? err->message : "unknown error";
    hs_free_compile_error(err);
    return Fail(ErrorCode::kInvalidArgument,
                "{}: regex is not supported by Vectorscan: {} (no backreferences, lookaround "
                "or \\z; bound every repeat)",
                what, msg);
  }
  const unsigned max_width = info->max_width;
  std::free(info);
  if (max_width == UINT_MAX || max_width > kMaxRuleWidth) {
    return Fail(ErrorCode::kInvalidArgument,
                "{}: regex can match more than {} bytes; give every repeat an upper bound", what,
                kMaxRuleWidth);
  }
  return max_width;
}

}  // namespace

// A rule's PCRE2 side: the confirmation regex (JIT-compiled), the capture group holding the
// secret, and the allow patterns. Compiling them is most of the cost of building a scanner
// (~35 us per rule, ~8 ms for the built-in set), and in a typical run only a handful of rules
// ever have a candidate to confirm, so built-in rules compile theirs on their first candidate.
// User rules compile theirs in Create, which is how their regexes are validated.
struct RuleRegexes {
  std::once_flag once;
  bool ok = false;  // compiled; when false after `once`, the rule never confirms a candidate
  PcrePtr re;
  uint32_t group = 0;
  std::vector<PcrePtr> allow;
};

struct CompiledRule {
  const SecretRule* rule = nullptr;
  uint64_t pre_width = 0;  // widest match of the Vectorscan pattern
  uint64_t max_width = 0;  // widest match of the full regex
  std::unique_ptr<RuleRegexes> regexes = std::make_unique<RuleRegexes>();
};

namespace {

// Compiles `rule`'s confirmation regex and allow patterns into `out`; `what` names the rule
// in errors.
Result<void> CompileRuleRegexes(const SecretRule& rule, const std::string& what,
                                RuleRegexes& out) {
  for (const std::string& a : rule.allow) {
    out.allow.push_back(PC_TRY(CompilePcre(a, what + " allow pattern")));
  }
  if (rule.regex.empty()) return {};
  out.re = PC_TRY(CompilePcre(rule.regex, what));
  uint32_t captures = 0;
  pcre2_pattern_info(out.re.get(), PCRE2_INFO_CAPTURECOUNT, &captures);
  if (rule.secret_group < 0) {
    out.group = captures >= 1 ? 1 : 0;
  } else if (static_cast<uint32_t>(rule.secret_group) > captures) {
    return Fail(ErrorCode::kInvalidArgument, "{}: secret group {} but the regex has {} groups",
                what, rule.secret_group, captures);
  } else {
    out.group = static_cast<uint32_t>(rule.secret_group);
  }
  return {};
}

}  // namespace

struct SecretScanner::Impl {
  std::string source;                      // the config's file name ("" for built-in only)
  std::deque<SecretRule> owned;            // user rules (stable addresses)
  std::vector<CompiledRule> rules;         // index = Vectorscan id
  std::vector<size_t> path_only;           // indexes of path-only rules
  hs_database_t* db = nullptr;
  hs_scratch_t* proto = nullptr;
  std::vector<std::string> allow_paths;
  std::vector<PcrePtr> allow_values;
  pcre2_match_context* mctx = nullptr;
  uint64_t keep = 0;                       // bytes a stream retains

  mutable std::mutex mu;
  mutable std::vector<hs_scratch_t*> free_scratch;

  ~Impl() {
    for (hs_scratch_t* s : free_scratch) hs_free_scratch(s);
    if (proto) hs_free_scratch(proto);
    if (db) hs_free_database(db);
    if (mctx) pcre2_match_context_free(mctx);
  }

  // How errors name rule `cr`.
  std::string What(const CompiledRule& cr) const {
    return fmt::format("{}: secret rule '{}'", source.empty() ? "built-in" : source,
                       cr.rule->info.id);
  }

  // Rule `cr`'s regexes, compiled on the first call (once, whichever thread asks first);
  // nullptr when they do not compile, or `error` (optional) receives why.
  const RuleRegexes* Regexes(const CompiledRule& cr, Error* error = nullptr) const {
    RuleRegexes& rx = *cr.regexes;
    Error failure;
    std::call_once(rx.once, [&] {
      auto compiled = CompileRuleRegexes(*cr.rule, What(cr), rx);
      rx.ok = compiled.has_value();
      if (!compiled) failure = compiled.error();
    });
    if (!rx.ok && error != nullptr) {
      *error = failure.message.empty() ? Error{ErrorCode::kInvalidArgument,
                                               What(cr) + ": regex does not compile"}
                                       : failure;
    }
    return rx.ok ? &rx : nullptr;
  }

  hs_scratch_t* AcquireScratch() const {
    {
      std::lock_guard lock(mu);
      if (!free_scratch.empty()) {
        hs_scratch_t* s = free_scratch.back();
        free_scratch.pop_back();
        return s;
      }
    }
    hs_scratch_t* s = nullptr;
    if (proto == nullptr || hs_clone_scratch(proto, &s) != HS_SUCCESS) return nullptr;
    return s;
  }
  void ReleaseScratch(hs_scratch_t* s) const {
    if (s == nullptr) return;
    std::lock_guard lock(mu);
    free_scratch.push_back(s);
  }
};

namespace {

// A confirmed secret inside one stream, at absolute offsets.
struct Found {
  size_t rule;
  uint64_t secret_begin;
  uint64_t secret_end;
  uint64_t line;
  std::string redacted;
};

struct Pending {
  size_t rule;
  uint64_t begin;  // window [begin, end) to search
  uint64_t end;
};

class StreamImpl final : public SecretStream {
 public:
  StreamImpl(const SecretScanner::Impl& impl, std::string_view path)
      : impl_(impl), path_(path) {
    for (size_t idx : impl_.path_only) {
      const SecretRule& r = *impl_.rules[idx].rule;
      if (std::ranges::any_of(r.paths, [&](const std::string& g) { return GlobMatch(g, path_); }))
        path_rules_.push_back(idx);
    }
    if (impl_.db != nullptr) {
      scratch_ = impl_.AcquireScratch();
      if (scratch_ == nullptr || hs_open_stream(impl_.db, 0, &stream_) != HS_SUCCESS) {
        stream_ = nullptr;
      }
    }
    tail_.reserve(impl_.keep);
  }

  ~StreamImpl() override {
    if (match_data_ != nullptr) pcre2_match_data_free(match_data_);
    if (stream_ != nullptr) hs_close_stream(stream_, nullptr, nullptr, nullptr);
    impl_.ReleaseScratch(scratch_);
  }

  void Feed(std::span<const uint8_t> block) override {
    if (finished_ || block.empty()) return;
    if (pos_ == 0 && !path_rules_.empty()) CheckMagic(block);
    cur_ = block;
    if (stream_ != nullptr && !stopped_) {
      hs_error_t rc = hs_scan_stream(stream_, reinterpret_cast<const char*>(block.data()),
                                     static_cast<unsigned>(block.size()), 0, scratch_,
                                     &StreamImpl::OnMatch, this);
      if (rc != HS_SUCCESS) stopped_ = true;
    }
    pos_ += block.size();
    newlines_ += CountNewlines(block.data(), block.size());
    Resolve(false);
    // Keep the last `keep` bytes for windows that reach back into this block.
    const size_t keep = impl_.keep;
    if (block.size() >= keep) {
      tail_.assign(reinterpret_cast<const char*>(block.data() + block.size() - keep), keep);
    } else {
      tail_.append(reinterpret_cast<const char*>(block.data()), block.size());
      if (tail_.size() > keep) tail_.erase(0, tail_.size() - keep);
    }
    cur_ = {};
  }

  std::vector<SecretHit> Finish(size_t* dropped) override {
    std::vector<SecretHit> out;
    if (finished_) return out;
    finished_ = true;
    if (stream_ != nullptr) {
      hs_close_stream(stream_, scratch_, stopped_ ? nullptr : &StreamImpl::OnMatch, this);
      stream_ = nullptr;
    }
    Resolve(true);
    for (size_t idx : path_rules_) {
      if (magic_ok_) {
        found_.push_back(Found{idx, 0, pos_, 0, "*****"});
      }
    }
    // When two rules report overlapping bytes, the earlier rule (more specific) wins.
    std::ranges::sort(found_, [](const Found& a, const Found& b) {
      return std::tie(a.secret_begin, a.rule) < std::tie(b.secret_begin, b.rule);
    });
    uint64_t covered = 0;
    bool any = false;
    for (Found& f : found_) {
      if (any && f.secret_begin < covered && f.secret_end > f.secret_begin) continue;
      any = true;
      covered = std::max(covered, f.secret_end);
      if (out.size() >= kMaxHitsPerFile) {
        ++dropped_;
        continue;
      }
      const SecretRule& r = *impl_.rules[f.rule].rule;
      SecretHit h;
      h.path = path_;
      h.rule_id = std::string(r.info.id);
      h.title = std::string(r.info.title);
      h.severity = r.info.severity;
      h.category = r.category;
      h.line = f.line;
      h.match = std::move(f.redacted);
      out.push_back(std::move(h));
    }
    if (dropped) *dropped = dropped_;
    return out;
  }

 private:
  static int OnMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                     unsigned int /*flags*/, void* ctx) {
    auto* self = static_cast<StreamImpl*>(ctx);
    return self->OnCandidate(id, to);
  }

  int OnCandidate(size_t id, uint64_t to) {
    if (region_end_.empty()) {
      region_end_.assign(impl_.rules.size(), 0);
      reported_end_.assign(impl_.rules.size(), 0);
    }
    if (id >= region_end_.size()) return 0;
    if (to <= region_end_[id] && region_end_[id] != 0) return 0;
    // The full match starts at most pre_width before the candidate's end and spans at most
    // max_width bytes.
    const uint64_t pre = impl_.rules[id].pre_width;
    const uint64_t begin = to > pre ? to - pre : 0;
    const uint64_t end = begin + pre + impl_.rules[id].max_width;
    region_end_[id] = end;
    pending_.push_back(Pending{id, begin, end});
    if (pending_.size() > kMaxPending) {
      stopped_ = true;
      return 1;  // stop scanning this stream
    }
    return 0;
  }

  void CheckMagic(std::span<const uint8_t> first) {
    magic_ok_ = true;
    for (size_t idx : path_rules_) {
      const std::string& m = impl_.rules[idx].rule->magic;
      if (first.size() < m.size() || std::memcmp(first.data(), m.data(), m.size()) != 0)
        magic_ok_ = false;
    }
  }

  // Absolute offset of the first retained byte.
  uint64_t RetainedBegin() const { return pos_ - cur_.size() - tail_.size(); }

  void CopyRange(uint64_t a, uint64_t b, std::string& out) const {
    out.clear();
    const uint64_t tail_begin = RetainedBegin();
    const uint64_t cur_begin = tail_begin + tail_.size();
    for (uint64_t i = a; i < b;) {
      if (i < cur_begin) {
        uint64_t n = std::min(b, cur_begin) - i;
        out.append(tail_.data() + (i - tail_begin), n);
        i += n;
      } else {
        uint64_t n = b - i;
        out.append(reinterpret_cast<const char*>(cur_.data() + (i - cur_begin)), n);
        i += n;
      }
    }
  }

  uint64_t LineAt(uint64_t offset) const {
    const uint64_t tail_begin = RetainedBegin();
    const uint64_t cur_begin = tail_begin + tail_.size();
    uint64_t after = 0;  // newlines in [offset, pos_)
    if (offset < cur_begin) {
      after += CountNewlines(std::string_view(tail_).substr(offset - tail_begin));
      after += CountNewlines(cur_.data(), cur_.size());
    } else {
      after += CountNewlines(cur_.data() + (offset - cur_begin), cur_.size() - (offset - cur_begin));
    }
    return newlines_ - after + 1;
  }

  void Resolve(bool eof) {
    if (pending_.empty()) return;
    std::vector<Pending>& ready = ready_;
    std::vector<Pending>& waiting = waiting_;
    ready.clear();
    waiting.clear();
    for (const Pending& p : pending_) {
      if (eof || p.end <= pos_) {
        ready.push_back(p);
      } else {
        waiting.push_back(p);
      }
    }
    pending_.swap(waiting);
    std::ranges::sort(ready, [](const Pending& a, const Pending& b) {
      return std::tie(a.begin, a.rule) < std::tie(b.begin, b.rule);
    });
    for (const Pending& p : ready) Confirm(p, eof);
  }

  void Confirm(const Pending& p, bool eof) {
    const CompiledRule& cr = impl_.rules[p.rule];
    const SecretRule& rule = *cr.rule;
    if (!rule.paths.empty() &&
        !std::ranges::any_of(rule.paths, [&](const std::string& g) { return GlobMatch(g, path_); }))
      return;
    const RuleRegexes* rx = impl_.Regexes(cr);
    if (rx == nullptr) return;
    const uint64_t retained = RetainedBegin();
    const uint64_t begin = std::max(p.begin, retained);
    const uint64_t win_begin = std::max(retained, begin > kContextBytes ? begin - kContextBytes : 0);
    const uint64_t win_end = std::min(p.end, pos_);
    if (win_end <= begin) return;
    CopyRange(win_begin, win_end, window_);
    const bool at_eof = eof && win_end == pos_;
    const uint32_t options = at_eof ? 0 : PCRE2_NOTEOL;
    if (match_data_ == nullptr) match_data_ = pcre2_match_data_create(kMaxGroups, nullptr);
    pcre2_match_data* md = match_data_;
    if (md == nullptr) return;
    PCRE2_SIZE off = begin - win_begin;
    while (off < window_.size()) {
      int rc = pcre2_match(rx->re.get(), reinterpret_cast<PCRE2_SPTR>(window_.data()),
                           window_.size(), off, options, md, impl_.mctx);
      if (rc < 0) break;
      PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
      const PCRE2_SIZE m0 = ov[0], m1 = ov[1];
      off = m1 > m0 ? m1 : m0 + 1;
      if (m0 < m1 && win_begin + m0 < reported_end_[p.rule]) continue;
      if (static_cast<uint32_t>(rc) <= rx->group || ov[2 * rx->group] == PCRE2_UNSET) continue;
      const PCRE2_SIZE s0 = ov[2 * rx->group], s1 = ov[2 * rx->group + 1];
      if (s1 <= s0) continue;
      std::string_view whole(window_.data() + m0, m1 - m0);
      std::string_view secret(window_.data() + s0, s1 - s0);
      if (!Accept(cr, *rx, whole, secret, m0)) continue;
      reported_end_[p.rule] = win_begin + m1;
      found_.push_back(Found{p.rule, win_begin + s0, win_begin + s1, LineAt(win_begin + m0),
                             RedactSecret(secret)});
    }
  }

  bool Accept(const CompiledRule& cr, const RuleRegexes& rx, std::string_view whole,
              std::string_view secret, size_t match_off) const {
    const SecretRule& rule = *cr.rule;
    if (rule.min_entropy > 0 && ShannonEntropy(secret) < rule.min_entropy) return false;
    if (!rule.keywords.empty()) {
      size_t ctx_begin = match_off > kContextBytes ? match_off - kContextBytes : 0;
      std::string_view ctx(window_.data() + ctx_begin, match_off - ctx_begin + whole.size());
      if (!std::ranges::any_of(rule.keywords,
                               [&](const std::string& k) { return ContainsIgnoreCaseAscii(ctx, k); }))
        return false;
    }
    if (IsPlaceholderValue(secret)) return false;
    for (const PcrePtr& a : rx.allow) {
      if (PcreFind(a.get(), secret, impl_.mctx)) return false;
    }
    for (const PcrePtr& a : impl_.allow_values) {
      if (PcreFind(a.get(), secret, impl_.mctx)) return false;
    }
    if (rule.check != nullptr && !rule.check(SecretMatch{path_, whole, secret})) return false;
    return true;
  }

  const SecretScanner::Impl& impl_;
  std::string path_;
  hs_stream_t* stream_ = nullptr;
  hs_scratch_t* scratch_ = nullptr;
  std::span<const uint8_t> cur_;
  std::string tail_;
  std::string window_;
  uint64_t pos_ = 0;
  uint64_t newlines_ = 0;
  std::vector<uint64_t> region_end_;
  std::vector<uint64_t> reported_end_;
  std::vector<Pending> pending_;
  std::vector<Pending> ready_;    // scratch of Resolve
  std::vector<Pending> waiting_;  // scratch of Resolve
  pcre2_match_data* match_data_ = nullptr;
  std::vector<Found> found_;
  std::vector<size_t> path_rules_;
  bool magic_ok_ = false;
  bool stopped_ = false;
  bool finished_ = false;
  size_t dropped_ = 0;
};

}  // namespace

SecretScanner::SecretScanner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SecretScanner::~SecretScanner() = default;

Result<std::shared_ptr<const SecretScanner>> SecretScanner::Create(const SecretConfig& config) {
  auto impl = std::make_unique<Impl>();
  impl->source = config.source;
  impl->mctx = pcre2_match_context_create(nullptr);
  if (impl->mctx == nullptr) return Fail(ErrorCode::kInternal, "out of memory");
  pcre2_set_match_limit(impl->mctx, kPcreMatchLimit);
  pcre2_set_depth_limit(impl->mctx, kPcreDepthLimit);

  for (const std::string& id : config.disable_rules) {
    bool known = std::ranges::any_of(BuiltinSecretRules(),
                                     [&](const SecretRule& r) { return r.info.id == id; });
    if (!known) {
      return Fail(ErrorCode::kInvalidArgument, "{}: disable-rules names unknown rule '{}'",
                  config.source, Excerpt(id, 64));
    }
  }
  std::vector<const SecretRule*> active;
  const size_t user_rules = config.rules.size();  // first in `active`
  for (const SecretRule& r : config.rules) {
    impl->owned.push_back(r);
    SecretRule& own = impl->owned.back();
    if (!own.user_id.empty()) own.info.id = own.user_id;
    if (!own.user_title.empty()) own.info.title = own.user_title;
    active.push_back(&own);
  }
  for (const SecretRule& r : BuiltinSecretRules()) {
    if (std::ranges::find(config.disable_rules, r.info.id) != config.disable_rules.end()) continue;
    active.push_back(&r);
  }

  std::vector<const char*> patterns;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (size_t i = 0; i < active.size(); ++i) {
    const SecretRule* r = active[i];
    CompiledRule cr;
    cr.rule = r;
    if (i < user_rules) {
      // A user's rule is validated now; the built-in ones are known to compile.
      Error error;
      if (impl->Regexes(cr, &error) == nullptr) return std::unexpected(std::move(error));
    }
    if (r->regex.empty()) {
      if (r->paths.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "{}: has neither a regex nor paths",
                    impl->What(cr));
      }
      impl->path_only.push_back(impl->rules.size());
      impl->rules.push_back(std::move(cr));
      continue;
    }
    const std::string& hs_pattern = r->prefilter.empty() ? r->regex : r->prefilter;
    patterns.push_back(hs_pattern.c_str());
    flags.push_back(HS_FLAG_MULTILINE);
    ids.push_back(static_cast<unsigned>(impl->rules.size()));
    impl->rules.push_back(std::move(cr));
  }

  // The compiled database and each pattern's match widths come from the disk cache when this
  // exact rule set was compiled before on this machine (hs_cache.h); otherwise they are
  // computed (which also validates every pattern) and stored.
  const std::string cache_key = HsCacheKey(patterns, flags, ids, HS_MODE_STREAM);
  std::vector<uint64_t> widths;
  if (!patterns.empty()) impl->db = LoadCachedHsDatabase(cache_key, &widths);
  if (impl->db && widths.size() != 2 * patterns.size()) {
    hs_free_database(impl->db);
    impl->db = nullptr;
  }
  const bool cached = impl->db != nullptr;
  if (!cached) {
    widths.clear();
    for (unsigned id : ids) {
      const SecretRule* r = impl->rules[id].rule;
      const std::string what = fmt::format(
          "{}: secret rule '{}'", config.source.empty() ? "built-in" : config.source, r->info.id);
      uint64_t pre = PC_TRY(BoundedWidth(r->prefilter.empty() ? r->regex : r->prefilter, what));
      widths.push_back(pre);
      widths.push_back(r->prefilter.empty() ? pre : PC_TRY(BoundedWidth(r->regex, what)));
    }
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    CompiledRule& cr = impl->rules[ids[i]];
    cr.pre_width = widths[2 * i];
    cr.max_width = widths[2 * i + 1];
    impl->keep = std::max<uint64_t>(impl->keep, cr.pre_width + 2 * cr.max_width + kContextBytes);
  }
  impl->keep = std::max<uint64_t>(impl->keep, kContextBytes);

  if (!patterns.empty() && !cached) {
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(patterns.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(patterns.size()), HS_MODE_STREAM, nullptr,
                         &impl->db, &err) != HS_SUCCESS) {
      std::string msg = err ? err->message : "unknown error";
      std::string rule = "?";
      if (err && err->expression >= 0 && static_cast<size_t>(err->expression) < ids.size())
        rule = std::string(impl->rules[ids[static_cast<size_t>(err->expression)]].rule->info.id);
      hs_free_compile_error(err);
      return Fail(ErrorCode::kInvalidArgument, "{}: secret rule '{}' does not compile: {}",
                  config.source.empty() ? "built-in" : config.source, rule, msg);
    }
    StoreCachedHsDatabase(cache_key, impl->db, widths);
  }
  if (impl->db) {
    if (hs_alloc_scratch(impl->db, &impl->proto) != HS_SUCCESS) {
      return Fail(ErrorCode::kInternal, "cannot allocate Vectorscan scratch space");
    }
  }

  for (std::string_view g : BuiltinAllowedPaths()) impl->allow_paths.emplace_back(g);
  for (const std::string& g : config.allow_paths) impl->allow_paths.push_back(g);
  for (const std::string& v : config.allow_values) {
    impl->allow_values.push_back(PC_TRY(CompilePcre(v, config.source + ": allow-values")));
  }
  return std::shared_ptr<const SecretScanner>(new SecretScanner(std::move(impl)));
}

Result<std::shared_ptr<const SecretScanner>> SecretScanner::Builtin() {
  static const Result<std::shared_ptr<const SecretScanner>> kBuiltin = Create(SecretConfig{});
  return kBuiltin;
}

std::unique_ptr<SecretStream> SecretScanner::OpenStream(std::string_view path) const {
  return std::make_unique<StreamImpl>(*impl_, path);
}

std::vector<SecretHit> SecretScanner::ScanText(std::string_view text, std::string_view path) const {
  StreamImpl stream(*impl_, path);
  // Vectorscan takes at most 4 GiB per call.
  constexpr size_t kChunk = 1u << 30;
  for (size_t i = 0; i < text.size(); i += kChunk) {
    std::string_view part = text.substr(i, kChunk);
    stream.Feed({reinterpret_cast<const uint8_t*>(part.data()), part.size()});
  }
  return stream.Finish(nullptr);
}

bool SecretScanner::IsPathAllowed(std::string_view path) const {
  return std::ranges::any_of(impl_->allow_paths,
                             [&](const std::string& g) { return GlobMatch(g, path); });
}

bool SecretScanner::IsKeyContainerPath(std::string_view path) {
  auto slash = path.rfind('/');
  std::string base = ToLower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  for (std::string_view ext : {".pem", ".key", ".p8", ".p12", ".pfx", ".jks", ".keystore",
                               ".der", ".asc", ".gpg", ".ppk", ".kdbx"}) {
    if (base.ends_with(ext)) return true;
  }
  for (std::string_view name : {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"}) {
    if (base.starts_with(name)) return true;
  }
  return false;
}

std::vector<const SecretRule*> SecretScanner::Rules() const {
  std::vector<const SecretRule*> out;
  for (const CompiledRule& r : impl_->rules) out.push_back(r.rule);
  return out;
}

Result<void> SecretScanner::CompileAll() const {
  for (const CompiledRule& cr : impl_->rules) {
    Error error;
    if (impl_->Regexes(cr, &error) == nullptr) return std::unexpected(std::move(error));
  }
  return {};
}

std::string RedactSecret(std::string_view secret) {
  size_t keep = secret.size() >= 8 ? 4 : secret.size() / 2;
  return SanitizeUtf8(secret.substr(0, keep)) + "*****";
}

std::vector<SecretFinding> ScanImageConfigSecrets(const SecretScanner& scanner,
                                                  const ImageConfigStrings& config) {
  std::vector<SecretFinding> out;
  auto scan = [&](const std::string& text, const std::string& path) {
    for (SecretHit& h : scanner.ScanText(text, path)) {
      SecretFinding f;
      f.rule_id = std::move(h.rule_id);
      f.title = std::move(h.title);
      f.severity = h.severity;
      f.category = std::move(h.category);
      f.path = path;
      f.line = 0;
      f.match = std::move(h.match);
      out.push_back(std::move(f));
    }
  };
  // NAME=value pairs are scanned as NAME="value" so that rules for quoted assignments apply.
  auto quoted = [](std::string_view name, std::string_view value) {
    return fmt::format("{}=\"{}\"", name, value);
  };
  for (size_t i = 0; i < config.env.size(); ++i) {
    const std::string& e = config.env[i];
    auto eq = e.find('=');
    std::string text = eq == std::string::npos ? e : quoted(e.substr(0, eq), e.substr(eq + 1));
    scan(text, fmt::format("config:Env[{}]", i));
  }
  for (const auto& [key, value] : config.labels) {
    scan(quoted(key, value), fmt::format("config:Labels[{}]", key));
  }
  if (!config.cmd.empty()) scan(Join(config.cmd, " "), "config:Cmd");
  if (!config.entrypoint.empty()) scan(Join(config.entrypoint, " "), "config:Entrypoint");
  for (size_t i = 0; i < config.history.size(); ++i) {
    scan(config.history[i], fmt::format("history[{}]", i));
  }
  return out;
}

}  // namespace portcullis
