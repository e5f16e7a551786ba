// WriteOutputFile (`-o FILE`): a regular file is replaced atomically; a device or FIFO is written
// through; a symlink to a regular file, a directory, a block device are refused — never replaced.
#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/image_builder.h"

namespace portcullis {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(WriteOutputFileTest, CreatesANewFile) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteOutputFile(dir / "out.json", "{}\n"));
  EXPECT_EQ(Slurp(dir / "out.json"), "{}\n");
  // Nothing else is left in the directory (no temporary file).
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(WriteOutputFileTest, ReplacesARegularFileKeepingItsMode) {
  testing::TempDir dir;
  std::string path = dir / "out.txt";
  { std::ofstream(path) << "old report, longer than the new one"; }
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  ASSERT_TRUE(WriteOutputFile(path, "new"));
  EXPECT_EQ(Slurp(path), "new");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(WriteOutputFileTest, DevNullStaysACharacterDevice) {
  ASSERT_TRUE(WriteOutputFile("/dev/null", "report"));
  struct stat st;
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(WriteOutputFileTest, AFifoIsWrittenThroughNotReplaced) {
  testing::TempDir dir;
  std::string fifo = dir / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] { got = Slurp(fifo); });
  auto written = WriteOutputFile(fifo, "through the pipe");
  reader.join();
  ASSERT_TRUE(written) << written.error().ToString();
  EXPECT_EQ(got, "through the pipe");
  struct stat st;
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST(WriteOutputFileTest, ASymlinkToARegularFileIsRefusedAndBothStayAsTheyWere) {
  testing::TempDir dir;
  std::string target = dir / "target.txt";
  std::string link = dir / "link.txt";
  { std::ofstream(target) << "precious"; }
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  auto written = WriteOutputFile(link, "report");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(written.error().message.find("symbolic link"), std::string::npos);
  EXPECT_EQ(Slurp(target), "precious");
  struct stat st;
  ASSERT_EQ(::lstat(link.c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
}

TEST(WriteOutputFileTest, ASymlinkToADeviceIsWrittenThrough) {
  testing::TempDir dir;
  std::string link = dir / "null";
  ASSERT_EQ(::symlink("/dev/null", link.c_str()), 0);
  ASSERT_TRUE(WriteOutputFile(link, "report"));
  struct stat st;
  ASSERT_EQ(::lstat(link.c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
}

TEST(WriteOutputFileTest, ADanglingSymlinkIsRefused) {
  testing::TempDir dir;
  std::string link = dir / "dangling";
  ASSERT_EQ(::symlink((dir / "nowhere").c_str(), link.c_str()), 0);
  EXPECT_FALSE(WriteOutputFile(link, "report"));
  EXPECT_FALSE(std::filesystem::exists(dir / "nowhere"));
}

TEST(WriteOutputFileTest, ADirectoryIsRefused) {
  testing::TempDir dir;
  auto written = WriteOutputFile(dir.path(), "report");
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message.find("directory"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_directory(dir.path()));
}

}  // namespace
}  // namespace portcullis
