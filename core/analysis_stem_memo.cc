// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/analysis_stem_memo.h"

#include <algorithm>
#include <functional>
#include <utility>

namespace archivist {
namespace {

// The slot table's first size; Remember doubles it to stay at most half
// full, so that a probe sequence stays short.
constexpr std::size_t kFirstSlots = 64;

}  // namespace

StemMemo::StemMemo(Xapian::Stem stem, std::size_t capacity, std::size_t kept_when_full)
    : stem_(std::move(stem)),
      // Offsets are 32 bits: capacity_ words and their stems, each under
      // Xapian's 245-byte term limit, stay below 4 GiB.
      capacity_(std::clamp<std::size_t>(capacity, 1, UINT32_MAX / 512)),
      kept_when_full_(std::min(kept_when_full, capacity_ - 1)),
      slots_(kFirstSlots, kEmpty) {}

std::size_t StemMemo::SlotOf(std::string_view word, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t at = slots_[slot];
    if (at == kEmpty) return slot;
    const Entry& e = entries_[at];
    if (e.hash == hash && WordOf(e) == word) return slot;
  }
}

std::string StemMemo::operator()(const std::string& word) {
  const std::uint64_t hash = std::hash<std::string_view>{}(word);
  const std::size_t slot = SlotOf(word, hash);
  if (const std::uint32_t at = slots_[slot]; at != kEmpty) {
    Entry& e = entries_[at];
    ++e.asked;
    return std::string(bytes_.data() + e.offset + e.word_size, e.stem_size);
  }
  std::string stem = stem_(word);
  Remember(word, hash, stem);
  return stem;
}

void StemMemo::Remember(std::string_view word, std::uint64_t hash, const std::string& stem) {
  if (entries_.size() >= capacity_) KeepMostAsked();
  if (2 * (entries_.size() + 1) > slots_.size()) Reslot(2 * slots_.size());
  const auto offset = static_cast<std::uint32_t>(bytes_.size());
  bytes_.append(word);
  bytes_.append(stem);
  slots_[SlotOf(word, hash)] = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back({hash, offset, static_cast<std::uint32_t>(word.size()),
                      static_cast<std::uint32_t>(stem.size()), 1});
}

void StemMemo::KeepMostAsked() {
  std::vector<Entry> kept = std::move(entries_);
  if (kept.size() > kept_when_full_) {
    std::nth_element(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(kept_when_full_),
                     kept.end(), [](const Entry& a, const Entry& b) { return a.asked > b.asked; });
    kept.resize(kept_when_full_);
  }
  std::string bytes;
  for (Entry& e : kept) {
    const auto offset = static_cast<std::uint32_t>(bytes.size());
    bytes.append(bytes_, e.offset, e.word_size + e.stem_size);
    e.offset = offset;
    // Halved, so that words common long ago make way for today's, while a
    // word asked more than once keeps ahead of those asked once.
    e.asked = e.asked / 2 + 1;
  }
  bytes_ = std::move(bytes);
  entries_ = std::move(kept);
  Reslot(slots_.size());
}

void StemMemo::Reslot(std::size_t slots) {
  slots_.assign(slots, kEmpty);
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    slots_[SlotOf(WordOf(entries_[k]), entries_[k].hash)] = static_cast<std::uint32_t>(k);
  }
}

std::string StemMemo::get_description() const { return "remembering " + stem_.get_description(); }

}  // namespace archivist
