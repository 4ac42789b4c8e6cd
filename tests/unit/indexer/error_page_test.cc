// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/error_page.h"

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

// Issue 18, part 7: the titles servers and sites give their error pages,
// in the languages we analyse, with the site's name beside them.
TEST(ErrorPageTest, TitlesThatSayThePageWasNotFound) {
  for (const char* title :
       {"Not Found - CSMonitor.com", "Page not found", "404", "404 - Not Found!",
        "Error: 404", "Page introuvable | Le Monde", "Pagina niet gevonden - Rijksoverheid",
        "Página não encontrada – Agência Brasil", "404 – Seite nicht gefunden",
        "Página no encontrada"}) {
    EXPECT_TRUE(IsErrorPageTitle(title)) << title;
  }
}

TEST(ErrorPageTest, TitlesThatOnlyMentionAnError) {
  for (const char* title :
       {"", "Human Trafficking | Florida Department of Children and Families",
        "Not Found in Any Report: Trafficking Victims - Example", "Law 404 of 1998",
        "Missing children not found after 404 days", "Found - a novel"}) {
    EXPECT_FALSE(IsErrorPageTitle(title)) << title;
  }
}

}  // namespace
}  // namespace archivist::enrich
