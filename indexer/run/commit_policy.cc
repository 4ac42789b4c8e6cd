// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/run/commit_policy.h"

namespace archivist::run {

CommitPolicy::CommitPolicy(std::size_t every_changes, std::size_t every_bytes)
    : every_changes_(every_changes), every_bytes_(every_bytes) {}

bool CommitPolicy::CountChange(std::size_t text_bytes) {
  uncommitted_ = true;
  pending_bytes_ += text_bytes;
  if (++pending_changes_ < every_changes_ && pending_bytes_ < every_bytes_) return false;
  pending_changes_ = 0;
  pending_bytes_ = 0;
  uncommitted_ = false;
  return true;
}

}  // namespace archivist::run
