// Progress: one self-overwriting status line on stderr for long work ("layers 2/5, 120 MB").
//
// It prints only when enabled, stderr is a terminal, and the work has run for more than a
// second; otherwise every call is a cheap no-op. All methods are thread-safe: layer tasks
// report bytes from their own threads.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace portcullis {

class Progress {
 public:
  // `what` names the work ("scanning image.tar"); `total_units` is e.g. the layer count.
  // The line goes to `fd` (a terminal, or nothing is drawn) once `delay` has passed.
  Progress(bool enabled, std::string what, uint64_t total_units, int fd = 2,
           std::chrono::milliseconds delay = std::chrono::seconds(1));
  ~Progress();  // clears the line if one was drawn

  void AddBytes(uint64_t n);  // uncompressed bytes processed
  void UnitDone();            // one layer (or file) finished

 private:
  void MaybeDraw();
  void Write(std::string_view text);

  bool enabled_;
  int fd_;
  int64_t delay_ns_;
  std::string what_;
  uint64_t total_units_;
  std::atomic<uint64_t> bytes_{0};
  std::atomic<uint64_t> units_{0};
  std::chrono::steady_clock::time_point start_;
  std::atomic<int64_t> last_draw_ns_{-1'000'000'000};  // long ago: the first draw is not held back
  std::mutex draw_mu_;
  bool drawn_ = false;
};

}  // namespace portcullis
