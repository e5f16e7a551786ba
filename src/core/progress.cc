#include "core/progress.h"

#include <unistd.h>


#include <fmt/format.h>

namespace portcullis {

Progress::Progress(bool enabled, std::string what, uint64_t total_units, int fd,
                   std::chrono::milliseconds delay)
    : enabled_(enabled && isatty(fd) == 1),
      fd_(fd),
      delay_ns_(std::chrono::duration_cast<std::chrono::nanoseconds>(delay).count()),
      what_(std::move(what)),
      total_units_(total_units),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (!enabled_) return;
  std::lock_guard lock(draw_mu_);
  if (drawn_) Write("\r\033[K");
}

void Progress::Write(std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd_, text.data(), text.size());
    if (n <= 0) return;
    text.remove_prefix(static_cast<size_t>(n));
  }
}

void Progress::AddBytes(uint64_t n) {
  if (!enabled_) return;
  bytes_.fetch_add(n, std::memory_order_relaxed);
  MaybeDraw();
}

void Progress::UnitDone() {
  if (!enabled_) return;
  units_.fetch_add(1, std::memory_order_relaxed);
  MaybeDraw();
}

void Progress::MaybeDraw() {
  using namespace std::chrono;
  int64_t now = duration_cast<nanoseconds>(steady_clock::now() - start_).count();
  if (now < delay_ns_) return;  // quiet at first: short scans print nothing
  int64_t last = last_draw_ns_.load(std::memory_order_relaxed);
  if (now - last < 100'000'000) return;  // at most 10 redraws per second
  if (!last_draw_ns_.compare_exchange_strong(last, now)) return;
  std::lock_guard lock(draw_mu_);
  double mb = static_cast<double>(bytes_.load()) / (1 << 20);
  double secs = static_cast<double>(now) / 1e9;
  std::string line = fmt::format("\r\033[K{}: {}/{} layers, {:.0f} MB, {:.0f} MB/s", what_,
                                 units_.load(), total_units_, mb, mb / secs);
  Write(line);
  drawn_ = true;
}

}  // namespace portcullis
