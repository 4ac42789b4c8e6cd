// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/accept_encoding.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace archivist::searchd {
namespace {

constexpr std::string_view kHeaderName = "accept-encoding:";

bool StartsWithHeaderName(std::string_view line) {
  if (line.size() < kHeaderName.size()) return false;
  return std::equal(kHeaderName.begin(), kHeaderName.end(), line.begin(), [](char want, char got) {
    return want == std::tolower(static_cast<unsigned char>(got));
  });
}

}  // namespace

void DeclineBrotli(std::string& received, std::size_t head_length) {
  const std::size_t end = std::min(head_length, received.size());
  std::size_t begin = received.find('\n');  // the request line names no coding
  while (begin != std::string::npos && begin + 1 < end) {
    ++begin;
    std::size_t line_end = received.find('\n', begin);
    if (line_end == std::string::npos || line_end > end) line_end = end;
    const std::string_view line(received.data() + begin, line_end - begin);
    if (StartsWithHeaderName(line)) {
      // httplib looks for "br" anywhere in the value, with or without a
      // weight, and so does this.
      for (std::size_t at = begin + kHeaderName.size(); at + 1 < line_end; ++at) {
        if ((received[at] == 'b' || received[at] == 'B') &&
            (received[at + 1] == 'r' || received[at + 1] == 'R')) {
          received[at] = '-';
          received[at + 1] = '-';
        }
      }
    }
    begin = line_end < end ? line_end : std::string::npos;
  }
}

}  // namespace archivist::searchd
