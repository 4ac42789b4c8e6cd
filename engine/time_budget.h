// SPDX-License-Identifier: GPL-2.0-or-later
// The time budget of one search: its matcher passes share it, and a search
// that runs out is refused rather than answered with what Xapian had found
// by then (Enquire::set_time_limit stops matching silently). Internal to
// the engine.
#pragma once

#include <algorithm>
#include <chrono>
#include <string>

#include "core/error.h"

namespace archivist {

class TimeBudget {
 public:
  using Clock = std::chrono::steady_clock;

  explicit TimeBudget(std::chrono::milliseconds budget) : budget_(budget), start_(Clock::now()) {}

  // What is left, for Enquire::set_time_limit (at least a microsecond: 0
  // would mean no limit to Xapian).
  double SecondsLeft() const {
    const double left = std::chrono::duration<double>(budget_ - (Clock::now() - start_)).count();
    return std::max(left, 1e-6);
  }

  // Throws Exception(kInvalidArgument) naming the budget once it is spent:
  // the matcher stopped early and what it found is not the answer. Call it
  // after each matcher pass.
  void Check() const {
    if (Clock::now() - start_ < budget_) return;
    throw Exception(ErrorCode::kInvalidArgument,
                    "q: the search ran past its time budget of " + std::to_string(budget_.count()) +
                        " ms; narrow it (fewer wildcards, fewer OR'd words, a filter)");
  }

 private:
  const std::chrono::milliseconds budget_;
  const Clock::time_point start_;
};

}  // namespace archivist
