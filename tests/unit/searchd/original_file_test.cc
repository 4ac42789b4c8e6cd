// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/original_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/temp_dir.h"

namespace archivist::searchd {
namespace {

namespace fs = std::filesystem;
using archivist::testing::TempDir;

// A record's path and whether OpenOriginal may serve it. The archive holds
// root/inside.txt, root/sub/deeper.txt, root/sub/ (a folder), a link inside
// the root to inside.txt, links out of the root to a file and to a folder,
// and outside.txt next to (not under) the root.
struct PathCase {
  std::string name;
  std::string path;
  bool served;
};

void PrintTo(const PathCase& c, std::ostream* os) { *os << c.name << " (" << c.path << ")"; }

class OriginalFileTest : public ::testing::TestWithParam<PathCase> {
 protected:
  void SetUp() override {
    dir_.Write("root/inside.txt", "inside");
    dir_.Write("root/sub/deeper.txt", "deeper");
    dir_.Write("outside.txt", "outside secret");
    dir_.Write("elsewhere/secret.txt", "outside secret");
    dir_.Write("root-sibling/file.txt", "sibling secret");
    fs::create_symlink(dir_.path() / "root" / "inside.txt", dir_.path() / "root" / "link-in.txt");
    fs::create_symlink(dir_.path() / "outside.txt", dir_.path() / "root" / "link-out.txt");
    fs::create_symlink(dir_.path() / "elsewhere", dir_.path() / "root" / "dir-out");
  }
  TempDir dir_;
};

TEST_P(OriginalFileTest, ServesOnlyRegularFilesInsideTheRoot) {
  DocumentRecord record;
  record.id = "0123456789abcdef";
  record.root = (dir_.path() / "root").string();
  record.path = GetParam().path;
  record.format = "text";
  Result<std::shared_ptr<OriginalFile>> opened = OpenOriginal(record);
  EXPECT_EQ(opened.ok(), GetParam().served) << (opened.ok() ? "" : opened.error().message);
  if (opened.ok()) {
    char buffer[64] = {};
    const ssize_t n = pread(opened.value()->fd, buffer, sizeof buffer - 1, 0);
    ASSERT_GT(n, 0);
    EXPECT_EQ(std::string(buffer).find("secret"), std::string::npos);
    EXPECT_EQ(opened.value()->size, static_cast<std::uint64_t>(n));
    EXPECT_EQ(opened.value()->content_type, "text/plain");
  } else {
    EXPECT_EQ(opened.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(opened.error().message.find(dir_.path().string()), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Paths, OriginalFileTest,
    ::testing::Values(PathCase{"FileInRoot", "inside.txt", true},
                      PathCase{"FileInSubfolder", "sub/deeper.txt", true},
                      PathCase{"LinkStayingInside", "link-in.txt", true},
                      PathCase{"DotDotInsideTheRoot", "sub/../inside.txt", true},
                      PathCase{"DotDotOut", "../outside.txt", false},
                      PathCase{"DeepDotDotOut", "sub/../../outside.txt", false},
                      PathCase{"SiblingWithTheRootAsPrefix", "../root-sibling/file.txt", false},
                      PathCase{"LinkToAFileOutside", "link-out.txt", false},
                      PathCase{"LinkToAFolderOutside", "dir-out/secret.txt", false},
                      PathCase{"AbsolutePath", "/etc/passwd", false},
                      PathCase{"Folder", "sub", false},
                      PathCase{"Missing", "gone.txt", false},
                      PathCase{"Empty", "", false}),
    [](const ::testing::TestParamInfo<PathCase>& param) { return param.param.name; });

TEST(OriginalFileContentTypeTest, FollowsTheFormat) {
  EXPECT_EQ(ContentTypeFor("pdf"), "application/pdf");
  EXPECT_EQ(ContentTypeFor("html"), "text/html");
  EXPECT_EQ(ContentTypeFor("xml"), "application/xml");
  EXPECT_EQ(ContentTypeFor("text"), "text/plain");
  EXPECT_EQ(ContentTypeFor("weird"), "application/octet-stream");
}

}  // namespace
}  // namespace archivist::searchd
