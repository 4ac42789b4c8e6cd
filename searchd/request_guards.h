// SPDX-License-Identifier: GPL-2.0-or-later
// What searchd checks of every request before any route sees it, and adds
// to every answer: the Host header (DNS rebinding), static paths that must
// not be served (dotfiles, links out of the web UI's folder), bodies it will
// not read, and the security headers.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace archivist::searchd {

// Whether a host (lower case, without brackets or port) names the loopback.
bool IsLoopbackHost(std::string_view host);

// The host a Host header names, lower case, without brackets or port;
// nullopt when the value is not a name, an IPv4 address or a bracketed IPv6
// address, with an optional numeric port.
std::optional<std::string> HostOf(std::string_view value);

// kInvalidArgument when the request's Host is malformed, repeated, or (for
// a server listening on the loopback, `listen_host`) names anything but the
// loopback or `listen_host`; nullopt otherwise, and without a Host (HTTP/1.0).
std::optional<Error> CheckHost(const httplib::Request& req, const std::string& listen_host);

// httplib's mount serves any regular file a path reaches, through symbolic
// links out of the folder and dotfiles (.git, editors' backups) alike. What
// it must not serve is refused before it looks: a path with a segment that
// starts with a dot, or one that resolves outside `root` (canonical; empty:
// no web UI). API paths are never refused here.
bool StaticPathRefused(const std::filesystem::path& root, const std::string& path);

// A body searchd will not read: over kMaxRequestBody, of a length not
// declared (chunked), or declared in a way that is not a number.
bool BodyRefused(const httplib::Request& req);

// The Content-Security-Policy (unless the handler set a stricter one of its
// own), nosniff, no referrer, no framing.
void SetSecurityHeaders(httplib::Response& res);

}  // namespace archivist::searchd
