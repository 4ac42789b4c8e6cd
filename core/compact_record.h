// SPDX-License-Identifier: GPL-2.0-or-later
// A stored record read straight from its bytes when it has the one shape
// ToJson writes (nlohmann's compact dump): what RecordFromJson tries first.
// A page of hits reads ten records, each with every edition of its work;
// nlohmann's lexer, even without a tree, cost about 170,000 instructions a
// record (issue 19).
#pragma once

#include <string_view>

#include "core/record.h"

namespace archivist {

// Fills `record` (a default-constructed one) from `json` and returns true
// when `json` is one object in the compact shape: no whitespace, only the
// record's own keys, each once, strings of well-formed UTF-8 with no escape
// but \" \\ \/ \b \f \n \r \t, integers without fraction or exponent within
// 64 bits, each value of its field's type. Then `record` is exactly what
// the general reading (nlohmann's parser) gives. Returns false for
// anything else, `record` then in any state: the caller reads the record
// the general way, which decides what it means or that it is damaged.
// Thread-safe.
bool ReadCompactRecord(std::string_view json, DocumentRecord& record);

}  // namespace archivist
