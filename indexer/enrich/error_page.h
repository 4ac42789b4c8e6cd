// SPDX-License-Identifier: GPL-2.0-or-later
// Whether a captured web page is a server's error page ("404 Not Found")
// saved in place of the page its address named.
#pragma once

#include <string_view>

namespace archivist::enrich {

// True when `title` says the page was not found or the server failed:
// one of its parts between separators (" - ", " | ", " – ", ": ") is a
// "Not Found", "Page not found", "404" or "Error 404" in English, French,
// Dutch, Portuguese, Spanish or German ("Not Found - CSMonitor.com").
// Such a page holds the site's menus and an apology, not the article: it is
// about no country, whatever its address or menus name. Thread-safe.
bool IsErrorPageTitle(std::string_view title);

}  // namespace archivist::enrich
