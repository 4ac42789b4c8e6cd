// SPDX-License-Identifier: GPL-2.0-or-later
// docs/api/openapi.yaml, read once per test program: what the HTTP tests
// hold every answer of searchd to. Needs ARCHIVIST_SOURCE_DIR (the
// repository's root), as the integration tests define it.
#pragma once

#include "tests/support/openapi_checker.h"

namespace archivist::testing {

inline const OpenApiChecker& ApiSpec() {
  static const OpenApiChecker kSpec(ARCHIVIST_SOURCE_DIR "/docs/api/openapi.yaml");
  return kSpec;
}

}  // namespace archivist::testing
