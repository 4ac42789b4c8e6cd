// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/plain_json.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist {
namespace {

std::size_t RunOf(const std::string& text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  return PlainJsonRun(p, p + text.size());
}

// Issue 15: the run read eight bytes at a time stops exactly where the
// byte-by-byte check stopped, whichever of the eight holds the first byte
// that is not plain: a control character, a quote, a backslash, a byte of
// a multi-byte character, DEL and '~' being plain.
TEST(PlainJsonTest, TheRunStopsAtTheFirstByteThatIsNotPlainWhereverItIs) {
  const std::string plain = "Debian Administrator's Handbook, 2.2 {x}/[y] ~";
  ASSERT_EQ(RunOf(plain), plain.size());
  const std::string stops[] = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\xc3\xa9"};
  for (const std::string& stop : stops) {
    for (std::size_t at = 0; at <= 20; ++at) {
      const std::string text = std::string(at, 'a') + stop + std::string(12, 'b');
      EXPECT_EQ(RunOf(text), at) << "at " << at;
    }
  }
  EXPECT_EQ(RunOf(std::string(17, '\x7f')), 17u);
  EXPECT_EQ(RunOf(""), 0u);
}

}  // namespace
}  // namespace archivist
