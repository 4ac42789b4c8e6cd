// SPDX-License-Identifier: GPL-2.0-or-later
#include "searchd/export_slots.h"

namespace archivist::searchd {

ExportSlots::ExportSlots(int max_at_once) : max_at_once_(max_at_once) {}

ExportSlots::Slot ExportSlots::TryTake() {
  std::uint64_t building = counts_->building.load();
  do {
    if (max_at_once_ > 0 && building >= static_cast<std::uint64_t>(max_at_once_)) {
      counts_->refused.fetch_add(1);
      return nullptr;
    }
  } while (!counts_->building.compare_exchange_weak(building, building + 1));
  // The place is given back through the counts, which the slot keeps alive.
  std::shared_ptr<Counts> counts = counts_;
  return Slot(counts.get(), [counts](const void*) { counts->building.fetch_sub(1); });
}

std::uint64_t ExportSlots::Building() const { return counts_->building.load(); }

std::uint64_t ExportSlots::Refused() const { return counts_->refused.load(); }

}  // namespace archivist::searchd
