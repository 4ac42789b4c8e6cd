// SPDX-License-Identifier: GPL-2.0-or-later
// The country whose government publishes a web site, read from the site's
// address as a reader reads it: a .gov site is the United States federal
// government's (or a state's), .gc.ca is Canada's, .gov.uk the United
// Kingdom's, gouv.fr France's. A news site or an NGO's .org names no
// country: where it is registered is not what its pages are about.
#pragma once

#include <string>
#include <string_view>

namespace archivist::enrich {

// ISO 3166 alpha-2 of the government whose domain `host` ("www.fbi.gov",
// "oag.ca.gov", "www.canada.gc.ca", "www.gov.uk") belongs to; "" when the
// host is not a government's, or is empty. Case is ignored.
//
// Recognised: the United States' own government domains (.gov, .mil,
// .fed.us and the states' .state.XX.us), Canada's .gc.ca, and a government
// second-level domain under a country code (.gov.XX, .gob.XX, .gouv.XX,
// .go.XX, .govt.XX, .gv.XX), with .uk read as GB. Governments that use
// ordinary names (rijksoverheid.nl, bund.de) are not recognised.
std::string GovernmentSiteCountry(std::string_view host);

}  // namespace archivist::enrich
