// SPDX-License-Identifier: GPL-2.0-or-later
// link-editions INDEX WORK ID...: makes the documents ID... of the index at
// INDEX editions of the work WORK (tests/support/link_editions.h), for the
// browser test, which builds its index with the real binaries and has no
// other way to link documents until the indexer's linking pass does.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "tests/support/link_editions.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: link-editions INDEX WORK ID...\n");
    return 2;
  }
  const std::vector<std::string> ids(argv + 3, argv + argc);
  try {
    archivist::testing::LinkEditions(argv[1], ids, argv[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "link-editions: %s\n", e.what());
    return 1;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "link-editions: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
