// SPDX-License-Identifier: GPL-2.0-or-later
// What an index holds, as the crash tests compare it: each document's id,
// title and files. What must survive any interruption of the indexer.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/record.h"

namespace archivist::testing {

using IndexContent = std::map<std::string, std::pair<std::string, std::set<std::string>>>;

// The content of the index at `index`; a record that cannot be read or an
// id held twice fails the calling test.
inline IndexContent ContentOf(const std::string& index) {
  IndexContent content;
  Xapian::Database db(index);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Result<DocumentRecord> record = RecordFromJson(db.get_document(*it).get_data());
    EXPECT_TRUE(record.ok()) << "document " << *it << " of " << index;
    if (!record.ok()) continue;
    std::set<std::string> files;
    for (const FileLocation& location : Locations(record.value())) files.insert(location.path);
    EXPECT_EQ(content.count(record.value().id), 0u) << "duplicate document " << record.value().id;
    content[record.value().id] = {record.value().title, files};
  }
  return content;
}

}  // namespace archivist::testing
