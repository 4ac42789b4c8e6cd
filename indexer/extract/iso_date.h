// SPDX-License-Identifier: GPL-2.0-or-later
// The ISO date that opens a date value found in a file's metadata.
#pragma once

#include <string>
#include <string_view>

namespace archivist::extract {

// The digits and dashes `value` opens with, at most ten bytes: "2014-05-03"
// of "2014-05-03T10:00:00Z", "2014" of "2014年5月3日", "" of "May 2014".
// That prefix is all the record builder reads of a date (NormaliseDate);
// cutting the value at ten bytes instead split a character of a date
// written in CJK form and gave the extraction invalid UTF-8.
std::string LeadingIsoDate(std::string_view value);

}  // namespace archivist::extract
