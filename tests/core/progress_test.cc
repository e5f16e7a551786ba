#include "core/progress.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

namespace portcullis {
namespace {

// A pseudo-terminal: Progress draws only on terminals.
struct Pty {
  int master = -1, slave = -1;
  Pty() {
    master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0) {
      slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    }
    if (master >= 0) fcntl(master, F_SETFL, O_NONBLOCK);
  }
  ~Pty() {
    if (slave >= 0) close(slave);
    if (master >= 0) close(master);
  }
  std::string Drain() {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(master, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }
};

TEST(ProgressTest, DrawsOnATerminalAfterTheDelayAndClearsAtTheEnd) {
  Pty pty;
  ASSERT_GE(pty.slave, 0);
  {
    Progress p(true, "scanning x", 3, pty.slave, std::chrono::milliseconds(0));
    p.AddBytes(5 << 20);
    p.UnitDone();
  }
  std::string out = pty.Drain();
  EXPECT_NE(out.find("scanning x: 0/3 layers, 5 MB"), std::string::npos) << out;
  EXPECT_NE(out.find("\r\033[K"), std::string::npos);
}

TEST(ProgressTest, SilentWhenDisabledNotATerminalOrShort) {
  Pty pty;
  ASSERT_GE(pty.slave, 0);
  {
    Progress disabled(false, "x", 1, pty.slave, std::chrono::milliseconds(0));
    disabled.AddBytes(1);
    Progress short_run(true, "x", 1, pty.slave, std::chrono::hours(1));
    short_run.AddBytes(1);
  }
  EXPECT_EQ(pty.Drain(), "");
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  {
    Progress piped(true, "x", 1, pipefd[1], std::chrono::milliseconds(0));
    piped.AddBytes(1);
  }
  close(pipefd[1]);
  char c;
  EXPECT_EQ(read(pipefd[0], &c, 1), 0);
  close(pipefd[0]);
}

}  // namespace
}  // namespace portcullis
