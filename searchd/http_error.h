// SPDX-License-Identifier: GPL-2.0-or-later
// The one place that maps the project's error codes to HTTP statuses and
// writes JSON error bodies.
#pragma once

#include <httplib.h>

#include "core/error.h"

namespace archivist::searchd {

int HttpStatusFor(ErrorCode code);

// Sets the status and a body {"error":{"code":"…","message":"…"}}. For 5xx
// statuses the message is replaced by a generic one (details belong in the log).
void WriteError(httplib::Response& res, const Error& error);

}  // namespace archivist::searchd
