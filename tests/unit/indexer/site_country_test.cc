// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/enrich/site_country.h"

#include <gtest/gtest.h>

namespace archivist::enrich {
namespace {

// Issue 18: a government's web page names its country by its address even
// when its text only says "here in this country".
TEST(GovernmentSiteCountryTest, GovernmentDomainsNameTheirCountry) {
  EXPECT_EQ(GovernmentSiteCountry("www.fbi.gov"), "US");
  EXPECT_EQ(GovernmentSiteCountry("oag.ca.gov"), "US") << "California's, not Canada's";
  EXPECT_EQ(GovernmentSiteCountry("WWW.DCJS.Virginia.GOV"), "US");
  EXPECT_EQ(GovernmentSiteCountry("www.army.mil"), "US");
  EXPECT_EQ(GovernmentSiteCountry("www.state.va.us"), "US");
  EXPECT_EQ(GovernmentSiteCountry("www.canada.gc.ca"), "CA");
  EXPECT_EQ(GovernmentSiteCountry("www.gov.uk"), "GB");
  EXPECT_EQ(GovernmentSiteCountry("www.interieur.gouv.fr"), "FR");
  EXPECT_EQ(GovernmentSiteCountry("www.planalto.gov.br"), "BR");
  EXPECT_EQ(GovernmentSiteCountry("www.gob.mx"), "MX");
}

TEST(GovernmentSiteCountryTest, OtherSitesNameNone) {
  for (const char* host : {"", "gov", "www.theguardian.com", "www.polarisproject.org",
                           "www.unodc.org", "www.bbc.co.uk", "www.canada.ca", "gov.example.com",
                           "www.govt.nz.example.org", "localhost"}) {
    EXPECT_EQ(GovernmentSiteCountry(host), "") << host;
  }
}

}  // namespace
}  // namespace archivist::enrich
