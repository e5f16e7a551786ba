#include "rules/dockerfile/shellcheck.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <set>

#include "core/json.h"
#include "core/strings.h"
#include "rules/dockerfile/checks.h"

extern char** environ;

namespace portcullis::dockerfile {

namespace {

constexpr size_t kMaxScriptBytes = 1u << 20;
constexpr size_t kMaxOutputBytes = 16u << 20;
constexpr int kTimeoutMs = 20'000;

struct Fd {
  int fd = -1;
  ~Fd() { Close(); }
  void Close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Runs `argv` with `input` on stdin; returns its stdout. Fails with kNotFound when the program
// does not exist, kLimitExceeded past kMaxOutputBytes or kTimeoutMs.
Result<std::string> RunProcess(const std::vector<std::string>& argv, std::string_view input) {
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0) return Fail(ErrorCode::kIo, "pipe: {}", std::strerror(errno));
  Fd in_r{in[0]}, in_w{in[1]};
  if (pipe2(out, O_CLOEXEC) != 0) return Fail(ErrorCode::kIo, "pipe: {}", std::strerror(errno));
  Fd out_r{out[0]}, out_w{out[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_r.fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_w.fd, 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return Fail(rc == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, "cannot run {}: {}", argv[0],
                std::strerror(rc));
  }
  in_r.Close();
  out_w.Close();
  fcntl(in_w.fd, F_SETFL, O_NONBLOCK);
  fcntl(out_r.fd, F_SETFL, O_NONBLOCK);

  // A child that exits before reading its input must not kill us with SIGPIPE.
  sigset_t pipe_set, old_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);

  std::string output;
  size_t written = 0;
  bool failed = false;
  std::string why;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTimeoutMs);
  if (input.empty()) in_w.Close();
  while (out_r.fd >= 0) {
    pollfd fds[2];
    int n = 0;
    fds[n++] = {out_r.fd, POLLIN, 0};
    if (in_w.fd >= 0) fds[n++] = {in_w.fd, POLLOUT, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      failed = true;
      why = fmt::format("{} took longer than {} ms", argv[0], kTimeoutMs);
      break;
    }
    if (poll(fds, static_cast<nfds_t>(n), static_cast<int>(left)) < 0 && errno != EINTR) break;
    if (n == 2 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t w = ::write(in_w.fd, input.data() + written, input.size() - written);
      if (w > 0) written += static_cast<size_t>(w);
      if (w < 0 && errno != EAGAIN && errno != EINTR) written = input.size();
      if (written >= input.size()) in_w.Close();
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buf[16384];
      ssize_t r = ::read(out_r.fd, buf, sizeof buf);
      if (r > 0) {
        output.append(buf, static_cast<size_t>(r));
        if (output.size() > kMaxOutputBytes) {
          failed = true;
          why = fmt::format("{} wrote more than {} bytes", argv[0], kMaxOutputBytes);
          break;
        }
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        out_r.Close();
      }
    }
  }
  in_w.Close();
  out_r.Close();
  if (failed) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  timespec zero{0, 0};
  while (sigtimedwait(&pipe_set, nullptr, &zero) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &old_set, nullptr);
  if (failed) return Fail(ErrorCode::kLimitExceeded, "{}", why);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    return Fail(ErrorCode::kNotFound, "cannot run {}", argv[0]);
  }
  return output;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::ranges::all_of(
      s, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The shell dialect ShellCheck should use for a stage's SHELL, or "" to skip.
std::string Dialect(const std::vector<std::string>& shell) {
  if (shell.empty()) return "sh";
  std::string_view p = shell[0];
  if (size_t slash = p.rfind('/'); slash != std::string_view::npos) p = p.substr(slash + 1);
  if (p == "sh" || p == "bash" || p == "dash" || p == "ksh") return std::string(p);
  if (p == "ash" || p == "busybox") return "sh";
  return "";
}

struct Script {
  std::string text;
  std::vector<uint64_t> lines;  // Dockerfile line of each script line
};

Script BuildScript(const Dockerfile& f, const RunView& run) {
  Script s;
  const Instruction& inst = *run.instruction;
  auto add = [&](std::string_view text, uint64_t line) {
    s.text.append(text);
    s.text.push_back('\n');
    s.lines.push_back(line);
  };
  if (!run.instruction->heredocs.empty() &&
      run.scripts.size() == run.instruction->heredocs.size() &&
      run.scripts[0] == run.instruction->heredocs[0].body) {
    for (const auto& h : inst.heredocs) {
      uint64_t line = h.line;
      for (auto l : Split(h.body, '\n')) {
        if (line >= h.line + 1'000'000) break;
        add(l, line++);
      }
      if (!s.lines.empty() && s.text.ends_with("\n\n")) {
        s.text.pop_back();
        s.lines.pop_back();
      }
    }
    return s;
  }
  bool continued = false;
  for (uint64_t ln = inst.line; ln <= inst.end_line && ln <= f.lines.size(); ++ln) {
    std::string_view l = f.lines[ln - 1];
    if (ln == inst.line) {
      l = Trim(l);
      l = l.substr(std::min(l.size(), inst.keyword.size()));
      l = Trim(l);
      while (l.starts_with("--")) {
        size_t sp = l.find_first_of(" \t");
        l = sp == std::string_view::npos ? std::string_view() : Trim(l.substr(sp));
      }
    } else if (continued) {
      std::string_view t = Trim(l);
      if (t.empty() || t.front() == '#') continue;
    }
    std::string_view r = l;
    while (!r.empty() && (r.back() == ' ' || r.back() == '\t')) r.remove_suffix(1);
    continued = !r.empty() && r.back() == '\\';
    add(l, ln);
  }
  return s;
}

Severity LevelSeverity(std::string_view level) {
  if (level == "error") return Severity::kHigh;
  if (level == "warning") return Severity::kMedium;
  if (level == "info") return Severity::kLow;
  return Severity::kInfo;
}

}  // namespace

void RunShellcheck(const LintContext& context, const std::string& program,
                   std::vector<Misconfiguration>& findings, std::vector<Diagnostic>& diagnostics) {
  const Dockerfile& f = *context.file;
  if (f.escape != '\\') return;
  for (const RunView& run : context.runs) {
    if (run.onbuild || run.exec_form || run.stage < 0) continue;
    size_t index = run.index;
    std::string dialect = Dialect(run.shell);
    if (dialect.empty()) continue;
    Script script = BuildScript(f, run);
    if (script.text.size() > kMaxScriptBytes) continue;
    std::set<std::string> names;
    for (size_t i = 0; i < index; ++i) {
      const Instruction& prev = f.instructions[i];
      if (prev.keyword != "ARG" && prev.keyword != "ENV") continue;
      for (const auto& kv : prev.pairs) {
        if (IsIdentifier(kv.key)) names.insert(kv.key);
      }
    }
    std::string header;
    for (const auto& n : names) header += fmt::format("export {}=1\n", n);
    const size_t header_lines = names.size();
    auto out = RunProcess({program, "--format=json1", "--shell=" + dialect, "--severity=style",
                           "--exclude=SC2187,SC1090,SC1091", "-"},
                          header + script.text);
    if (!out) {
      Diagnostic d;
      d.code = "dockerfile.shellcheck_skipped";
      d.path = f.path;
      d.severity = Severity::kInfo;
      d.message = fmt::format("ShellCheck was not run: {}", out.error().message);
      diagnostics.push_back(std::move(d));
      return;
    }
    auto json = ParseJson(*out, "shellcheck output", kMaxOutputBytes);
    if (!json) {
      Diagnostic d;
      d.code = "dockerfile.shellcheck_output";
      d.path = f.path;
      d.line = run.instruction->line;
      d.severity = Severity::kLow;
      d.message = fmt::format("ShellCheck output could not be read: {}", json.error().message);
      diagnostics.push_back(std::move(d));
      continue;
    }
    for (const auto& c : JsonArray(*json, "comments")) {
      if (!c.is_object()) continue;
      int64_t code = JsonInt(c, "code");
      int64_t line = JsonInt(c, "line");
      int64_t end = JsonInt(c, "endLine", line);
      auto map = [&](int64_t l) -> uint64_t {
        int64_t k = l - 1 - static_cast<int64_t>(header_lines);
        if (k < 0 || k >= static_cast<int64_t>(script.lines.size())) return run.instruction->line;
        return script.lines[static_cast<size_t>(k)];
      };
      Misconfiguration m;
      m.id = fmt::format("SC{}", code);
      m.severity = LevelSeverity(JsonString(c, "level"));
      m.title = fmt::format("ShellCheck {}", m.id);
      m.kind = "dockerfile";
      m.target = f.path;
      m.path = f.path;
      m.line = map(line);
      m.end_line = std::max(m.line, map(end));
      m.resource = context.StageLabel(run.stage);
      m.message = SanitizeUtf8(Excerpt(JsonString(c, "message"), 300));
      m.remediation = fmt::format("See https://www.shellcheck.net/wiki/{}", m.id);
      m.references = {fmt::format("https://www.shellcheck.net/wiki/{}", m.id)};
      findings.push_back(std::move(m));
    }
  }
}

}  // namespace portcullis::dockerfile
